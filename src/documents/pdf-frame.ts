import type { Content } from 'pdfmake/interfaces.js';

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
 * The parts of the PDF that Decree 30/2020/NĐ-CP fixes: the letterhead, the title with its
 * rule, and the closing with the recipients and the signature.
 */

const RULE_WIDTH = 0.6;

/**
 * Returns a horizontal rule of `length`, at most `boxWidth`, for a centred stack. The line
 * starts at 0 because pdfmake centres a canvas as wide as its line.
 */
function centredRule(length: number, boxWidth: number, margin: [number, number]): Content {
  const x2 = Math.min(length, boxWidth);
  return {
    canvas: [{ type: 'line', x1: 0, y1: 0, x2, y2: 0, lineWidth: RULE_WIDTH }],
    alignment: 'center',
    margin: [0, margin[0], 0, margin[1]],
  };
}

/** Width of `text` as set, capped at the box it wraps in. */
function setWidth(text: string, size: number, style: FontStyle, boxWidth: number): number {
  return Math.min(measureText(text, size, style), boxWidth);
}

export function letterheadContent(block: LetterheadBlock, width: number): Content {
  const leftWidth = width * LETTERHEAD_LEFT_SHARE;
  const rightWidth = width - leftWidth;
  const issuerWidth = setWidth(block.issuer, FONT_SIZES.letterhead, 'bold', leftWidth);
  const mottoWidth = measureText(MOTTO, FONT_SIZES.motto, 'bold');

  const left: Content[] = [];
  if (block.superior) left.push({ text: block.superior, fontSize: FONT_SIZES.letterhead });
  left.push({ text: block.issuer, bold: true, fontSize: FONT_SIZES.letterhead });
  left.push(centredRule(issuerWidth * SHORT_RULE_SHARE, leftWidth, [4, 6]));
  if (block.number) left.push({ text: block.number, fontSize: FONT_SIZES.numberAndDate });

  const right: Content[] = [
    { text: NATIONAL_TITLE, bold: true, fontSize: FONT_SIZES.letterhead },
    { text: MOTTO, bold: true, fontSize: FONT_SIZES.motto },
    centredRule(mottoWidth, rightWidth, [4, 6]),
    { text: block.placeDate, italics: true, fontSize: FONT_SIZES.numberAndDate },
  ];

  return {
    columns: [
      { width: leftWidth, stack: left, alignment: 'center' },
      { width: rightWidth, stack: right, alignment: 'center' },
    ],
    columnGap: 0,
    lineHeight: 1,
    margin: [0, 0, 0, 18],
  };
}

export function titleContent(block: TitleBlock, width: number): Content {
  const stack: Content[] = [];
  if (block.docType) stack.push({ text: block.docType, fontSize: FONT_SIZES.title, bold: true });
  for (const line of block.lines)
    stack.push({ text: line, fontSize: FONT_SIZES.title, bold: true });
  for (const note of block.notes)
    stack.push({ text: note, fontSize: FONT_SIZES.body, italics: true });

  const longest = Math.max(
    0,
    ...block.lines.map((line) => setWidth(line, FONT_SIZES.title, 'bold', width)),
  );
  if (longest > 0) stack.push(centredRule(longest * SHORT_RULE_SHARE, width, [4, 0]));
  return { stack, alignment: 'center', lineHeight: 1.1, margin: [0, 0, 0, 14] };
}

export function closingContent(block: ClosingBlock, width: number): Content {
  const leftWidth = width * CLOSING_LEFT_SHARE;
  const recipients: Content[] = [
    { text: RECIPIENTS_HEADING, bold: true, italics: true, fontSize: FONT_SIZES.recipientsHeading },
    ...block.recipients.map((item) => ({ text: `- ${item}`, fontSize: FONT_SIZES.recipients })),
  ];

  const signature: Content[] = block.authority.map((line) => ({
    text: line,
    bold: true,
    fontSize: FONT_SIZES.signature,
  }));
  signature.push(
    block.signed
      ? { text: SIGNED_MARK, italics: true, margin: [0, SIGNED_MARK_GAP, 0, SIGNED_MARK_GAP] }
      : { text: ' ', margin: [0, SIGNATURE_SPACE, 0, 0] },
  );
  signature.push({ text: block.signerName, bold: true, fontSize: FONT_SIZES.signature });

  return {
    columns: [
      { width: leftWidth, stack: recipients, lineHeight: 1 },
      { width: width - leftWidth, stack: signature, alignment: 'center' },
    ],
    columnGap: 0,
    unbreakable: true,
    margin: [0, CLOSING_GAP, 0, 0],
  };
}
