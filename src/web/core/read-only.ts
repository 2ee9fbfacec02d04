import { t } from '../i18n/index.js';
import { h } from './dom.js';
import { readingUnitId } from './reading-unit.js';
import type { Session } from './types.js';

/**
 * Returns true when the server rejects every change that the user sends. The session marks a
 * supervising auditor read-only, and anyone reading another unit than their own is read-only too.
 * Pages then hide or disable their change buttons, because each would only end in EISO_ERR_READ_ONLY.
 */
export function isReadOnly(session: Session): boolean {
  return session.user.readOnly === true || readingUnitId() !== null;
}

/** Renders the short note that explains to a read-only user why the page offers no changes. */
export function readOnlyNote(): HTMLElement {
  return h(
    'p',
    { class: 'read-only-note', 'data-read-only-note': '' },
    h('span', { class: 'badge badge-read-only' }, t('readOnlyAccess.label')),
    ' ',
    t('readOnlyAccess.hint'),
  );
}
