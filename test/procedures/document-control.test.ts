import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  completeStep,
  findOpenTask,
  instanceState,
  newProcedureDraft,
  proposeChange,
  proposeNew,
  readVersions,
  startChange,
  taskVariables,
} from '../helpers/document-control.js';

interface CurrentDocument {
  code: string;
  title: string;
  issueNumber: number;
  issueDate: string;
  status: string;
  content: string;
  link: string | null;
  departments: { code: string }[];
  draftingDepartment: { code: string } | null;
  draftedByName: string | null;
  reviewedByName: string | null;
  approvedByName: string | null;
  changeKey: string | null;
  revisions: { issueNumber: number; changeType: string; changeSummary: string }[];
  acknowledgements: { department: { code: string }; actor: string; note: string | null }[];
}

async function readCurrent(session: TestSession, code: string): Promise<CurrentDocument> {
  const response = await session.request('GET', `/api/documents/current/${code}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as CurrentDocument;
}

// The paths share one app, so each one changes a document code of its own, because a running
// change holds its code and an issued code cannot be issued as new again.
describe('document-control procedure', () => {
  let current: TestApp & { drop: () => Promise<void> };
  beforeAll(async () => {
    current = await createTestApp({ config: { loginRateLimit: 1000 } });
  });
  afterAll(async () => {
    await current?.drop();
  });

  async function acknowledgeAs(username: string, key: string, note?: string): Promise<void> {
    const head = await current.login(username);
    await completeStep(head, key, 'Task_Acknowledge', {
      acknowledged: true,
      ...(note ? { acknowledgeNote: note } : {}),
    });
  }

  it('issues a new document after review and approval', async () => {
    const staff = await current.login('staff.qlcn');
    const head = await current.login('head.qlcn');
    const director = await current.login('director');

    const change = await startChange(staff);
    const proposal = await taskVariables(staff, change.key, 'Task_Propose');
    await proposeNew(staff, change.key, 'QT-08', 'QLCN');
    await completeStep(staff, change.key, 'Task_Draft', newProcedureDraft);
    const inReview = await readVersions(staff, 'QT-08');
    await completeStep(head, change.key, 'Task_Review', {
      decision: 'approve',
      comment: 'Đạt yêu cầu, trình Giám đốc.',
    });
    const beforeApproval = await staff.request('GET', '/api/documents/current/QT-08');
    await completeStep(director, change.key, 'Task_Approve', { decision: 'approve' });
    await acknowledgeAs('head.vp', change.key, 'Đã phổ biến tại giao ban.');
    await acknowledgeAs('head.qlcn', change.key);

    expect(change.businessKey).toMatch(/^TL-\d{4}-\d{3}$/);
    expect(proposal.draftingDepartment).toBe('QLCN');
    expect(proposal.documentOptions).toContainEqual(
      expect.objectContaining({ value: 'QT-01', label: expect.stringContaining('lần ban hành 2') }),
    );
    expect(inReview.items.map((version) => version.status)).toEqual(['in-review']);
    expect(beforeApproval.statusCode).toBe(404);
    expect(beforeApproval.json().detail).toContain('pending-approval');
    expect(await instanceState(staff, change.key)).toBe('COMPLETED');
    const document = await readCurrent(staff, 'QT-08');
    expect(document).toMatchObject({
      code: 'QT-08',
      title: newProcedureDraft.title,
      issueNumber: 1,
      status: 'issued',
      link: newProcedureDraft.link,
      draftingDepartment: { code: 'QLCN' },
      draftedByName: 'Trịnh Thị Mai',
      reviewedByName: 'Ngô Thanh Sơn',
      approvedByName: 'Trần Văn Minh',
      changeKey: change.businessKey,
    });
    expect(document.departments.map((department) => department.code)).toEqual(['VP', 'QLCN']);
    expect(document.revisions).toEqual([
      expect.objectContaining({
        issueNumber: 1,
        changeType: 'new',
        changeSummary: 'Ban hành lần đầu.',
      }),
    ]);
    expect(document.acknowledgements.map((entry) => entry.department.code)).toEqual(['VP', 'QLCN']);
    expect(document.acknowledgements[0]).toMatchObject({
      actor: 'head.vp',
      note: 'Đã phổ biến tại giao ban.',
    });
  });

  it('lists the new document in the register', async () => {
    const staff = await current.login('staff.qlcn');
    const change = await startChange(staff);
    await proposeNew(staff, change.key, 'QT-09', 'QLCN');
    await completeStep(staff, change.key, 'Task_Draft', newProcedureDraft);
    await completeStep(await current.login('secretary'), change.key, 'Task_Review', {
      decision: 'approve',
    });
    await completeStep(await current.login('deputy'), change.key, 'Task_Approve', {
      decision: 'approve',
      comment: 'Đồng ý ban hành.',
    });

    const list = await staff.request('GET', '/api/registers/controlled-documents?code=QT-09');
    const revisions = await staff.request('GET', '/api/registers/document-revisions?code=QT-09');

    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        code: 'QT-09',
        issueNumber: 1,
        documentType: 'procedure',
        draftingDepartment: 'Phòng Quản lý công nghệ và Đổi mới sáng tạo',
        departments: 'Văn phòng Sở, Phòng Quản lý công nghệ và Đổi mới sáng tạo',
        reviewedByName: 'Nguyễn Thu Hà',
        approvedByName: 'Lê Thị Hồng Nhung',
        locked: true,
      }),
    ]);
    expect(revisions.json().items).toEqual([
      expect.objectContaining({ code: 'QT-09', changeType: 'new', changeKey: change.businessKey }),
    ]);
  });

  it('returns to the drafter when the reviewer returns', async () => {
    const staff = await current.login('staff.qlcn');
    const head = await current.login('head.qlcn');
    const change = await startChange(staff);
    await proposeNew(staff, change.key, 'QT-10', 'QLCN');
    await completeStep(staff, change.key, 'Task_Draft', newProcedureDraft);

    await completeStep(head, change.key, 'Task_Review', {
      decision: 'return',
      comment: 'Bổ sung thời hạn giải quyết từng bước.',
    });
    const redraft = await taskVariables(staff, change.key, 'Task_Draft');
    const returned = await readVersions(staff, 'QT-10');
    await completeStep(staff, change.key, 'Task_Draft', {
      ...newProcedureDraft,
      documentContent: `${newProcedureDraft.documentContent} Bước thẩm định: 04 ngày làm việc.`,
    });
    await completeStep(head, change.key, 'Task_Review', { decision: 'approve' });
    await completeStep(await current.login('director'), change.key, 'Task_Approve', {
      decision: 'approve',
    });

    expect(redraft).toMatchObject({
      returnComment: 'Bổ sung thời hạn giải quyết từng bước.',
      returnedByName: 'Ngô Thanh Sơn (người xem xét)',
      title: newProcedureDraft.title,
    });
    expect(returned.items.map((version) => version.status)).toEqual(['draft']);
    const document = await readCurrent(staff, 'QT-10');
    expect(document.content).toContain('04 ngày làm việc');
    const approvals = await current
      .db('approvals')
      .where({ process_instance_key: change.key })
      .orderBy('id')
      .select('subject', 'decision', 'actor');
    expect(approvals).toEqual([
      { subject: 'document-control:Task_Review', decision: 'return', actor: 'head.qlcn' },
      { subject: 'document-control:Task_Review', decision: 'approve', actor: 'head.qlcn' },
      { subject: 'document-control:Task_Approve', decision: 'approve', actor: 'director' },
    ]);
  });

  it('returns to the drafter when the board returns', async () => {
    const staff = await current.login('staff.qlcn');
    const head = await current.login('head.qlcn');
    const director = await current.login('director');
    const change = await startChange(staff);
    await proposeNew(staff, change.key, 'QT-11', 'QLCN');
    await completeStep(staff, change.key, 'Task_Draft', newProcedureDraft);
    await completeStep(head, change.key, 'Task_Review', { decision: 'approve' });

    await completeStep(director, change.key, 'Task_Approve', {
      decision: 'return',
      comment: 'Thời hạn 07 ngày chưa phù hợp quy định, sửa thành 05 ngày.',
    });
    const redraft = await taskVariables(staff, change.key, 'Task_Draft');
    const notCurrent = await staff.request('GET', '/api/documents/current/QT-11');
    await completeStep(staff, change.key, 'Task_Draft', {
      ...newProcedureDraft,
      documentContent: newProcedureDraft.documentContent.replace('07 ngày', '05 ngày'),
    });
    await completeStep(head, change.key, 'Task_Review', { decision: 'approve' });
    await completeStep(director, change.key, 'Task_Approve', { decision: 'approve' });

    expect(redraft).toMatchObject({
      returnComment: 'Thời hạn 07 ngày chưa phù hợp quy định, sửa thành 05 ngày.',
      returnedByName: 'Trần Văn Minh (Ban giám đốc)',
    });
    expect(notCurrent.statusCode).toBe(404);
    const document = await readCurrent(staff, 'QT-11');
    expect(document.content).toContain('05 ngày làm việc');
    expect(document.issueNumber).toBe(1);
  });

  it('revision obsoletes the previous issue', async () => {
    const staff = await current.login('staff.qlkh');
    const change = await startChange(staff);
    await proposeChange(staff, change.key, 'revision', 'QT-01', 'QLKH');
    const draft = await taskVariables(staff, change.key, 'Task_Draft');
    await completeStep(staff, change.key, 'Task_Draft', {
      title: draft.title,
      documentType: draft.documentType,
      retentionPeriod: draft.retentionPeriod,
      documentContent: `${String(draft.documentContent)} Bổ sung bước xác thực tài khoản định danh điện tử.`,
      departmentsConcerned: ['QLKH'],
      changeSummary: 'Bổ sung bước xác thực định danh điện tử khi nộp hồ sơ trực tuyến.',
    });
    await completeStep(await current.login('head.qlkh'), change.key, 'Task_Review', {
      decision: 'approve',
    });
    await completeStep(await current.login('director'), change.key, 'Task_Approve', {
      decision: 'approve',
    });
    await acknowledgeAs('head.qlkh', change.key);

    expect(draft).toMatchObject({
      targetCode: 'QT-01',
      nextIssueNumber: 3,
      currentIssueNumber: 2,
      title: 'Quy trình cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
      documentType: 'procedure',
      departmentsConcerned: ['VP', 'QLKH'],
    });
    expect(String(draft.documentContent)).toContain('Trung tâm Phục vụ hành chính công');
    expect(await instanceState(staff, change.key)).toBe('COMPLETED');
    const document = await readCurrent(staff, 'QT-01');
    expect(document.issueNumber).toBe(3);
    expect(document.content).toContain('định danh điện tử');
    expect(document.revisions.map((revision) => revision.issueNumber)).toEqual([3, 2, 1]);
    expect(document.acknowledgements.map((entry) => entry.department.code)).toEqual(['QLKH']);
    const versions = await readVersions(staff, 'QT-01');
    expect(versions.currentIssueNumber).toBe(3);
    expect(versions.items.map((version) => [version.issueNumber, version.status])).toEqual([
      [3, 'issued'],
      [2, 'obsolete'],
      [1, 'obsolete'],
    ]);
    const archive = await staff.request(
      'GET',
      '/api/registers/document-versions?code=QT-01&status=obsolete',
    );
    expect(archive.json().items.map((item: { issueNumber: number }) => item.issueNumber)).toEqual([
      1, 2,
    ]);
    const inForce = await staff.request('GET', '/api/registers/controlled-documents?code=QT-01');
    expect(inForce.json().items.map((item: { issueNumber: number }) => item.issueNumber)).toEqual([
      3,
    ]);
  });

  it('withdraws an issued document', async () => {
    const secretary = await current.login('secretary');
    const change = await startChange(secretary);
    await proposeChange(
      secretary,
      change.key,
      'withdrawal',
      'QT-04',
      'QLCN',
      'Thủ tục cấp giấy phép bưu chính nội tỉnh được chuyển về cấp xã.',
    );
    const review = await taskVariables(secretary, change.key, 'Task_Review');
    await completeStep(await current.login('head.qlcn'), change.key, 'Task_Review', {
      decision: 'approve',
    });
    await completeStep(await current.login('director'), change.key, 'Task_Approve', {
      decision: 'approve',
    });
    await acknowledgeAs('head.vp', change.key);
    await acknowledgeAs('head.qlcn', change.key);

    expect(review).toMatchObject({
      changeType: 'withdrawal',
      targetCode: 'QT-04',
      title: 'Quy trình cấp giấy phép bưu chính (phạm vi nội tỉnh)',
      departmentsConcerned: ['VP', 'QLCN'],
      draftedByName: 'Nguyễn Thu Hà',
    });
    expect(await instanceState(secretary, change.key)).toBe('COMPLETED');
    const withdrawnResponse = await secretary.request('GET', '/api/documents/current/QT-04');
    expect(withdrawnResponse.statusCode).toBe(404);
    expect(withdrawnResponse.body).toContain('withdrawn');
    const versions = await readVersions(secretary, 'QT-04');
    expect(versions.currentIssueNumber).toBeNull();
    expect(versions.items.map((version) => version.status)).toEqual(['withdrawn']);
    const log = await secretary.request('GET', '/api/registers/document-revisions?code=QT-04');
    expect(
      log
        .json()
        .items.map((item: { changeType: string; changeReason: string | null }) => [
          item.changeType,
          item.changeReason,
        ]),
    ).toEqual([
      ['withdrawal', 'Thủ tục cấp giấy phép bưu chính nội tỉnh được chuyển về cấp xã.'],
      ['new', 'Tiếp nhận lĩnh vực bưu chính từ Sở Thông tin và Truyền thông.'],
    ]);
  });

  it('sends a returned withdrawal back to the proposal', async () => {
    const secretary = await current.login('secretary');
    const director = await current.login('director');
    const change = await startChange(secretary);
    await proposeChange(secretary, change.key, 'withdrawal', 'HD-01', 'VP', 'Không còn dùng.');
    await completeStep(secretary, change.key, 'Task_Review', { decision: 'approve' });

    await completeStep(director, change.key, 'Task_Approve', {
      decision: 'return',
      comment: 'Nêu rõ văn bản hướng dẫn thay thế trước khi hủy bỏ.',
    });
    const proposal = await taskVariables(secretary, change.key, 'Task_Propose');
    await proposeChange(
      secretary,
      change.key,
      'withdrawal',
      'HD-01',
      'VP',
      'Được thay thế bởi hướng dẫn trên Cổng Dịch vụ công quốc gia.',
    );
    await completeStep(secretary, change.key, 'Task_Review', { decision: 'approve' });
    await completeStep(director, change.key, 'Task_Approve', { decision: 'approve' });

    expect(proposal).toMatchObject({
      changeType: 'withdrawal',
      documentCode: 'HD-01',
      returnComment: 'Nêu rõ văn bản hướng dẫn thay thế trước khi hủy bỏ.',
      returnedByName: 'Trần Văn Minh (Ban giám đốc)',
    });
    const versions = await readVersions(secretary, 'HD-01');
    expect(versions.items.map((version) => version.status)).toEqual(['withdrawn']);
    const heads = ['head.vp', 'head.ttra', 'head.qlkh', 'head.qlcn'];
    for (const head of heads)
      await findOpenTask(await current.login(head), change.key, 'Task_Acknowledge');
  });
});
