import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { renderDocument } from '../../src/documents/index.js';
import { MARGINS, textWidth } from '../../src/documents/layout.js';
import { readPdfLines } from './pdf-text.js';
import type { PdfLine } from './pdf-text.js';
import { objectivesDecision } from './sample-data.js';

const artifactsDir = path.resolve(import.meta.dirname, '../../test-artifacts/documents');

interface Placed {
  page: number;
  y: number;
  x: number;
  width: number;
  centre: number;
}

/** Positions in PDF points: y grows upwards from the foot of the page. */
function place(lines: PdfLine[], text: string, page = 1): Placed {
  for (const line of lines.filter((candidate) => candidate.page === page)) {
    const segment = line.segments.find((candidate) => candidate.text === text);
    if (segment) {
      return {
        page,
        y: line.y,
        x: segment.x,
        width: segment.width,
        centre: segment.x + segment.width / 2,
      };
    }
  }
  throw new Error(`"${text}" is not a segment of page ${page}`);
}

function hasPdftoppm(): boolean {
  return spawnSync('pdftoppm', ['-v']).error === undefined;
}

describe('layout of the quality objectives decision', () => {
  let pdf: Buffer;
  let lines: PdfLine[];
  const textCentre = MARGINS.left + textWidth('portrait') / 2;

  beforeAll(async () => {
    pdf = await renderDocument('quality-objectives-decision', objectivesDecision, 'pdf');
    lines = await readPdfLines(pdf);
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(path.join(artifactsDir, 'quality-objectives-decision.pdf'), pdf);
  });

  it('puts the agencies at the left and the national title at the right', () => {
    const superior = place(lines, 'UBND TỈNH AN BÌNH');
    const national = place(lines, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(Math.abs(superior.y - national.y)).toBeLessThanOrEqual(2);
    expect(superior.centre).toBeLessThan(textCentre);
    expect(national.centre).toBeGreaterThan(textCentre);
    expect(superior.x + superior.width).toBeLessThan(national.x);
  });

  it('stacks the issuer and number under the superior agency', () => {
    const superior = place(lines, 'UBND TỈNH AN BÌNH');
    const issuer = place(lines, 'SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    const number = place(lines, 'Số: 12/QĐ-SKHCN');
    expect(issuer.y).toBeLessThan(superior.y);
    expect(number.y).toBeLessThan(issuer.y);
    expect(Math.abs(issuer.centre - superior.centre)).toBeLessThan(2);
    expect(Math.abs(number.centre - superior.centre)).toBeLessThan(2);
  });

  it('centres the motto and the date under the national title', () => {
    const national = place(lines, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const motto = place(lines, 'Độc lập - Tự do - Hạnh phúc');
    const date = place(lines, 'An Bình, ngày 04 tháng 12 năm 2026');
    expect(motto.y).toBeLessThan(national.y);
    expect(date.y).toBeLessThan(motto.y);
    expect(Math.abs(motto.centre - national.centre)).toBeLessThan(2);
    expect(Math.abs(date.centre - national.centre)).toBeLessThan(2);
  });

  it('centres the document type and title on the text', () => {
    const docType = place(lines, 'QUYẾT ĐỊNH');
    const title = place(lines, 'Ban hành Mục tiêu chất lượng năm 2026');
    expect(docType.y).toBeLessThan(place(lines, 'Số: 12/QĐ-SKHCN').y);
    expect(Math.abs(docType.centre - textCentre)).toBeLessThan(2);
    expect(Math.abs(title.centre - textCentre)).toBeLessThan(2);
  });

  it('puts the recipients at the left and the signature at the right', () => {
    const recipients = place(lines, 'Nơi nhận:');
    const authority = place(lines, 'GIÁM ĐỐC SỞ');
    const signed = place(lines, '(đã ký)');
    const name = place(lines, 'Trần Văn Minh');
    expect(Math.abs(recipients.y - authority.y)).toBeLessThanOrEqual(2);
    expect(recipients.x).toBeCloseTo(MARGINS.left, 0);
    expect(authority.centre).toBeGreaterThan(textCentre);
    expect(signed.y).toBeLessThan(authority.y);
    expect(name.y).toBeLessThan(signed.y);
    expect(Math.abs(name.centre - authority.centre)).toBeLessThan(2);
  });

  it('numbers the second page at the top centre', () => {
    const pageNumber = place(lines, '2', 2);
    const appendixTitle = place(lines, 'MỤC TIÊU CHẤT LƯỢNG NĂM 2026', 2);
    expect(pageNumber.y).toBeGreaterThan(appendixTitle.y);
    expect(Math.abs(pageNumber.centre - textCentre)).toBeLessThan(2);
    expect(
      lines.filter((line) => line.page === 1).map((line) => line.segments[0].text),
    ).not.toContain('1');
  });

  it('renders the first page as an image', (context) => {
    if (!hasPdftoppm()) {
      context.skip('pdftoppm is not installed; install the Debian package poppler-utils');
    }
    const pdfPath = path.join(artifactsDir, 'quality-objectives-decision.pdf');
    const prefix = path.join(artifactsDir, 'quality-objectives-decision-page');
    const png = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '100',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdfPath,
      prefix,
    ]);
    expect(png.status, png.stderr.toString()).toBe(0);
    const image = readFileSync(`${prefix}.png`);
    expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
    // A4 at 100 dots per inch is 826.8 × 1169.3 pixels, which pdftoppm rounds either way.
    expect(Math.abs(image.readUInt32BE(16) - 827)).toBeLessThanOrEqual(1);
    expect(Math.abs(image.readUInt32BE(20) - 1169)).toBeLessThanOrEqual(1);

    const gray = spawnSync('pdftoppm', [
      '-gray',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdfPath,
    ]);
    expect(gray.status).toBe(0);
    const { width, pixels } = readPgm(gray.stdout);
    const inkInRows = (from: number, to: number, left: number, right: number) => {
      let ink = 0;
      for (let row = from; row < to; row += 1) {
        for (let column = left; column < right; column += 1) {
          if (pixels[row * width + column] < 128) ink += 1;
        }
      }
      return ink;
    };
    // The letterhead fills the top 1.2 inches at both sides of the page centre.
    expect(inkInRows(0, 60, 0, width / 2)).toBeGreaterThan(100);
    expect(inkInRows(0, 60, width / 2, width)).toBeGreaterThan(100);
  });
});

/** Reads a binary Netpbm gray map (magic number P5) with 8-bit levels, the output of `pdftoppm -gray`. */
function readPgm(data: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm -gray did not write a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: data.subarray(header[0].length) };
}
