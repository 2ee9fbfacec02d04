import { ApiError, getJson, isAbortError, requestJson } from '../core/api.js';
import { h } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import { setFlash } from '../core/flash.js';
import type { PageContext } from '../core/page.js';
import { isReadOnly, readOnlyNote } from '../core/read-only.js';
import { navigate } from '../core/router.js';
import { isCandidate } from '../core/session.js';
import type { InstanceDetail, Procedure, StartedInstance } from '../core/types.js';
import { alertBox, errorMessage, errorPanel, loading, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { claimTask } from './task-actions.js';

async function openFirstTask(
  context: PageContext,
  started: StartedInstance,
  name: string,
): Promise<void> {
  const url = `/api/process-instances/${encodeURIComponent(started.processInstanceKey)}`;
  const instance = await getJson<InstanceDetail>(url);
  const { user } = context.session;
  const task = instance.tasks.find(
    (candidate) =>
      !candidate.completedAt &&
      (candidate.assignee === user.username ||
        isCandidate(user, candidate.candidateGroups, candidate.candidateUsers)),
  );
  const businessKey = started.businessKey ?? started.processInstanceKey;
  if (task) {
    // The person who starts a procedure does its first step, so the page claims the task for them.
    if (!task.assignee) await claimTask(task).catch(() => undefined);
    setFlash('success', t('start.startedOpenTask', { name, businessKey }));
    navigate(`#/tasks/${encodeURIComponent(task.key)}`);
  } else {
    setFlash('success', t('start.startedNoTask', { name, businessKey }));
    navigate('#/inbox');
  }
}

async function startProcedure(
  context: PageContext,
  procedure: Procedure,
  body: { year?: number },
  status: HTMLElement,
): Promise<void> {
  const url = `/api/procedures/${encodeURIComponent(procedure.bpmnProcessId)}/instances`;
  const started = await requestJson<StartedInstance>('POST', url, body);
  try {
    await openFirstTask(context, started, procedure.name);
  } catch (error) {
    // The instance exists even when its tasks could not be read, so report that instead of an error.
    status.replaceChildren(
      alertBox('warning', t('start.startedTasksUnknown', { error: errorMessage(error) })),
    );
  }
}

function yearInput(procedure: Procedure): HTMLInputElement {
  return h('input', {
    id: `year-${procedure.bpmnProcessId}`,
    name: 'year',
    type: 'number',
    inputmode: 'numeric',
    min: 2000,
    max: 2100,
    required: true,
    value: new Date().getFullYear(),
  });
}

/** Explains a failed start; a second start of the same year or period links to the running ones. */
function startError(error: unknown): HTMLElement {
  if (error instanceof ApiError && error.code === 'EISO_ERR_CONFLICT') {
    return alertBox(
      'warning',
      t('start.alreadyStarted'),
      ' ',
      h('a', { href: '#/instances' }, t('start.openInstances')),
    );
  }
  return alertBox('error', errorMessage(error));
}

function procedureCard(context: PageContext, procedure: Procedure): HTMLElement {
  const yearly = procedure.perYear === true;
  const year = yearly ? yearInput(procedure) : null;
  const status = h('div', { class: 'card-status' });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, t('start.submit'));
  const onSubmit = async (event: Event): Promise<void> => {
    event.preventDefault();
    submit.disabled = true;
    status.replaceChildren(h('p', { role: 'status' }, t('start.starting')));
    try {
      await startProcedure(context, procedure, year ? { year: Number(year.value) } : {}, status);
    } catch (error) {
      status.replaceChildren(startError(error));
    } finally {
      submit.disabled = false;
    }
  };
  return h(
    'form',
    {
      class: 'card procedure-card',
      'data-procedure': procedure.bpmnProcessId,
      onsubmit: (event: Event) => void onSubmit(event),
    },
    h('h2', null, procedure.name),
    h('p', { class: 'muted' }, t('start.version', { version: procedure.version })),
    procedure.nextTimerStart
      ? h(
          'p',
          { class: 'muted', 'data-next-start': '' },
          t('start.nextTimerStart', { date: formatDateTime(procedure.nextTimerStart) }),
        )
      : null,
    year
      ? h('div', { class: 'form-row' }, h('label', { for: year.id }, t('start.year')), year)
      : null,
    submit,
    status,
  );
}

/** Renders the procedures that the user can start, each with its start form. */
export async function renderStartPage(context: PageContext): Promise<void> {
  context.setTitle(t('start.title'));
  context.root.replaceChildren(pageHeading(t('start.title')), loading());
  try {
    const { items: all } = await getJson<{ items: Procedure[] }>('/api/procedures', context.signal);
    // The server offers no start to a read-only user, and the page also hides the starts while
    // the user reads another unit.
    const items = isReadOnly(context.session) ? [] : all.filter((procedure) => procedure.canStart);
    const list = items.length
      ? h(
          'div',
          { class: 'card-grid' },
          items.map((procedure) => procedureCard(context, procedure)),
        )
      : h(
          'div',
          { class: 'empty-state' },
          h('p', null, t(all.length ? 'start.emptyForUser' : 'start.empty')),
        );
    context.root.replaceChildren(
      pageHeading(t('start.title')),
      ...(isReadOnly(context.session) ? [readOnlyNote()] : []),
      h('p', { class: 'muted' }, t('start.intro')),
      list,
    );
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(
        pageHeading(t('start.title')),
        errorPanel(error, context.reload),
      );
    }
  }
}
