import { ApiError, getJson, isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import { setFlash } from '../core/flash.js';
import { formatDateTime } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { isReadOnly, readOnlyNote } from '../core/read-only.js';
import { navigate } from '../core/router.js';
import type { SessionUser, Task, TaskDetail } from '../core/types.js';
import {
  alertBox,
  definitionList,
  errorMessage,
  errorPanel,
  loading,
  pageHeading,
} from '../core/ui.js';
import type { TaskForm } from '../forms/task-form.js';
import { t } from '../i18n/index.js';
import {
  actionErrorBox,
  claimTask,
  completeTask,
  issueSummary,
  unclaimTask,
} from './task-actions.js';
import {
  assigneeText,
  candidateGroupsText,
  dueDateCell,
  priorityCell,
  taskStateText,
} from './task-labels.js';
import {
  collaborationTools,
  delegationBanner,
  peopleOf,
  resolveButton,
  taskTabs,
} from './task-collaboration.js';
import { uploadFormFiles } from './task-form-files.js';

// `view-only`: a leader or head opens a task that is not offered to them, to assign it.
type Mode = 'editable' | 'claimable' | 'assigned-elsewhere' | 'closed' | 'view-only';

interface TaskView {
  context: PageContext;
  detail: TaskDetail;
  status: HTMLElement;
  form: TaskForm | null;
}

function isOpen(task: Task): boolean {
  return !task.completedAt && !/^(completed|canceled|cancelled)$/i.test(task.state);
}

function modeOf(task: Task, user: SessionUser): Mode {
  const username = user.username;
  if (!isOpen(task)) {
    return 'closed';
  }
  if (task.assignee === username) {
    return 'editable';
  }
  if (task.assignee) {
    return 'assigned-elsewhere';
  }
  return task.canClaim ? 'claimable' : 'view-only';
}

function taskHeader(task: Task): HTMLElement {
  const instanceLink = h(
    'a',
    { href: `#/instances/${encodeURIComponent(task.processInstanceKey)}` },
    t('task.viewInstance'),
  );
  return h(
    'section',
    { class: 'task-header', 'aria-label': t('task.detailsLabel') },
    definitionList([
      [t('task.fields.procedure'), task.processName],
      [t('task.fields.businessKey'), task.businessKey ?? ''],
      [t('task.fields.dueDate'), dueDateCell(task)],
      [t('task.fields.priority'), priorityCell(task)],
      [t('task.fields.assignee'), assigneeText(task)],
      [t('task.fields.candidateGroups'), candidateGroupsText(task)],
      [t('task.fields.createdAt'), formatDateTime(task.createdAt)],
      [t('task.fields.state'), taskStateText(task.state)],
    ]),
    h('p', null, instanceLink),
  );
}

function modeBanner(view: TaskView, mode: Mode): HTMLElement | null {
  const { task } = view.detail;
  if (mode === 'closed') {
    const by = task.completedByName ?? task.completedBy ?? '';
    return alertBox('info', t('task.closed', { by, at: formatDateTime(task.completedAt) }));
  }
  if (mode === 'assigned-elsewhere') {
    return alertBox('info', t('task.assignedElsewhere', { assignee: assigneeText(task) }));
  }
  if (mode === 'claimable') {
    const claim = h(
      'button',
      { type: 'button', class: 'button button-primary', onclick: () => void onClaim(view) },
      t('task.claim'),
    );
    return alertBox('info', h('p', null, t('task.claimFirst')), claim);
  }
  return null;
}

async function onClaim(view: TaskView): Promise<void> {
  try {
    await claimTask(view.detail.task);
    view.context.reload();
  } catch (error) {
    view.status.replaceChildren(actionErrorBox(error, view.context.reload));
  }
}

async function onUnclaim(view: TaskView): Promise<void> {
  try {
    await unclaimTask(view.detail.task);
    view.context.reload();
  } catch (error) {
    view.status.replaceChildren(actionErrorBox(error, view.context.reload));
  }
}

function showIssues(
  view: TaskView,
  title: string,
  issues: Parameters<typeof issueSummary>[1],
): void {
  const summary = issueSummary(title, issues);
  view.status.replaceChildren(summary);
  summary.focus();
}

function handleCompletionError(view: TaskView, error: unknown): void {
  if (error instanceof ApiError && error.status === 400 && error.details.length > 0 && view.form) {
    showIssues(view, errorMessage(error), view.form.showServerErrors(error.details));
    return;
  }
  view.status.replaceChildren(actionErrorBox(error, view.context.reload));
  view.status.querySelector<HTMLElement>('[role]')?.focus();
}

async function onComplete(view: TaskView, button: HTMLButtonElement): Promise<void> {
  view.status.replaceChildren();
  const submission = view.form ? view.form.submit() : { data: {}, issues: [], files: new Map() };
  if (submission.issues.length > 0) {
    showIssues(view, t('task.form.fixErrors'), submission.issues);
    return;
  }
  button.disabled = true;
  try {
    const data = await uploadFormFiles(view.detail.task, submission.data, submission.files);
    await completeTask(view.detail.task, data);
    setFlash('success', t('task.completed', { name: view.detail.task.name }));
    navigate('#/inbox');
  } catch (error) {
    handleCompletionError(view, error);
  } finally {
    button.disabled = false;
  }
}

function actionBar(view: TaskView): HTMLElement {
  if (view.detail.task.delegationState === 'PENDING') {
    const proposal = () => (view.form ? view.form.submit().data : null);
    return h('div', { class: 'form-actions' }, resolveButton(view.detail, proposal, view.status));
  }
  const complete = h(
    'button',
    { type: 'button', class: 'button button-primary', 'data-action': 'complete' },
    t('task.complete'),
  );
  complete.addEventListener('click', () => void onComplete(view, complete));
  const unclaim = h(
    'button',
    { type: 'button', class: 'button', onclick: () => void onUnclaim(view) },
    t('task.unclaim'),
  );
  if (!view.detail.task.canUnclaim) {
    return h('div', { class: 'form-actions' }, complete);
  }
  return h('div', { class: 'form-actions' }, complete, unclaim);
}

async function mountForm(view: TaskView, container: HTMLElement, readOnly: boolean): Promise<void> {
  const { form, task, variables } = view.detail;
  if (!form) {
    container.replaceChildren(h('p', { class: 'muted' }, t('task.form.none')));
    return;
  }
  container.replaceChildren(loading());
  const { mountTaskForm } = await import('../forms/task-form.js');
  container.replaceChildren();
  const mounted = await mountTaskForm(container, form, task.formId, variables, readOnly);
  if (view.context.signal.aborted) {
    mounted.destroy();
    return;
  }
  view.form = mounted;
  view.context.onDispose(() => mounted.destroy());
}

async function renderTask(context: PageContext, detail: TaskDetail): Promise<void> {
  const view: TaskView = {
    context,
    detail,
    status: h('div', { class: 'task-status' }),
    form: null,
  };
  const mode = modeOf(detail.task, context.session.user);
  const formContainer = h('section', { class: 'task-form', 'aria-label': t('task.form.label') });
  const formPanel = h('div', null, view.status, formContainer);
  if (isReadOnly(context.session)) {
    // The server refuses a read-only user's claim, completion, comment and upload alike.
    context.setTitle(detail.task.name);
    context.root.replaceChildren(
      pageHeading(detail.task.name),
      taskHeader(detail.task),
      readOnlyNote(),
      formPanel,
    );
    await mountForm(view, formContainer, true);
    return;
  }
  const people = await peopleOf(detail, context.signal);
  const username = context.session.user.username;
  context.setTitle(detail.task.name);
  context.root.replaceChildren(
    pageHeading(detail.task.name),
    taskHeader(detail.task),
    ...[
      delegationBanner(detail, username),
      modeBanner(view, mode),
      collaborationTools(context, detail, people),
    ].filter((node): node is HTMLElement => node !== null),
    taskTabs(context, detail, formPanel, people),
  );
  await mountForm(view, formContainer, mode !== 'editable');
  if (mode === 'editable') {
    formPanel.append(actionBar(view));
  }
}

/** Renders one task: its header, claim, the form-js form and completion. */
export async function renderTaskPage(context: PageContext): Promise<void> {
  const key = context.route.params.key ?? '';
  context.setTitle(t('task.title'));
  if (!/^\d{1,18}$/.test(key)) {
    // A key that is not a number names no task; the server's schema message would show a pattern.
    context.root.replaceChildren(
      pageHeading(t('task.title')),
      alertBox('error', h('p', null, t('errors.codes.EISO_ERR_NOT_FOUND'))),
    );
    return;
  }
  context.root.replaceChildren(pageHeading(t('task.title')), loading());
  try {
    const detail = await getJson<TaskDetail>(
      `/api/tasks/${encodeURIComponent(key)}`,
      context.signal,
    );
    await renderTask(context, detail);
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(pageHeading(t('task.title')), errorPanel(error, context.reload));
    }
  }
}
