import { getJson, isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import { formatDate } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { badge, errorPanel, headerRow, loading, pageHeading, tableRegion } from '../core/ui.js';
import { getLanguage } from '../i18n/index.js';
import type { ProcedureView } from './view-registry.js';

/** One row of a register list as the register API presents it. */
type RegisterItem = { id: string } & Record<string, unknown>;

const texts = {
  vi: {
    title: 'Chương trình và hồ sơ đánh giá nội bộ',
    intro:
      'Chương trình đánh giá của từng năm, kế hoạch và báo cáo của từng cuộc đánh giá, tải về dạng PDF hoặc DOCX.',
    empty: 'Chưa có chương trình đánh giá nội bộ nào được phê duyệt.',
    programme: (reference: string, year: unknown) => `Chương trình ${reference} năm ${year}`,
    programmeDocument: 'Chương trình đánh giá',
    columns: [
      'Cuộc đánh giá',
      'Phòng được đánh giá',
      'Trưởng đoàn',
      'Thời gian',
      'Trạng thái',
      'Hồ sơ',
    ],
    plan: 'Kế hoạch',
    report: 'Báo cáo',
    findings: 'Sổ phát hiện đánh giá',
  },
  en: {
    title: 'Internal audit programmes and records',
    intro:
      'The audit programme of each year, and the plan and report of each audit, to download as PDF or DOCX.',
    empty: 'No internal audit programme has been approved yet.',
    programme: (reference: string, year: unknown) => `Programme ${reference} for ${year}`,
    programmeDocument: 'Audit programme',
    columns: ['Audit', 'Department audited', 'Lead auditor', 'Dates', 'Status', 'Records'],
    plan: 'Plan',
    report: 'Report',
    findings: 'Register of audit findings',
  },
};

const planStatus: Record<string, { vi: string; en: string }> = {
  planned: { vi: 'Chưa lập kế hoạch', en: 'Not planned yet' },
  submitted: { vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
  approved: { vi: 'Đã phê duyệt', en: 'Approved' },
  completed: { vi: 'Đã đánh giá', en: 'Audited' },
};

function documentLinks(label: string, url: string): HTMLElement {
  return h(
    'span',
    { class: 'document-links' },
    `${label}: `,
    h('a', { href: `${url}?format=pdf`, download: '' }, 'PDF'),
    ' · ',
    h('a', { href: `${url}?format=docx`, download: '' }, 'DOCX'),
  );
}

function planRow(plan: RegisterItem): HTMLTableRowElement {
  const text = texts[getLanguage()];
  const status = String(plan.status);
  const planned = status === 'approved' || status === 'completed';
  return h(
    'tr',
    { 'data-plan': String(plan.reference) },
    h('td', null, String(plan.reference)),
    h('td', null, String(plan.department ?? '')),
    h('td', null, String(plan.leadAuditorName ?? '')),
    h('td', null, plan.auditFrom ? formatDate(String(plan.auditFrom)) : `${plan.plannedMonth}`),
    h('td', null, badge(status, planStatus[status]?.[getLanguage()] ?? status)),
    h(
      'td',
      null,
      planned ? documentLinks(text.plan, `/api/audits/plans/${plan.id}/document`) : null,
      status === 'completed' ? h('br') : null,
      status === 'completed'
        ? documentLinks(text.report, `/api/audits/plans/${plan.id}/report`)
        : null,
    ),
  );
}

function programmeSection(programme: RegisterItem, plans: RegisterItem[]): HTMLElement {
  const text = texts[getLanguage()];
  const headingId = `programme-${programme.id}`;
  const table = h(
    'table',
    { class: 'table' },
    headerRow(text.columns),
    h('tbody', null, plans.map(planRow)),
  );
  return h(
    'section',
    { 'aria-labelledby': headingId, 'data-programme': String(programme.reference) },
    h('h2', { id: headingId }, text.programme(String(programme.reference), programme.year)),
    h(
      'p',
      null,
      documentLinks(text.programmeDocument, `/api/audits/programmes/${programme.id}/document`),
    ),
    tableRegion(text.programme(String(programme.reference), programme.year), table),
  );
}

async function renderAuditRecords(context: PageContext): Promise<void> {
  const text = texts[getLanguage()];
  context.setTitle(text.title);
  context.root.replaceChildren(pageHeading(text.title), loading());
  try {
    const programmes = await getJson<{ items: RegisterItem[] }>(
      '/api/registers/audit-programmes?pageSize=50',
      context.signal,
    );
    const sections: HTMLElement[] = [];
    for (const programme of programmes.items) {
      const plans = await getJson<{ items: RegisterItem[] }>(
        `/api/registers/audit-plans?pageSize=200&year=${programme.year}&sort=reference&order=asc`,
        context.signal,
      );
      sections.push(programmeSection(programme, plans.items));
    }
    context.root.replaceChildren(
      pageHeading(text.title),
      h('p', { class: 'muted' }, text.intro),
      sections.length > 0 ? h('div', null, sections) : h('p', null, text.empty),
      h('p', null, h('a', { href: '#/registers/audit-findings' }, text.findings)),
    );
  } catch (error) {
    if (isAbortError(error)) return;
    context.root.replaceChildren(pageHeading(text.title), errorPanel(error, context.reload));
  }
}

export const views: ProcedureView[] = [
  {
    name: 'internal-audit',
    title: { vi: texts.vi.title, en: texts.en.title },
    page: renderAuditRecords,
    listed: true,
  },
];
