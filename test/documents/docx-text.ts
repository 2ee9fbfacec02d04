import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/** The text of a DOCX body: every paragraph in order, and the cells of every table row. */
export interface DocxText {
  paragraphs: string[];
  rows: string[][];
}

/** Unzips one part of a DOCX package, such as `word/document.xml`, as text. */
export function docxPart(docx: Buffer, name: string): string {
  const files = unzipSync(new Uint8Array(docx), { filter: (file) => file.name === name });
  const part = files[name];
  if (!part) throw new Error(`The DOCX has no part ${name}`);
  return strFromU8(part);
}

/**
 * Reads the paragraphs and table rows of `word/document.xml`. A `w:br` is a line break. The
 * rendered documents nest no tables, so a row is read as flat cells.
 */
export function readDocxText(docx: Buffer): DocxText {
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  const result: DocxText = { paragraphs: [], rows: [] };
  let paragraph: string | null = null;
  let inText = false;
  let row: string[] | null = null;
  let cell: string[] | null = null;

  parser.on('opentag', (tag) => {
    if (tag.name === 'w:p') paragraph = '';
    if (tag.name === 'w:t') inText = true;
    if (tag.name === 'w:br' && paragraph !== null) paragraph += '\n';
    if (tag.name === 'w:tr' && row === null) row = [];
    if (tag.name === 'w:tc' && cell === null) cell = [];
  });
  parser.on('text', (text) => {
    if (inText && paragraph !== null) paragraph += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText = false;
    if (tag.name === 'w:p' && paragraph !== null) {
      result.paragraphs.push(paragraph);
      cell?.push(paragraph);
      paragraph = null;
    }
    if (tag.name === 'w:tc' && cell !== null && row !== null) {
      row.push(cell.filter((text) => text !== '').join('\n'));
      cell = null;
    }
    if (tag.name === 'w:tr' && row !== null) {
      result.rows.push(row);
      row = null;
    }
  });
  parser.write(docxPart(docx, 'word/document.xml')).close();
  return result;
}
