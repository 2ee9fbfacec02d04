/// <reference types="vite/client" />
import type { Page } from '../core/page.js';
import { getLanguage } from '../i18n/index.js';

/**
 * A page of one procedure, such as the risk heat map, at `#/views/<name>`. Each file of
 * `src/web/views/` except this one exports its pages as `views`.
 */
export interface ProcedureView {
  name: string;
  title: { vi: string; en: string };
  page: Page;
  /** Shown in the list of registers as a link, next to the registers of its procedure. */
  listed?: boolean;
}

const modules = import.meta.glob<ProcedureView[]>(['./*.ts', '!./view-registry.ts'], {
  eager: true,
  import: 'views',
});

/** Every procedure view, by name. */
export const procedureViews: ReadonlyMap<string, ProcedureView> = new Map(
  Object.values(modules)
    .flat()
    .map((view) => [view.name, view]),
);

/** Returns the title of a view in the interface language. */
export function viewTitle(view: ProcedureView): string {
  return view.title[getLanguage()];
}
