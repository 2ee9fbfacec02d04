import { modelNotifications } from '../helpers/notifications.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  inputFieldName,
  reviewInputKeys,
} from '../../src/procedures/management-review/review-inputs.js';
import { readDocxText } from '../documents/docx-text.js';
import { plainText, readPdfLines } from '../documents/pdf-text.js';
import { completeTask, findTask } from '../helpers/quality-objectives.js';
import { demoUnitId, listRegister } from '../helpers/registers.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  allAssignments,
  approveNotice,
  consolidatedInputs,
  departmentReport,
  ensureCorrectiveActionProcess,
  headOf,
  meetingVariables,
  noticeVariables,
  openTaskVariables,
  readInstance,
  reportAll,
  reportText,
  reviewStart,
  reviewTasks,
  startReview,
  type ReviewSessions,
} from '../helpers/management-review.js';

type Current = TestApp & { drop: () => Promise<void> };

const allDepartments = Object.keys(allAssignments);

async function sessionsOf(current: TestApp): Promise<ReviewSessions> {
  const heads: Record<string, TestSession> = {};
  for (const [department, username] of Object.entries(headOf))
    heads[department] = await current.login(username);
  return {
    secretary: await current.login('secretary'),
    director: await current.login('director'),
    heads,
  };
}

async function openTasks(session: TestSession, elementId: string): Promise<number> {
  const response = await session.request('GET', '/api/tasks?list=all&pageSize=200');
  const items = (response.json() as { items: { elementId: string }[] }).items;
  return items.filter((task) => task.elementId === elementId).length;
}

describe('management-review procedure', () => {
  let current: Current | undefined;
  let clock = reviewStart;

  afterEach(async () => {
    await current?.drop();
    current = undefined;
    clock = reviewStart;
  });

  async function createApp(): Promise<{ current: Current; sessions: ReviewSessions }> {
    current = await createTestApp({ now: () => clock, config: { loginRateLimit: 1000 } });
    await ensureCorrectiveActionProcess(current.db, await demoUnitId(current.db));
    return { current, sessions: await sessionsOf(current) };
  }

  it('runs the full path with four departments', async () => {
    const { current: app, sessions } = await createApp();
    const { key, businessKey } = await startReview(sessions.secretary);
    expect(businessKey).toBe('XXLD-2027-001');

    await approveNotice(sessions);
    for (const department of allDepartments)
      expect(await openTasks(sessions.heads[department], reviewTasks.report)).toBe(1);
    await reportAll(sessions, allDepartments);
    const consolidation = await openTaskVariables(sessions.secretary, reviewTasks.consolidate);
    await completeTask(sessions.secretary, reviewTasks.consolidate, consolidatedInputs());
    await completeTask(sessions.secretary, reviewTasks.recordMeeting, meetingVariables());
    await completeTask(sessions.director, reviewTasks.approveReport, { decision: 'approve' });

    expect(consolidation.variables.inputObjectives).toContain(reportText('VP', 'objectives'));
    expect(consolidation.variables.inputAuditResults).toBe(
      `Thanh tra Sở: ${reportText('TTRA', 'auditResults')}`,
    );
    const demo = await app
      .db('management_reviews')
      .whereNull('process_instance_key')
      .first('reference');
    expect(consolidation.variables.inputPreviousActions).toContain(`(${demo.reference})`);
    expect(consolidation.variables.inputPreviousActions).toContain('(quá hạn)');
    const instance = await readInstance(sessions.secretary, key);
    expect(instance.state).toBe('COMPLETED');
    expect(instance.incidents).toEqual([]);
    const reviews = await listRegister(sessions.secretary, 'management-reviews', '?year=2027');
    expect(reviews.items).toHaveLength(1);
    expect(reviews.items[0]).toMatchObject({
      reference: 'XXLD-2027-001',
      status: 'approved',
      periodFrom: '2026-09-01',
      meetingDate: '2027-03-20',
      reportApprovedByName: 'Trần Văn Minh',
      actionCount: 3,
    });
    const detail = await sessions.secretary.request(
      'GET',
      `/api/registers/management-reviews/${reviews.items[0].id}`,
    );
    expect(detail.json().inputResources).toBe(
      'Tổng hợp resources: kết quả thực hiện trong kỳ xem xét.',
    );
    const actions = await listRegister(sessions.secretary, 'review-actions', '?year=2027');
    expect(actions.items.map((item) => item.outputType)).toEqual([
      'qms-change',
      'improvement',
      'resources',
    ]);
    expect(actions.items.every((item) => item.status === 'open')).toBe(true);
    expect(actions.items.find((item) => item.outputType === 'resources')).toMatchObject({
      ownerDepartment: 'Phòng Quản lý công nghệ và Đổi mới sáng tạo',
      ownerName: 'Ngô Thanh Sơn',
      deadline: '2027-09-30',
      correctiveActionKey: null,
    });
  });

  it('opens a corrective action from an improvement', async () => {
    const { current: app, sessions } = await createApp();
    await startReview(sessions.secretary);
    await approveNotice(sessions, ['VP']);
    await reportAll(sessions, ['VP']);
    await completeTask(sessions.secretary, reviewTasks.consolidate, consolidatedInputs());
    await completeTask(sessions.secretary, reviewTasks.recordMeeting, meetingVariables());

    await completeTask(sessions.director, reviewTasks.approveReport, { decision: 'approve' });

    const actions = await listRegister(
      sessions.secretary,
      'review-actions',
      '?outputType=improvement&year=2027',
    );
    expect(actions.items).toHaveLength(1);
    const correctiveActionKey = actions.items[0].correctiveActionKey as string;
    expect(correctiveActionKey).toBeTruthy();
    const started = await app
      .db('process_instances')
      .where({ bpmn_process_id: 'corrective-action', business_key: correctiveActionKey })
      .first('key', 'variables', 'state');
    expect(started.state).toBe('ACTIVE');
    expect(started.variables).toMatchObject({
      source: 'review',
      sourceReference: 'XXLD-2027-001 / HĐ-01',
      title: 'Số hóa toàn bộ hồ sơ lưu trữ của Bộ phận Một cửa',
      departmentCode: 'VP',
    });
    expect(started.variables.description).toContain('XXLD-2027-001');
    const others = await listRegister(
      sessions.secretary,
      'review-actions',
      '?outputType=resources&year=2027',
    );
    expect(others.items[0].correctiveActionKey).toBeNull();
  });

  it('runs with a single department', async () => {
    const { sessions } = await createApp();
    const { key } = await startReview(sessions.secretary);

    await approveNotice(sessions, ['QLKH']);

    expect(await openTasks(sessions.heads.QLKH, reviewTasks.report)).toBe(1);
    for (const department of ['VP', 'TTRA', 'QLCN'])
      expect(await openTasks(sessions.heads[department], reviewTasks.report)).toBe(0);
    const report = await openTaskVariables(sessions.heads.QLKH, reviewTasks.report);
    expect(report.variables.assignment).toEqual({
      department: 'QLKH',
      departmentName: 'Phòng Quản lý khoa học',
      inputs: ['customerSatisfaction', 'monitoring', 'externalProviders'],
    });
    await reportAll(sessions, ['QLKH']);
    const consolidation = await openTaskVariables(sessions.secretary, reviewTasks.consolidate);
    expect(consolidation.variables.inputMonitoring).toBe(
      `Phòng Quản lý khoa học: ${reportText('QLKH', 'monitoring')}`,
    );
    expect(consolidation.variables.inputAuditResults).toBe('');
    const instance = await readInstance(sessions.secretary, key);
    expect(instance.variables.departmentReports).toEqual([
      { department: 'QLKH', report: departmentReport('QLKH').report },
    ]);
  });

  it('returns the notice to the secretary', async () => {
    const { sessions } = await createApp();
    const { key } = await startReview(sessions.secretary);
    await completeTask(sessions.secretary, reviewTasks.draftNotice, noticeVariables(['VP']));

    await completeTask(sessions.director, reviewTasks.approveNotice, {
      decision: 'return',
      comment: 'Giao thêm Thanh tra Sở báo cáo kết quả đánh giá.',
    });
    const redraft = await openTaskVariables(sessions.secretary, reviewTasks.draftNotice);
    await completeTask(
      sessions.secretary,
      reviewTasks.draftNotice,
      noticeVariables(['VP', 'TTRA']),
    );
    await completeTask(sessions.director, reviewTasks.approveNotice, { decision: 'approve' });

    expect(redraft.variables.decision).toBe('return');
    expect(redraft.variables.comment).toBe('Giao thêm Thanh tra Sở báo cáo kết quả đánh giá.');
    expect(redraft.variables.assignments).toEqual(noticeVariables(['VP']).assignments);
    expect(await openTasks(sessions.heads.TTRA, reviewTasks.report)).toBe(1);
    const detail = await readReview(sessions.secretary, key);
    expect(detail.approvals.map((entry) => [entry.step, entry.decision])).toEqual([
      ['notice', 'return'],
      ['notice', 'approve'],
    ]);
    expect(detail.status).toBe('reporting');
    expect(detail.assignments.map((entry) => entry.department)).toEqual(['VP', 'TTRA']);
  });

  it('rejects an invalid notice on its fields', async () => {
    const { current: app, sessions } = await createApp();
    const { key } = await startReview(sessions.secretary);
    const draft = await findTask(sessions.secretary, reviewTasks.draftNotice);

    const response = await sessions.secretary.request('POST', `/api/tasks/${draft.key}/complete`, {
      variables: noticeVariables(['VP', 'VP'], {
        reportDueDate: '2027-03-25',
        periodTo: '2026-08-01',
      }),
    });

    expect(response.statusCode).toBe(400);
    const details = response.json().details as { path: string; message: string }[];
    expect(details.map((detail) => detail.path)).toEqual([
      '/periodTo',
      '/reportDueDate',
      '/assignments/1/department',
    ]);
    expect(details[0].message).toContain('01/08/2026');
    expect(details[1].message).toContain('phải trước ngày họp 20/03/2027');
    expect(details[2].message).toContain('Văn phòng Sở được phân công nhiều lần');
    expect(await openTasks(sessions.director, reviewTasks.approveNotice)).toBe(0);
    expect(
      await app.db('management_reviews').where({ process_instance_key: key }).first(),
    ).toBeUndefined();
    await completeTask(sessions.secretary, reviewTasks.draftNotice, noticeVariables(['VP']));
    expect(await openTasks(sessions.director, reviewTasks.approveNotice)).toBe(1);
  });

  it('rejects a due date in the past', async () => {
    const { sessions } = await createApp();
    await startReview(sessions.secretary);
    const draft = await findTask(sessions.secretary, reviewTasks.draftNotice);

    const response = await sessions.secretary.request('POST', `/api/tasks/${draft.key}/complete`, {
      variables: noticeVariables(['VP'], { reportDueDate: '2027-02-27' }),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([
      {
        path: '/reportDueDate',
        message: 'Hạn gửi báo cáo 27/02/2027 đã qua: chọn một ngày từ hôm nay (01/03/2027) trở đi.',
      },
    ]);
  });

  it('rejects a consolidation with empty inputs', async () => {
    const { sessions } = await createApp();
    const { key } = await startReview(sessions.secretary);
    await approveNotice(sessions, ['VP']);
    await reportAll(sessions, ['VP']);
    const task = await findTask(sessions.secretary, reviewTasks.consolidate);
    const incomplete = { ...consolidatedInputs(), inputAuditResults: '   ' } as Record<
      string,
      unknown
    >;
    delete incomplete.inputExternalProviders;

    const response = await sessions.secretary.request(
      'POST',
      `/api/tasks/${task.key}/complete`,
      { variables: incomplete },
      { 'accept-language': 'vi' },
    );

    expect(response.statusCode).toBe(400);
    const details = response.json().details as { path: string; message: string }[];
    expect(details.map((detail) => detail.path)).toEqual([
      '/inputAuditResults',
      '/inputExternalProviders',
    ]);
    expect(details[0].message).toContain('8. Kết quả đánh giá');
    expect(details[1].message).toContain('9. Kết quả thực hiện của nhà cung cấp bên ngoài');
    expect((await readReview(sessions.secretary, key)).status).toBe('consolidating');
    await completeTask(sessions.secretary, reviewTasks.consolidate, consolidatedInputs());
    expect((await readReview(sessions.secretary, key)).status).toBe('meeting');
  });

  it('names all twelve inputs when none is given', async () => {
    const { sessions } = await createApp();
    await startReview(sessions.secretary);
    await approveNotice(sessions, ['VP']);
    await reportAll(sessions, ['VP']);
    const task = await findTask(sessions.secretary, reviewTasks.consolidate);

    const response = await sessions.secretary.request('POST', `/api/tasks/${task.key}/complete`, {
      variables: {},
    });

    expect(response.statusCode).toBe(400);
    const paths = (response.json().details as { path: string }[]).map((detail) => detail.path);
    expect(paths).toEqual(formOrder);
  });

  it('returns the report to the secretary', async () => {
    const { sessions } = await createApp();
    const { key } = await startReview(sessions.secretary);
    await approveNotice(sessions, ['VP']);
    await reportAll(sessions, ['VP']);
    await completeTask(sessions.secretary, reviewTasks.consolidate, consolidatedInputs());
    await completeTask(sessions.secretary, reviewTasks.recordMeeting, meetingVariables());

    await completeTask(sessions.director, reviewTasks.approveReport, {
      decision: 'return',
      comment: 'Bổ sung thời hạn cụ thể cho hành động số hóa hồ sơ.',
    });
    const redo = await openTaskVariables(sessions.secretary, reviewTasks.recordMeeting);
    await completeTask(
      sessions.secretary,
      reviewTasks.recordMeeting,
      meetingVariables({ minutes: 'Biên bản đã bổ sung thời hạn.' }),
    );
    await completeTask(sessions.director, reviewTasks.approveReport, { decision: 'approve' });

    expect(redo.variables.comment).toBe('Bổ sung thời hạn cụ thể cho hành động số hóa hồ sơ.');
    expect(redo.variables.minutes).toBe(meetingVariables().minutes);
    expect(redo.variables.heldOn).toBe('2027-03-20');
    const detail = await readReview(sessions.secretary, key);
    expect(detail.status).toBe('approved');
    expect(detail.minutes).toBe('Biên bản đã bổ sung thời hạn.');
    expect(detail.approvals.map((entry) => [entry.step, entry.decision])).toEqual([
      ['notice', 'approve'],
      ['report', 'return'],
      ['report', 'approve'],
    ]);
    expect(detail.actions).toHaveLength(3);
  });

  it('reminds and escalates through the clock', async () => {
    const { current: app, sessions } = await createApp();
    const { key } = await startReview(sessions.secretary);
    await approveNotice(sessions, ['VP', 'QLKH']);
    await reportAll(sessions, ['VP']);

    clock = new Date('2027-03-08T00:59:00Z');
    await app.app.services.scheduler.tick();
    const beforeReminder = await notifications(app, key);
    clock = new Date('2027-03-08T01:00:00Z');
    await app.app.services.scheduler.tick();
    const afterReminder = await notifications(app, key);
    clock = new Date('2027-03-11T01:00:00Z');
    await app.app.services.scheduler.tick();
    const afterEscalation = await notifications(app, key);

    expect(beforeReminder).toEqual([]);
    expect(afterReminder).toEqual([
      {
        kind: 'reminder',
        recipient_group: 'head-QLKH',
        title: 'Nhắc hạn: gửi báo cáo xem xét của lãnh đạo XXLD-2027-001 trước ngày 10/03/2027',
      },
    ]);
    expect(afterEscalation.slice(1)).toEqual([
      {
        kind: 'escalation',
        recipient_group: 'board',
        title: 'Quá hạn gửi báo cáo xem xét của lãnh đạo XXLD-2027-001: Phòng Quản lý khoa học',
      },
    ]);
    expect(await openTasks(sessions.heads.QLKH, reviewTasks.report)).toBe(1);
    await reportAll(sessions, ['QLKH']);
    expect(await openTasks(sessions.secretary, reviewTasks.consolidate)).toBe(1);
    expect((await readInstance(sessions.secretary, key)).incidents).toEqual([]);
  });

  it('reminds no one once every report is in', async () => {
    const { current: app, sessions } = await createApp();
    const { key } = await startReview(sessions.secretary);
    await approveNotice(sessions, ['VP', 'QLKH']);
    await reportAll(sessions, ['VP', 'QLKH']);

    clock = new Date('2027-03-12T01:00:00Z');
    await app.app.services.scheduler.tick();

    expect(await notifications(app, key)).toEqual([]);
  });

  it('goes on after restarts in the middle', async () => {
    current = await createTestApp({ now: () => clock, config: { loginRateLimit: 1000 } });
    await ensureCorrectiveActionProcess(current.db, await demoUnitId(current.db));
    const { db } = current;
    const drop = current.drop;
    const reopen = async (): Promise<ReviewSessions> => {
      await current!.close();
      current = { ...(await createTestApp({ db, now: () => clock })), drop };
      return sessionsOf(current);
    };

    let sessions = await sessionsOf(current);
    const { key } = await startReview(sessions.secretary);
    await approveNotice(sessions, ['VP', 'TTRA']);
    await reportAll(sessions, ['VP']);
    sessions = await reopen();
    clock = new Date('2027-03-08T01:00:00Z');
    await current.app.services.scheduler.tick();
    await reportAll(sessions, ['TTRA']);
    sessions = await reopen();
    await completeTask(sessions.secretary, reviewTasks.consolidate, consolidatedInputs());
    sessions = await reopen();
    await completeTask(sessions.secretary, reviewTasks.recordMeeting, meetingVariables());
    sessions = await reopen();
    await completeTask(sessions.director, reviewTasks.approveReport, { decision: 'approve' });

    const instance = await readInstance(sessions.secretary, key);
    expect(instance.state).toBe('COMPLETED');
    expect(await notifications(current, key)).toEqual([
      expect.objectContaining({ kind: 'reminder', recipient_group: 'head-TTRA' }),
    ]);
    const detail = await readReview(sessions.secretary, key);
    expect(detail.departmentReports.map((entry) => entry.department)).toEqual(['VP', 'TTRA']);
    expect(detail.actions).toHaveLength(3);
  });

  it('guards the draft documents', async () => {
    const { current: app, sessions } = await createApp();
    const { key } = await startReview(sessions.secretary);
    await completeTask(sessions.secretary, reviewTasks.draftNotice, noticeVariables(['VP']));
    const id = (await readInstance(sessions.secretary, key)).variables.reviewId as string;
    const staff = await app.login('staff.vp');

    const draftBySecretary = await sessions.secretary.request(
      'GET',
      `/api/management-reviews/${id}/notice?format=pdf`,
    );
    const draftByStaff = await staff.request('GET', `/api/management-reviews/${id}/notice`);
    const reportBeforeMeeting = await sessions.secretary.request(
      'GET',
      `/api/management-reviews/${id}/report`,
    );
    await completeTask(sessions.director, reviewTasks.approveNotice, { decision: 'approve' });
    const approvedByStaff = await staff.request('GET', `/api/management-reviews/${id}/notice`);

    expect(draftBySecretary.statusCode).toBe(200);
    expect(draftByStaff.statusCode).toBe(403);
    expect(reportBeforeMeeting.statusCode).toBe(409);
    expect(approvedByStaff.statusCode).toBe(200);
    const text = plainText(await readPdfLines(approvedByStaff.rawPayload));
    expect(text).toContain('Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ');
    expect(text).toContain('Mức độ đạt được các mục tiêu chất lượng');
  });

  it('issues the approved report', async () => {
    const { sessions } = await createApp();
    const { key } = await startReview(sessions.secretary);
    await approveNotice(sessions, ['VP']);
    await reportAll(sessions, ['VP']);
    await completeTask(sessions.secretary, reviewTasks.consolidate, consolidatedInputs());
    await completeTask(sessions.secretary, reviewTasks.recordMeeting, meetingVariables());
    const id = (await readInstance(sessions.secretary, key)).variables.reviewId as string;
    const draft = await sessions.director.request('GET', `/api/management-reviews/${id}/report`);
    clock = new Date('2027-03-21T02:00:00Z');
    await completeTask(sessions.director, reviewTasks.approveReport, { decision: 'approve' });

    const pdf = await sessions.heads.QLCN.request(
      'GET',
      `/api/management-reviews/${id}/report?format=pdf`,
    );
    const docx = await sessions.heads.QLCN.request(
      'GET',
      `/api/management-reviews/${id}/report?format=docx`,
    );

    expect(draft.statusCode).toBe(200);
    expect(plainText(await readPdfLines(draft.rawPayload))).not.toContain('(đã ký)');
    expect(pdf.statusCode).toBe(200);
    const text = plainText(await readPdfLines(pdf.rawPayload));
    expect(text).toContain('Kết quả xem xét của lãnh đạo đối với');
    expect(text).toContain('An Bình, ngày 21 tháng 3 năm 2027');
    expect(text).toContain('5. Thư ký: Nguyễn Thu Hà, Thư ký ISO.');
    expect(text).toContain('Tổng hợp auditResults: kết quả thực hiện trong kỳ xem xét.');
    expect(text).toContain('(đã ký)');
    const rows = readDocxText(docx.rawPayload).rows;
    expect(rows).toContainEqual([
      '3',
      'Nhu cầu nguồn lực',
      'Bổ sung 01 chuyên viên thẩm định an toàn bức xạ',
      'Phòng Quản lý công nghệ và Đổi mới sáng tạo (Ngô Thanh Sơn)',
      '30/09/2027',
    ]);
  });

  it('lets only the secretary start a review', async () => {
    const { sessions } = await createApp();
    const head = sessions.heads.VP;

    const response = await head.request('POST', '/api/procedures/management-review/instances', {});

    expect(response.statusCode).toBe(403);
  });

  it('numbers two reviews of one year', async () => {
    const { sessions } = await createApp();

    const first = await startReview(sessions.secretary);
    const second = await startReview(sessions.secretary);

    expect([first.businessKey, second.businessKey]).toEqual(['XXLD-2027-001', 'XXLD-2027-002']);
  });
});

/** Reads the review that an instance works on, through the review route. */
async function readReview(session: TestSession, key: string) {
  const instance = await readInstance(session, key);
  const id = instance.variables.reviewId as string;
  const response = await session.request('GET', `/api/management-reviews/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    status: string;
    minutes: string | null;
    assignments: { department: string }[];
    departmentReports: { department: string }[];
    actions: Record<string, unknown>[];
    approvals: { step: string; decision: string }[];
  };
}

async function notifications(app: TestApp, key: string) {
  return modelNotifications(app.db('notifications'))
    .where({ process_instance_key: key })
    .orderBy('id')
    .select('kind', 'recipient_group', 'title');
}

// The consolidation form lists the inputs in the order of clause 9.3.2.
const formOrder = reviewInputKeys.map((key) => `/${inputFieldName(key)}`);
