import type { Orientation } from './document-model.js';

/**
 * Page and type sizes of the presentation rules for administrative documents (Appendix I of
 * Decree 30/2020/NĐ-CP on clerical work). Lengths are in PDF points (1/72 inch).
 */

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const RECIPIENTS_HEADING = 'Nơi nhận:';
export const SIGNED_MARK = '(đã ký)';

const POINTS_PER_MM = 72 / 25.4;

/** A4 in points, portrait. */
const A4 = { width: 595.28, height: 841.89 };

/** Margins of the decree: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm. */
export const MARGINS = {
  top: 20 * POINTS_PER_MM,
  bottom: 20 * POINTS_PER_MM,
  left: 30 * POINTS_PER_MM,
  right: 15 * POINTS_PER_MM,
};

/** Distance of the page number from the top edge of the page, inside the top margin. */
export const PAGE_NUMBER_OFFSET = MARGINS.top / 3;

/** Type sizes in points, each within the range the decree sets for that element. */
export const FONT_SIZES = {
  /** Agency names and national title: 12-13. */
  letterhead: 12,
  /** Motto: 13-14. */
  motto: 13,
  /** Number and symbol, place and date: 13 and 13-14. */
  numberAndDate: 13,
  /** Document type and title: 13-14. */
  title: 14,
  /** Body text: 13-14. */
  body: 14,
  /** Tables are not sized by the decree; 12 keeps six columns readable on A4. */
  table: 12,
  /** Page number: 13-14. */
  pageNumber: 13,
  /** Authority, title and name of the signer: 13-14. */
  signature: 14,
  /** The words `Nơi nhận:`: 12, bold italic. */
  recipientsHeading: 12,
  /** The recipients: 11. */
  recipients: 11,
};

/** First-line indent of body paragraphs: 1-1.27 cm. */
export const FIRST_LINE_INDENT = 10 * POINTS_PER_MM;

/** Space after each paragraph: at least 6 pt. */
export const PARAGRAPH_SPACING = 6;

/** Line height as a multiple of the font size: the decree allows single to 1.5 lines. */
export const LINE_HEIGHT = 1.15;

/** Share of the text width given to the left column of the letterhead and of the closing. */
export const LETTERHEAD_LEFT_SHARE = 0.4;
export const CLOSING_LEFT_SHARE = 0.45;

/** Space between the text and the closing. */
export const CLOSING_GAP = 12;

/** Length of the rule under the issuing agency and under the title: 1/3 to 1/2 of the text. */
export const SHORT_RULE_SHARE = 0.4;

/** Vertical room left for a handwritten signature and seal when the copy is not signed. */
export const SIGNATURE_SPACE = 60;

/** Space above and below `(đã ký)` on a copy of a signed original. */
export const SIGNED_MARK_GAP = 12;

export function pageSize(orientation: Orientation): { width: number; height: number } {
  return orientation === 'portrait' ? A4 : { width: A4.height, height: A4.width };
}

/** Width between the left and right margins. */
export function textWidth(orientation: Orientation): number {
  return pageSize(orientation).width - MARGINS.left - MARGINS.right;
}
