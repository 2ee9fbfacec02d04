import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoDocuments,
  demoExternalDocuments,
} from '../../src/procedures/document-control/demo-documents.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createRecord, listRegister } from '../helpers/registers.js';

const decree = {
  documentNumber: '107/2021/NĐ-CP',
  documentKind: 'decree',
  title:
    'Nghị định sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông',
  issuingBody: 'Chính phủ',
  issueDate: '2021-12-06',
};

// The tests share one app. Only the external documents register changes, after the test that
// counts the seeded records.
describe('document-control registers', () => {
  let current: TestApp & { drop: () => Promise<void> };
  beforeAll(async () => {
    current = await createTestApp({ config: { loginRateLimit: 1000 } });
  });
  afterAll(async () => {
    await current?.drop();
  });

  it('seeds the demo document list', async () => {
    const staff = await current.login('staff.vp');

    const inForce = await listRegister(staff, 'controlled-documents', '?pageSize=200');
    const archive = await listRegister(staff, 'document-versions', '?status=obsolete');
    const withdrawn = await listRegister(staff, 'document-versions', '?status=withdrawn');
    const external = await listRegister(staff, 'external-documents', '?pageSize=200');

    const withdrawnCodes = demoDocuments
      .filter((document) => document.issues.some((issue) => issue.withdrawnOn))
      .map((document) => document.code);
    expect(inForce.total).toBe(demoDocuments.length - withdrawnCodes.length);
    expect(inForce.items.map((item) => item.code)).toEqual(
      expect.arrayContaining(['STCL', 'QT-HT-01', 'QT-HT-06', 'QT-01', 'BM-QT01-02']),
    );
    expect(inForce.items.map((item) => item.code)).not.toContain('QT-05');
    expect(archive.items.map((item) => [item.code, item.issueNumber])).toEqual([
      ['QT-01', 1],
      ['STCL', 1],
    ]);
    expect(withdrawn.items.map((item) => item.code)).toEqual(withdrawnCodes);
    expect(external.total).toBe(demoExternalDocuments.length);
    expect(external.items.find((item) => item.documentNumber === '30/2020/NĐ-CP')).toMatchObject({
      documentKind: 'decree',
      issuingBody: 'Chính phủ',
      issueDate: '2020-03-05',
      status: 'approved',
      locked: true,
    });
    expect(external.items.find((item) => item.documentNumber === '61/2018/NĐ-CP')?.status).toBe(
      'archived',
    );
  });

  it('filters the revision log and the archive', async () => {
    const staff = await current.login('staff.vp');

    const revisions = await listRegister(staff, 'document-revisions', '?code=STCL');
    const withdrawals = await listRegister(staff, 'document-revisions', '?changeType=withdrawal');
    const search = await listRegister(staff, 'controlled-documents', '?q=bức%20xạ');
    const forms = await listRegister(staff, 'controlled-documents', '?documentType=form');
    const badStatus = await staff.request('GET', '/api/registers/document-versions?status=lost');
    const noStatusFilter = await staff.request(
      'GET',
      '/api/registers/controlled-documents?status=obsolete',
    );

    expect(revisions.items.map((item) => [item.issueNumber, item.changeType])).toEqual([
      [2, 'revision'],
      [1, 'new'],
    ]);
    expect(withdrawals.items.map((item) => item.code)).toEqual(['QT-05']);
    expect(search.items.map((item) => item.code)).toEqual(['QT-03']);
    expect(forms.items.map((item) => item.code)).toEqual(['BM-QT01-01', 'BM-QT01-02']);
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().details.map((detail: { path: string }) => detail.path)).toEqual([
      '/status',
    ]);
    expect(noStatusFilter.statusCode).toBe(400);
  });

  it('exports the documents in force to Excel', async () => {
    const staff = await current.login('staff.vp');

    const response = await staff.request('GET', '/api/registers/controlled-documents/export.xlsx');

    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A2').value).toBe('Danh mục tài liệu hiện hành (ISO 9001, điều 7.5.3)');
    const cells = sheet
      .getSheetValues()
      .flatMap((row) => (Array.isArray(row) ? row : []))
      .map(String);
    expect(cells).toContain('QT-01');
    expect(cells).toContain('Sổ tay chất lượng');
    expect(cells).not.toContain('QT-05');
  });

  it('adds and confirms an external document', async () => {
    const secretary = await current.login('secretary');

    const created = await createRecord(secretary, 'external-documents', decree);
    const confirmed = await secretary.request(
      'PATCH',
      `/api/registers/external-documents/${created.id}`,
      { status: 'approved' },
    );
    const edit = await secretary.request(
      'PATCH',
      `/api/registers/external-documents/${created.id}`,
      { title: 'Sửa trích yếu' },
    );

    expect(created).toMatchObject({ status: 'draft', locked: false, effectiveDate: null });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'approved',
      approvedByName: 'Nguyễn Thu Hà',
      locked: true,
    });
    expect(edit.statusCode).toBe(409);
  });

  it('rejects invalid external documents with 400', async () => {
    const secretary = await current.login('secretary');

    const cases: [Record<string, unknown>, string][] = [
      [{ ...decree, documentNumber: ' ' }, '/documentNumber'],
      [{ ...decree, documentKind: 'ordinance' }, '/documentKind'],
      [{ ...decree, issueDate: '2021-02-30' }, '/issueDate'],
      [{ ...decree, effectiveDate: '01/02/2022' }, '/effectiveDate'],
      [{ ...decree, issuer: 'Chính phủ' }, '/issuer'],
      [{ documentNumber: '1/2024/TT-BKHCN' }, '/issuingBody'],
    ];
    for (const [body, path] of cases) {
      const response = await secretary.request('POST', '/api/registers/external-documents', body);

      expect(response.statusCode, path).toBe(400);
      expect(
        response.json().details.map((detail: { path: string }) => detail.path),
        path,
      ).toContain(path);
    }
    const missing = await secretary.request('POST', '/api/registers/external-documents', {});
    expect(missing.json().details.map((detail: { message: string }) => detail.message)).toContain(
      'Ngày ban hành: bắt buộc nhập.',
    );
  });

  it('rejects a duplicate external document in use', async () => {
    const secretary = await current.login('secretary');

    const response = await secretary.request('POST', '/api/registers/external-documents', {
      ...decree,
      documentNumber: '30/2020/NĐ-CP',
    });

    expect(response.statusCode).toBe(409);
  });

  it('rejects external documents from staff', async () => {
    const staff = await current.login('staff.qlkh');

    const response = await staff.request('POST', '/api/registers/external-documents', decree);

    expect(response.statusCode).toBe(403);
  });
});
