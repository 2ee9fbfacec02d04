import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import Handlebars from 'handlebars';

import { labelOf } from './labels.js';
import {
  clockTime,
  formatNumber,
  formatTarget,
  longDate,
  numberAndSymbol,
  placeDate,
  shortDate,
  upperCase,
} from './vietnamese-format.js';

/** Folder of the document templates, `templates/documents` at the root of the project. */
export const templatesDir = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  import.meta.dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '',
  'templates',
  'documents',
);

/**
 * Extension of templates and partials: Handlebars that produces the XML markup which
 * `markupToModel` reads. Prettier formats `.hbs` files with a parser that rejects partials, and
 * it skips this extension.
 */
const TEMPLATE_EXTENSION = '.hbs.xml';

type Template = (data: unknown) => string;

// An environment of its own, so the helpers and partials here cannot clash with other users
// of Handlebars in the process.
const handlebars = Handlebars.create();
const compiled = new Map<string, Template>();
let environmentReady = false;

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

// Helper names are verbs such as `formatTarget`, because `{{target}}` would call a helper named
// `target` in place of printing the field `target`.
function registerHelpers(): void {
  handlebars.registerHelper('upperCase', (value: unknown) => upperCase(text(value)));
  handlebars.registerHelper('formatLongDate', (value: unknown) => longDate(text(value)));
  handlebars.registerHelper('formatShortDate', (value: unknown) => shortDate(text(value)));
  handlebars.registerHelper('formatPlaceDate', (place: unknown, value: unknown) =>
    placeDate(text(place), text(value)),
  );
  handlebars.registerHelper(
    'formatNumberAndSymbol',
    (number: unknown, type: unknown, agency: unknown) =>
      numberAndSymbol(typeof number === 'number' ? number : null, text(type), text(agency)),
  );
  handlebars.registerHelper('formatTime', (value: unknown) => clockTime(text(value)));
  handlebars.registerHelper('formatNumber', (value: unknown) => formatNumber(Number(value)));
  handlebars.registerHelper('formatTarget', (value: unknown, unit: unknown) =>
    formatTarget(Number(value), typeof unit === 'string' ? unit : null),
  );

  handlebars.registerHelper('label', (group: unknown, key: unknown) =>
    labelOf(text(group), text(key)),
  );
  // `@index` counts from 0 and the STT column of a table from 1.
  handlebars.registerHelper('ordinal', (index: unknown) => Number(index) + 1);

  handlebars.registerHelper('splitLines', (value: unknown) =>
    text(value)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  );
  handlebars.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.map(text).join(text(separator)) : '',
  );
  handlebars.registerHelper('countWhere', (list: unknown, key: unknown, value: unknown) =>
    Array.isArray(list)
      ? list.filter((item: Record<string, unknown>) => item[text(key)] === value).length
      : 0,
  );
}

function loadPartials(): void {
  const partialsDir = path.join(templatesDir, 'partials');
  for (const file of readdirSync(partialsDir)) {
    if (!file.endsWith(TEMPLATE_EXTENSION)) continue;
    const name = path.basename(file, TEMPLATE_EXTENSION);
    handlebars.registerPartial(name, readFileSync(path.join(partialsDir, file), 'utf8'));
  }
}

/** Returns the compiled template `name` (the file `name.hbs.xml`), compiled on first use. */
function template(name: string): Template {
  let compiledTemplate = compiled.get(name);
  if (!compiledTemplate) {
    if (!environmentReady) {
      registerHelpers();
      loadPartials();
      environmentReady = true;
    }
    const source = readFileSync(path.join(templatesDir, `${name}${TEMPLATE_EXTENSION}`), 'utf8');
    // `strict` makes a misspelt field in a template throw instead of printing nothing.
    compiledTemplate = handlebars.compile(source, { strict: true });
    compiled.set(name, compiledTemplate);
  }
  return compiledTemplate;
}

/** Renders the template `name` with validated data, returning its markup. */
export function renderTemplate(name: string, data: unknown): string {
  return template(name)(data);
}
