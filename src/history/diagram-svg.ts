import { FONT_FAMILY, measureText } from '../documents/fonts.js';
import {
  readDiagramLayout,
  type Bounds,
  type DiagramEdge,
  type DiagramShape,
  type Point,
} from './diagram-svg-model.js';

/** The elements to highlight: those completed, those still active, and the flows taken. */
export interface DiagramMarks {
  completedElementIds: string[];
  activeElementIds: string[];
  takenSequenceFlowIds: string[];
}

/** An SVG drawing with its size in user units, which the PDF scales to fit. */
export interface DiagramSvg {
  svg: string;
  width: number;
  height: number;
}

type Mark = 'completed' | 'active' | 'none';

const colors: Record<Mark, { stroke: string; fill: string; width: number }> = {
  completed: { stroke: '#2e7d32', fill: '#e8f5e9', width: 2.5 },
  active: { stroke: '#1565c0', fill: '#e3f2fd', width: 2.5 },
  none: { stroke: '#616161', fill: '#ffffff', width: 1.2 },
};

const fontSize = 11;
const lineHeight = 13;
const margin = 20;

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Breaks `text` into lines no wider than `width` points in Tinos, breaking at spaces. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measureText(candidate, fontSize, 'normal') > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws `text` centred on `centerX`, its lines centred around `centerY`. */
function label(text: string, centerX: number, centerY: number, width: number): string {
  const lines = wrapText(text, Math.max(width, 40));
  const top = centerY - ((lines.length - 1) * lineHeight) / 2 + fontSize / 3;
  return lines
    .map(
      (line, index) =>
        `<text x="${round(centerX)}" y="${round(top + index * lineHeight)}" font-family="${FONT_FAMILY}" font-size="${fontSize}" text-anchor="middle" fill="#212121">${escapeXml(line)}</text>`,
    )
    .join('');
}

function style(mark: Mark, fill = true, strokeWidth = colors[mark].width): string {
  const color = colors[mark];
  return `stroke="${color.stroke}" stroke-width="${strokeWidth}" fill="${fill ? color.fill : 'none'}"`;
}

function isEvent(type: string): boolean {
  return type.endsWith('Event');
}

function isGateway(type: string): boolean {
  return type.endsWith('Gateway');
}

// Labels of events and gateways sit outside the shape: at their DI label bounds, else below.
function outsideLabel(shape: DiagramShape): string {
  if (!shape.name) return '';
  const { bounds } = shape;
  const box = shape.label ?? {
    x: bounds.x - 30,
    y: bounds.y + bounds.height + 4,
    width: bounds.width + 60,
    height: lineHeight * 2,
  };
  const lines = wrapText(shape.name, Math.max(box.width, 90)).length;
  return label(
    shape.name,
    box.x + box.width / 2,
    box.y + (lines * lineHeight) / 2,
    Math.max(box.width, 90),
  );
}

function eventShape(shape: DiagramShape, mark: Mark): string {
  const { x, y, width, height } = shape.bounds;
  const cx = x + width / 2;
  const cy = y + height / 2;
  const r = Math.min(width, height) / 2;
  let svg = `<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(r)}" ${style(mark)}/>`;
  if (shape.type === 'endEvent') {
    svg = `<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(r)}" ${style(mark, true, 4)}/>`;
  } else if (shape.type.startsWith('intermediate') || shape.type === 'boundaryEvent') {
    svg += `<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(r - 3)}" ${style(mark, false)}/>`;
  }
  return svg + outsideLabel(shape);
}

const gatewayMarkers: Record<string, string> = {
  exclusiveGateway: '×',
  parallelGateway: '+',
  inclusiveGateway: '○',
  eventBasedGateway: '⬠',
};

function gatewayShape(shape: DiagramShape, mark: Mark): string {
  const { x, y, width, height } = shape.bounds;
  const cx = x + width / 2;
  const cy = y + height / 2;
  const points = [
    [cx, y],
    [x + width, cy],
    [cx, y + height],
    [x, cy],
  ]
    .map(([px, py]) => `${round(px)},${round(py)}`)
    .join(' ');
  const marker = gatewayMarkers[shape.type] ?? '';
  const markerText = marker
    ? `<text x="${round(cx)}" y="${round(cy + 8)}" font-family="${FONT_FAMILY}" font-size="24" text-anchor="middle" fill="${colors[mark].stroke}">${marker}</text>`
    : '';
  return `<polygon points="${points}" ${style(mark)}/>${markerText}${outsideLabel(shape)}`;
}

function containerShape(shape: DiagramShape, mark: Mark): string {
  const { x, y, width } = shape.bounds;
  const title = shape.name ? label(shape.name, x + width / 2, y + 14, width - 10) : '';
  return `${rect(shape.bounds, 10, style(mark, false))}${title}`;
}

function rect(bounds: Bounds, radius: number, attributes: string): string {
  const { x, y, width, height } = bounds;
  return `<rect x="${round(x)}" y="${round(y)}" width="${round(width)}" height="${round(height)}" rx="${radius}" ry="${radius}" ${attributes}/>`;
}

// Three bars at the bottom of a multi-instance activity: upright when its instances run in
// parallel, flat when they run in sequence, as BPMN 2.0 draws them.
function multiInstanceMarker(shape: DiagramShape, mark: Mark): string {
  if (!shape.multiInstance) return '';
  const { x, y, width, height } = shape.bounds;
  const left = x + width / 2 - 6;
  const top = y + height - 16;
  const color = colors[mark].stroke;
  const bars = [0, 5, 10].map((offset) =>
    shape.multiInstance === 'parallel'
      ? `<line x1="${round(left + offset + 1)}" y1="${round(top)}" x2="${round(left + offset + 1)}" y2="${round(top + 12)}" stroke="${color}" stroke-width="2"/>`
      : `<line x1="${round(left)}" y1="${round(top + offset + 1)}" x2="${round(left + 12)}" y2="${round(top + offset + 1)}" stroke="${color}" stroke-width="2"/>`,
  );
  return bars.join('');
}

function shapeSvg(shape: DiagramShape, marks: Map<string, Mark>): string {
  const mark = marks.get(shape.elementId) ?? 'none';
  const { x, y, width, height } = shape.bounds;
  if (isEvent(shape.type)) return eventShape(shape, mark);
  if (isGateway(shape.type)) return gatewayShape(shape, mark);
  if (shape.type === 'subProcess' && height > 100) return containerShape(shape, mark);
  if (shape.type === 'participant' || shape.type === 'lane') {
    return `${rect(shape.bounds, 0, style('none', false))}${shape.name ? label(shape.name, x + 15, y + height / 2, 30) : ''}`;
  }
  if (shape.type === 'textAnnotation') {
    return `<polyline points="${round(x + 10)},${round(y)} ${round(x)},${round(y)} ${round(x)},${round(y + height)} ${round(x + 10)},${round(y + height)}" fill="none" stroke="#9e9e9e"/>`;
  }
  const name = shape.name ? label(shape.name, x + width / 2, y + height / 2, width - 10) : '';
  return `${rect(shape.bounds, 10, style(mark))}${name}${multiInstanceMarker(shape, mark)}`;
}

// An explicit triangle instead of an SVG marker, which not every SVG renderer draws.
function arrowHead(from: Point, to: Point, color: string): string {
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  const size = 9;
  const spread = Math.PI / 7;
  const left = {
    x: to.x - size * Math.cos(angle - spread),
    y: to.y - size * Math.sin(angle - spread),
  };
  const right = {
    x: to.x - size * Math.cos(angle + spread),
    y: to.y - size * Math.sin(angle + spread),
  };
  return `<polygon points="${round(to.x)},${round(to.y)} ${round(left.x)},${round(left.y)} ${round(right.x)},${round(right.y)}" fill="${color}" stroke="${color}"/>`;
}

function edgeSvg(edge: DiagramEdge, taken: Set<string>): string {
  if (edge.waypoints.length < 2) return '';
  const isTaken = taken.has(edge.elementId);
  const color = isTaken ? colors.completed.stroke : colors.none.stroke;
  const width = isTaken ? colors.completed.width : colors.none.width;
  const dashed = edge.type === 'sequenceFlow' ? '' : ' stroke-dasharray="4 3"';
  const points = edge.waypoints.map((point) => `${round(point.x)},${round(point.y)}`).join(' ');
  let svg = `<polyline points="${points}" fill="none" stroke="${color}" stroke-width="${width}"${dashed}/>`;
  if (edge.type === 'sequenceFlow' || edge.type === 'messageFlow') {
    const last = edge.waypoints[edge.waypoints.length - 1];
    svg += arrowHead(edge.waypoints[edge.waypoints.length - 2], last, color);
  }
  if (edge.name && edge.label) {
    const box = edge.label;
    svg += label(edge.name, box.x + box.width / 2, box.y + box.height / 2, Math.max(box.width, 60));
  }
  return svg;
}

function extent(shapes: DiagramShape[], edges: DiagramEdge[]): Bounds {
  const xs: number[] = [];
  const ys: number[] = [];
  const add = (box: Bounds | null) => {
    if (!box) return;
    xs.push(box.x, box.x + box.width);
    ys.push(box.y, box.y + box.height);
  };
  for (const shape of shapes) {
    add(shape.bounds);
    add(shape.label);
    // Labels placed below events and gateways without DI label bounds.
    add({ ...shape.bounds, height: shape.bounds.height + 2 * lineHeight + 4 });
  }
  for (const edge of edges) {
    for (const point of edge.waypoints) add({ ...point, width: 0, height: 0 });
    add(edge.label);
  }
  if (xs.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...xs) - margin;
  const y = Math.min(...ys) - margin;
  return { x, y, width: Math.max(...xs) + margin - x, height: Math.max(...ys) + margin - y };
}

/**
 * Draws a model from its BPMNDI as SVG: tasks as rounded rectangles, events as circles,
 * gateways as diamonds, flows as polylines, with the names as labels in Tinos. Completed
 * elements and taken flows are green, active elements blue. Returns null when the model has no
 * diagram interchange to draw from.
 */
export function renderDiagramSvg(xml: string, marks: DiagramMarks): DiagramSvg | null {
  const { shapes, edges } = readDiagramLayout(xml);
  if (shapes.length === 0) return null;

  const markById = new Map<string, Mark>();
  for (const id of marks.completedElementIds) markById.set(id, 'completed');
  for (const id of marks.activeElementIds) markById.set(id, 'active');
  const taken = new Set(marks.takenSequenceFlowIds);

  // Pools, lanes and expanded sub-processes first, so the flow nodes inside draw over them.
  const isContainer = (shape: DiagramShape) =>
    shape.type === 'participant' ||
    shape.type === 'lane' ||
    (shape.type === 'subProcess' && shape.bounds.height > 100);
  const containers = shapes.filter(isContainer);
  const nodes = shapes.filter((shape) => !isContainer(shape));

  const box = extent(shapes, edges);
  const body = [
    ...containers.map((shape) => shapeSvg(shape, markById)),
    ...edges.map((edge) => edgeSvg(edge, taken)),
    ...nodes.map((shape) => shapeSvg(shape, markById)),
  ].join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${round(box.width)}" height="${round(box.height)}" viewBox="${round(box.x)} ${round(box.y)} ${round(box.width)} ${round(box.height)}">${body}</svg>`;
  return { svg, width: box.width, height: box.height };
}
