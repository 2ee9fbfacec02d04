import { getJson, isAbortError } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { buildHash, navigate } from '../core/router.js';
import { errorPanel, loading, pageHeading } from '../core/ui.js';
import { getLanguage, t } from '../i18n/index.js';
import type { ProcedureView } from './view-registry.js';

type Level = 'low' | 'medium' | 'high' | 'critical';

interface Band {
  level: Level;
  min: number;
  max: number;
}

interface Cell {
  likelihood: number;
  severity: number;
  count: number;
}

/** The response of GET /api/risks/heat-map. */
interface HeatMap {
  matrix: { likelihoodLevels: number; severityLevels: number; bands: Band[] };
  department: string | null;
  before: Cell[];
  after: Cell[];
  total: number;
  rescored: number;
}

interface Department {
  code: string;
  name: string;
  nameEn: string | null;
}

// The shared catalogues of the interface belong to the core, so this page keeps its own words.
const texts = {
  vi: {
    title: 'Bản đồ nhiệt rủi ro',
    intro:
      'Số rủi ro chưa đóng trong từng ô của ma trận khả năng xảy ra × mức độ ảnh hưởng, trước và sau khi xử lý. Chọn một ô để xem các rủi ro đó trong sổ đăng ký.',
    department: 'Phòng, đơn vị',
    allDepartments: 'Tất cả',
    before: 'Trước xử lý',
    after: 'Sau xử lý (rủi ro còn lại)',
    likelihood: 'Khả năng xảy ra',
    severity: 'Mức độ ảnh hưởng',
    count: (total: number) => `${total} rủi ro`,
    notRescored: (count: number) => `${count} rủi ro chưa được đánh giá lại sau xử lý.`,
    cell: (likelihood: number, severity: number, count: number) =>
      `Khả năng ${likelihood}, mức độ ${severity}: ${count} rủi ro`,
    levels: { low: 'Thấp', medium: 'Trung bình', high: 'Cao', critical: 'Rất cao' },
    legend: 'Mức rủi ro',
    register: 'Mở sổ đăng ký rủi ro',
    extractPdf: 'Tải trích sổ đăng ký rủi ro (PDF)',
    extractDocx: 'Tải trích sổ đăng ký rủi ro (DOCX)',
  },
  en: {
    title: 'Risk heat map',
    intro:
      'Open risks in each cell of the likelihood × severity matrix, before and after treatment. Choose a cell to list those risks in the register.',
    department: 'Department',
    allDepartments: 'All',
    before: 'Before treatment',
    after: 'After treatment (residual risk)',
    likelihood: 'Likelihood',
    severity: 'Severity',
    count: (total: number) => `${total} risks`,
    notRescored: (count: number) => `${count} risks are not yet re-scored after treatment.`,
    cell: (likelihood: number, severity: number, count: number) =>
      `Likelihood ${likelihood}, severity ${severity}: ${count} risks`,
    levels: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
    legend: 'Risk level',
    register: 'Open the risk register',
    extractPdf: 'Download the risk register extract (PDF)',
    extractDocx: 'Download the risk register extract (DOCX)',
  },
};

/** Fill colour of each band: green, yellow, orange and red, dark enough text on each. */
const bandColours: Record<Level, string> = {
  low: '#b9e4c0',
  medium: '#ffe08a',
  high: '#f7b267',
  critical: '#e76f6f',
};

const outsideColour = '#e0e0e0';
const cellSize = 56;
const margin = { left: 64, top: 16, bottom: 56 };

function words() {
  return texts[getLanguage()];
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

function bandOf(bands: Band[], score: number): Band | undefined {
  return bands.find((band) => score >= band.min && score <= band.max);
}

/** Returns the hash of the register list that a cell opens: its risks, of the chosen department. */
function cellHash(kind: 'before' | 'after', cell: Cell, department: string | null): string {
  const [likelihoodKey, severityKey] =
    kind === 'before' ? ['likelihood', 'severity'] : ['residualLikelihood', 'residualSeverity'];
  return buildHash('/registers/risks', {
    [likelihoodKey]: cell.likelihood,
    [severityKey]: cell.severity,
    department: department ?? undefined,
  });
}

// A rating above the current scale (scored on an earlier, larger matrix) widens the grid, so
// that no risk disappears from the map.
function gridSize(map: HeatMap): { rows: number; columns: number } {
  const cells = [...map.before, ...map.after];
  return {
    rows: Math.max(map.matrix.likelihoodLevels, ...cells.map((cell) => cell.likelihood)),
    columns: Math.max(map.matrix.severityLevels, ...cells.map((cell) => cell.severity)),
  };
}

function cellShapes(x: number, y: number, fill: string, count: number): SVGElement[] {
  const rect = svg('rect', {
    x,
    y,
    width: cellSize,
    height: cellSize,
    fill,
    stroke: '#ffffff',
    'stroke-width': 2,
  });
  const label = svg(
    'text',
    {
      x: x + cellSize / 2,
      y: y + cellSize / 2 + 6,
      'text-anchor': 'middle',
      'font-size': 18,
      'font-weight': 700,
      fill: '#1f2933',
    },
    count > 0 ? String(count) : '',
  );
  return [rect, label];
}

// A cell with risks links to the register list of those risks; an empty cell is plain.
function cellElement(
  map: HeatMap,
  kind: 'before' | 'after',
  likelihood: number,
  severity: number,
  rows: number,
): SVGElement {
  const cell = map[kind].find(
    (entry) => entry.likelihood === likelihood && entry.severity === severity,
  );
  const count = cell?.count ?? 0;
  const band = bandOf(map.matrix.bands, likelihood * severity);
  const x = margin.left + (severity - 1) * cellSize;
  const y = margin.top + (rows - likelihood) * cellSize;

  const group = svg('g', {
    class: 'heat-cell',
    'data-likelihood': likelihood,
    'data-severity': severity,
    'data-count': count,
    'data-level': band?.level ?? 'none',
  });
  const description = words().cell(likelihood, severity, count);
  group.append(
    svg('title', {}, description),
    ...cellShapes(x, y, band ? bandColours[band.level] : outsideColour, count),
  );
  if (count === 0) return group;

  const link = svg('a', {
    href: cellHash(kind, { likelihood, severity, count }, map.department),
    'aria-label': description,
  });
  link.append(group);
  return link;
}

function axisLabels(rows: number, columns: number): SVGElement[] {
  const labels: SVGElement[] = [];
  for (let likelihood = 1; likelihood <= rows; likelihood++) {
    const y = margin.top + (rows - likelihood) * cellSize + cellSize / 2 + 5;
    labels.push(svg('text', { x: margin.left - 10, y, 'text-anchor': 'end' }, String(likelihood)));
  }
  for (let severity = 1; severity <= columns; severity++) {
    const x = margin.left + (severity - 1) * cellSize + cellSize / 2;
    const y = margin.top + rows * cellSize + 18;
    labels.push(svg('text', { x, y, 'text-anchor': 'middle' }, String(severity)));
  }
  const gridBottom = margin.top + rows * cellSize;
  labels.push(
    svg(
      'text',
      {
        x: margin.left + (columns * cellSize) / 2,
        y: gridBottom + 44,
        'text-anchor': 'middle',
        'font-weight': 600,
      },
      words().severity,
    ),
    svg(
      'text',
      {
        x: 0,
        y: 0,
        transform: `translate(18 ${margin.top + (rows * cellSize) / 2}) rotate(-90)`,
        'text-anchor': 'middle',
        'font-weight': 600,
      },
      words().likelihood,
    ),
  );
  return labels;
}

function heatGrid(map: HeatMap, kind: 'before' | 'after', title: string): HTMLElement {
  const { rows, columns } = gridSize(map);
  const width = margin.left + columns * cellSize + 8;
  const height = margin.top + rows * cellSize + margin.bottom;
  const titleId = `heat-map-${kind}`;
  const grid = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'group',
    'aria-labelledby': titleId,
    class: 'heat-map',
    'data-kind': kind,
    'font-family': 'inherit',
    'font-size': 13,
  });
  for (let likelihood = rows; likelihood >= 1; likelihood--)
    for (let severity = 1; severity <= columns; severity++)
      grid.append(cellElement(map, kind, likelihood, severity, rows));
  grid.append(...axisLabels(rows, columns));
  const total = map[kind].reduce((sum, cell) => sum + cell.count, 0);
  return h(
    'figure',
    { class: 'card', style: 'margin: 0; padding: 1rem; overflow-x: auto;' },
    h('h2', { id: titleId }, title),
    h('p', { class: 'muted' }, words().count(total)),
    grid,
  );
}

function legend(bands: Band[]): HTMLElement {
  return h(
    'ul',
    {
      class: 'heat-legend',
      'aria-label': words().legend,
      style: 'display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0;',
    },
    bands.map((band) =>
      h(
        'li',
        { 'data-level': band.level },
        h('span', {
          style: `display: inline-block; width: 1rem; height: 1rem; margin-right: 0.4rem; vertical-align: middle; background: ${bandColours[band.level]};`,
          'aria-hidden': 'true',
        }),
        `${words().levels[band.level]} (${band.min}–${band.max})`,
      ),
    ),
  );
}

function departmentSelect(departments: Department[], selected: string | null): HTMLElement {
  const select = h(
    'select',
    { id: 'heat-map-department', name: 'department' },
    h('option', { value: '' }, words().allDepartments),
    departments.map((department) =>
      h(
        'option',
        { value: department.code, selected: department.code === selected },
        getLanguage() === 'en' && department.nameEn ? department.nameEn : department.name,
      ),
    ),
  );
  select.addEventListener('change', () =>
    navigate(buildHash('/views/risk-management', { department: select.value || undefined })),
  );
  return h(
    'div',
    { class: 'form-row inline' },
    h('label', { for: 'heat-map-department' }, words().department),
    select,
  );
}

function links(department: string | null): HTMLElement {
  const query = department ? `&department=${encodeURIComponent(department)}` : '';
  return h(
    'p',
    { class: 'view-actions', style: 'display: flex; flex-wrap: wrap; gap: 0.5rem;' },
    h(
      'a',
      {
        class: 'button',
        href: buildHash('/registers/risks', { department: department ?? undefined }),
      },
      words().register,
    ),
    h(
      'a',
      { class: 'button', href: `/api/risks/extract?format=pdf${query}`, download: '' },
      words().extractPdf,
    ),
    h(
      'a',
      { class: 'button', href: `/api/risks/extract?format=docx${query}`, download: '' },
      words().extractDocx,
    ),
  );
}

/** Renders the heat map of the open risks, before and after treatment. */
async function renderHeatMapPage(context: PageContext): Promise<void> {
  const title = words().title;
  context.setTitle(title);
  context.root.replaceChildren(pageHeading(title), loading());
  const department = context.route.query.get('department') || null;
  try {
    const query = department ? `?department=${encodeURIComponent(department)}` : '';
    const [map, departments] = await Promise.all([
      getJson<HeatMap>(`/api/risks/heat-map${query}`, context.signal),
      getJson<{ items: Department[] }>('/api/departments', context.signal),
    ]);
    const unscored = map.total - map.rescored;
    replaceChildren(
      context.root,
      h('p', { class: 'breadcrumb' }, h('a', { href: '#/registers' }, t('registers.title'))),
      pageHeading(title),
      h('p', { class: 'muted' }, words().intro),
      departmentSelect(departments.items, department),
      legend(map.matrix.bands),
      h(
        'div',
        {
          class: 'heat-maps',
          style: 'display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start;',
        },
        heatGrid(map, 'before', words().before),
        heatGrid(map, 'after', words().after),
      ),
      unscored > 0 ? h('p', { class: 'muted' }, words().notRescored(unscored)) : null,
      links(department),
    );
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(pageHeading(title), errorPanel(error, context.reload));
    }
  }
}

/** The pages of the risk-management procedure. */
export const views: ProcedureView[] = [
  {
    name: 'risk-management',
    title: { vi: 'Bản đồ nhiệt rủi ro', en: 'Risk heat map' },
    page: renderHeatMapPage,
    listed: true,
  },
];
