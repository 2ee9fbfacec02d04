/// <reference types="vite/client" />
import type { FormSchema } from '../core/types.js';
import {
  translateSchema as translateWith,
  type FormTextCatalog,
  type FormTexts,
} from '../../forms/form-texts.js';

/** English texts of every form, bundled from `i18n/forms/<procedure>.en.json`, by form id. */
export const formTextCatalog: FormTextCatalog = Object.assign(
  {},
  ...Object.values(
    import.meta.glob<Record<string, FormTexts>>('../i18n/forms/*.en.json', {
      eager: true,
      import: 'default',
    }),
  ),
);

/**
 * Returns a copy of a form-js schema with the English texts of `i18n/forms/*.en.json`, matched by form
 * id and then by field key, path or id. Fields missing there keep the Vietnamese text of the .form
 * file.
 */
export function translateSchema(schema: FormSchema, formId: string | null): FormSchema {
  return translateWith(schema, formId, formTextCatalog);
}
