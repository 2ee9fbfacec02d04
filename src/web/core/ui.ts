import { getLanguage, t } from '../i18n/index.js';

// Letters that only Vietnamese text has, to tell a localized server message from an English one.
const vietnameseLetters = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
import { ApiError } from './api.js';
import { h } from './dom.js';
import type { Child } from './dom.js';

/** Returns the message for an error: a translation of the server's code when there is one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const byCode = error.code ? t(`errors.codes.${error.code}`) : '';
    if (byCode && byCode !== `errors.codes.${error.code}`) {
      return byCode;
    }
    if (error.status >= 500) {
      return t('errors.server');
    }
    // Some server messages exist only in English. A Vietnamese page leads with a Vietnamese
    // sentence for the code and keeps the server's text as the detail.
    const general = error.code ? t(`errors.general.${error.code}`) : '';
    const hasGeneral = general !== '' && general !== `errors.general.${error.code}`;
    if (getLanguage() === 'vi' && hasGeneral && !vietnameseLetters.test(error.message)) {
      return error.message
        ? t('errors.general.detail', { general, detail: error.message })
        : general;
    }
    return error.message || t(`errors.status`, { status: error.status });
  }
  if (error instanceof TypeError) {
    return t('errors.network');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Renders the loading message as a status that screen readers announce. */
export function loading(): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, t('common.loading'));
}

/** Renders an alert box. Errors get role="alert" so screen readers announce them at once. */
export function alertBox(
  kind: 'error' | 'info' | 'success' | 'warning',
  ...children: Child[]
): HTMLElement {
  const role = kind === 'error' ? 'alert' : 'status';
  return h('div', { class: `alert alert-${kind}`, role }, ...children);
}

/** Renders an error message with a retry button. */
export function errorPanel(error: unknown, retry?: () => void): HTMLElement {
  return alertBox(
    'error',
    h('p', null, errorMessage(error)),
    retry
      ? h('button', { type: 'button', class: 'button', onclick: retry }, t('common.retry'))
      : null,
  );
}

/** Renders the page heading, which the router focuses after navigation. */
export function pageHeading(text: string, ...extra: Child[]): HTMLElement {
  return h('div', { class: 'page-heading' }, h('h1', { tabindex: -1 }, text), ...extra);
}

/** Wraps a table in a scrollable, keyboard-focusable region so wide tables work at 360 px. */
export function tableRegion(label: string, table: HTMLTableElement): HTMLElement {
  return h(
    'div',
    { class: 'table-region', role: 'region', 'aria-label': label, tabindex: 0 },
    table,
  );
}

/** Renders a table header row. */
export function headerRow(labels: string[]): HTMLTableSectionElement {
  return h(
    'thead',
    null,
    h(
      'tr',
      null,
      labels.map((label) => h('th', { scope: 'col' }, label)),
    ),
  );
}

/** Renders a badge. Its class sets the colour and its text carries the meaning. */
export function badge(kind: string, text: string): HTMLElement {
  return h('span', { class: `badge badge-${kind}` }, text);
}

/** Renders previous and next buttons with "page x of y", or null for a single page. */
export function pager(
  page: number,
  pageSize: number,
  total: number,
  go: (page: number) => void,
): HTMLElement | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) {
    return null;
  }
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('common.paging') },
    h(
      'button',
      { type: 'button', class: 'button', disabled: page <= 1, onclick: () => go(page - 1) },
      t('common.previous'),
    ),
    h('span', { 'aria-live': 'polite' }, t('common.pageOf', { page, pages })),
    h(
      'button',
      { type: 'button', class: 'button', disabled: page >= pages, onclick: () => go(page + 1) },
      t('common.next'),
    ),
  );
}

/** Renders a definition list from label and value pairs, skipping empty values. */
export function definitionList(entries: [string, Child][]): HTMLElement {
  const rows = entries
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([label, value]) =>
      h('div', { class: 'field' }, h('dt', null, label), h('dd', null, value)),
    );
  return h('dl', { class: 'details' }, rows);
}
