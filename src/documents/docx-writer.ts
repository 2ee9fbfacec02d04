import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

import type {
  Alignment,
  Block,
  DocumentModel,
  ParagraphBlock,
  Run,
  TableBlock,
  TableCell as ModelTableCell,
} from './document-model.js';
import {
  SINGLE_LINE,
  closingTable,
  halfPoints,
  letterheadTable,
  titleParagraphs,
  twips,
} from './docx-frame.js';
import { DOCX_FONT_NAME } from './fonts.js';
import {
  FIRST_LINE_INDENT,
  FONT_SIZES,
  LINE_HEIGHT,
  MARGINS,
  PAGE_NUMBER_OFFSET,
  PARAGRAPH_SPACING,
  pageSize,
  textWidth,
} from './layout.js';

const ALIGNMENTS = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const satisfies Record<Alignment, unknown>;

const CELL_PADDING = 3;
const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

/** Lays out a document model as a DOCX in Times New Roman on A4. */
export async function writeDocx(model: DocumentModel): Promise<Buffer> {
  const portrait = pageSize('portrait');
  const document = new Document({
    title: model.title,
    creator: 'eiso',
    styles: {
      default: {
        document: {
          run: {
            font: DOCX_FONT_NAME,
            size: halfPoints(FONT_SIZES.body),
            language: { value: 'vi-VN' },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: {
              width: twips(portrait.width),
              height: twips(portrait.height),
              orientation:
                model.orientation === 'landscape'
                  ? PageOrientation.LANDSCAPE
                  : PageOrientation.PORTRAIT,
            },
            margin: {
              top: twips(MARGINS.top),
              bottom: twips(MARGINS.bottom),
              left: twips(MARGINS.left),
              right: twips(MARGINS.right),
              // The page number sits where the PDF puts it.
              header: twips(PAGE_NUMBER_OFFSET),
            },
          },
        },
        // The decree numbers pages from the second, so the first page has an empty header.
        headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
        children: blocksContent(model.blocks, textWidth(model.orientation)),
      },
    ],
  });
  return Packer.toBuffer(document);
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ children: [PageNumber.CURRENT], size: halfPoints(FONT_SIZES.pageNumber) }),
        ],
      }),
    ],
  });
}

function blocksContent(blocks: Block[], width: number): Array<Paragraph | Table> {
  return blocks.flatMap((block): Array<Paragraph | Table> => {
    switch (block.type) {
      case 'letterhead':
        return [letterheadTable(block, width)];
      case 'title':
        return titleParagraphs(block, width);
      case 'paragraph':
        return [bodyParagraph(block)];
      case 'table':
        return [table(block, width), spacer()];
      case 'closing':
        return [closingTable(block, width)];
      case 'pageBreak':
        return [pageBreak()];
    }
  });
}

/** Text runs of the model, with each `\n` a line break. */
function textRuns(runs: Run[], size: number): TextRun[] {
  return runs.flatMap((run) =>
    run.text.split('\n').map(
      (text, index) =>
        new TextRun({
          text,
          bold: run.bold,
          italics: run.italic,
          size: halfPoints(size),
          break: index > 0 ? 1 : undefined,
        }),
    ),
  );
}

function bodyParagraph(block: ParagraphBlock): Paragraph {
  return new Paragraph({
    alignment: ALIGNMENTS[block.align],
    indent: block.indent ? { firstLine: twips(FIRST_LINE_INDENT) } : undefined,
    spacing: {
      after: twips(PARAGRAPH_SPACING),
      line: Math.round(SINGLE_LINE * LINE_HEIGHT),
      lineRule: LineRuleType.AUTO,
    },
    keepNext: block.keepWithNext,
    children: textRuns(block.runs, block.size),
  });
}

function table(block: TableBlock, width: number): Table {
  const totalWeight = block.columns.reduce((sum, column) => sum + column.weight, 0);
  const columnWidths = block.columns.map((column) => twips((width * column.weight) / totalWeight));
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twips(width), type: WidthType.DXA },
    columnWidths,
    borders: {
      top: CELL_BORDER,
      bottom: CELL_BORDER,
      left: CELL_BORDER,
      right: CELL_BORDER,
      insideHorizontal: CELL_BORDER,
      insideVertical: CELL_BORDER,
    },
    margins: {
      top: twips(CELL_PADDING),
      bottom: twips(CELL_PADDING),
      left: twips(CELL_PADDING),
      right: twips(CELL_PADDING),
    },
    rows: block.rows.map((row, index) => {
      // Word repeats only an unbroken run of header rows at the top of the table.
      const repeated = row.header && block.rows.slice(0, index).every((before) => before.header);
      let column = 0;
      return new TableRow({
        tableHeader: repeated,
        cantSplit: true,
        children: row.cells.map((cell) => {
          const cellWidth = columnWidths
            .slice(column, column + cell.span)
            .reduce((sum, value) => sum + value, 0);
          column += cell.span;
          return tableCell(cell, cellWidth, block.size, row.header);
        }),
      });
    }),
  });
}

/**
 * Returns a table cell. Paragraphs of header cells keep with the next row, so Word moves a
 * header row that would end a page to the next page with the first row under it.
 */
function tableCell(
  cell: ModelTableCell,
  cellWidth: number,
  size: number,
  header: boolean,
): TableCell {
  return new TableCell({
    width: { size: cellWidth, type: WidthType.DXA },
    columnSpan: cell.span > 1 ? cell.span : undefined,
    children: [
      new Paragraph({
        alignment: ALIGNMENTS[cell.align],
        spacing: { line: SINGLE_LINE, lineRule: LineRuleType.AUTO },
        keepNext: header,
        children: textRuns(cell.runs, size),
      }),
    ],
  });
}

/** Returns the space after a table, which Word would otherwise join to the next paragraph. */
function spacer(): Paragraph {
  return new Paragraph({
    spacing: { after: 0, line: twips(PARAGRAPH_SPACING), lineRule: LineRuleType.EXACT },
    children: [],
  });
}

/** Returns a paragraph one point high that starts a new page, so the next block opens it. */
function pageBreak(): Paragraph {
  return new Paragraph({
    pageBreakBefore: true,
    spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
    children: [],
  });
}
