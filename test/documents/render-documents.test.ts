import { beforeAll, describe, expect, it } from 'vitest';

import { documentKinds, renderDocument } from '../../src/documents/index.js';
import type { DocumentKind } from '../../src/documents/index.js';
import { docxPart, readDocxText } from './docx-text.js';
import type { DocxText } from './docx-text.js';
import { bodyLines, plainText, readPdfLines, readTableRow } from './pdf-text.js';
import type { PdfLine } from './pdf-text.js';
import { samples } from './sample-data.js';

interface Expectation {
  /** The number line, or null for a kind without one. */
  number: string | null;
  dateLine: string;
  /** Text outside tables that must appear whole, diacritics included. */
  phrases: string[];
  /** Table rows, each cell's full text with `\n` between its lines. */
  rows: string[][];
}

const letterhead = [
  'UBND TỈNH AN BÌNH',
  'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Nơi nhận:',
];

const agencyName = 'Sở Khoa học và Công nghệ tỉnh An Bình';

const expectations: Record<DocumentKind, Expectation> = {
  'quality-objectives-decision': {
    number: 'Số: 12/QĐ-SKHCN',
    dateLine: 'An Bình, ngày 04 tháng 12 năm 2026',
    phrases: [
      'QUYẾT ĐỊNH',
      'Ban hành Mục tiêu chất lượng năm 2026',
      'GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH AN BÌNH',
      'Quyết định này',
      agencyName,
      'MỤC TIÊU CHẤT LƯỢNG NĂM 2026',
      '(Ban hành kèm theo Quyết định số 12/QĐ-SKHCN ngày 04 tháng 12 năm 2026',
      '(đã ký)',
      'Trần Văn Minh',
    ],
    rows: [
      ['STT', 'Mục tiêu', 'Chỉ số đo lường', 'Chỉ tiêu', 'Đơn vị chủ trì', 'Thời hạn'],
      [
        '1',
        'Giải quyết hồ sơ thủ tục hành chính đúng hạn',
        'Tỷ lệ hồ sơ giải quyết đúng hoặc trước hạn\nCách tính: Số hồ sơ đúng hạn / tổng số hồ sơ đã giải quyết x 100',
        '98%',
        'Văn phòng Sở',
        '31/12/2026',
      ],
      [
        '2',
        'Nâng cao sự hài lòng của người dân, tổ chức',
        'Tỷ lệ người dân, tổ chức hài lòng qua khảo sát',
        '90%',
        'Phòng Quản lý khoa học',
        '30/11/2026',
      ],
      [
        '3',
        'Thẩm định hồ sơ chuyển giao công nghệ',
        'Thời gian thẩm định trung bình một hồ sơ',
        '12,5 ngày',
        'Phòng Quản lý công nghệ và Đổi mới sáng tạo',
        'Cả năm',
      ],
    ],
  },
  'management-review-notice': {
    number: 'Số: 45/TB-SKHCN',
    dateLine: 'An Bình, ngày 20 tháng 11 năm 2026',
    phrases: [
      'THÔNG BÁO',
      'Về việc tổ chức họp xem xét của lãnh đạo',
      '08 giờ 00, ngày 15 tháng 12 năm 2026',
      'Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ',
      agencyName,
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC SỞ',
      'Lê Thị Hồng Nhung',
    ],
    rows: [
      [
        '1',
        'Tình trạng của các hành động từ các lần xem xét của lãnh đạo trước đó',
        'Văn phòng Sở',
        '08/12/2026',
      ],
      [
        '3',
        'Sự thỏa mãn của người dân, tổ chức và phản hồi từ các bên quan tâm',
        'Phòng Quản lý khoa học',
        '10/12/2026',
      ],
    ],
  },
  'management-review-report': {
    number: 'Số: 52/BC-SKHCN',
    dateLine: 'An Bình, ngày 18 tháng 12 năm 2026',
    phrases: [
      'BÁO CÁO',
      'II. ĐẦU VÀO CỦA XEM XÉT CỦA LÃNH ĐẠO',
      'Hành động số 4 (số hóa hồ sơ lưu trữ) đang thực hiện',
      '3.7. Kết quả thực hiện của nhà cung cấp bên ngoài',
      'Hệ thống quản lý chất lượng của Sở tiếp tục phù hợp, thỏa đáng và có hiệu lực.',
      agencyName,
    ],
    rows: [
      ['3', 'Thẩm định hồ sơ chuyển giao công nghệ', '≤ 12,5 ngày', '14 ngày', 'Không đạt'],
      [
        '2',
        'Nhu cầu nguồn lực',
        'Mua sắm 01 máy quét tài liệu khổ A3',
        'Văn phòng Sở',
        '28/02/2027',
      ],
    ],
  },
  'audit-programme': {
    number: 'Số: 03/CTr-SKHCN',
    dateLine: 'An Bình, ngày 10 tháng 02 năm 2026',
    phrases: ['CHƯƠNG TRÌNH', 'VI. LỊCH ĐÁNH GIÁ', 'TCVN ISO 9001:2015', 'Trưởng đoàn'],
    rows: [
      [
        '1',
        'Đợt 1',
        '15/06/2026\n- 17/06/2026',
        'Văn phòng Sở\nPhòng Quản lý khoa học',
        '4 - 10',
        'Phạm Quốc Huy\nNguyễn Thu Hà',
      ],
    ],
  },
  'audit-plan': {
    number: 'Số: 27/KH-SKHCN',
    dateLine: 'An Bình, ngày 01 tháng 6 năm 2026',
    phrases: [
      'KẾ HOẠCH',
      'Đánh giá nội bộ hệ thống quản lý chất lượng đợt 1 năm 2026',
      'từ ngày 15/06/2026 đến ngày 16/06/2026',
    ],
    rows: [
      ['15/06/2026', '08:00 - 08:30', 'Ban Giám đốc Sở', 'Họp khai mạc', 'Đoàn đánh giá'],
      [
        '16/06/2026',
        '14:00 - 16:30',
        'Phòng Quản lý khoa học',
        'Quản lý nhiệm vụ khoa học và công nghệ (8.1, 8.5, 9.1)',
        'Hoàng Minh Tuấn',
      ],
    ],
  },
  'audit-report': {
    number: 'Số: 31/BC-SKHCN',
    dateLine: 'An Bình, ngày 22 tháng 6 năm 2026',
    phrases: [
      'Kết quả đánh giá nội bộ hệ thống quản lý chất lượng đợt 1 năm 2026',
      'Đoàn đánh giá ghi nhận 2 phát hiện, gồm: 0 điểm không phù hợp nặng, 1 điểm không phù hợp nhẹ, 0 điểm lưu ý và 1 cơ hội cải tiến.',
      '(đã ký)',
    ],
    rows: [
      [
        '1',
        'Không phù hợp nhẹ',
        'Văn phòng Sở',
        'Điều khoản 7.5.3: Thông tin dạng văn bản phải được kiểm soát để sẵn có và thích hợp khi cần.',
        'Sổ theo dõi văn bản đến tháng 5/2026 thiếu 03 văn bản đã tiếp nhận.',
        'Việc cập nhật sổ theo dõi văn bản đến chưa đầy đủ.',
      ],
    ],
  },
  'risk-register-extract': {
    number: null,
    dateLine: 'An Bình, ngày 30 tháng 9 năm 2026',
    phrases: [
      'TRÍCH SỔ ĐĂNG KÝ RỦI RO NĂM 2026',
      '(các rủi ro mức Cao và Rất cao, cập nhật đến ngày 30 tháng 9 năm 2026)',
      'TL. GIÁM ĐỐC',
      'CHÁNH VĂN PHÒNG',
    ],
    rows: [
      [
        '1',
        'RR-VP-01',
        'Trả kết quả thủ tục hành chính quá hạn\nNguyên nhân: Hồ sơ tăng đột biến vào cuối năm',
        'Tiếp nhận và trả kết quả',
        '3',
        '4',
        '12',
        'Cao',
        'Bố trí thêm 01 công chức tiếp nhận vào tháng 11, 12',
        'Phạm Quốc Huy',
        '15/12/2026',
      ],
    ],
  },
};

const kinds = Object.keys(documentKinds) as DocumentKind[];

function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe.each(kinds)('%s as PDF', (kind) => {
  const expected = expectations[kind];
  let pdf: Buffer;
  let lines: PdfLine[];
  let text: string;

  beforeAll(async () => {
    pdf = await renderDocument(kind, samples[kind], 'pdf');
    lines = await readPdfLines(pdf);
    text = plainText(lines);
  });

  it('is a PDF with Tinos embedded', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const body = pdf.toString('latin1');
    expect(body).toMatch(/\/FontName \/[A-Z]{6}\+Tinos-Regular/);
    expect(body).toMatch(/\/FontName \/[A-Z]{6}\+Tinos-Bold/);
    expect(body).toContain('/FontFile2');
  });

  it('keeps the Vietnamese text intact', () => {
    for (const phrase of [...letterhead, ...expected.phrases]) {
      expect(text, phrase).toContain(normalized(phrase));
    }
  });

  it('has the number and the date line', () => {
    expect(text).toContain(expected.dateLine);
    if (expected.number) expect(text).toContain(expected.number);
    else expect(text).not.toContain('Số:');
  });

  it('has the table rows', () => {
    for (const row of expected.rows) {
      const cells = row.map(normalized);
      expect(readTableRow(lines, cells)).toEqual(cells);
    }
  });
});

describe.each(kinds)('%s as DOCX', (kind) => {
  const expected = expectations[kind];
  let docx: Buffer;
  let content: DocxText;
  let text: string;

  beforeAll(async () => {
    docx = await renderDocument(kind, samples[kind], 'docx');
    content = readDocxText(docx);
    text = content.paragraphs.join('\n');
  });

  it('is a DOCX in Times New Roman', () => {
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docxPart(docx, 'word/styles.xml')).toContain('w:ascii="Times New Roman"');
  });

  it('keeps the Vietnamese text intact', () => {
    for (const phrase of [...letterhead, ...expected.phrases]) {
      expect(normalized(text), phrase).toContain(normalized(phrase));
    }
  });

  it('has the number and the date line', () => {
    expect(content.paragraphs).toContain(expected.dateLine);
    if (expected.number) expect(content.paragraphs).toContain(expected.number);
    else expect(text).not.toContain('Số:');
  });

  it('has the table rows', () => {
    for (const row of expected.rows) expect(content.rows).toContainEqual(row);
  });
});

describe('PDF and DOCX of one document', () => {
  /**
   * Returns the characters of a text other than whitespace, sorted. Lines break and columns
   * interleave differently in the two formats, but every character must be there in both.
   */
  function characters(text: string): string[] {
    return [...text.replace(/\s+/g, '')].sort();
  }

  it.each(kinds)('%s has the same text in both formats', async (kind) => {
    const [pdf, docx] = await Promise.all([
      renderDocument(kind, samples[kind], 'pdf'),
      renderDocument(kind, samples[kind], 'docx'),
    ]);
    const pdfText = plainText(bodyLines(await readPdfLines(pdf)));
    const docxText = readDocxText(docx).paragraphs.join(' ');
    expect(characters(pdfText).join('')).toBe(characters(docxText).join(''));
  });
});

describe('page layout', () => {
  it('numbers pages in the DOCX header from the second page', async () => {
    const docx = await renderDocument(
      'quality-objectives-decision',
      samples['quality-objectives-decision'],
      'docx',
    );
    const document = docxPart(docx, 'word/document.xml');
    expect(document).toContain('<w:titlePg/>');
    const headers = [1, 2].map((index) => docxPart(docx, `word/header${index}.xml`)).join('');
    expect(headers).toContain('PAGE');
  });

  it('turns the risk register extract to landscape', async () => {
    const docx = await renderDocument(
      'risk-register-extract',
      samples['risk-register-extract'],
      'docx',
    );
    expect(docxPart(docx, 'word/document.xml')).toMatch(/<w:pgSz[^>]*w:orient="landscape"/);
  });
});
