import { getJson, isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { buildHash, navigate } from '../core/router.js';
import { errorPanel, headerRow, loading, pageHeading, tableRegion } from '../core/ui.js';
import { getLanguage } from '../i18n/index.js';
import type { ProcedureView } from './view-registry.js';

type Text = { vi: string; en: string };

interface RatingFigures {
  count: number;
  average: number | null;
  satisfiedRate: number | null;
}

/** The body of `GET /api/complaints/summary`. */
interface ComplaintSummary {
  year: number;
  years: number[];
  ratings: RatingFigures & {
    criteria: { key: string; label: Text; average: number | null }[];
    byDepartment: ({ code: string; name: string | null } & RatingFigures)[];
    byMonth: ({ month: number } & RatingFigures)[];
  };
  complaints: {
    total: number;
    byStatus: { status: string; label: Text; count: number }[];
    answered: number;
    answeredOnTime: number;
    onTimeRate: number | null;
  };
}

// The shared translation files belong to the whole app, so this view keeps its own texts.
const texts = {
  title: { vi: 'Thống kê phản ánh và sự hài lòng', en: 'Complaints and satisfaction summary' },
  year: { vi: 'Năm', en: 'Year' },
  intro: {
    vi: 'Kết quả theo dõi sự hài lòng của người dân, doanh nghiệp và việc giải quyết phản ánh, kiến nghị (ISO 9001:2015, điều 9.1.2). Điểm từ 1 (rất không hài lòng) đến 5 (rất hài lòng); phiếu có điểm trung bình từ 4 trở lên được tính là hài lòng.',
    en: 'Satisfaction of citizens and businesses and the handling of their complaints (ISO 9001:2015, clause 9.1.2). Scores run from 1 (very dissatisfied) to 5 (very satisfied); a rating whose mean score is 4 or more counts as satisfied.',
  },
  complaints: { vi: 'Phản ánh tiếp nhận', en: 'Complaints received' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  onTimeRate: { vi: 'Tỷ lệ trả lời đúng hạn', en: 'Answered on time' },
  ratings: { vi: 'Phiếu đánh giá', en: 'Ratings' },
  average: { vi: 'Điểm hài lòng trung bình', en: 'Mean satisfaction score' },
  satisfiedRate: { vi: 'Tỷ lệ hài lòng', en: 'Satisfied' },
  byStatus: { vi: 'Phản ánh theo trạng thái', en: 'Complaints by status' },
  status: { vi: 'Trạng thái', en: 'Status' },
  count: { vi: 'Số lượng', en: 'Count' },
  byDepartment: { vi: 'Điểm hài lòng theo phòng', en: 'Satisfaction by department' },
  byMonth: { vi: 'Điểm hài lòng theo tháng', en: 'Satisfaction by month' },
  byCriterion: { vi: 'Điểm theo tiêu chí SIPAS', en: 'Scores by SIPAS criterion' },
  criterion: { vi: 'Tiêu chí', en: 'Criterion' },
  department: { vi: 'Phòng', en: 'Department' },
  month: { vi: 'Tháng', en: 'Month' },
  monthShort: { vi: 'T', en: 'M' },
  noRatings: { vi: 'Chưa có phiếu đánh giá trong năm.', en: 'No ratings in this year.' },
  chartLabel: {
    vi: 'Biểu đồ cột điểm hài lòng trung bình, thang điểm 5',
    en: 'Bar chart of mean satisfaction scores, out of 5',
  },
  registers: { vi: 'Xem sổ', en: 'Open the registers' },
  complaintsRegister: { vi: 'Sổ theo dõi phản ánh, kiến nghị', en: 'Complaints' },
  ratingsRegister: { vi: 'Sổ đánh giá sự hài lòng', en: 'Satisfaction ratings' },
} satisfies Record<string, Text>;

function text(entry: Text): string {
  return entry[getLanguage()];
}

function decimal(value: number | null, digits = 2): string {
  if (value === null) return '–';
  return value.toLocaleString(getLanguage() === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function percent(value: number | null): string {
  if (value === null) return '–';
  return `${decimal(value * 100, 1)} %`;
}

function figureCard(label: Text, value: string, name: string): HTMLElement {
  return h(
    'li',
    { class: 'card', 'data-figure': name },
    h('p', { class: 'muted' }, text(label)),
    h('p', { class: 'figure-value', style: 'font-size: 1.75rem; margin: 0' }, value),
  );
}

function figureCards(summary: ComplaintSummary): HTMLElement {
  const { complaints, ratings } = summary;
  return h(
    'ul',
    { class: 'card-grid', style: 'list-style: none; padding: 0' },
    figureCard(texts.complaints, String(complaints.total), 'complaints'),
    figureCard(texts.answered, String(complaints.answered), 'answered'),
    figureCard(texts.onTimeRate, percent(complaints.onTimeRate), 'on-time-rate'),
    figureCard(texts.ratings, String(ratings.count), 'ratings'),
    figureCard(texts.average, decimal(ratings.average), 'average'),
    figureCard(texts.satisfiedRate, percent(ratings.satisfiedRate), 'satisfied-rate'),
  );
}

const svgNamespace = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string | number>, content?: string) {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (content !== undefined) element.textContent = content;
  return element;
}

interface Bar {
  label: string;
  value: number | null;
  count: number;
}

/**
 * Draws vertical bars of mean scores on a 0 to 5 axis, each labelled below with its name and
 * above with its value, so the chart reads without colour.
 */
function barChart(bars: Bar[], name: string): SVGSVGElement {
  const slot = Math.max(56, Math.min(120, 720 / Math.max(1, bars.length)));
  const plot = { left: 36, top: 16, height: 180 };
  const width = plot.left + slot * bars.length + 8;
  const height = plot.top + plot.height + 64;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: '100%',
    role: 'img',
    'aria-label': `${text(texts.chartLabel)}: ${bars
      .map((bar) => `${bar.label} ${decimal(bar.value)}`)
      .join('; ')}`,
    'data-chart': name,
    style: `max-width: ${width}px; font: 12px system-ui, sans-serif`,
  }) as SVGSVGElement;

  const y = (score: number) => plot.top + plot.height - (score / 5) * plot.height;
  for (let score = 0; score <= 5; score++) {
    chart.append(
      svg('line', { x1: plot.left, x2: width, y1: y(score), y2: y(score), stroke: '#d0d5dd' }),
      svg('text', { x: plot.left - 8, y: y(score) + 4, 'text-anchor': 'end' }, String(score)),
    );
  }
  bars.forEach((bar, index) => {
    const x = plot.left + index * slot + slot * 0.2;
    const barWidth = slot * 0.6;
    const center = x + barWidth / 2;
    const group = svg('g', { 'data-bar': bar.label, 'data-value': bar.value ?? '' });
    if (bar.value !== null) {
      group.append(
        svg('rect', {
          x,
          y: y(bar.value),
          width: barWidth,
          height: plot.top + plot.height - y(bar.value),
          fill: '#1f6feb',
        }),
        svg(
          'text',
          { x: center, y: y(bar.value) - 4, 'text-anchor': 'middle' },
          decimal(bar.value),
        ),
      );
    }
    group.append(
      svg(
        'text',
        { x: center, y: plot.top + plot.height + 16, 'text-anchor': 'middle' },
        bar.label,
      ),
      svg(
        'text',
        { x: center, y: plot.top + plot.height + 32, 'text-anchor': 'middle', fill: '#667085' },
        `n = ${bar.count}`,
      ),
    );
    chart.append(group);
  });
  return chart;
}

function departmentBars(summary: ComplaintSummary): Bar[] {
  return summary.ratings.byDepartment.map((entry) => ({
    label: entry.code,
    value: entry.average,
    count: entry.count,
  }));
}

function monthBars(summary: ComplaintSummary): Bar[] {
  return summary.ratings.byMonth.map((entry) => ({
    label: `${text(texts.monthShort)}${entry.month}`,
    value: entry.average,
    count: entry.count,
  }));
}

function section(id: string, title: Text, ...content: (Node | null)[]): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': id, class: 'summary-section' },
    h('h2', { id }, text(title)),
    ...content,
  );
}

function statusTable(summary: ComplaintSummary): HTMLElement {
  const table = h(
    'table',
    { class: 'table', 'data-table': 'complaints-by-status' },
    headerRow([text(texts.status), text(texts.count)]),
    h(
      'tbody',
      null,
      summary.complaints.byStatus.map((entry) =>
        h(
          'tr',
          { 'data-status': entry.status },
          h('td', null, text(entry.label)),
          h('td', null, String(entry.count)),
        ),
      ),
    ),
  );
  return tableRegion(text(texts.byStatus), table);
}

function departmentTable(summary: ComplaintSummary): HTMLElement {
  const table = h(
    'table',
    { class: 'table', 'data-table': 'ratings-by-department' },
    headerRow([
      text(texts.department),
      text(texts.ratings),
      text(texts.average),
      text(texts.satisfiedRate),
    ]),
    h(
      'tbody',
      null,
      summary.ratings.byDepartment.map((entry) =>
        h(
          'tr',
          { 'data-department': entry.code },
          h('td', null, entry.name ?? entry.code),
          h('td', null, String(entry.count)),
          h('td', null, decimal(entry.average)),
          h('td', null, percent(entry.satisfiedRate)),
        ),
      ),
    ),
  );
  return tableRegion(text(texts.byDepartment), table);
}

function criteriaTable(summary: ComplaintSummary): HTMLElement {
  const table = h(
    'table',
    { class: 'table', 'data-table': 'ratings-by-criterion' },
    headerRow([text(texts.criterion), text(texts.average)]),
    h(
      'tbody',
      null,
      summary.ratings.criteria.map((entry) =>
        h(
          'tr',
          { 'data-criterion': entry.key },
          h('td', null, text(entry.label)),
          h('td', null, decimal(entry.average)),
        ),
      ),
    ),
  );
  return tableRegion(text(texts.byCriterion), table);
}

function yearSelector(summary: ComplaintSummary): HTMLElement {
  const select = h(
    'select',
    { id: 'complaint-summary-year', name: 'year' },
    summary.years.map((year) =>
      h('option', { value: year, selected: year === summary.year }, String(year)),
    ),
  );
  select.addEventListener('change', () =>
    navigate(buildHash('/views/complaint-summary', { year: select.value })),
  );
  return h(
    'div',
    { class: 'form-row inline' },
    h('label', { for: 'complaint-summary-year' }, text(texts.year)),
    select,
  );
}

function ratingSections(summary: ComplaintSummary): HTMLElement[] {
  if (summary.ratings.count === 0)
    return [
      section('ratings-by-department', texts.byDepartment, h('p', null, text(texts.noRatings))),
    ];
  return [
    section(
      'ratings-by-department',
      texts.byDepartment,
      barChart(departmentBars(summary), 'by-department'),
      departmentTable(summary),
    ),
    section('ratings-by-month', texts.byMonth, barChart(monthBars(summary), 'by-month')),
    section('ratings-by-criterion', texts.byCriterion, criteriaTable(summary)),
  ];
}

function registerLinks(): HTMLElement {
  return h(
    'p',
    null,
    `${text(texts.registers)}: `,
    h('a', { href: '#/registers/complaints' }, text(texts.complaintsRegister)),
    ' · ',
    h('a', { href: '#/registers/satisfaction-ratings' }, text(texts.ratingsRegister)),
  );
}

async function renderSummary(context: PageContext): Promise<void> {
  const title = text(texts.title);
  context.setTitle(title);
  context.root.replaceChildren(pageHeading(title), loading());
  const year = context.route.query.get('year');
  const url = `/api/complaints/summary${year && /^\d{4}$/.test(year) ? `?year=${year}` : ''}`;
  try {
    const summary = await getJson<ComplaintSummary>(url, context.signal);
    context.root.replaceChildren(
      pageHeading(title),
      h('p', { class: 'muted' }, text(texts.intro)),
      yearSelector(summary),
      figureCards(summary),
      section('complaints-by-status', texts.byStatus, statusTable(summary)),
      ...ratingSections(summary),
      registerLinks(),
    );
  } catch (error) {
    if (isAbortError(error)) return;
    context.root.replaceChildren(
      pageHeading(title),
      errorPanel(error, () => context.reload()),
    );
  }
}

/** The summary of complaints and satisfaction ratings, with its bar charts. */
export const views: ProcedureView[] = [
  {
    name: 'complaint-summary',
    title: texts.title,
    page: renderSummary,
    listed: true,
  },
];
