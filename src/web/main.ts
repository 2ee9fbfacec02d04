import './styles/base.css';
import './styles/layout.css';
import './styles/content.css';
import './styles/instance.css';
import './styles/registers.css';
import './styles/task.css';
import './styles/inbox.css';
import './styles/notifications.css';
import './styles/modeler.css';
import './styles/attachments.css';
import './styles/replay.css';
import './styles/audit-export.css';
import './styles/audit-access.css';
import './styles/audit-verify.css';
import { onUnauthorized } from './core/api.js';
import { h } from './core/dom.js';
import { setFlash, takeFlash } from './core/flash.js';
import type { Page, PageContext } from './core/page.js';
import { buildHash, matchRoute, navigate } from './core/router.js';
import type { RouteMatch, RouteName } from './core/router.js';
import { clearSession, getSession, loadSession, logout } from './core/session.js';
import { alertBox, errorPanel } from './core/ui.js';
import { onLanguageChange, t } from './i18n/index.js';
import { renderBareLayout, renderLayout } from './layout.js';
import { disconnectNotifications } from './notifications/notification-state.js';
import { renderInboxPage } from './pages/inbox.js';
import { renderInstancePage } from './pages/instance.js';
import { renderInstancesPage } from './pages/instances.js';
import { renderLoginPage } from './pages/login.js';
import { renderObjectivesPage } from './pages/objectives.js';
import { renderRegisterFormPage } from './pages/register-form.js';
import { renderRegisterListPage } from './pages/register-list.js';
import { renderRegisterRecordPage } from './pages/register-record.js';
import { renderRegistersPage } from './pages/registers.js';
import { renderStartPage } from './pages/start.js';
import { renderTaskPage } from './pages/task.js';
import { renderSettingsPage } from './pages/settings.js';
import { renderViewPage } from './pages/view.js';

const pages: Record<Exclude<RouteName, 'login'>, Page> = {
  inbox: renderInboxPage,
  task: renderTaskPage,
  start: renderStartPage,
  objectives: renderObjectivesPage,
  registers: renderRegistersPage,
  register: renderRegisterListPage,
  registerNew: renderRegisterFormPage,
  registerRecord: renderRegisterRecordPage,
  registerEdit: renderRegisterFormPage,
  instances: renderInstancesPage,
  instance: renderInstancePage,
  instanceReplay: async (context) => (await import('./pages/replay.js')).renderReplayPage(context),
  view: renderViewPage,
  settings: renderSettingsPage,
  // Only the ISO secretary and the board edit models, and the model pages load bpmn-js, so each
  // loads on its first visit and stays out of the bundle that the inbox loads.
  models: async (context) => (await import('./pages/models.js')).renderModelsPage(context),
  modelProcess: async (context) =>
    (await import('./pages/model-process.js')).renderModelProcessPage(context),
  modelForm: async (context) =>
    (await import('./pages/model-form.js')).renderModelFormPage(context),
  modelVersions: async (context) =>
    (await import('./pages/model-versions.js')).renderModelVersionsPage(context),
  modelDiff: async (context) =>
    (await import('./pages/model-diff.js')).renderModelDiffPage(context),
  modelMigration: async (context) =>
    (await import('./pages/model-migration.js')).renderModelMigrationPage(context),
  modelDraftReview: async (context) =>
    (await import('./pages/model-draft-review.js')).renderModelDraftReviewPage(context),
  auditVerify: async (context) =>
    (await import('./pages/audit-verify.js')).renderAuditVerifyPage(context),
};

const app = document.getElementById('app') as HTMLElement;
let controller: AbortController | null = null;
let disposers: (() => void)[] = [];

function leavePage(): AbortSignal {
  controller?.abort();
  disposers.forEach((dispose) => dispose());
  disposers = [];
  controller = new AbortController();
  return controller.signal;
}

function currentHash(): string {
  return location.hash || '#/inbox';
}

async function signOut(): Promise<void> {
  try {
    await logout();
  } finally {
    navigate('#/login');
  }
}

function flashBox(): HTMLElement | null {
  const flash = takeFlash();
  return flash ? alertBox(flash.kind, flash.message) : null;
}

function renderLogin(route: RouteMatch, focus: boolean): void {
  leavePage();
  disconnectNotifications();
  const main = renderBareLayout(app);
  const next = route.query.get('next') ?? '#/inbox';
  renderLoginPage(main, flashBox(), () => navigate(next.startsWith('#/') ? next : '#/inbox'));
  document.title = `${t('login.title')} · eiso`;
  if (focus) {
    main.querySelector<HTMLElement>('h1')?.focus();
  }
}

async function renderPage(
  route: RouteMatch,
  name: Exclude<RouteName, 'login'>,
  focus: boolean,
): Promise<void> {
  const session = getSession();
  if (!session) {
    navigate(buildHash('/login', { next: currentHash() }));
    return;
  }
  const signal = leavePage();
  const main = renderLayout(app, session, name, () => void signOut());
  const root = h('div', { class: `page page-${name}` });
  main.append(...[flashBox(), root].filter((node): node is HTMLElement => node !== null));
  const context: PageContext = {
    root,
    route,
    session,
    signal,
    onDispose: (dispose) => disposers.push(dispose),
    setTitle: (title) => (document.title = `${title} · eiso`),
    reload: () => void render(false),
  };
  await pages[name](context);
  if (focus && !signal.aborted) {
    root.querySelector<HTMLElement>('h1')?.focus();
  }
}

async function render(focus: boolean): Promise<void> {
  const route = matchRoute(currentHash());
  if (!route) {
    navigate('#/inbox');
    return;
  }
  if (route.name === 'login') {
    renderLogin(route, focus);
    return;
  }
  await renderPage(route, route.name, focus);
}

async function start(): Promise<void> {
  onUnauthorized(() => {
    clearSession();
    setFlash('info', t('login.sessionExpired'));
    navigate(buildHash('/login', { next: currentHash() }));
  });
  onLanguageChange(() => void render(false));
  window.addEventListener('hashchange', () => void render(true));
  try {
    await loadSession();
  } catch (error) {
    app.replaceChildren(
      h(
        'main',
        { id: 'main' },
        errorPanel(error, () => location.reload()),
      ),
    );
    return;
  }
  await render(false);
}

void start();
