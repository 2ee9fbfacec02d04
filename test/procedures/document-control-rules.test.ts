import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import {
  completeStep,
  newProcedureDraft,
  proposeChange,
  proposeNew,
  readVersions,
  startChange,
  submitTask,
  taskVariables,
  versionId,
} from '../helpers/document-control.js';

interface FieldErrorBody {
  detail: string;
  details: { path: string; message: string }[];
}

function errorPaths(body: FieldErrorBody): string[] {
  return body.details.map((detail) => detail.path);
}

// The tests share one app, so each one changes a document code of its own: QT-01 stays as the
// seed wrote it, and a running change holds its code until it ends.
describe('document-control rules', () => {
  let current: TestApp & { drop: () => Promise<void> };
  beforeAll(async () => {
    current = await createTestApp({ config: { loginRateLimit: 1000 } });
  });
  afterAll(async () => {
    await current?.drop();
  });

  it('returns a proposal that reuses an issued code', async () => {
    const staff = await current.login('staff.qlkh');
    const change = await startChange(staff);

    await proposeNew(staff, change.key, 'QT-01', 'QLKH');
    const again = await taskVariables(staff, change.key, 'Task_Propose');

    expect(again.proposalAccepted).toBe(false);
    expect(again.proposalProblemText).toContain('Mã QT-01 đã được dùng');
    expect(again.proposalProblemText).toContain('Sửa đổi, bổ sung');
    expect(again.targetCode).toBeUndefined();
  });

  it('rejects a revision that names no document', async () => {
    const staff = await current.login('staff.qlkh');
    const change = await startChange(staff);

    const response = await submitTask(staff, change.key, 'Task_Propose', {
      changeType: 'revision',
      draftingDepartment: 'QLKH',
      changeReason: 'Cập nhật biểu mẫu.',
    });
    await proposeChange(staff, change.key, 'revision', 'BM-QT01-01', 'QLKH');
    const draft = await taskVariables(staff, change.key, 'Task_Draft');

    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([
      expect.objectContaining({ path: '/documentCode', code: 'required' }),
    ]);
    expect(draft.proposalProblemText).toBeNull();
    expect(draft.targetCode).toBe('BM-QT01-01');
    expect(draft.title).toBe('Phiếu kiểm soát quá trình giải quyết hồ sơ');
  });

  it('holds a document for one change at a time', async () => {
    const staff = await current.login('staff.qlcn');
    const head = await current.login('head.qlcn');
    const first = await startChange(staff);
    const second = await startChange(head);

    await proposeChange(staff, first.key, 'revision', 'QT-02', 'QLCN');
    await proposeChange(head, second.key, 'withdrawal', 'QT-02', 'QLCN');
    const blocked = await taskVariables(head, second.key, 'Task_Propose');

    expect(second.businessKey).not.toBe(first.businessKey);
    expect(blocked.proposalAccepted).toBe(false);
    expect(blocked.proposalProblemText).toContain(
      `Tài liệu QT-02 đang được thay đổi theo hồ sơ ${first.businessKey}`,
    );
  });

  it('rejects invalid proposals with 400', async () => {
    const staff = await current.login('staff.qlkh');
    const change = await startChange(staff);
    const valid = {
      changeType: 'new',
      newDocumentCode: 'QT-09',
      draftingDepartment: 'QLKH',
      changeReason: 'Thủ tục mới.',
    };

    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, newDocumentCode: 'qt 09' }, '/newDocumentCode'],
      [{ ...valid, changeType: 'revision', documentCode: 'QT-99' }, '/documentCode'],
      [{ ...valid, draftingDepartment: 'KHTC' }, '/draftingDepartment'],
      [{ ...valid, changeReason: '   ' }, '/changeReason'],
      [{ ...valid, changeType: 'merge' }, '/changeType'],
    ];
    for (const [variables, path] of cases) {
      const response = await submitTask(staff, change.key, 'Task_Propose', variables);

      expect(response.statusCode, path).toBe(400);
      expect(errorPaths(response.json()), path).toContain(path);
    }
  });

  it('rejects invalid drafts with 400', async () => {
    const staff = await current.login('staff.qlcn');
    const change = await startChange(staff);
    await proposeNew(staff, change.key, 'QT-08', 'QLCN');
    const { title: _title, ...withoutTitle } = newProcedureDraft;

    const cases: [Record<string, unknown>, string][] = [
      [withoutTitle, '/title'],
      [{ ...newProcedureDraft, link: 'ftp://iso.example/QT-08.pdf' }, '/link'],
      [{ ...newProcedureDraft, departmentsConcerned: [] }, '/departmentsConcerned'],
      [{ ...newProcedureDraft, departmentsConcerned: ['KHTC'] }, '/departmentsConcerned/0'],
      [{ ...newProcedureDraft, retentionPeriod: 'P7Y' }, '/retentionPeriod'],
      [{ ...newProcedureDraft, documentType: 'memo' }, '/documentType'],
    ];
    for (const [variables, path] of cases) {
      const response = await submitTask(staff, change.key, 'Task_Draft', variables);

      expect(response.statusCode, path).toBe(400);
      expect(errorPaths(response.json()), path).toContain(path);
    }
    const versions = await staff.request('GET', '/api/documents/QT-08/versions');
    expect(versions.statusCode).toBe(404);
  });

  it('rejects a return without a comment', async () => {
    const staff = await current.login('staff.qlcn');
    const head = await current.login('head.qlcn');
    const change = await startChange(staff);
    await proposeNew(staff, change.key, 'QT-11', 'QLCN');
    await completeStep(staff, change.key, 'Task_Draft', newProcedureDraft);

    const response = await submitTask(head, change.key, 'Task_Review', { decision: 'return' });

    expect(response.statusCode).toBe(400);
    expect(errorPaths(response.json())).toContain('/comment');
    await taskVariables(head, change.key, 'Task_Review');
  });

  it('offers the review to the drafting department only', async () => {
    const staff = await current.login('staff.qlcn');
    const change = await startChange(staff);
    await proposeNew(staff, change.key, 'QT-12', 'QLCN');
    await completeStep(staff, change.key, 'Task_Draft', newProcedureDraft);
    const otherHead = await current.login('head.ttra');

    const tasks = await otherHead.request('GET', '/api/tasks?list=all&pageSize=200');
    const review = await current
      .db('user_tasks')
      .where({ process_instance_key: change.key, element_id: 'Task_Review', state: 'CREATED' })
      .first('key', 'candidate_groups');
    const forbidden = await otherHead.request('POST', `/api/tasks/${review.key}/complete`, {
      variables: { decision: 'approve' },
    });

    expect(review.candidate_groups).toEqual(['head-QLCN', 'iso-secretary']);
    expect(tasks.json().items.map((task: { elementId: string }) => task.elementId)).not.toContain(
      'Task_Review',
    );
    expect(forbidden.statusCode).toBe(404);
  });

  it('locks issued and archived versions', async () => {
    const secretary = await current.login('secretary');
    const issued = await versionId(current.db, 'QT-01', 2);
    const obsolete = await versionId(current.db, 'QT-01', 1);
    const revision = await current.db('document_revisions').where({ code: 'QT-01' }).first('id');

    const patchIssued = await secretary.request(
      'PATCH',
      `/api/registers/controlled-documents/${issued}`,
      { title: 'Tên mới' },
    );
    const patchObsolete = await secretary.request(
      'PATCH',
      `/api/registers/document-versions/${obsolete}`,
      { content: 'Nội dung mới' },
    );
    const patchLog = await secretary.request(
      'PATCH',
      `/api/registers/document-revisions/${revision.id}`,
      { changeSummary: 'Sửa' },
    );
    const create = await secretary.request('POST', '/api/registers/controlled-documents', {
      code: 'QT-10',
    });
    const anonymous = await current.app.inject({
      method: 'PATCH',
      url: `/api/registers/controlled-documents/${issued}`,
      payload: { title: 'Tên mới' },
    });

    expect(patchIssued.statusCode).toBe(409);
    expect(patchIssued.json().detail).toContain('QT-01 issue 2 is issued and locked');
    expect(patchIssued.json().detail).toContain('document-control');
    expect(patchObsolete.statusCode).toBe(409);
    expect(patchObsolete.json().detail).toContain('obsolete');
    expect(patchLog.statusCode).toBe(409);
    expect(patchLog.json().detail).toContain('append-only');
    expect(create.statusCode).toBe(403);
    expect(anonymous.statusCode).toBe(401);
    const after = await readVersions(secretary, 'QT-01');
    expect(after.items[0].title).toBe(
      'Quy trình cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
    );
  });

  it('names the drafting task when a draft is patched', async () => {
    const staff = await current.login('staff.qlcn');
    const change = await startChange(staff);
    await proposeNew(staff, change.key, 'QT-13', 'QLCN');
    await completeStep(staff, change.key, 'Task_Draft', newProcedureDraft);
    const draft = await versionId(current.db, 'QT-13', 1);

    const response = await staff.request('PATCH', `/api/registers/document-versions/${draft}`, {
      title: 'Tên khác',
    });

    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain(`in-review in change ${change.businessKey}`);
  });

  it('rejects direct database edits of issued versions', async () => {
    const { db } = current;
    const issued = await versionId(db, 'QT-01', 2);
    const obsolete = await versionId(db, 'QT-01', 1);

    await expect(
      db('controlled_documents').where({ id: issued }).update({ title: 'Tên mới' }),
    ).rejects.toThrow('issued and locked');
    await expect(
      db('controlled_documents').where({ id: obsolete }).update({ status: 'issued' }),
    ).rejects.toThrow('is obsolete and cannot change');
    await expect(db('controlled_documents').where({ id: issued }).delete()).rejects.toThrow(
      'cannot be deleted',
    );
    await expect(
      db('document_revisions').where({ code: 'QT-01' }).update({ change_summary: 'Sửa' }),
    ).rejects.toThrow('append-only');
  });

  it('serves only the current issue', async () => {
    const secretary = await current.login('secretary');
    const unit = await current.db('units').where({ kind: 'agency', code: 'SKHCN' }).first('id');
    await current.db('controlled_documents').insert({
      unit_id: unit.id,
      code: 'HD-09',
      title: 'Hướng dẫn cũ',
      document_type: 'guide',
      issue_number: 1,
      issue_date: '2023-03-15',
      status: 'obsolete',
      change_type: 'new',
      change_summary: 'Ban hành lần đầu.',
      change_reason: 'Thử nghiệm.',
      content: 'Nội dung cũ.',
      retention_period: 'P1Y',
      created_by: 'secretary',
      updated_by: 'secretary',
    });

    const currentIssue = await secretary.request('GET', '/api/documents/current/qt-01');
    const onlyObsolete = await secretary.request('GET', '/api/documents/current/HD-09');
    const withdrawn = await secretary.request('GET', '/api/documents/current/QT-05');
    const unknown = await secretary.request('GET', '/api/documents/current/QT-77');
    const invalid = await secretary.request('GET', '/api/documents/current/QT%2001');
    const anonymous = await current.app.inject({ url: '/api/documents/current/QT-01' });

    expect(currentIssue.statusCode).toBe(200);
    expect(currentIssue.json()).toMatchObject({ code: 'QT-01', issueNumber: 2, status: 'issued' });
    expect(onlyObsolete.statusCode).toBe(404);
    expect(onlyObsolete.json().detail).toContain('only obsolete issues exist');
    expect(onlyObsolete.json().detail).toContain('/api/documents/HD-09/versions');
    expect(withdrawn.statusCode).toBe(404);
    expect(withdrawn.json().detail).toContain('issue 1 was withdrawn on 2025-07-01');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toContain('QT-77');
    expect(invalid.statusCode).toBe(400);
    expect(anonymous.statusCode).toBe(401);
    const archive = await readVersions(secretary, 'HD-09');
    expect(archive.items.map((version) => version.status)).toEqual(['obsolete']);
  });
});
