import type { InstanceReplay, LabelledReplayEvent } from '../../history/replay.js';
import type { ReplaySnapshot, VariableValue } from '../../history/replay-state.js';
import { h } from '../core/dom.js';
import type { Child } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import { definitionList, headerRow, tableRegion } from '../core/ui.js';
import { getLanguage, t } from '../i18n/index.js';
import { formTextCatalog } from '../forms/translate-schema.js';
import {
  fieldLabelsOf,
  fieldOrder,
  optionsOf,
  type FieldLabel,
} from '../../forms/form-field-labels.js';
import {
  eventTypeLabel,
  groupLabel,
  meaningLabel,
  personLabel,
  signerLabel,
  valueElement,
  valueText,
} from './replay-labels.js';

/** Readable labels of the elements of the version drawn at a step, by element id. */
export type ElementNames = Map<string, string>;

// The label, with the element id in the title for an auditor who needs it.
function nameOf(names: ElementNames, elementId: string | null): Child {
  if (!elementId) return '';
  return h('span', { title: elementId }, names.get(elementId) ?? elementId);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Variable values at the step, which dynamic options are read from. */
type StepVariables = Map<string, unknown>;

// An option's label, with the stored value in the title for an auditor who needs it.
function optionElement(label: string, value: unknown): HTMLElement {
  return h('span', { class: 'replay-value', title: valueText(value) }, label);
}

function submittedValue(
  value: unknown,
  field: FieldLabel | undefined,
  variables: StepVariables,
): Child {
  if (field && field.children.size > 0 && isRecord(value))
    return submittedFields(value, field.children, variables);
  if (field && field.children.size > 0 && Array.isArray(value)) {
    return h(
      'ol',
      { class: 'replay-list-items' },
      value.map((item) =>
        h(
          'li',
          null,
          isRecord(item) ? submittedFields(item, field.children, variables) : valueText(item),
        ),
      ),
    );
  }
  const options = optionsOf(field, variables);
  if (options.size > 0 && Array.isArray(value)) {
    // A checklist or taglist stores the values of every chosen option.
    const labels = value.map((item) => options.get(String(item)) ?? valueText(item));
    return optionElement(labels.join(', '), value);
  }
  const option = options.get(String(value));
  return option === undefined ? valueElement(value) : optionElement(option, value);
}

function submittedFields(
  values: Record<string, unknown>,
  labels: Map<string, FieldLabel>,
  variables: StepVariables,
): HTMLElement {
  const entries: [string, Child][] = fieldOrder(values, labels).map((name) => {
    const field = labels.get(name);
    return [field?.label ?? name, submittedValue(values[name], field, variables)];
  });
  return definitionList(entries);
}

// The form data of a completed task, with the labels of the form version it was submitted with.
function formData(
  replay: InstanceReplay,
  event: LabelledReplayEvent,
  snapshot: ReplaySnapshot,
): HTMLElement | null {
  const variables = event.data.variables;
  if (typeof variables !== 'object' || variables === null) return null;
  const form = event.formRef ? replay.forms[event.formRef] : undefined;
  const labels = form
    ? fieldLabelsOf(
        form.schema as Record<string, unknown>,
        form.formId,
        getLanguage(),
        formTextCatalog,
      )
    : new Map<string, FieldLabel>();
  const values = variables as Record<string, unknown>;
  const stepVariables = new Map(
    snapshot.variables.map((variable) => [variable.name, variable.value]),
  );
  return h(
    'section',
    { class: 'replay-form-data', 'aria-labelledby': 'replay-form-data-title' },
    h('h3', { id: 'replay-form-data-title' }, t('replay.panel.formData')),
    Object.keys(values).length === 0
      ? h('p', { class: 'muted' }, t('replay.panel.noFormData'))
      : submittedFields(values, labels, stepVariables),
  );
}

// An approval signature: who signed, what the signature means, when, and the signer's comment.
function approvalDetails(replay: InstanceReplay, event: LabelledReplayEvent): HTMLElement | null {
  if (event.type !== 'APPROVAL_RECORDED') return null;
  const data = event.data;
  const signer = typeof data.signer === 'string' ? data.signer : event.actor;
  const signedAt = typeof data.signedAt === 'string' ? data.signedAt : event.createdAt;
  const comment = typeof data.comment === 'string' && data.comment.trim() ? data.comment : null;
  return h(
    'section',
    { class: 'replay-approval', 'aria-labelledby': 'replay-approval-title' },
    h('h3', { id: 'replay-approval-title' }, t('replayApproval.title')),
    definitionList([
      [t('replayApproval.signer'), signerLabel(replay, signer, data.signerName)],
      [t('replayApproval.meaning'), meaningLabel(data.meaning)],
      [t('replayApproval.signedAt'), h('time', { datetime: signedAt }, formatDateTime(signedAt))],
      [
        t('replayApproval.comment'),
        comment ?? h('span', { class: 'muted' }, t('replayApproval.noComment')),
      ],
    ]),
  );
}

// Describes in one line what the event changed, for the events that carry more than their type.
function eventDetail(replay: InstanceReplay, event: LabelledReplayEvent): Child {
  const data = event.data;
  switch (event.type) {
    case 'USER_TASK_CREATED': {
      const groups = Array.isArray(data.candidateGroups) ? data.candidateGroups : [];
      return data.assignee
        ? t('replay.detail.assignee', { name: personLabel(replay, String(data.assignee)) })
        : t('replay.detail.groups', {
            groups: groups.map((code) => groupLabel(replay, String(code))).join(', '),
          });
    }
    case 'USER_TASK_CLAIMED':
    case 'USER_TASK_ASSIGNED':
      return t('replay.detail.assignee', { name: personLabel(replay, data.assignee as string) });
    case 'USER_TASK_DELEGATED':
      return t('replay.detail.assignee', { name: personLabel(replay, data.delegate as string) });
    case 'USER_TASK_RESOLVED':
      return t('replay.detail.assignee', { name: personLabel(replay, data.owner as string) });
    case 'USER_TASK_COMMENTED':
      return typeof data.body === 'string' ? data.body : null;
    case 'USER_TASK_ATTACHMENT_ADDED':
    case 'USER_TASK_ATTACHMENT_DELETED':
      return typeof data.fileName === 'string' ? data.fileName : null;
    case 'VARIABLE_CREATED':
    case 'VARIABLE_UPDATED':
      return t('replay.detail.variable', {
        name: String(data.name),
        from: valueText(data.previousValue),
        to: valueText(data.value),
      });
    case 'INCIDENT_CREATED':
    case 'JOB_FAILED':
      return typeof data.errorMessage === 'string' ? data.errorMessage : null;
    case 'PROCESS_INSTANCE_MIGRATED':
      return t('replay.detail.migrated', {
        from: String(data.fromVersion),
        to: String(data.toVersion),
      });
    default:
      return null;
  }
}

function openTasksList(
  replay: InstanceReplay,
  snapshot: ReplaySnapshot,
  names: ElementNames,
): HTMLElement {
  if (snapshot.openTasks.length === 0) return h('p', { class: 'muted' }, t('replay.panel.none'));
  return h(
    'ul',
    { class: 'replay-open-tasks' },
    snapshot.openTasks.map((task) =>
      h(
        'li',
        null,
        h('strong', null, nameOf(names, task.elementId)),
        ' · ',
        task.assignee
          ? personLabel(replay, task.assignee)
          : t('replay.detail.groups', {
              groups: task.candidateGroups.map((code) => groupLabel(replay, code)).join(', '),
            }),
      ),
    ),
  );
}

function tokensList(snapshot: ReplaySnapshot, names: ElementNames): HTMLElement {
  if (snapshot.activeTokens.length === 0) return h('p', { class: 'muted' }, t('replay.panel.none'));
  return h(
    'ul',
    { class: 'replay-tokens' },
    snapshot.activeTokens.map((token) => h('li', null, nameOf(names, token.elementId))),
  );
}

function variableRow(variable: VariableValue): HTMLElement {
  const change = variable.changed
    ? h(
        'p',
        { class: 'replay-change' },
        h('span', { class: 'replay-changed-label' }, t('replay.variables.changedMark')),
        ' ',
        valueElement(variable.previousValue),
        ' → ',
        valueElement(variable.value),
      )
    : null;
  return h(
    'tr',
    { class: variable.changed ? 'replay-variable-changed' : null, 'data-variable': variable.name },
    h('th', { scope: 'row' }, variable.name),
    h('td', null, change ?? valueElement(variable.value)),
  );
}

function variablesTable(snapshot: ReplaySnapshot): HTMLElement {
  if (snapshot.variables.length === 0) return h('p', { class: 'muted' }, t('replay.panel.none'));
  const columns = ['name', 'value'].map((column) => t(`replay.variables.${column}`));
  return tableRegion(
    t('replay.panel.variables'),
    h(
      'table',
      { class: 'table replay-variables' },
      headerRow(columns),
      h('tbody', null, snapshot.variables.map(variableRow)),
    ),
  );
}

function subsection(id: string, title: string, content: Child): HTMLElement {
  return h('section', { 'aria-labelledby': id }, h('h3', { id }, title), content);
}

/** Renders the side panel of one step: the event, its data and the state after it. */
export function replayPanel(
  replay: InstanceReplay,
  event: LabelledReplayEvent,
  snapshot: ReplaySnapshot,
  names: ElementNames,
  eventNames: ElementNames,
): HTMLElement[] {
  const detail = eventDetail(replay, event);
  return [
    h(
      'h2',
      { id: 'replay-event-title' },
      t('replay.panel.stepTitle', {
        step: snapshot.step,
        total: replay.events.length,
        type: eventTypeLabel(event.type),
      }),
    ),
    definitionList([
      [t('replay.panel.actor'), personLabel(replay, event.actor)],
      [
        t('replay.panel.time'),
        h('time', { datetime: event.createdAt }, formatDateTime(event.createdAt)),
      ],
      [
        t('replay.panel.element'),
        event.elementId ? nameOf(eventNames, event.elementId) : t('replay.empty'),
      ],
      [t('replay.panel.version'), String(snapshot.version)],
      ...(detail ? ([[t('replay.panel.detail'), detail]] as [string, Child][]) : []),
    ]),
    approvalDetails(replay, event),
    formData(replay, event, snapshot),
    subsection(
      'replay-open-tasks-title',
      t('replay.panel.openTasks'),
      openTasksList(replay, snapshot, names),
    ),
    subsection('replay-tokens-title', t('replay.panel.tokens'), tokensList(snapshot, names)),
    subsection('replay-variables-title', t('replay.panel.variables'), variablesTable(snapshot)),
  ].filter((node): node is HTMLElement => node !== null);
}
