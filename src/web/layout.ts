import { h } from './core/dom.js';
import { localName } from './core/format.js';
import type { RouteName } from './core/router.js';
import type { Session } from './core/types.js';
import { getLanguage, setLanguage, t } from './i18n/index.js';
import type { Language } from './i18n/index.js';
import { menuToggle } from './menu-toggle.js';
import { modelEditorGroups } from './models/model-access.js';

// The groups whose members verify a unit's history, as the server decides.
const historyVerifierGroups = ['board', 'iso-secretary', 'internal-auditor', 'supervising-auditor'];
import { notificationBell } from './notifications/notification-bell.js';
import { restoreUnitChoice, unitSwitcher } from './unit-switcher.js';

// Each entry: the routes that highlight it, its link, its label and, when not everyone sees it,
// the groups whose members do.
const navigation: [RouteName[], string, string, string[]?][] = [
  [['inbox', 'task'], '#/inbox', 'nav.inbox'],
  [['start'], '#/start', 'nav.start'],
  [['objectives'], '#/objectives', 'nav.objectives'],
  [
    ['registers', 'register', 'registerNew', 'registerRecord', 'registerEdit', 'view'],
    '#/registers',
    'nav.registers',
  ],
  [['instances', 'instance', 'instanceReplay'], '#/instances', 'nav.instances'],
  [
    [
      'models',
      'modelProcess',
      'modelForm',
      'modelVersions',
      'modelDiff',
      'modelMigration',
      'modelDraftReview',
    ],
    '#/models',
    'models.nav',
    modelEditorGroups,
  ],
  [['auditVerify'], '#/audit/verify', 'auditTrail.nav', historyVerifierGroups],
  [['settings'], '#/settings', 'nav.settings'],
];

const languages: [Language, string][] = [
  ['vi', 'Tiếng Việt'],
  ['en', 'English'],
];

/** Renders the buttons that switch between Vietnamese and English, each labelled in its own language. */
export function languageSwitch(): HTMLElement {
  const buttons = languages.map(([language, name]) =>
    h(
      'button',
      {
        type: 'button',
        class: 'language-button',
        lang: language,
        'aria-pressed': String(getLanguage() === language),
        onclick: () => void setLanguage(language),
      },
      name,
    ),
  );
  return h(
    'div',
    { class: 'language-switch', role: 'group', 'aria-label': t('layout.language') },
    buttons,
  );
}

function skipLink(): HTMLElement {
  return h(
    'a',
    {
      class: 'skip-link',
      href: '#main',
      onclick: (event: Event) => {
        // A plain `#main` link would change the hash route, so focus the main region directly.
        event.preventDefault();
        document.getElementById('main')?.focus();
      },
    },
    t('layout.skipToContent'),
  );
}

function userBlock(session: Session): HTMLElement {
  const { user } = session;
  const groups = user.groups.map(localName).join(', ');
  return h(
    'div',
    { class: 'user' },
    h('span', { class: 'user-name' }, user.displayName),
    groups ? h('span', { class: 'user-groups' }, groups) : null,
  );
}

function header(session: Session, account: HTMLElement, toggle: HTMLElement): HTMLElement {
  return h(
    'header',
    { class: 'app-header' },
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'product', 'aria-hidden': 'true' }, 'eiso'),
      h('span', { class: 'agency' }, localName(session.user.unit)),
    ),
    h('div', { class: 'header-tools' }, notificationBell(session.user.username), toggle, account),
  );
}

function accountTools(session: Session, onLogout: () => void): HTMLElement {
  return h(
    'div',
    { class: 'account', id: 'app-account' },
    userBlock(session),
    languageSwitch(),
    h(
      'button',
      { type: 'button', class: 'button button-quiet', onclick: onLogout },
      t('layout.logout'),
    ),
  );
}

function navBar(session: Session, active: RouteName): HTMLElement {
  const groups = session.user.groups.map((group) => group.code);
  const items = navigation
    .filter(([, , , visibleTo]) => !visibleTo || visibleTo.some((group) => groups.includes(group)))
    .map(([names, href, key]) =>
      h(
        'li',
        null,
        h('a', { href, 'aria-current': names.includes(active) ? 'page' : null }, t(key)),
      ),
    );
  return h(
    'nav',
    { class: 'app-nav', id: 'app-nav', 'aria-label': t('layout.navigation') },
    h('ul', null, items),
  );
}

/** Renders the header, the navigation and an empty `<main>`, and returns the main element. */
export function renderLayout(
  container: HTMLElement,
  session: Session,
  active: RouteName,
  onLogout: () => void,
): HTMLElement {
  const main = h('main', { id: 'main', tabindex: -1 });
  const account = accountTools(session, onLogout);
  const nav = navBar(session, active);
  const toggle = menuToggle([account, nav]);
  restoreUnitChoice(session);
  const units = unitSwitcher(session);
  container.replaceChildren(skipLink(), header(session, account, toggle), units, nav, main);
  return main;
}

/** Renders the bare frame of the login page and returns its main element. */
export function renderBareLayout(container: HTMLElement): HTMLElement {
  const main = h('main', { id: 'main', class: 'bare', tabindex: -1 });
  container.replaceChildren(main);
  return main;
}
