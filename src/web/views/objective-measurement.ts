import { getJson, isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import { formatNumber } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { buildHash, navigate } from '../core/router.js';
import { badge, errorPanel, headerRow, loading, pageHeading, tableRegion } from '../core/ui.js';
import { getLanguage } from '../i18n/index.js';
import type { ProcedureView } from './view-registry.js';

/** One measured value, as `GET /api/objectives/measurements` returns it. */
interface SeriesPoint {
  period: string;
  measuredValue: number;
  achieved: boolean;
}

/** One objective with its measured values. */
interface ObjectiveSeries {
  objectiveId: string;
  position: number;
  title: string;
  targetValue: number;
  targetUnit: string;
  direction: 'at_least' | 'at_most';
  ownerDepartment: { code: string; name: string } | null;
  points: SeriesPoint[];
}

interface MeasurementSeries {
  year: number;
  periods: string[];
  objectives: ObjectiveSeries[];
}

// The shared message catalogs belong to the core, so this view keeps its own texts.
const texts = {
  vi: {
    title: 'Kết quả đo lường mục tiêu chất lượng',
    year: 'Năm',
    intro:
      'Giá trị đo được của từng mục tiêu chất lượng theo kỳ so với đường chỉ tiêu (ISO 9001:2015, điều 6.2 và 9.1.1). Điểm đỏ là kỳ không đạt chỉ tiêu.',
    summary: '{objectives} mục tiêu · {measured} lượt đo · {missed} lượt không đạt',
    owner: 'Phòng chủ trì',
    target: 'Chỉ tiêu',
    achieved: 'Đạt',
    missed: 'Không đạt',
    period: 'Kỳ',
    measured: 'Giá trị đo được',
    result: 'Kết quả',
    data: 'Số liệu từng kỳ',
    noObjectives: 'Năm {year} chưa có mục tiêu chất lượng đã phê duyệt.',
    noMeasurements: 'Chưa có kết quả đo lường của mục tiêu này.',
    register: 'Sổ kết quả đo lường',
    objectives: 'Mục tiêu chất lượng',
    chartLabel: 'Mục tiêu {position}: giá trị đo được theo kỳ so với chỉ tiêu {target}',
  },
  en: {
    title: 'Quality objective measurements',
    year: 'Year',
    intro:
      'Measured value of each quality objective per period against the target line (ISO 9001:2015, clauses 6.2 and 9.1.1). A red point is a period that missed the target.',
    summary: '{objectives} objectives · {measured} measurements · {missed} missed',
    owner: 'Owner department',
    target: 'Target',
    achieved: 'Achieved',
    missed: 'Missed',
    period: 'Period',
    measured: 'Measured value',
    result: 'Result',
    data: 'Values per period',
    noObjectives: 'There are no approved quality objectives for {year}.',
    noMeasurements: 'This objective has not been measured yet.',
    register: 'Measurement register',
    objectives: 'Quality objectives',
    chartLabel: 'Objective {position}: measured value per period against the target {target}',
  },
};

type TextKey = keyof typeof texts.vi;

function text(key: TextKey, params: Record<string, string | number> = {}): string {
  return texts[getLanguage()][key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

const svgNamespace = 'http://www.w3.org/2000/svg';

function svg(
  tag: string,
  attributes: Record<string, string | number>,
  ...children: (SVGElement | string)[]
): SVGElement {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) {
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

// Colours follow the app's palette; a style element is allowed by the page's CSP.
const chartStyle = `
.measurement-charts { display: grid; gap: var(--space); }
.measurement-chart h2 { margin: 0 0 0.25rem; font-size: 1.05rem; }
.measurement-chart svg { width: 100%; max-width: 720px; height: auto; display: block; }
.measurement-chart .axis { stroke: var(--color-border); }
.measurement-chart .tick-label { fill: var(--color-muted); font-size: 11px; }
.measurement-chart .target-line { stroke: var(--color-warning); stroke-width: 2; stroke-dasharray: 6 4; }
.measurement-chart .target-label { fill: var(--color-warning); font-size: 11px; font-weight: 600; }
.measurement-chart .measured-line { fill: none; stroke: var(--color-primary); stroke-width: 2; }
.measurement-chart .point-achieved { fill: var(--color-success); }
.measurement-chart .point-missed { fill: var(--color-error); }
`;

function targetText(objective: ObjectiveSeries): string {
  const sign = objective.direction === 'at_least' ? '≥' : '≤';
  return `${sign} ${formatNumber(objective.targetValue)} ${objective.targetUnit}`.trim();
}

function valueText(value: number, unit: string): string {
  return `${formatNumber(value)} ${unit}`.trim();
}

/** Short tick label of a period: `T8` or `Aug` for a month, `Q3` for a quarter. */
function periodTick(period: string): string {
  const quarter = /-Q([1-4])$/.exec(period);
  if (quarter) return `Q${quarter[1]}`;
  const month = Number(period.slice(5, 7));
  if (getLanguage() === 'vi') return `T${month}`;
  return new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, month - 1, 1)),
  );
}

const size = { width: 640, height: 240, left: 52, right: 16, top: 20, bottom: 32 };

/** Returns the y range that shows every value and the target, with some room above and below. */
function valueRange(objective: ObjectiveSeries): [number, number] {
  const values = [...objective.points.map((point) => point.measuredValue), objective.targetValue];
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const padding = (high - low) * 0.2;
  // Counts and rates cannot fall below zero, so the axis of non-negative values starts at 0 or above.
  const bottom = low >= 0 ? Math.max(0, low - padding) : low - padding;
  return [bottom, high + padding];
}

function lineChart(objective: ObjectiveSeries, periods: string[]): SVGElement {
  const [low, high] = valueRange(objective);
  const plotWidth = size.width - size.left - size.right;
  const plotHeight = size.height - size.top - size.bottom;
  const step = plotWidth / Math.max(periods.length, 1);
  const x = (period: string) => size.left + step * (periods.indexOf(period) + 0.5);
  const y = (value: number) => size.top + plotHeight * (1 - (value - low) / (high - low));

  const ticks = [0, 1, 2, 3, 4].map((index) => low + ((high - low) * index) / 4);
  const grid = ticks.map((tick) =>
    svg(
      'text',
      { class: 'tick-label', x: size.left - 6, y: y(tick) + 4, 'text-anchor': 'end' },
      formatNumber(Math.round(tick * 10) / 10),
    ),
  );
  const periodLabels = periods.map((period) =>
    svg(
      'text',
      { class: 'tick-label', x: x(period), y: size.height - 10, 'text-anchor': 'middle' },
      periodTick(period),
    ),
  );
  const points = objective.points.filter((point) => periods.includes(point.period));
  const line = svg('polyline', {
    class: 'measured-line',
    points: points.map((point) => `${x(point.period)},${y(point.measuredValue)}`).join(' '),
  });
  const markers = points.map((point) =>
    svg(
      'circle',
      {
        class: point.achieved ? 'point point-achieved' : 'point point-missed',
        'data-period': point.period,
        cx: x(point.period),
        cy: y(point.measuredValue),
        r: 5,
      },
      svg(
        'title',
        {},
        `${point.period}: ${valueText(point.measuredValue, objective.targetUnit)} (${text(point.achieved ? 'achieved' : 'missed')})`,
      ),
    ),
  );
  const targetY = y(objective.targetValue);
  const titleId = `measurement-chart-title-${objective.objectiveId}`;

  return svg(
    'svg',
    {
      class: 'measurement-svg',
      viewBox: `0 0 ${size.width} ${size.height}`,
      role: 'img',
      'aria-labelledby': titleId,
    },
    svg(
      'title',
      { id: titleId },
      text('chartLabel', { position: objective.position, target: targetText(objective) }),
    ),
    svg('line', {
      class: 'axis',
      x1: size.left,
      x2: size.left,
      y1: size.top,
      y2: size.top + plotHeight,
    }),
    svg('line', {
      class: 'axis',
      x1: size.left,
      x2: size.width - size.right,
      y1: size.top + plotHeight,
      y2: size.top + plotHeight,
    }),
    ...grid,
    ...periodLabels,
    svg('line', {
      class: 'target-line',
      'data-target': objective.targetValue,
      x1: size.left,
      x2: size.width - size.right,
      y1: targetY,
      y2: targetY,
    }),
    svg(
      'text',
      { class: 'target-label', x: size.width - size.right, y: targetY - 6, 'text-anchor': 'end' },
      `${text('target')} ${targetText(objective)}`,
    ),
    line,
    ...markers,
  );
}

function valuesTable(objective: ObjectiveSeries): HTMLElement {
  const rows = objective.points.map((point) =>
    h(
      'tr',
      { 'data-period': point.period },
      h('td', null, point.period),
      h('td', null, valueText(point.measuredValue, objective.targetUnit)),
      h(
        'td',
        null,
        point.achieved
          ? badge('status-approved', text('achieved'))
          : badge('incident', text('missed')),
      ),
    ),
  );
  const table = h(
    'table',
    { class: 'table measurement-values' },
    headerRow([text('period'), text('measured'), text('result')]),
    h('tbody', null, rows),
  );
  return h('details', null, h('summary', null, text('data')), tableRegion(text('data'), table));
}

function objectiveSection(objective: ObjectiveSeries, periods: string[]): HTMLElement {
  const position = String(objective.position).padStart(2, '0');
  const owner = objective.ownerDepartment?.name;
  return h(
    'section',
    {
      class: 'card measurement-chart',
      'data-objective-position': objective.position,
      'aria-labelledby': `measurement-objective-${objective.objectiveId}`,
    },
    h(
      'h2',
      { id: `measurement-objective-${objective.objectiveId}` },
      `MT-${position}. ${objective.title}`,
    ),
    h(
      'p',
      { class: 'muted' },
      `${text('target')}: ${targetText(objective)}`,
      owner ? ` · ${text('owner')}: ${owner}` : null,
    ),
    objective.points.length > 0
      ? [lineChart(objective, periods), valuesTable(objective)]
      : h('p', { class: 'empty-state' }, text('noMeasurements')),
  );
}

function yearSelector(selected: number): HTMLElement {
  const current = new Date().getFullYear();
  const years = [...new Set([current + 1, current, current - 1, current - 2, selected])].sort(
    (a, b) => b - a,
  );
  const select = h(
    'select',
    { id: 'measurement-year', name: 'year' },
    years.map((year) => h('option', { value: year, selected: year === selected }, String(year))),
  );
  select.addEventListener('change', () =>
    navigate(buildHash('/views/objective-measurements', { year: select.value })),
  );
  return h(
    'div',
    { class: 'form-row inline' },
    h('label', { for: 'measurement-year' }, text('year')),
    select,
  );
}

function summary(series: MeasurementSeries): HTMLElement {
  const points = series.objectives.flatMap((objective) => objective.points);
  return h(
    'p',
    { class: 'measurement-summary' },
    text('summary', {
      objectives: series.objectives.length,
      measured: points.length,
      missed: points.filter((point) => !point.achieved).length,
    }),
    ' · ',
    h(
      'a',
      { href: buildHash('/registers/objective-measurements', { year: series.year }) },
      text('register'),
    ),
    ' · ',
    h('a', { href: buildHash('/objectives', { year: series.year }) }, text('objectives')),
  );
}

/** Renders one chart per objective of the year: measured values per period against the target. */
async function renderMeasurementCharts(context: PageContext): Promise<void> {
  const year = Number(context.route.query.get('year')) || new Date().getFullYear();
  const title = text('title');
  context.setTitle(title);
  context.root.replaceChildren(pageHeading(title), loading());
  try {
    const series = await getJson<MeasurementSeries>(
      `/api/objectives/measurements?year=${year}`,
      context.signal,
    );
    const charts = series.objectives.map((objective) =>
      objectiveSection(objective, series.periods),
    );
    context.root.replaceChildren(
      h('style', null, chartStyle),
      pageHeading(title, yearSelector(year)),
      h('p', { class: 'muted' }, text('intro')),
      summary(series),
      charts.length > 0
        ? h('div', { class: 'measurement-charts' }, charts)
        : h('p', { class: 'empty-state' }, text('noObjectives', { year })),
    );
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(pageHeading(title), errorPanel(error, context.reload));
    }
  }
}

export const views: ProcedureView[] = [
  {
    name: 'objective-measurements',
    title: { vi: texts.vi.title, en: texts.en.title },
    page: renderMeasurementCharts,
    listed: true,
  },
];
