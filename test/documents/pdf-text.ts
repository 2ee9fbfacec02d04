import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

/** A run of text on one line of a PDF page, merged from the items that touch each other. */
export interface PdfSegment {
  x: number;
  width: number;
  text: string;
}

export interface PdfLine {
  page: number;
  y: number;
  segments: PdfSegment[];
}

/**
 * Items closer than this on one line belong to one segment, in points: more than a space at
 * 14 pt, less than the 6.5 pt of padding and rule between two table cells.
 */
const SEGMENT_GAP = 5;

/** A gap wider than this between two items of a segment is a space, in points. */
const SPACE_GAP = 1;

/** Extracts the text of a PDF with pdf.js as lines of segments, top to bottom on each page. */
export async function readPdfLines(pdf: Buffer): Promise<PdfLine[]> {
  const document = await getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
  }).promise;
  const lines: PdfLine[] = [];
  for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber += 1) {
    const page = await document.getPage(pageNumber);
    const content = await page.getTextContent();
    // pdf.js adds whitespace items for gaps, which the merge below turns back into spaces.
    const items = content.items.filter(
      (item): item is TextItem => 'str' in item && item.str.trim() !== '',
    );
    lines.push(...pageLines(pageNumber, items));
  }
  await document.destroy();
  return lines;
}

function pageLines(page: number, items: TextItem[]): PdfLine[] {
  const byBaseline = new Map<number, TextItem[]>();
  for (const item of items) {
    const y = Math.round(item.transform[5]);
    byBaseline.set(y, [...(byBaseline.get(y) ?? []), item]);
  }
  return [...byBaseline.entries()]
    .sort(([top], [bottom]) => bottom - top)
    .map(([y, lineItems]) => ({ page, y, segments: mergeSegments(lineItems) }));
}

function mergeSegments(items: TextItem[]): PdfSegment[] {
  const sorted = [...items].sort((left, right) => left.transform[4] - right.transform[4]);
  const segments: PdfSegment[] = [];
  for (const item of sorted) {
    const x = item.transform[4];
    const last = segments[segments.length - 1];
    const gap = last ? x - (last.x + last.width) : Infinity;
    if (last && gap < SEGMENT_GAP) {
      last.text += (gap > SPACE_GAP ? ' ' : '') + item.str;
      last.width = x + item.width - last.x;
    } else {
      segments.push({ x, width: item.width, text: item.str });
    }
  }
  return segments.map((segment) => ({ ...segment, text: segment.text.trim() }));
}

/** Returns the text of the lines with every run of whitespace made one space. */
export function plainText(lines: PdfLine[]): string {
  return lines
    .map((line) => line.segments.map((segment) => segment.text).join(' '))
    .join(' ')
    .replace(/\s+/g, ' ');
}

/**
 * Reads the table row whose first line starts each of the `expected` cells. The first line
 * contains one segment per cell. Each later line adds its segments to the cell whose column contains the
 * segment's centre, where a column ends just before the next cell's first line starts. The row
 * ends at the end of the page, where the first column has text again (a new row), or at a
 * segment that crosses two column edges (text after the table; a centred line of a cell may
 * cross one). Returns the cells with their lines joined by spaces, or undefined when no line
 * starts such a row.
 */
export function readTableRow(lines: PdfLine[], expected: string[]): string[] | undefined {
  const start = lines.findIndex(
    (line) =>
      line.segments.length === expected.length &&
      line.segments.every((segment, index) => expected[index].startsWith(segment.text)),
  );
  if (start === -1) return undefined;
  const first = lines[start];
  const cells = first.segments.map((segment) => [segment.text]);
  const edges = first.segments.slice(1).map((segment) => segment.x - 1);
  for (const line of lines.slice(start + 1)) {
    if (line.page !== first.page) break;
    const crossesEdges = line.segments.some(
      (segment) =>
        edges.filter((edge) => segment.x < edge && segment.x + segment.width > edge).length > 1,
    );
    const columns = line.segments.map((segment) => {
      const column = edges.findIndex((edge) => segment.x + segment.width / 2 < edge);
      return column === -1 ? edges.length : column;
    });
    if (crossesEdges || columns.includes(0)) break;
    line.segments.forEach((segment, index) => cells[columns[index]].push(segment.text));
  }
  return cells.map((parts) => parts.join(' '));
}

/**
 * Returns the body lines of a PDF: without the page numbers, and without the lines at the top
 * of a page that repeat lines of earlier pages, which are the table header rows that pdfmake
 * repeats on each page.
 */
export function bodyLines(lines: PdfLine[]): PdfLine[] {
  const seen = new Set<string>();
  const kept: PdfLine[] = [];
  let page = 0;
  let atTop = false;
  for (const line of lines) {
    const key = line.segments.map((segment) => segment.text).join(' | ');
    if (line.page !== page) {
      page = line.page;
      atTop = true;
    }
    if (line.segments.length === 1 && /^\d+$/.test(key)) continue;
    if (atTop && seen.has(key)) continue;
    atTop = false;
    seen.add(key);
    kept.push(line);
  }
  return kept;
}
