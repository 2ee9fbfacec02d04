import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import type { FormTextCatalog } from './form-texts.js';

/** Folder of the English form texts, which the web app bundles and the server reads from disk. */
export const formTextsDir = path.join(projectRoot, 'src', 'web', 'i18n', 'forms');

let catalog: FormTextCatalog | null = null;

/**
 * Returns the English texts of every form, by form id, from `src/web/i18n/forms/*.en.json`:
 * the same files that the web app bundles. They are read once, on first use.
 */
export function formTextCatalog(): FormTextCatalog {
  if (catalog) return catalog;
  const files = readdirSync(formTextsDir)
    .filter((file) => file.endsWith('.en.json'))
    .sort();
  catalog = Object.assign(
    {},
    ...files.map((file) => JSON.parse(readFileSync(path.join(formTextsDir, file), 'utf8'))),
  ) as FormTextCatalog;
  return catalog;
}
