import { h } from '../../core/dom.js';
import type { Child } from '../../core/dom.js';
import { getLanguage } from '../../i18n/index.js';
import type { RegisterColumn, RegisterDefinition } from '../../registers/register-types.js';

/** A record as the register API presents it: its id and its values by column key. */
export type Values = Record<string, unknown> & { id: string };

/** The two registers of the procedure, whose columns give this page its labels. */
export interface Registers {
  reviews: RegisterDefinition;
  actions: RegisterDefinition;
}

/**
 * Returns the text in the language of the user interface. The shared translation files belong
 * to the app shell, so the management review pages carry their own texts.
 */
export function text(vi: string, en: string): string {
  return getLanguage() === 'vi' ? vi : en;
}

/** Returns the column of a register with `key`, or throws when the register has none. */
export function column(definition: RegisterDefinition, key: string): RegisterColumn {
  const found = definition.columns.find((entry) => entry.key === key);
  if (!found) throw new Error(`register ${definition.name} has no column ${key}`);
  return found;
}

/** Renders a section of the page with its heading. */
export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'register-section', 'aria-labelledby': id },
    h('h2', { id }, title),
    ...children,
  );
}
