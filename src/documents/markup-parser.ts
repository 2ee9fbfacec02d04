import type {
  Alignment,
  Block,
  ClosingBlock,
  DocumentModel,
  LetterheadBlock,
  ParagraphBlock,
  TableBlock,
  TableCell,
  TableRow,
  TitleBlock,
} from './document-model.js';
import { FONT_SIZES } from './layout.js';
import { childElements, parseMarkup, plainText } from './markup-tree.js';
import type { MarkupElement } from './markup-tree.js';
import { inlineRuns } from './inline-runs.js';

/**
 * Turns the markup of a rendered template into the document model. The vocabulary:
 * `<document title orientation>` contains `<letterhead>`, `<title>`, `<p>`, `<heading>`,
 * `<table>`, `<closing>` and `<page-break/>`; text inside `<p>`, `<heading>` and `<td>` may use
 * `<b>`, `<i>` and `<br/>`.
 */
export function markupToModel(xml: string, templateName: string): DocumentModel {
  const root = parseMarkup(xml, templateName);
  const context = new MarkupContext(templateName);
  const orientation = root.attributes.orientation ?? 'portrait';
  if (orientation !== 'portrait' && orientation !== 'landscape') {
    context.fail(`orientation "${orientation}" is neither portrait nor landscape`);
  }
  const blocks = childElements(root).map((element) => toBlock(element, context));
  keepLastParagraphsWithClosings(blocks);
  return {
    title: root.attributes.title ?? '',
    orientation: orientation as DocumentModel['orientation'],
    blocks,
  };
}

/** Keeps the paragraph before each closing on its page, so no signature appears alone. */
function keepLastParagraphsWithClosings(blocks: Block[]): void {
  for (const [index, block] of blocks.entries()) {
    const previous = blocks[index - 1];
    if (block.type === 'closing' && previous?.type === 'paragraph') previous.keepWithNext = true;
  }
}

class MarkupContext {
  constructor(private readonly templateName: string) {}

  fail(message: string): never {
    throw new Error(`Template ${this.templateName} produced invalid markup: ${message}`);
  }

  alignment(element: MarkupElement, fallback: Alignment): Alignment {
    const value = element.attributes.align ?? fallback;
    if (value === 'left' || value === 'center' || value === 'right' || value === 'justify') {
      return value;
    }
    return this.fail(`<${element.name}> has align="${value}"`);
  }

  number(element: MarkupElement, name: string, fallback: number): number {
    const raw = element.attributes[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
      return this.fail(`<${element.name}> has ${name}="${raw}", expected a positive number`);
    }
    return value;
  }

  flag(element: MarkupElement, name: string, fallback: boolean): boolean {
    const raw = element.attributes[name];
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    return this.fail(`<${element.name}> has ${name}="${raw}", expected true or false`);
  }
}

function toBlock(element: MarkupElement, context: MarkupContext): Block {
  switch (element.name) {
    case 'letterhead':
      return toLetterhead(element, context);
    case 'title':
      return toTitle(element);
    case 'p':
      return toParagraph(element, context, { align: 'justify', indent: true, bold: false });
    case 'heading':
      return toParagraph(element, context, { align: 'center', indent: false, bold: true });
    case 'table':
      return toTable(element, context);
    case 'closing':
      return toClosing(element, context);
    case 'page-break':
      return { type: 'pageBreak' };
    default:
      return context.fail(`<${element.name}> is not a block element`);
  }
}

function childText(element: MarkupElement, name: string): string | null {
  const child = childElements(element).find((candidate) => candidate.name === name);
  return child ? plainText(child) : null;
}

function childTexts(element: MarkupElement, name: string): string[] {
  return childElements(element)
    .filter((child) => child.name === name)
    .map(plainText)
    .filter((text) => text !== '');
}

function toLetterhead(element: MarkupElement, context: MarkupContext): LetterheadBlock {
  const issuer = childText(element, 'issuer');
  const placeDate = childText(element, 'place-date');
  if (!issuer || !placeDate) context.fail('<letterhead> needs <issuer> and <place-date>');
  return {
    type: 'letterhead',
    superior: childText(element, 'superior') || null,
    issuer,
    number: childText(element, 'number') || null,
    placeDate,
  };
}

function toTitle(element: MarkupElement): TitleBlock {
  return {
    type: 'title',
    docType: childText(element, 'doc-type') || null,
    lines: childTexts(element, 'line'),
    notes: childTexts(element, 'note'),
  };
}

interface ParagraphDefaults {
  align: Alignment;
  indent: boolean;
  bold: boolean;
}

function toParagraph(
  element: MarkupElement,
  context: MarkupContext,
  defaults: ParagraphDefaults,
): ParagraphBlock {
  const bold = context.flag(element, 'bold', defaults.bold);
  const italic = context.flag(element, 'italic', false);
  return {
    type: 'paragraph',
    runs: inlineRuns(element, { bold, italic }, context.fail.bind(context)),
    align: context.alignment(element, defaults.align),
    indent: context.flag(element, 'indent', defaults.indent),
    size: context.number(element, 'size', FONT_SIZES.body),
    keepWithNext: context.flag(element, 'keep-with-next', element.name === 'heading'),
  };
}

function toTable(element: MarkupElement, context: MarkupContext): TableBlock {
  const children = childElements(element);
  const columns = children
    .filter((child) => child.name === 'col')
    .map((col) => ({
      weight: context.number(col, 'weight', 1),
      align: context.alignment(col, 'left'),
    }));
  if (columns.length === 0) context.fail('<table> needs at least one <col>');
  const rows = children
    .filter((child) => child.name === 'tr')
    .map((tr) =>
      toTableRow(
        tr,
        columns.map((column) => column.align),
        context,
      ),
    );
  return {
    type: 'table',
    columns,
    rows,
    size: context.number(element, 'size', FONT_SIZES.table),
  };
}

function toTableRow(
  element: MarkupElement,
  columnAlignments: Alignment[],
  context: MarkupContext,
): TableRow {
  const header = context.flag(element, 'header', false);
  let column = 0;
  const cells = childElements(element).map((td): TableCell => {
    if (td.name !== 'td') context.fail(`<tr> contains <${td.name}>`);
    const span = context.number(td, 'span', 1);
    const fallback = header ? 'center' : (columnAlignments[column] ?? 'left');
    column += span;
    return {
      runs: inlineRuns(td, { bold: header, italic: false }, context.fail.bind(context)),
      span,
      align: context.alignment(td, fallback),
    };
  });
  if (column !== columnAlignments.length) {
    context.fail(`a <tr> covers ${column} columns of ${columnAlignments.length}`);
  }
  return { header, cells };
}

function toClosing(element: MarkupElement, context: MarkupContext): ClosingBlock {
  const recipients = childElements(element).find((child) => child.name === 'recipients');
  const signature = childElements(element).find((child) => child.name === 'signature');
  if (!signature) context.fail('<closing> needs a <signature>');
  return {
    type: 'closing',
    recipients: recipients ? childTexts(recipients, 'item') : [],
    authority: childTexts(signature, 'authority'),
    signed: context.flag(signature, 'signed', false),
    signerName: childText(signature, 'name') ?? '',
  };
}
