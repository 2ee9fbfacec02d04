/**
 * The layout-neutral form of a rendered document. A template produces it once, and the PDF and
 * DOCX writers both lay it out, so the two formats show the same text in the same order.
 */

export type Alignment = 'left' | 'center' | 'right' | 'justify';

export type Orientation = 'portrait' | 'landscape';

/** A stretch of text with one style. A `\n` in `text` is a line break. */
export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
}

/**
 * The heading of an administrative document: the agencies and the number at the left, the
 * national title, the motto and the place and date at the right.
 */
export interface LetterheadBlock {
  type: 'letterhead';
  /** Name of the superior agency, upper case, or null for an agency without one. */
  superior: string | null;
  /** Name of the issuing agency, upper case. */
  issuer: string;
  /** Number and symbol, such as `Số: 12/QĐ-SKHCN`, or null for documents without a number. */
  number: string | null;
  /** Place and date, such as `An Bình, ngày 04 tháng 12 năm 2026`. */
  placeDate: string;
}

/** The document type and the title, centred in bold with a short rule under them. */
export interface TitleBlock {
  type: 'title';
  /** Document type in upper case, such as `QUYẾT ĐỊNH`, or null for a title without one. */
  docType: string | null;
  lines: string[];
  /** Italic lines between the title and the rule, such as the decision an appendix belongs to. */
  notes: string[];
}

export interface ParagraphBlock {
  type: 'paragraph';
  runs: Run[];
  align: Alignment;
  /** Whether the first line is indented, as body paragraphs are. */
  indent: boolean;
  /** Font size in points. */
  size: number;
  /** Whether the paragraph stays on the page of the block after it, as headings do. */
  keepWithNext: boolean;
}

export interface TableColumn {
  /** Relative width: each column gets `weight / sum of weights` of the text width. */
  weight: number;
  align: Alignment;
}

export interface TableCell {
  runs: Run[];
  /** Number of columns that the cell covers, at least 1. */
  span: number;
  align: Alignment;
}

export interface TableRow {
  /** Whether the row is a header row, repeated at the top of each page. */
  header: boolean;
  cells: TableCell[];
}

export interface TableBlock {
  type: 'table';
  columns: TableColumn[];
  rows: TableRow[];
  /** Font size in points. */
  size: number;
}

/** The recipients at the left and the signature at the right of the last page of the text. */
export interface ClosingBlock {
  type: 'closing';
  recipients: string[];
  /** Authority and title lines above the signature, upper case, such as `KT. GIÁM ĐỐC`. */
  authority: string[];
  /** Whether the copy shows `(đã ký)`; otherwise it leaves room for a signature. */
  signed: boolean;
  signerName: string;
}

export interface PageBreakBlock {
  type: 'pageBreak';
}

export type Block =
  LetterheadBlock | TitleBlock | ParagraphBlock | TableBlock | ClosingBlock | PageBreakBlock;

export interface DocumentModel {
  /** Title for the file metadata. */
  title: string;
  orientation: Orientation;
  blocks: Block[];
}
