import { getJson, getText, isAbortError } from '../core/api.js';
import { h, type Child } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import type { HistoryEvent, Incident, InstanceDetail, Task } from '../core/types.js';
import {
  alertBox,
  definitionList,
  errorMessage,
  errorPanel,
  headerRow,
  loading,
  pageHeading,
  tableRegion,
} from '../core/ui.js';
import { readElementLabels } from '../diagram/bpmn-names.js';
import { getLanguage, hasMessage, t } from '../i18n/index.js';
import { instanceStateBadge } from './instances.js';
import { assigneeText, taskStateText } from './task-labels.js';
import type { TaskComment } from './task-collaboration-api.js';
import { commentList } from './task-panels.js';

type Names = Map<string, string>;

// The element's label, with its id in the title for an auditor who needs it.
function elementLabel(names: Names, elementId: string | null): HTMLElement | string {
  if (!elementId) return '';
  return h('span', { title: elementId }, names.get(elementId) ?? elementId);
}

function eventLabel(type: string): string {
  const key = `history.types.${type.toLowerCase().replace(/[._\s]+/g, '-')}`;
  if (hasMessage(key)) return t(key);
  return hasMessage(`collab.history.types.${type}`) ? t(`collab.history.types.${type}`) : type;
}

function textEntries(record: unknown, keys: string[]): string[] {
  if (typeof record !== 'object' || record === null) {
    return [];
  }
  const values = keys.map((key) => (record as Record<string, unknown>)[key]);
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}

/** Summarizes an event: the decision and comment of a completed task, an error, a variable name. */
function eventDetail(event: HistoryEvent): string {
  const data = event.data ?? {};
  const parts = [
    ...textEntries(data.variables, ['decision', 'comment']),
    ...textEntries(data, ['decision', 'comment', 'errorMessage', 'name']),
  ];
  return parts
    .map((part) =>
      part === 'approve' || part === 'return' ? t(`objectives.decision.${part}`) : part,
    )
    .join(' · ');
}

function incidentsBox(incidents: Incident[], names: Names): HTMLElement | null {
  const open = incidents.filter((incident) => !/resolved/i.test(incident.state));
  if (open.length === 0) {
    return null;
  }
  const items = open.map((incident) =>
    h(
      'li',
      null,
      h('strong', null, elementLabel(names, incident.elementId)),
      ': ',
      incident.errorType,
      ' · ',
      incident.errorMessage,
      ' (',
      formatDateTime(incident.createdAt),
      ')',
    ),
  );
  return alertBox('error', h('h2', null, t('instance.incidents')), h('ul', null, items));
}

function legend(): HTMLElement {
  const entries = ['completed', 'active', 'incident'].map((kind) =>
    h(
      'li',
      null,
      h('span', { class: `legend-swatch legend-${kind}`, 'aria-hidden': 'true' }),
      t(`instance.legend.${kind}`),
    ),
  );
  return h('ul', { class: 'diagram-legend', 'aria-label': t('instance.legend.label') }, entries);
}

function tasksTable(tasks: Task[]): HTMLElement {
  if (tasks.length === 0) {
    return h('p', { class: 'muted' }, t('instance.noTasks'));
  }
  const columns = ['name', 'state', 'assignee', 'createdAt', 'completedBy', 'completedAt'].map(
    (column) => t(`instance.taskColumns.${column}`),
  );
  const rows = tasks.map((task) =>
    h(
      'tr',
      null,
      h(
        'td',
        null,
        task.completedAt
          ? task.name
          : h('a', { href: `#/tasks/${encodeURIComponent(task.key)}` }, task.name),
      ),
      h('td', null, taskStateText(task.state)),
      h('td', null, assigneeText(task)),
      h('td', null, formatDateTime(task.createdAt)),
      h('td', null, task.completedByName ?? task.completedBy ?? ''),
      h('td', null, formatDateTime(task.completedAt)),
    ),
  );
  return tableRegion(
    t('instance.tasks'),
    h('table', { class: 'table' }, headerRow(columns), h('tbody', null, rows)),
  );
}

// The user's full name, with the username in the title; the username alone when unknown.
function personLabel(people: Record<string, string>, username: string | null): Child {
  if (!username) return '';
  const name = people[username];
  return name ? h('span', { title: username }, name) : username;
}

function historyTable(
  history: HistoryEvent[],
  names: Names,
  people: Record<string, string>,
): HTMLElement {
  const columns = ['time', 'event', 'element', 'actor', 'detail'].map((column) =>
    t(`instance.historyColumns.${column}`),
  );
  const rows = [...history]
    .sort((a, b) => a.position - b.position)
    .map((event) =>
      h(
        'tr',
        { 'data-history-type': event.type },
        h('td', null, h('time', { datetime: event.createdAt }, formatDateTime(event.createdAt))),
        h('td', null, eventLabel(event.type)),
        h('td', null, elementLabel(names, event.elementId)),
        h('td', null, personLabel(people, event.actor)),
        h('td', null, eventDetail(event)),
      ),
    );
  return tableRegion(
    t('instance.history'),
    h('table', { class: 'table history-table' }, headerRow(columns), h('tbody', null, rows)),
  );
}

async function mountDiagram(
  context: PageContext,
  container: HTMLElement,
  xml: string,
  instance: InstanceDetail,
): Promise<void> {
  try {
    const { mountInstanceDiagram } = await import('../diagram/instance-diagram.js');
    const diagram = await mountInstanceDiagram(container, xml, {
      completed: instance.completedElementIds,
      takenFlows: instance.takenSequenceFlowIds,
      active: instance.activeElementIds,
      incidents: instance.incidents
        .filter((incident) => !/resolved/i.test(incident.state))
        .map((incident) => incident.elementId),
    });
    if (context.signal.aborted) {
      diagram.destroy();
      return;
    }
    context.onDispose(() => diagram.destroy());
  } catch (error) {
    container.replaceChildren(
      alertBox('error', t('instance.diagramFailed', { error: errorMessage(error) })),
    );
  }
}

/** Links that download the instance's audit trail as PDF, CSV and JSON, in the page's language. */
function auditExportLinks(instance: InstanceDetail): HTMLElement {
  const base = `/api/process-instances/${encodeURIComponent(instance.key)}/audit-trail`;
  const links = (['pdf', 'csv', 'json'] as const).map((format) =>
    h(
      'a',
      {
        class: 'button',
        href: `${base}.${format}?lang=${getLanguage()}`,
        download: `audit-trail-${instance.key}.${format}`,
        'data-audit-export': format,
      },
      t(`auditExport.download.${format}`),
    ),
  );
  return h(
    'div',
    { class: 'audit-export-links', role: 'group', 'aria-label': t('auditExport.label') },
    links,
  );
}

function section(id: string, title: string, ...children: (HTMLElement | null)[]): HTMLElement {
  return h(
    'section',
    { class: 'instance-section', 'aria-labelledby': id },
    h('h2', { id }, title),
    ...children,
  );
}

function instanceComments(context: PageContext, instance: InstanceDetail): HTMLElement {
  const container = h('div', null, loading());
  getJson<TaskComment[]>(
    `/api/process-instances/${encodeURIComponent(instance.key)}/comments`,
    context.signal,
  )
    .then((comments) => container.replaceChildren(commentList(comments, true)))
    .catch((error: unknown) => {
      if (!isAbortError(error)) container.replaceChildren(errorPanel(error));
    });
  return container;
}

async function renderInstance(
  context: PageContext,
  instance: InstanceDetail,
  xml: string,
): Promise<void> {
  const names = readElementLabels(xml, getLanguage());
  const diagram = h('div', {
    class: 'diagram',
    role: 'img',
    'aria-label': t('instance.diagramLabel', { name: instance.processName }),
  });
  const title = `${instance.processName} · ${instance.businessKey ?? instance.key}`;
  context.setTitle(title);
  context.root.replaceChildren(
    pageHeading(
      title,
      h('a', { href: `#/instances/${encodeURIComponent(instance.key)}/replay` }, t('replay.open')),
      auditExportLinks(instance),
    ),
    definitionList([
      [
        t('instance.fields.state'),
        instanceStateBadge(
          instance.state,
          instance.incidents.some((incident) => !/resolved/i.test(incident.state)),
        ),
      ],
      [t('instance.fields.version'), String(instance.version)],
      [t('instance.fields.startedAt'), formatDateTime(instance.startedAt)],
      [t('instance.fields.startedBy'), personLabel(instance.people, instance.startedBy)],
      [t('instance.fields.endedAt'), formatDateTime(instance.endedAt)],
    ]),
    ...[incidentsBox(instance.incidents, names)].filter(
      (node): node is HTMLElement => node !== null,
    ),
    section('instance-diagram-title', t('instance.diagram'), legend(), diagram),
    section('instance-tasks-title', t('instance.tasks'), tasksTable(instance.tasks)),
    section(
      'instance-comments-title',
      t('collab.comments.onInstance'),
      instanceComments(context, instance),
    ),
    section(
      'instance-history-title',
      t('instance.history'),
      historyTable(instance.history, names, instance.people),
    ),
  );
  await mountDiagram(context, diagram, xml, instance);
}

/** Renders a process instance: the marked diagram, its tasks and its history. */
export async function renderInstancePage(context: PageContext): Promise<void> {
  const key = encodeURIComponent(context.route.params.key ?? '');
  context.setTitle(t('instance.title'));
  context.root.replaceChildren(pageHeading(t('instance.title')), loading());
  try {
    const [instance, xml] = await Promise.all([
      getJson<InstanceDetail>(`/api/process-instances/${key}`, context.signal),
      getText(`/api/process-instances/${key}/xml`, context.signal),
    ]);
    await renderInstance(context, instance, xml);
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(
        pageHeading(t('instance.title')),
        errorPanel(error, context.reload),
      );
    }
  }
}
