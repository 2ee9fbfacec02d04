import { getJson, isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import type { Child } from '../core/dom.js';
import { formatDate, formatDateTime } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { badge, errorPanel, headerRow, loading, pageHeading, tableRegion } from '../core/ui.js';
import { getLanguage } from '../i18n/index.js';
import {
  cellValue,
  displayValue,
  loadRegisters,
  optionText,
} from '../registers/register-format.js';
import type { ProcedureView } from './view-registry.js';
import { actionsSection } from './management-review/review-actions.js';
import {
  column,
  section,
  text,
  type Registers,
  type Values,
} from './management-review/review-view-common.js';

/** A review as `GET /api/management-reviews/:id` returns it. */
interface ReviewDetail extends Values {
  reference: string;
  status: string;
  assignments: { departmentName: string; inputs: string[] }[];
  departmentReports: {
    departmentName: string;
    reportedByName: string | null;
    reportedAt: string;
  }[];
  inputs: Record<string, string | null>;
  actions: Values[];
  approvals: {
    step: 'notice' | 'report';
    decision: 'approve' | 'return';
    comment: string | null;
    actorName: string;
    decidedAt: string;
  }[];
  documents: { notice: boolean; report: boolean };
}

const viewHash = '#/views/management-reviews';

async function loadDefinitions(signal: AbortSignal): Promise<Registers> {
  const definitions = await loadRegisters(signal);
  const byName = (name: string) => definitions.find((definition) => definition.name === name);
  const reviews = byName('management-reviews');
  const actions = byName('review-actions');
  if (!reviews || !actions)
    throw new Error(
      text('Không có sổ xem xét của lãnh đạo.', 'The management review registers are missing.'),
    );
  return { reviews, actions };
}

function reviewRow(registers: Registers, review: Values): HTMLTableRowElement {
  const cell = (key: string, status = false) =>
    h('td', null, cellValue(column(registers.reviews, key), review[key], status));
  return h(
    'tr',
    { 'data-review': String(review.reference) },
    h(
      'td',
      null,
      h('a', { href: `${viewHash}?id=${encodeURIComponent(review.id)}` }, String(review.reference)),
    ),
    h(
      'td',
      null,
      `${formatDate(String(review.periodFrom))} – ${formatDate(String(review.periodTo))}`,
    ),
    cell('meetingDate'),
    cell('status', true),
    cell('actionCount'),
  );
}

async function renderList(context: PageContext, registers: Registers): Promise<HTMLElement> {
  const page = await getJson<{ items: Values[] }>(
    '/api/registers/management-reviews?pageSize=50',
    context.signal,
  );
  if (page.items.length === 0) {
    return h(
      'p',
      { class: 'empty-state' },
      text('Chưa có cuộc xem xét nào.', 'No management review yet.'),
    );
  }
  const table = h(
    'table',
    { class: 'table review-table' },
    headerRow([
      text('Số hiệu', 'Reference'),
      text('Kỳ xem xét', 'Period'),
      text('Ngày họp', 'Meeting date'),
      text('Trạng thái', 'Status'),
      text('Số hành động', 'Actions'),
    ]),
    h(
      'tbody',
      null,
      page.items.map((review) => reviewRow(registers, review)),
    ),
  );
  return tableRegion(text('Các cuộc xem xét của lãnh đạo', 'Management reviews'), table);
}

function documentLinks(review: ReviewDetail): HTMLElement {
  const link = (kind: 'notice' | 'report', format: 'pdf' | 'docx') =>
    h(
      'a',
      {
        class: 'button secondary',
        href: `/api/management-reviews/${encodeURIComponent(review.id)}/${kind}?format=${format}`,
        download: '',
        'data-document': `${kind}-${format}`,
      },
      `${kind === 'notice' ? text('Thông báo', 'Notice') : text('Báo cáo', 'Report')} (${format.toUpperCase()})`,
    );
  const links: Child[] = [];
  if (review.documents.notice) links.push(link('notice', 'pdf'), ' ', link('notice', 'docx'), ' ');
  if (review.documents.report) links.push(link('report', 'pdf'), ' ', link('report', 'docx'));
  return h('p', { class: 'instance-links review-documents' }, ...links);
}

function approvalsSection(review: ReviewDetail): HTMLElement {
  const item = (approval: ReviewDetail['approvals'][number]) =>
    h(
      'li',
      { class: `approval approval-${approval.decision}`, 'data-decision': approval.decision },
      h(
        'p',
        { class: 'approval-line' },
        badge(
          `decision-${approval.decision}`,
          approval.decision === 'approve'
            ? text('Phê duyệt', 'Approved')
            : text('Trả lại', 'Returned'),
        ),
        ' ',
        approval.step === 'notice' ? text('Thông báo', 'Notice') : text('Báo cáo', 'Report'),
        ' · ',
        h('strong', null, approval.actorName),
        ' · ',
        h('time', { datetime: approval.decidedAt }, formatDateTime(approval.decidedAt)),
      ),
      approval.comment ? h('blockquote', { class: 'approval-comment' }, approval.comment) : null,
    );
  return section(
    'review-approvals',
    text('Ý kiến của lãnh đạo', "Leaders' decisions"),
    review.approvals.length
      ? h('ol', { class: 'approval-list' }, review.approvals.map(item))
      : h('p', { class: 'muted' }, text('Chưa có.', 'None yet.')),
  );
}

// The register names an input `inputPreviousActions`, and the review keeps it as `previousActions`.
function inputKeyOf(columnKey: string): string {
  return `${columnKey[5].toLowerCase()}${columnKey.slice(6)}`;
}

function paragraphs(value: string | null | undefined): Child {
  if (!value) return h('span', { class: 'muted' }, '—');
  return value
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => h('p', null, line));
}

function inputsSection(registers: Registers, review: ReviewDetail): HTMLElement {
  const inputs = registers.reviews.columns.filter((entry) => entry.key.startsWith('input'));
  const entries = inputs.map((entry, index) =>
    h(
      'article',
      { class: 'review-input', 'data-input': inputKeyOf(entry.key) },
      h('h3', null, `${index + 1}. ${entry.label[getLanguage()]}`),
      paragraphs(review.inputs[inputKeyOf(entry.key)]),
    ),
  );
  return section('review-inputs', text('Đầu vào (điều 9.3.2)', 'Inputs (clause 9.3.2)'), entries);
}

function reportList(review: ReviewDetail): Child {
  if (review.departmentReports.length === 0) return '';
  return h(
    'ul',
    { class: 'value-list' },
    review.departmentReports.map((entry) =>
      h(
        'li',
        null,
        [entry.departmentName, entry.reportedByName, formatDateTime(entry.reportedAt)]
          .filter(Boolean)
          .join(' · '),
      ),
    ),
  );
}

function summary(registers: Registers, review: ReviewDetail): HTMLElement {
  const value = (key: string, status = false) =>
    displayValue(column(registers.reviews, key), review[key], status);
  const rows: [string, Child][] = [
    [text('Trạng thái', 'Status'), value('status', true)],
    [
      text('Kỳ xem xét', 'Period'),
      `${formatDate(String(review.periodFrom))} – ${formatDate(String(review.periodTo))}`,
    ],
    [text('Ngày họp', 'Meeting date'), value('meetingDate')],
    [text('Hạn gửi báo cáo', 'Report due date'), formatDate(String(review.reportDueDate))],
    [
      text('Phân công báo cáo', 'Report assignments'),
      h(
        'ul',
        { class: 'value-list' },
        review.assignments.map((entry) =>
          h('li', null, `${entry.departmentName} (${entry.inputs.length})`),
        ),
      ),
    ],
    [text('Báo cáo đã nhận', 'Reports received'), reportList(review)],
    [text('Kết luận của lãnh đạo', "Leader's conclusion"), String(review.conclusion ?? '')],
  ];
  return h(
    'dl',
    { class: 'details' },
    rows
      .filter(([, content]) => content !== '')
      .map(([label, content]) =>
        h('div', { class: 'field' }, h('dt', null, label), h('dd', null, content)),
      ),
  );
}

async function renderDetail(
  context: PageContext,
  registers: Registers,
  id: string,
): Promise<HTMLElement[]> {
  const review = await getJson<ReviewDetail>(
    `/api/management-reviews/${encodeURIComponent(id)}`,
    context.signal,
  );
  const status = optionText(column(registers.reviews, 'status'), review.status);
  context.setTitle(`${review.reference} · ${status}`);
  return [
    h('p', null, h('a', { href: viewHash }, text('← Tất cả các cuộc xem xét', '← All reviews'))),
    h('h2', { class: 'review-reference' }, review.reference),
    summary(registers, review),
    documentLinks(review),
    approvalsSection(review),
    inputsSection(registers, review),
    actionsSection(context, registers, review.actions),
  ];
}

async function renderReviewsPage(context: PageContext): Promise<void> {
  const title = text('Xem xét của lãnh đạo', 'Management reviews');
  context.setTitle(title);
  context.root.replaceChildren(pageHeading(title), loading());
  try {
    const registers = await loadDefinitions(context.signal);
    const id = context.route.query.get('id');
    const content = id
      ? await renderDetail(context, registers, id)
      : [await renderList(context, registers)];
    context.root.replaceChildren(pageHeading(title), ...content);
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(pageHeading(title), errorPanel(error, context.reload));
    }
  }
}

/** The management reviews with their documents, the leaders' decisions and the actions to confirm. */
export const views: ProcedureView[] = [
  {
    name: 'management-reviews',
    title: { vi: 'Xem xét của lãnh đạo', en: 'Management reviews' },
    page: renderReviewsPage,
    listed: true,
  },
];
