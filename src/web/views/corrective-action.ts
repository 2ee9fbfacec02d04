import { getJson, isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import { formatDate } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { errorPanel, headerRow, loading, pageHeading, tableRegion } from '../core/ui.js';
import { getLanguage } from '../i18n/index.js';
import type { ProcedureView } from './view-registry.js';

type Text = { vi: string; en: string };

interface AgeBand {
  minDays: number;
  maxDays: number | null;
  count: number;
}

interface OverdueAction {
  id: string;
  code: string;
  title: string;
  department: string | null;
  status: string;
  deadline: string;
  daysOverdue: number;
}

interface Summary {
  today: string;
  open: number;
  byStatus: { status: string; label: Text; count: number }[];
  byAge: AgeBand[];
  overdue: OverdueAction[];
}

// The shared message catalogues belong to the core, so this view carries its own texts.
const texts = {
  title: { vi: 'Hành động khắc phục đang mở', en: 'Open corrective actions' },
  intro: {
    vi: 'Sự không phù hợp chưa đóng theo thời gian kể từ khi phát hiện, và các hành động đã quá hạn kế hoạch (ISO 9001, điều 10.2).',
    en: 'Nonconformities not yet closed by time since they were raised, and the actions past the deadline of their plan (ISO 9001, clause 10.2).',
  },
  open: { vi: 'Đang mở: {count}, tính đến ngày {today}', en: 'Open: {count}, as of {today}' },
  byAge: { vi: 'Theo thời gian kể từ khi phát hiện', en: 'By time since raised' },
  byStatus: { vi: 'Theo bước xử lý', en: 'By step' },
  overdue: { vi: 'Quá hạn thực hiện', en: 'Past the plan deadline' },
  none: { vi: 'Không có hành động nào quá hạn.', en: 'No action is past its deadline.' },
  days: { vi: '{min}–{max} ngày', en: '{min}–{max} days' },
  daysOver: { vi: 'trên {min} ngày', en: 'over {min} days' },
  count: { vi: 'Số lượng', en: 'Count' },
  code: { vi: 'Mã', en: 'Code' },
  actionTitle: { vi: 'Tiêu đề', en: 'Title' },
  department: { vi: 'Phòng chủ trì', en: 'Owner department' },
  deadline: { vi: 'Thời hạn', en: 'Deadline' },
  daysLate: { vi: 'Số ngày quá hạn', en: 'Days overdue' },
  register: { vi: 'Mở sổ theo dõi', en: 'Open the register' },
} satisfies Record<string, Text>;

function say(text: Text, params: Record<string, string | number> = {}): string {
  return text[getLanguage()].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
}

function bandLabel(band: AgeBand): string {
  if (band.maxDays === null) return say(texts.daysOver, { min: band.minDays - 1 });
  return say(texts.days, { min: band.minDays, max: band.maxDays });
}

const svgNamespace = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string | number>, text?: string): Element {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

// Draws one horizontal bar per age band, in a stronger colour for older bands.
function ageChart(bands: AgeBand[]): Element {
  const rowHeight = 32;
  const labelWidth = 120;
  const barWidth = 360;
  const largest = Math.max(1, ...bands.map((band) => band.count));
  const colours = ['#2e7d32', '#f9a825', '#ef6c00', '#c62828'];
  const width = labelWidth + barWidth + 40;
  const height = bands.length * rowHeight;
  // Drawn at its own size and shrunk on narrow screens, so the labels keep the text size.
  const chart = svg('svg', {
    role: 'img',
    'aria-label': say(texts.byAge),
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    style: 'max-width: 100%; height: auto',
    class: 'corrective-action-age-chart',
  });
  bands.forEach((band, index) => {
    const y = index * rowHeight;
    const length = Math.round((band.count / largest) * barWidth);
    chart.append(
      svg('text', { x: 0, y: y + 20, 'font-size': 14 }, bandLabel(band)),
      svg('rect', {
        x: labelWidth,
        y: y + 6,
        width: Math.max(length, 2),
        height: rowHeight - 12,
        fill: colours[Math.min(index, colours.length - 1)],
        'data-band': band.minDays,
      }),
      svg('text', { x: labelWidth + length + 8, y: y + 20, 'font-size': 14 }, String(band.count)),
    );
  });
  return chart;
}

function statusTable(summary: Summary): HTMLElement {
  const rows = summary.byStatus.map((entry) =>
    h(
      'tr',
      { 'data-status': entry.status },
      h('td', null, say(entry.label)),
      h('td', null, entry.count),
    ),
  );
  const table = h(
    'table',
    { class: 'table' },
    headerRow([say(texts.byStatus), say(texts.count)]),
    h('tbody', null, rows),
  );
  return tableRegion(say(texts.byStatus), table);
}

function overdueTable(summary: Summary): HTMLElement {
  if (summary.overdue.length === 0) return h('p', { class: 'muted' }, say(texts.none));
  const rows = summary.overdue.map((action) =>
    h(
      'tr',
      { 'data-code': action.code },
      h('td', null, h('a', { href: `#/registers/corrective-actions/${action.id}` }, action.code)),
      h('td', null, action.title),
      h('td', null, action.department ?? ''),
      h('td', null, formatDate(action.deadline)),
      h('td', null, action.daysOverdue),
    ),
  );
  const labels = [texts.code, texts.actionTitle, texts.department, texts.deadline, texts.daysLate];
  const table = h(
    'table',
    { class: 'table corrective-action-overdue' },
    headerRow(labels.map((label) => say(label))),
    h('tbody', null, rows),
  );
  return tableRegion(say(texts.overdue), table);
}

function renderSummary(summary: Summary): HTMLElement[] {
  return [
    pageHeading(say(texts.title)),
    h('p', { class: 'muted' }, say(texts.intro)),
    h(
      'p',
      { class: 'corrective-action-open' },
      say(texts.open, { count: summary.open, today: formatDate(summary.today) }),
    ),
    h('section', null, h('h2', null, say(texts.byAge)), ageChart(summary.byAge)),
    h('section', null, h('h2', null, say(texts.byStatus)), statusTable(summary)),
    h('section', null, h('h2', null, say(texts.overdue)), overdueTable(summary)),
    h('p', null, h('a', { href: '#/registers/corrective-actions' }, say(texts.register))),
  ];
}

async function renderOpenActions(context: PageContext): Promise<void> {
  context.setTitle(say(texts.title));
  context.root.replaceChildren(pageHeading(say(texts.title)), loading());
  try {
    const summary = await getJson<Summary>('/api/corrective-actions/summary', context.signal);
    context.root.replaceChildren(...renderSummary(summary));
  } catch (error) {
    if (isAbortError(error)) return;
    context.root.replaceChildren(pageHeading(say(texts.title)), errorPanel(error, context.reload));
  }
}

/** The summary of open corrective actions by age, next to the register of clause 10.2. */
export const views: ProcedureView[] = [
  {
    name: 'corrective-actions-open',
    title: texts.title,
    page: renderOpenActions,
    listed: true,
  },
];
