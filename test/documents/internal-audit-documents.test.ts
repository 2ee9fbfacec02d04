import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { readDocxText } from './docx-text.js';
import { plainText, readPdfLines } from './pdf-text.js';

// The documents are built from the demo seed's concluded programme of last year.
describe('internal audit documents', () => {
  let app: TestApp & { drop: () => Promise<void> };
  let staff: TestSession;
  let programmeId: string;
  const planIds = new Map<string, string>();
  const lastYear = new Date().getUTCFullYear() - 1;

  beforeAll(async () => {
    app = await createTestApp();
    staff = await app.login('staff.qlkh');
    const programme = await app.db('audit_programmes').first('id');
    programmeId = String(programme.id);
    const plans = await app.db('audit_plans').select('id', 'reference');
    for (const plan of plans) planIds.set(plan.reference as string, String(plan.id));
  });
  afterAll(async () => {
    await app.drop();
  });

  async function pdfText(url: string): Promise<string> {
    const response = await staff.request('GET', `${url}?format=pdf`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    return plainText(await readPdfLines(response.rawPayload));
  }

  async function docxCells(url: string): Promise<string[]> {
    const response = await staff.request('GET', `${url}?format=docx`);
    expect(response.statusCode, response.body).toBe(200);
    const text = readDocxText(response.rawPayload);
    return [...text.paragraphs, ...text.rows.flat()];
  }

  it('issues the programme with its schedule', async () => {
    const url = `/api/audits/programmes/${programmeId}/document`;

    const text = await pdfText(url);
    const cells = await docxCells(url);

    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Thanh tra Sở');
    expect(text).toContain('LỊCH ĐÁNH GIÁ');
    expect(text).toContain('Trần Văn Minh');
    expect(cells).toContain(`DG-${lastYear}-001`);
    expect(cells).toContain('Phòng Quản lý công nghệ và Đổi mới sáng tạo');
    expect(cells.join(' ')).toContain('Vũ Đức Thắng');
  });

  it('names the files after the year and the audit', async () => {
    const programme = await staff.request('GET', `/api/audits/programmes/${programmeId}/document`);
    const plan = await staff.request(
      'GET',
      `/api/audits/plans/${planIds.get(`DG-${lastYear}-001`)}/document?format=docx`,
    );

    expect(programme.headers['content-disposition']).toBe(
      `attachment; filename="chuong-trinh-danh-gia-${lastYear}.pdf"`,
    );
    expect(plan.headers['content-disposition']).toBe(
      `attachment; filename="ke-hoach-danh-gia-DG-${lastYear}-001.docx"`,
    );
  });

  it('issues the plan of one audit', async () => {
    const url = `/api/audits/plans/${planIds.get(`DG-${lastYear}-001`)}/document`;

    const text = await pdfText(url);
    const cells = await docxCells(url);

    expect(text).toContain('Họp khai mạc');
    expect(text).toContain('Văn phòng Sở');
    expect(cells).toContain('Họp kết thúc, thông báo phát hiện');
    expect(cells.join(' ')).toContain('Đặng Văn Khoa');
  });

  it('issues the report with findings', async () => {
    const url = `/api/audits/plans/${planIds.get(`DG-${lastYear}-004`)}/report`;

    const text = await pdfText(url);
    const cells = (await docxCells(url)).join(' ');

    expect(text).toContain(`thực hiện hành động khắc phục KPH-${lastYear}-003 cho phát hiện PH-01`);
    expect(text).toContain('cần khắc phục dứt điểm việc xin lỗi và hẹn lại');
    expect(text).toContain('Bùi Thị Ngọc Anh');
    expect(cells).toContain(
      'PH-01: Không thực hiện xin lỗi và hẹn lại thời gian đối với hồ sơ trễ hạn.',
    );
    expect(cells).toContain('Không phù hợp nặng');
  });

  it('rejects an unknown format', async () => {
    const response = await staff.request(
      'GET',
      `/api/audits/programmes/${programmeId}/document?format=odt`,
    );

    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('format');
  });

  it('needs a session', async () => {
    const response = await app.app.inject({
      method: 'GET',
      url: `/api/audits/programmes/${programmeId}/document`,
    });

    expect(response.statusCode).toBe(401);
  });

  it('hides unknown records', async () => {
    const programme = await staff.request('GET', '/api/audits/programmes/999999/document');
    const report = await staff.request('GET', '/api/audits/plans/abc/report');

    expect(programme.statusCode).toBe(404);
    expect(report.statusCode).toBe(400);
  });
});
