import { getJson, isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import { formatDate, formatDateTime, formatNumber, localName } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { buildHash, navigate } from '../core/router.js';
import type {
  Acknowledgement,
  Approval,
  Department,
  Objective,
  ObjectivesRegister,
} from '../core/types.js';
import { badge, errorPanel, headerRow, loading, pageHeading, tableRegion } from '../core/ui.js';
import { t } from '../i18n/index.js';

function statusBadge(status: string): HTMLElement {
  const key = `objectives.status.${status.toLowerCase()}`;
  const text = t(key);
  return badge(`status-${status.toLowerCase()}`, text === key ? status : text);
}

function yearSelector(selected: number, years: number[]): HTMLElement {
  const options = [...new Set([...years, new Date().getFullYear(), selected])].sort(
    (a, b) => b - a,
  );
  const select = h(
    'select',
    { id: 'objectives-year', name: 'year' },
    options.map((year) => h('option', { value: year, selected: year === selected }, String(year))),
  );
  select.addEventListener('change', () =>
    navigate(buildHash('/objectives', { year: select.value })),
  );
  return h(
    'div',
    { class: 'form-row inline' },
    h('label', { for: 'objectives-year' }, t('objectives.year')),
    select,
  );
}

function target(objective: Objective): string {
  if (objective.targetValue === null) {
    return '';
  }
  return `${formatNumber(objective.targetValue)} ${objective.targetUnit ?? ''}`.trim();
}

function approvalCell(objective: Objective): string {
  if (!objective.approvedAt) {
    return '';
  }
  return [objective.approvedBy, formatDateTime(objective.approvedAt)].filter(Boolean).join(', ');
}

function objectiveRow(objective: Objective): HTMLTableRowElement {
  const cells = [
    objective.indicator,
    objective.formula,
    target(objective),
    objective.ownerDepartment ? localName(objective.ownerDepartment) : '',
    formatDate(objective.deadline),
    objective.resources,
    objective.evaluationMethod,
    approvalCell(objective),
    formatDateTime(objective.disseminatedAt),
  ];
  return h(
    'tr',
    { 'data-objective-position': objective.position },
    h('td', { class: 'position' }, String(objective.position)),
    h('td', null, objective.title),
    h('td', null, statusBadge(objective.status)),
    cells.map((cell) => h('td', null, cell ?? '')),
  );
}

function objectivesTable(items: Objective[]): HTMLElement {
  if (items.length === 0) {
    return h(
      'div',
      { class: 'empty-state' },
      h('p', null, t('objectives.empty')),
      h('p', null, h('a', { href: '#/start' }, t('objectives.emptyAction'))),
    );
  }
  const columns = [
    'position',
    'title',
    'status',
    'indicator',
    'formula',
    'target',
    'owner',
    'deadline',
    'resources',
    'evaluationMethod',
    'approved',
    'disseminatedAt',
  ];
  const table = h(
    'table',
    { class: 'table objectives-table' },
    headerRow(columns.map((column) => t(`objectives.columns.${column}`))),
    h('tbody', null, [...items].sort((a, b) => a.position - b.position).map(objectiveRow)),
  );
  return tableRegion(t('objectives.tableLabel'), table);
}

function approvalItem(approval: Approval): HTMLElement {
  const decision = approval.decision === 'approve' ? 'approve' : 'return';
  return h(
    'li',
    { class: `approval approval-${decision}`, 'data-decision': approval.decision },
    h(
      'p',
      { class: 'approval-line' },
      badge(`decision-${decision}`, t(`objectives.decision.${decision}`)),
      ' ',
      h('strong', null, approval.actorName ?? approval.actor),
      ' · ',
      h('time', { datetime: approval.decidedAt }, formatDateTime(approval.decidedAt)),
    ),
    approval.comment ? h('blockquote', { class: 'approval-comment' }, approval.comment) : null,
  );
}

function approvalsSection(approvals: Approval[]): HTMLElement {
  const sorted = [...approvals].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
  return h(
    'section',
    { class: 'register-section', 'aria-labelledby': 'approvals-title' },
    h('h2', { id: 'approvals-title' }, t('objectives.approvals.title')),
    sorted.length
      ? h('ol', { class: 'approval-list' }, sorted.map(approvalItem))
      : h('p', { class: 'muted' }, t('objectives.approvals.empty')),
  );
}

function acknowledgementRow(
  department: Department,
  acknowledgement: Acknowledgement | undefined,
): HTMLTableRowElement {
  const done = Boolean(acknowledgement?.acknowledgedAt);
  return h(
    'tr',
    { 'data-department': department.code },
    h('td', null, localName(department)),
    h(
      'td',
      null,
      badge(
        done ? 'acknowledged' : 'pending',
        t(done ? 'objectives.acknowledgements.done' : 'objectives.acknowledgements.pending'),
      ),
    ),
    h('td', null, acknowledgement?.actor ?? ''),
    h('td', null, formatDateTime(acknowledgement?.acknowledgedAt)),
    h('td', null, acknowledgement?.note ?? ''),
  );
}

function acknowledgementsSection(
  register: ObjectivesRegister,
  departments: Department[],
): HTMLElement {
  const byCode = new Map(register.acknowledgements.map((item) => [item.department.code, item]));
  const listed = departments.length
    ? departments
    : register.acknowledgements.map((item) => item.department);
  const columns = ['department', 'status', 'actor', 'acknowledgedAt', 'note'].map((column) =>
    t(`objectives.acknowledgements.columns.${column}`),
  );
  const table = h(
    'table',
    { class: 'table' },
    headerRow(columns),
    h(
      'tbody',
      null,
      listed.map((department) => acknowledgementRow(department, byCode.get(department.code))),
    ),
  );
  return h(
    'section',
    { class: 'register-section', 'aria-labelledby': 'acknowledgements-title' },
    h('h2', { id: 'acknowledgements-title' }, t('objectives.acknowledgements.title')),
    tableRegion(t('objectives.acknowledgements.title'), table),
  );
}

function instanceLinks(items: Objective[]): HTMLElement | null {
  const keys = [
    ...new Set(
      items.map((item) => item.processInstanceKey).filter((key): key is string => Boolean(key)),
    ),
  ];
  if (keys.length === 0) {
    return null;
  }
  const links = keys.map((key) =>
    h(
      'a',
      { href: `#/instances/${encodeURIComponent(key)}` },
      t('objectives.viewInstance', { key }),
    ),
  );
  return h('p', { class: 'instance-links' }, links);
}

// Approved objectives are issued by a decision of the agency head; offer it
// as the Vietnamese administrative document in both formats.
function decisionLinks(year: number, items: Objective[]): HTMLElement | null {
  if (!items.some((item) => item.status !== 'draft')) {
    return null;
  }
  const link = (format: 'pdf' | 'docx') =>
    h(
      'a',
      {
        class: 'button secondary',
        href: `/api/objectives/decision?year=${year}&format=${format}`,
        download: '',
      },
      t(`objectives.decisionDocument.${format}`),
    );
  return h(
    'p',
    { class: 'instance-links' },
    t('objectives.decisionDocument.label'),
    ' ',
    link('pdf'),
    ' ',
    link('docx'),
  );
}

/** Renders the objectives register of one year: objectives, approval record, acknowledgements. */
export async function renderObjectivesPage(context: PageContext): Promise<void> {
  const year = Number(context.route.query.get('year')) || new Date().getFullYear();
  const title = t('objectives.title');
  context.setTitle(title);
  context.root.replaceChildren(pageHeading(title), loading());
  try {
    const [register, departments] = await Promise.all([
      getJson<ObjectivesRegister>(`/api/objectives?year=${year}`, context.signal),
      getJson<{ items: Department[] }>('/api/departments', context.signal),
    ]);
    context.root.replaceChildren(
      pageHeading(title, yearSelector(year, register.years)),
      h('h2', { class: 'section-year' }, t('objectives.yearHeading', { year })),
      objectivesTable(register.items),
      ...[instanceLinks(register.items), decisionLinks(year, register.items)].filter(
        (node): node is HTMLElement => node !== null,
      ),
      approvalsSection(register.approvals),
      acknowledgementsSection(register, departments.items),
    );
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(pageHeading(title), errorPanel(error, context.reload));
    }
  }
}
