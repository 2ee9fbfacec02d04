import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { readDocxText } from './docx-text.js';
import { plainText, readPdfLines } from './pdf-text.js';

const extractedAt = new Date('2026-12-04T03:00:00Z');

describe('risk register extract', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let secretary: TestSession;

  beforeAll(async () => {
    current = await createTestApp({ now: () => extractedAt });
    secretary = await current.login('secretary');
  });

  afterAll(async () => {
    await current?.drop();
  });

  it('renders the open risks as PDF', async () => {
    const response = await secretary.request('GET', '/api/risks/extract?format=pdf');

    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="trich-so-dang-ky-rui-ro-2026-12-04.pdf"',
    );
    const text = plainText(await readPdfLines(response.rawPayload));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('TRÍCH SỔ ĐĂNG KÝ RỦI RO NĂM 2026');
    expect(text).toContain(
      '(các rủi ro đang xử lý và theo dõi, cập nhật đến ngày 04 tháng 12 năm 2026)',
    );
    expect(text).toContain('Lộ lọt dữ liệu cá nhân');
    expect(text).toContain('Giảm thiểu rủi ro');
    expect(text).toContain('THƯ KÝ ISO');
    expect(text).toContain('Nguyễn Thu Hà');
  });

  it('renders the rows of one department as DOCX', async () => {
    const response = await secretary.request(
      'GET',
      '/api/risks/extract?format=docx&department=QLCN',
    );

    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="trich-so-dang-ky-rui-ro-2026-12-04-qlcn.docx"',
    );
    const { paragraphs, rows } = readDocxText(response.rawPayload);
    expect(paragraphs).toContain(
      '(các rủi ro của Phòng Quản lý công nghệ và Đổi mới sáng tạo đang xử lý và theo dõi, cập nhật đến ngày 04 tháng 12 năm 2026)',
    );
    const body = rows.filter((row) => row[1]?.startsWith('RR-'));
    expect(rows).toContainEqual(expect.arrayContaining(['STT', 'Mã', 'Rủi ro', 'Mức rủi ro']));
    expect(body).toHaveLength(1);
    expect(body[0]).toEqual([
      '1',
      'RR-QLCN-01',
      'Lộ lọt dữ liệu cá nhân của tổ chức, cá nhân trong hồ sơ\nNguyên nhân: Phân quyền truy cập hồ sơ điện tử chưa theo vai trò',
      'Thẩm định hợp đồng chuyển giao công nghệ (Phòng Quản lý công nghệ và Đổi mới sáng tạo)',
      '1',
      '5',
      '5',
      'Trung bình',
      'Giảm thiểu rủi ro: Phân quyền truy cập theo vai trò; ký cam kết bảo mật; tập huấn bảo vệ dữ liệu cá nhân cho cán bộ thụ lý. Sau xử lý: 1 × 4 = 4 (Thấp)',
      'Ngô Thanh Sơn',
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/),
    ]);
  });

  it.each([
    ['?format=xlsx', '/format'],
    ['?department=KHTC', '/department'],
  ])('rejects %s', async (query, path) => {
    const response = await secretary.request('GET', `/api/risks/extract${query}`);

    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { path: string }) => detail.path)).toEqual([path]);
  });

  it('needs a session', async () => {
    const response = await current!.app.inject({ method: 'GET', url: '/api/risks/extract' });

    expect(response.statusCode).toBe(401);
  });

  it('is not found before any treatment is planned', async () => {
    await current!.db('risks').update({ status: 'closed' });

    const response = await secretary.request('GET', '/api/risks/extract?format=docx');

    expect(response.statusCode).toBe(404);
  });
});
