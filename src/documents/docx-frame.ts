import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

import type { ClosingBlock, LetterheadBlock, TitleBlock } from './document-model.js';
import { measureText } from './fonts.js';
import type { FontStyle } from './fonts.js';
import {
  CLOSING_GAP,
  CLOSING_LEFT_SHARE,
  FONT_SIZES,
  LETTERHEAD_LEFT_SHARE,
  MOTTO,
  NATIONAL_TITLE,
  RECIPIENTS_HEADING,
  SHORT_RULE_SHARE,
  SIGNATURE_SPACE,
  SIGNED_MARK,
  SIGNED_MARK_GAP,
} from './layout.js';

/**
 * The parts of the DOCX that Decree 30/2020/NĐ-CP fixes, laid out as the PDF lays them out
 * (see pdf-frame.ts): the letterhead, the title with its rule, and the closing.
 */

/** Twentieths of a point, the unit of DOCX lengths. */
export function twips(points: number): number {
  return Math.round(points * 20);
}

/** Word's line spacing unit for `auto` spacing: 240 is a single line. */
export const SINGLE_LINE = 240;

/** Half-points, the unit of DOCX font sizes. */
export function halfPoints(points: number): number {
  return Math.round(points * 2);
}

interface LineOptions {
  size: number;
  bold?: boolean;
  italic?: boolean;
  /** Space after the line in points. */
  after?: number;
  before?: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
}

/** Returns a paragraph of one run, centred unless `options.align` is set, with single spacing. */
export function line(text: string, options: LineOptions): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.CENTER,
    spacing: {
      before: twips(options.before ?? 0),
      after: twips(options.after ?? 0),
      line: SINGLE_LINE,
      lineRule: LineRuleType.AUTO,
    },
    children: [
      new TextRun({
        text,
        bold: options.bold ?? false,
        italics: options.italic ?? false,
        size: halfPoints(options.size),
      }),
    ],
  });
}

/**
 * Returns a rule of `length` centred in a box `boxWidth` wide. The rule is the bottom border of
 * an empty paragraph one point high, narrowed by equal indents, because Word has no centred
 * line otherwise.
 */
function centredRule(length: number, boxWidth: number, after: number): Paragraph {
  const indent = twips(Math.max(0, (boxWidth - length) / 2));
  return new Paragraph({
    indent: { left: indent, right: indent },
    spacing: { before: twips(3), after: twips(after), line: 20, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 5, color: '000000', space: 1 } },
    children: [],
  });
}

function setWidth(text: string, size: number, style: FontStyle, boxWidth: number): number {
  return Math.min(measureText(text, size, style), boxWidth);
}

/** Returns a borderless table of two cells side by side, the layout of letterhead and closing. */
function twoColumns(widths: [number, number], cells: [Paragraph[], Paragraph[]]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twips(widths[0] + widths[1]), type: WidthType.DXA },
    columnWidths: widths.map(twips),
    borders: TableBorders.NONE,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    rows: [
      new TableRow({
        cantSplit: true,
        children: cells.map(
          (children, index) =>
            new TableCell({ width: { size: twips(widths[index]), type: WidthType.DXA }, children }),
        ),
      }),
    ],
  });
}

export function letterheadTable(block: LetterheadBlock, width: number): Table {
  const leftWidth = width * LETTERHEAD_LEFT_SHARE;
  const rightWidth = width - leftWidth;
  const issuerWidth = setWidth(block.issuer, FONT_SIZES.letterhead, 'bold', leftWidth);
  const mottoWidth = measureText(MOTTO, FONT_SIZES.motto, 'bold');

  const left: Paragraph[] = [];
  if (block.superior) left.push(line(block.superior, { size: FONT_SIZES.letterhead }));
  left.push(line(block.issuer, { size: FONT_SIZES.letterhead, bold: true }));
  left.push(centredRule(issuerWidth * SHORT_RULE_SHARE, leftWidth, 6));
  if (block.number) left.push(line(block.number, { size: FONT_SIZES.numberAndDate }));

  const right = [
    line(NATIONAL_TITLE, { size: FONT_SIZES.letterhead, bold: true }),
    line(MOTTO, { size: FONT_SIZES.motto, bold: true }),
    centredRule(mottoWidth, rightWidth, 6),
    line(block.placeDate, { size: FONT_SIZES.numberAndDate, italic: true, after: 18 }),
  ];
  return twoColumns([leftWidth, rightWidth], [left, right]);
}

export function titleParagraphs(block: TitleBlock, width: number): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  if (block.docType) {
    paragraphs.push(line(block.docType, { size: FONT_SIZES.title, bold: true }));
  }
  for (const text of block.lines) {
    paragraphs.push(line(text, { size: FONT_SIZES.title, bold: true }));
  }
  for (const note of block.notes) {
    paragraphs.push(line(note, { size: FONT_SIZES.body, italic: true }));
  }
  const longest = Math.max(
    0,
    ...block.lines.map((text) => setWidth(text, FONT_SIZES.title, 'bold', width)),
  );
  if (longest > 0) paragraphs.push(centredRule(longest * SHORT_RULE_SHARE, width, 14));
  return paragraphs;
}

export function closingTable(block: ClosingBlock, width: number): Table {
  const leftWidth = width * CLOSING_LEFT_SHARE;
  const left = [
    line(RECIPIENTS_HEADING, {
      size: FONT_SIZES.recipientsHeading,
      bold: true,
      italic: true,
      align: AlignmentType.LEFT,
      before: CLOSING_GAP,
    }),
    ...block.recipients.map((item) =>
      line(`- ${item}`, { size: FONT_SIZES.recipients, align: AlignmentType.LEFT }),
    ),
  ];

  const right = block.authority.map((text, index) =>
    line(text, { size: FONT_SIZES.signature, bold: true, before: index === 0 ? CLOSING_GAP : 0 }),
  );
  right.push(
    block.signed
      ? line(SIGNED_MARK, {
          size: FONT_SIZES.body,
          italic: true,
          before: SIGNED_MARK_GAP,
          after: SIGNED_MARK_GAP,
        })
      : line('', { size: FONT_SIZES.body, before: SIGNATURE_SPACE }),
  );
  right.push(line(block.signerName, { size: FONT_SIZES.signature, bold: true }));
  return twoColumns([leftWidth, width - leftWidth], [left, right]);
}
