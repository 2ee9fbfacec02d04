import type { Node, NodeQueries } from 'pdfmake/interfaces.js';

import type { ParagraphBlock, Run, TableBlock } from './document-model.js';
import { measureText } from './fonts.js';
import { FIRST_LINE_INDENT, MARGINS, PARAGRAPH_SPACING } from './layout.js';

/**
 * Keeping a heading on the page of the table after it. pdfmake's `pageBreakBefore` hook reports
 * the nodes of a table on the page where the table started, even after the header row moved to
 * the next page (seen with pdfmake 0.3.11), so the hook cannot see that a heading was left alone.
 * The writer instead estimates how much room the heading needs for itself and the table's
 * header and first row, and the hook breaks before the heading when that room is not left.
 */

/** Line height used in estimates, in em; above Tinos' 1.15 so estimates err on the high side. */
const ESTIMATED_LINE_HEIGHT = 1.25;

/** Counts the lines that `text` wraps into at `width` points, breaking between words. */
function lineCount(text: string, width: number, size: number, bold: boolean): number {
  const style = bold ? 'bold' : 'normal';
  const spaceWidth = measureText(' ', size, style);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let lineWidth = 0;
    for (const word of paragraph.split(' ')) {
      const wordWidth = measureText(word, size, style);
      if (lineWidth > 0 && lineWidth + spaceWidth + wordWidth > width) {
        lines += 1;
        lineWidth = wordWidth;
      } else {
        lineWidth += (lineWidth > 0 ? spaceWidth : 0) + wordWidth;
      }
    }
  }
  return lines;
}

function runsText(runs: Run[]): string {
  return runs.map((run) => run.text).join('');
}

function isBold(runs: Run[]): boolean {
  return runs.some((run) => run.bold);
}

/** Estimated height of a paragraph with its spacing, in points. */
export function paragraphHeight(block: ParagraphBlock, width: number): number {
  const firstLineWidth = width - (block.indent ? FIRST_LINE_INDENT : 0);
  const lines = lineCount(runsText(block.runs), firstLineWidth, block.size, isBold(block.runs));
  return lines * block.size * ESTIMATED_LINE_HEIGHT + PARAGRAPH_SPACING;
}

/** Estimated height of the header rows and the first body row of a table, in points. */
export function tableLeadHeight(block: TableBlock, columnWidths: number[], padding: number) {
  const firstBody = block.rows.findIndex((row) => !row.header);
  const leadRows = block.rows.slice(0, firstBody === -1 ? block.rows.length : firstBody + 1);
  let height = 0;
  for (const row of leadRows) {
    let column = 0;
    let rowLines = 1;
    for (const cell of row.cells) {
      const cellWidth = columnWidths.slice(column, column + cell.span).reduce((a, b) => a + b, 0);
      column += cell.span;
      const lines = lineCount(runsText(cell.runs), cellWidth, block.size, isBold(cell.runs));
      rowLines = Math.max(rowLines, lines);
    }
    height += rowLines * block.size * ESTIMATED_LINE_HEIGHT + 2 * padding;
  }
  return height;
}

/**
 * Returns pdfmake's `pageBreakBefore` hook. A node with a headline level is a keep-with-next
 * paragraph. The hook breaks before it when it would be the last node on its page, or when
 * `neededHeights` maps its level to more room than is left below it. A paragraph already at
 * the top of a page never breaks, so the hook cannot push it forward page after page.
 */
export function keepWithNextHook(neededHeights: Map<number, number>) {
  return (node: Node, queries: NodeQueries): boolean => {
    if (node.headlineLevel === undefined) return false;
    const { top, pageInnerHeight } = node.startPosition;
    if (top <= MARGINS.top + 1) return false;
    if (queries.getFollowingNodesOnPage().length === 0) return true;
    const needed = neededHeights.get(node.headlineLevel);
    return needed !== undefined && top + needed > MARGINS.top + pageInnerHeight;
  };
}
