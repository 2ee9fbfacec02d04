import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '../../config.js';

/** Language of an e-mail: the recipient's locale. */
export type MailLocale = 'vi' | 'en';

/** A rendered e-mail. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Name of a template family under `templates/mail`: one subject, text and HTML file per locale. */
export type MailTemplateName = 'notification' | 'digest';

/** Folder of the e-mail templates, `templates/mail` at the root of the project. */
export const mailTemplatesDir = path.join(projectRoot, 'templates', 'mail');

interface CompiledMail {
  subject: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
}

const cache = new Map<string, CompiledMail>();

function compile(name: MailTemplateName, locale: MailLocale): CompiledMail {
  const key = `${name}.${locale}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const read = (part: string) =>
    fs.readFileSync(path.join(mailTemplatesDir, `${key}.${part}.hbs`), 'utf8');
  // Subject and plain text are not HTML, so only the HTML part escapes its values.
  const compiled = {
    subject: Handlebars.compile(read('subject'), { noEscape: true, strict: true }),
    text: Handlebars.compile(read('text'), { noEscape: true, strict: true }),
    html: Handlebars.compile(read('html'), { strict: true }),
  };
  cache.set(key, compiled);
  return compiled;
}

/** Renders the subject, text and HTML of a template in the recipient's language. */
export function renderMail(
  name: MailTemplateName,
  locale: MailLocale,
  context: Record<string, unknown>,
): RenderedMail {
  const compiled = compile(name, locale);
  return {
    subject: compiled.subject(context).trim().replace(/\s+/g, ' '),
    text: compiled.text(context),
    html: compiled.html(context),
  };
}

/** Returns `vi` or `en` for a stored user locale, Vietnamese for anything else. */
export function mailLocale(locale: string | null | undefined): MailLocale {
  return locale === 'en' ? 'en' : 'vi';
}
