import pdfMake from 'pdfmake';
import type {
  Content,
  ContentText,
  CustomTableLayout,
  TableCell as PdfTableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces.js';

import type {
  Block,
  DocumentModel,
  ParagraphBlock,
  Run,
  TableBlock,
  TableCell,
} from './document-model.js';
import { FONT_FAMILY, fontPath } from './fonts.js';
import type { FontStyle } from './fonts.js';
import {
  FIRST_LINE_INDENT,
  FONT_SIZES,
  LINE_HEIGHT,
  MARGINS,
  PAGE_NUMBER_OFFSET,
  PARAGRAPH_SPACING,
  textWidth,
} from './layout.js';
import { closingContent, letterheadContent, titleContent } from './pdf-frame.js';
import { keepWithNextHook, paragraphHeight, tableLeadHeight } from './pdf-keep.js';

const CELL_PADDING = 3;
const TABLE_LINE_WIDTH = 0.5;

const tableLayout: CustomTableLayout = {
  hLineWidth: () => TABLE_LINE_WIDTH,
  vLineWidth: () => TABLE_LINE_WIDTH,
  paddingLeft: () => CELL_PADDING,
  paddingRight: () => CELL_PADDING,
  paddingTop: () => CELL_PADDING,
  paddingBottom: () => CELL_PADDING,
};

let configured = false;

/**
 * Gives pdfmake the paths of the Tinos files, and allows it to read those files only and to
 * fetch no URL, so rendering opens no connection whatever a document contains. pdfmake keeps
 * fonts and policies in one instance per process, so no other module may configure it.
 */
function configurePdfMake(): void {
  if (configured) return;
  const styles: FontStyle[] = ['normal', 'bold', 'italics', 'bolditalics'];
  const paths = Object.fromEntries(styles.map((style) => [style, fontPath(style)]));
  const allowed = new Set(Object.values(paths));
  pdfMake.setFonts({ [FONT_FAMILY]: paths });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((path) => allowed.has(path));
  configured = true;
}

/** Lays out a document model as an A4 PDF with Tinos embedded. */
export async function writePdf(model: DocumentModel): Promise<Buffer> {
  configurePdfMake();
  return pdfMake.createPdf(documentDefinition(model)).getBuffer();
}

/**
 * Lays out a pdfmake document definition that is not an administrative document, such as an
 * audit trail, with the same fonts and the same file and network policy.
 */
export async function writePdfDefinition(definition: TDocumentDefinitions): Promise<Buffer> {
  configurePdfMake();
  return pdfMake.createPdf(definition).getBuffer();
}

function documentDefinition(model: DocumentModel): TDocumentDefinitions {
  const width = textWidth(model.orientation);
  const neededHeights = new Map<number, number>();
  return {
    pageSize: 'A4',
    pageOrientation: model.orientation,
    pageMargins: [MARGINS.left, MARGINS.top, MARGINS.right, MARGINS.bottom],
    info: { title: model.title, creator: 'eiso', producer: 'eiso' },
    defaultStyle: { font: FONT_FAMILY, fontSize: FONT_SIZES.body, lineHeight: LINE_HEIGHT },
    // The decree numbers pages from the second, centred in the top margin.
    header: (currentPage: number) =>
      currentPage === 1
        ? null
        : {
            text: String(currentPage),
            alignment: 'center',
            fontSize: FONT_SIZES.pageNumber,
            // The side margins of the text, so the number centres on the text as in the DOCX.
            margin: [MARGINS.left, PAGE_NUMBER_OFFSET, MARGINS.right, 0],
          },
    content: blocksContent(model.blocks, width, neededHeights),
    pageBreakBefore: keepWithNextHook(neededHeights),
  };
}

/**
 * Returns the content of the blocks. A keep-with-next paragraph gets its block index + 1 as its
 * headline level, the only property of a node that pdfmake passes to `pageBreakBefore` and
 * that the content may set freely. For one before a table, `neededHeights` maps that level to
 * the room that the paragraph and the start of the table need.
 */
function blocksContent(
  blocks: Block[],
  width: number,
  neededHeights: Map<number, number>,
): Content[] {
  const content: Content[] = [];
  let breakBefore = false;
  for (const [index, block] of blocks.entries()) {
    if (block.type === 'pageBreak') {
      breakBefore = content.length > 0;
      continue;
    }
    let item = blockContent(block, index, width);
    const next = blocks[index + 1];
    if (block.type === 'paragraph' && block.keepWithNext && next?.type === 'table') {
      const lead = tableLeadHeight(next, columnWidths(next, width), CELL_PADDING);
      neededHeights.set(index + 1, paragraphHeight(block, width) + lead);
    }
    const previous = blocks[index - 1];
    if (block.type === 'closing' && previous?.type === 'paragraph' && previous.keepWithNext) {
      // One unbreakable stack moves the last paragraph with the closing, so the signature
      // never appears on a page without text.
      const last = content.pop();
      item = last ? { stack: [last, item], unbreakable: true } : item;
    }
    content.push(breakBefore ? { stack: [item], pageBreak: 'before' } : item);
    breakBefore = false;
  }
  return content;
}

function blockContent(
  block: Exclude<Block, { type: 'pageBreak' }>,
  index: number,
  width: number,
): Content {
  switch (block.type) {
    case 'letterhead':
      return letterheadContent(block, width);
    case 'title':
      return titleContent(block, width);
    case 'paragraph':
      return paragraphContent(block, index + 1);
    case 'table':
      return tableContent(block, width);
    case 'closing':
      return closingContent(block, width);
  }
}

function runsContent(runs: Run[]): ContentText['text'] {
  return runs.map((run) => ({ text: run.text, bold: run.bold, italics: run.italic }));
}

function paragraphContent(block: ParagraphBlock, level: number): ContentText {
  return {
    text: runsContent(block.runs),
    alignment: block.align,
    fontSize: block.size,
    leadingIndent: block.indent ? FIRST_LINE_INDENT : 0,
    headlineLevel: block.keepWithNext ? level : undefined,
    margin: [0, 0, 0, PARAGRAPH_SPACING],
  };
}

/** Widths of the text in each column, in points. */
function columnWidths(block: TableBlock, width: number): number[] {
  const columnCount = block.columns.length;
  // pdfmake adds the padding and the rules to fixed column widths, so they come off first.
  const available = width - columnCount * 2 * CELL_PADDING - (columnCount + 1) * TABLE_LINE_WIDTH;
  const totalWeight = block.columns.reduce((sum, column) => sum + column.weight, 0);
  return block.columns.map((column) => (available * column.weight) / totalWeight);
}

function tableContent(block: TableBlock, width: number): Content {
  const headerRows = block.rows.findIndex((row) => !row.header);
  return {
    table: {
      headerRows: headerRows === -1 ? block.rows.length : headerRows,
      // A header row alone at the foot of a page moves to the next page with the first row.
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: columnWidths(block, width),
      body: block.rows.map((row) => row.cells.flatMap(tableCells)),
    },
    layout: tableLayout,
    fontSize: block.size,
    lineHeight: 1.05,
    margin: [0, 2, 0, PARAGRAPH_SPACING + 4],
  };
}

/** Returns a cell and the placeholders that pdfmake expects after a cell spanning columns. */
function tableCells(cell: TableCell): PdfTableCell[] {
  const content: PdfTableCell = {
    text: runsContent(cell.runs),
    alignment: cell.align,
    colSpan: cell.span > 1 ? cell.span : undefined,
  };
  return [content, ...Array.from({ length: cell.span - 1 }, (): PdfTableCell => ({}))];
}
