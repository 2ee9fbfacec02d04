import { afterEach, describe, expect, it } from 'vitest';
import { procedureModule } from '../../src/procedures/index.js';
import { createTestApp, login, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  complaintFiling,
  completeTask,
  ensureCorrectiveActionModel,
  findTask,
  instanceState,
  notificationsOf,
  readComplaint,
  startComplaint,
} from '../helpers/complaint-handling.js';

type CurrentApp = TestApp & { drop: () => Promise<void> };

const answer =
  'Hồ sơ của Công ty thiếu báo cáo tài chính năm gần nhất; Phòng đã gửi thông báo bổ sung ngày 03/3. Kết quả được trả trong 05 ngày làm việc kể từ khi nhận đủ hồ sơ.';

/** Files a complaint as `filer` through the start page's route and returns its keys. */
async function fileThroughStart(filer: TestSession, receivedDate: string, overrides = {}) {
  const started = await startComplaint(filer);
  await completeTask(filer, 'Task_ReceiveComplaint', complaintFiling(receivedDate, overrides));
  return started;
}

/** Triages, drafts, approves and sends the answer of an open complaint of the QLKH division. */
async function answerComplaint(
  current: TestApp,
  answeredOn: string,
  approval: Record<string, unknown> = { decision: 'approve' },
) {
  const head = await current.login('head.qlkh');
  const handler = await current.login('staff.qlkh');
  await completeTask(head, 'Task_Triage', { handler: 'staff.qlkh', triageNote: 'Kiểm tra hồ sơ' });
  await completeTask(handler, 'Task_DraftAnswer', { answer });
  await completeTask(head, 'Task_ApproveAnswer', approval);
  await completeTask(handler, 'Task_SendAnswer', { answeredOn, answerChannel: 'email' });
}

describe('complaint-handling procedure', () => {
  let current: CurrentApp | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  it('answers a complaint in time', async () => {
    let clock = new Date('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: () => clock });
    const filer = await current.login('staff.vp');
    const { processInstanceKey, businessKey } = await fileThroughStart(filer, '2027-03-01');

    const received = await readComplaint(filer, businessKey);
    clock = new Date('2027-03-05T02:00:00Z');
    await answerComplaint(current, '2027-03-05');
    const answered = await readComplaint(filer, businessKey);

    expect(businessKey).toMatch(/^PA-2027-\d{3}$/);
    expect(received).toMatchObject({
      status: 'received',
      receivedDate: '2027-03-01',
      dueDate: '2027-03-16',
      departmentCode: 'QLKH',
      department: 'Phòng Quản lý khoa học',
      channel: 'email',
      handler: null,
    });
    expect(answered).toMatchObject({
      status: 'answered',
      handler: 'Đặng Văn Khoa',
      answer,
      answeredDate: '2027-03-05',
      answerChannel: 'email',
      onTime: true,
      approvedBy: 'Bùi Thị Ngọc Anh',
      correctiveAction: null,
    });
    expect(await instanceState(filer, processInstanceKey)).toBe('COMPLETED');
    expect(await notificationsOf(current.db, processInstanceKey)).toEqual([]);
  });

  it('offers triage to the secretary and the head', async () => {
    current = await createTestApp({ now: () => new Date('2027-03-01T02:00:00Z') });
    const filer = await current.login('staff.vp');
    await fileThroughStart(filer, '2027-03-01');

    const secretary = await current.login('secretary');
    const head = await current.login('head.qlkh');
    const otherHead = await current.login('head.vp');
    const task = await findTask(secretary, 'Task_Triage');
    const shown = (await head.request('GET', `/api/tasks/${task.key}`)).json() as {
      variables: { handlerOptions: { value: string; label: string }[]; dueDateText: string };
    };
    const hidden = await otherHead.request('GET', `/api/tasks/${task.key}`);

    expect(shown.variables.handlerOptions.map((option) => option.value)).toEqual([
      'head.qlkh',
      'staff.qlkh',
    ]);
    expect(shown.variables.dueDateText).toBe('16/03/2027');
    expect(hidden.statusCode).toBe(404);
  });

  it('rejects a handler outside the department', async () => {
    current = await createTestApp({ now: () => new Date('2027-03-01T02:00:00Z') });
    await fileThroughStart(await current.login('staff.vp'), '2027-03-01');
    const head = await current.login('head.qlkh');
    const task = await findTask(head, 'Task_Triage');

    const response = await head.request('POST', `/api/tasks/${task.key}/complete`, {
      variables: { handler: 'staff.vp' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { path: string }) => detail.path)).toEqual([
      '/handler',
    ]);
    await findTask(head, 'Task_Triage');
  });

  it('returns the answer to the handler with the comment', async () => {
    current = await createTestApp({ now: () => new Date('2027-03-02T02:00:00Z') });
    const { processInstanceKey, businessKey } = await fileThroughStart(
      await current.login('staff.vp'),
      '2027-03-01',
    );
    const head = await current.login('head.qlkh');
    const handler = await current.login('staff.qlkh');
    await completeTask(head, 'Task_Triage', { handler: 'staff.qlkh' });
    await completeTask(handler, 'Task_DraftAnswer', { answer: 'Đã nhận.' });

    await completeTask(head, 'Task_ApproveAnswer', {
      decision: 'return',
      comment: 'Nêu rõ căn cứ và thời hạn trả kết quả.',
    });
    const redraft = await findTask(handler, 'Task_DraftAnswer');
    const shown = (await handler.request('GET', `/api/tasks/${redraft.key}`)).json() as {
      variables: Record<string, unknown>;
    };
    await completeTask(handler, 'Task_DraftAnswer', { answer });
    await completeTask(head, 'Task_ApproveAnswer', { decision: 'approve' });
    await completeTask(handler, 'Task_SendAnswer', {
      answeredOn: '2027-03-03',
      answerChannel: 'post',
    });

    expect(shown.variables.comment).toBe('Nêu rõ căn cứ và thời hạn trả kết quả.');
    expect(shown.variables.answer).toBe('Đã nhận.');
    const approvals = await current
      .db('approvals')
      .where({ process_instance_key: processInstanceKey })
      .orderBy('id')
      .select('decision', 'comment', 'actor');
    expect(approvals).toEqual([
      { decision: 'return', comment: 'Nêu rõ căn cứ và thời hạn trả kết quả.', actor: 'head.qlkh' },
      { decision: 'approve', comment: null, actor: 'head.qlkh' },
    ]);
    expect(await readComplaint(handler, businessKey)).toMatchObject({
      status: 'answered',
      answer,
      answerChannel: 'post',
      onTime: true,
    });
  });

  it('rejects a return without a comment', async () => {
    current = await createTestApp({ now: () => new Date('2027-03-02T02:00:00Z') });
    await fileThroughStart(await current.login('staff.vp'), '2027-03-01');
    const head = await current.login('head.qlkh');
    await completeTask(head, 'Task_Triage', { handler: 'head.qlkh' });
    await completeTask(head, 'Task_DraftAnswer', { answer });
    const approval = await findTask(head, 'Task_ApproveAnswer');

    const response = await head.request('POST', `/api/tasks/${approval.key}/complete`, {
      variables: { decision: 'return', comment: ' ' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { path: string }) => detail.path)).toContain(
      '/comment',
    );
  });

  it('lets the board approve a head’s own answer', async () => {
    current = await createTestApp({ now: () => new Date('2027-03-02T02:00:00Z') });
    await fileThroughStart(await current.login('staff.vp'), '2027-03-01');
    const head = await current.login('head.qlkh');
    await completeTask(head, 'Task_Triage', { handler: 'head.qlkh' });
    await completeTask(head, 'Task_DraftAnswer', { answer });
    const approval = await findTask(head, 'Task_ApproveAnswer');

    const own = await head.request(
      'POST',
      `/api/tasks/${approval.key}/complete`,
      { variables: { decision: 'approve' } },
      { 'accept-language': 'vi' },
    );
    const director = await current.login('director');
    await completeTask(director, 'Task_ApproveAnswer', { decision: 'approve' });

    expect(own.statusCode).toBe(400);
    expect(own.json().details).toEqual([
      { path: '/decision', message: expect.stringContaining('không được tự phê duyệt') },
    ]);
    await findTask(head, 'Task_SendAnswer');
  });

  it('rejects an incomplete filing form', async () => {
    current = await createTestApp({ now: () => new Date('2027-03-02T02:00:00Z') });
    const filer = await current.login('staff.vp');
    await startComplaint(filer);
    const task = await findTask(filer, 'Task_ReceiveComplaint');

    const response = await filer.request('POST', `/api/tasks/${task.key}/complete`, {
      variables: complaintFiling('2027-03-01', {
        complainantName: '',
        channel: 'fax',
        department: 'XYZ',
      }),
    });

    expect(response.statusCode).toBe(400);
    const paths = response.json().details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['/complainantName', '/channel', '/department']));
  });

  it('rejects a future date received in the task', async () => {
    current = await createTestApp({ now: () => new Date('2027-03-02T02:00:00Z') });
    const filer = await current.login('staff.vp');
    await startComplaint(filer);
    const task = await findTask(filer, 'Task_ReceiveComplaint');

    const response = await filer.request(
      'POST',
      `/api/tasks/${task.key}/complete`,
      { variables: complaintFiling('2027-06-01') },
      { 'accept-language': 'vi' },
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([
      {
        path: '/receivedDate',
        message: expect.stringContaining('Ngày tiếp nhận 2027-06-01 chưa đến'),
      },
    ]);
    await findTask(filer, 'Task_ReceiveComplaint');
  });

  it('reminds, then escalates when the time limit runs out', async () => {
    let clock = new Date('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: () => clock });
    const { scheduler } = current.app.services;
    const { processInstanceKey, businessKey } = await fileThroughStart(
      await current.login('staff.vp'),
      '2027-03-01',
    );
    const head = await current.login('head.qlkh');
    await completeTask(head, 'Task_Triage', { handler: 'staff.qlkh' });

    clock = new Date('2027-03-14T00:59:00Z');
    await scheduler.tick();
    const beforeReminder = await notificationsOf(current.db, processInstanceKey);
    clock = new Date('2027-03-14T01:00:00Z');
    await scheduler.tick();
    const afterReminder = await notificationsOf(current.db, processInstanceKey);
    clock = new Date('2027-03-16T16:59:00Z');
    await scheduler.tick();
    const stillInTime = await readComplaint(head, businessKey);
    clock = new Date('2027-03-16T17:00:00Z');
    await scheduler.tick();
    const overdue = await readComplaint(head, businessKey);
    const afterEscalation = await notificationsOf(current.db, processInstanceKey);

    expect(beforeReminder).toEqual([]);
    expect(afterReminder).toEqual([
      expect.objectContaining({ kind: 'reminder', recipient_user: 'staff.qlkh' }),
    ]);
    expect(afterReminder[0].title).toBe(
      `Phản ánh ${businessKey} phải được trả lời trước ngày 16/03/2027`,
    );
    expect(stillInTime.status).toBe('in-progress');
    expect(overdue.status).toBe('overdue');
    const escalations = afterEscalation.filter((entry) => entry.kind === 'escalation');
    expect(escalations.map((entry) => entry.recipient_group).sort()).toEqual([
      'board',
      'head-QLKH',
    ]);
    expect(escalations[0].title).toBe(`Phản ánh ${businessKey} đã quá hạn trả lời ngày 16/03/2027`);

    clock = new Date('2027-03-18T02:00:00Z');
    const handler = await current.login('staff.qlkh');
    await completeTask(handler, 'Task_DraftAnswer', { answer });
    await completeTask(head, 'Task_ApproveAnswer', { decision: 'approve' });
    await completeTask(handler, 'Task_SendAnswer', {
      answeredOn: '2027-03-18',
      answerChannel: 'email',
    });
    expect(await readComplaint(head, businessKey)).toMatchObject({
      status: 'answered',
      onTime: false,
      answeredDate: '2027-03-18',
    });
    expect(await notificationsOf(current.db, processInstanceKey)).toHaveLength(3);
  });

  it('reminds the triage groups before a handler is assigned', async () => {
    let clock = new Date('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: () => clock });
    const { processInstanceKey } = await fileThroughStart(
      await current.login('staff.vp'),
      '2027-03-01',
    );

    clock = new Date('2027-03-14T01:00:00Z');
    await current.app.services.scheduler.tick();

    const sent = await notificationsOf(current.db, processInstanceKey);
    expect(sent.map((entry) => entry.recipient_group).sort()).toEqual([
      'head-QLKH',
      'iso-secretary',
    ]);
    expect(sent.every((entry) => entry.kind === 'reminder')).toBe(true);
  });

  it('takes the time limit from the unit settings', async () => {
    current = await createTestApp({ now: () => new Date('2027-03-01T02:00:00Z') });
    const agency = await current.db('units').where({ code: 'SKHCN' }).first('id');
    await current.db('unit_settings').insert({
      unit_id: agency.id,
      name: 'complaintResponseDays',
      value: JSON.stringify(10),
      updated_by: 'secretary',
    });
    const filer = await current.login('staff.vp');

    const { businessKey } = await fileThroughStart(filer, '2027-03-01');

    expect((await readComplaint(filer, businessKey)).dueDate).toBe('2027-03-11');
  });

  it('opens a corrective action from the approval', async () => {
    current = await createTestApp({ now: () => new Date('2027-03-04T02:00:00Z') });
    await ensureCorrectiveActionModel(current.db);
    const { processInstanceKey, businessKey } = await fileThroughStart(
      await current.login('staff.vp'),
      '2027-03-01',
    );

    await answerComplaint(current, '2027-03-04', {
      decision: 'approve',
      openCorrectiveAction: true,
      correctiveActionNote: 'Hướng dẫn kiểm tra hồ sơ không nêu đủ thành phần hồ sơ.',
    });

    const secretary = await current.login('secretary');
    const complaint = await readComplaint(secretary, businessKey);
    expect(await instanceState(secretary, processInstanceKey)).toBe('COMPLETED');
    const opened = await current
      .db('process_instances')
      .where({ bpmn_process_id: 'corrective-action' })
      .first('key', 'state', 'variables', 'business_key');
    expect(opened.business_key).toBe(complaint.correctiveAction);
    if (procedureModule('corrective-action')?.businessKey.kind === 'sequence')
      expect(complaint.correctiveAction).toMatch(/^KPH-2027-\d{3}$/);
    expect(opened.state).toBe('ACTIVE');
    const stored = await current
      .db('complaints')
      .where({ code: businessKey })
      .first('corrective_action_instance_key');
    expect(stored.corrective_action_instance_key).toBe(opened.key);
    expect(opened.variables).toMatchObject({
      source: 'complaint',
      sourceReference: businessKey,
      departmentCode: 'QLKH',
      title: `Khắc phục theo phản ánh ${businessKey}: Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ`,
    });
    expect(opened.variables.description).toContain(
      'Sự không phù hợp: Hướng dẫn kiểm tra hồ sơ không nêu đủ thành phần hồ sơ.',
    );
  });

  it('goes on in a new app after each step', async () => {
    const clock = new Date('2027-03-02T02:00:00Z');
    current = await createTestApp({ now: () => clock });
    const { db } = current;
    const reopen = async () => {
      await current!.close();
      current = { ...(await createTestApp({ db, now: () => clock })), drop: current!.drop };
      return current.app;
    };
    const step = async (username: string, run: (session: TestSession) => Promise<void>) => {
      const app = await reopen();
      await run(await login(app, username));
    };

    let started = { processInstanceKey: '', businessKey: '' };
    await step('staff.vp', async (s) => void (started = await startComplaint(s)));
    await step('staff.vp', (s) =>
      completeTask(s, 'Task_ReceiveComplaint', complaintFiling('2027-03-01')),
    );
    await step('secretary', (s) => completeTask(s, 'Task_Triage', { handler: 'staff.qlkh' }));
    await step('staff.qlkh', (s) => completeTask(s, 'Task_DraftAnswer', { answer }));
    await step('head.qlkh', (s) =>
      completeTask(s, 'Task_ApproveAnswer', { decision: 'return', comment: 'Bổ sung căn cứ.' }),
    );
    await step('staff.qlkh', (s) => completeTask(s, 'Task_DraftAnswer', { answer }));
    await step('head.qlkh', (s) => completeTask(s, 'Task_ApproveAnswer', { decision: 'approve' }));
    await step('staff.qlkh', (s) =>
      completeTask(s, 'Task_SendAnswer', { answeredOn: '2027-03-02', answerChannel: 'phone' }),
    );

    const app = await reopen();
    const secretary = await login(app, 'secretary');
    expect(await instanceState(secretary, started.processInstanceKey)).toBe('COMPLETED');
    expect(await readComplaint(secretary, started.businessKey)).toMatchObject({
      status: 'answered',
      onTime: true,
      answerChannel: 'phone',
    });
  });

  it('fires a timer that fell due while the app was closed', async () => {
    let clock = new Date('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: () => clock });
    const { db } = current;
    const { processInstanceKey, businessKey } = await fileThroughStart(
      await current.login('staff.vp'),
      '2027-03-01',
    );
    await current.close();

    clock = new Date('2027-03-20T02:00:00Z');
    current = { ...(await createTestApp({ db, now: () => clock })), drop: current.drop };
    await current.app.services.scheduler.tick();

    const kinds = (await notificationsOf(db, processInstanceKey)).map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === 'reminder')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'escalation')).toHaveLength(2);
    expect((await readComplaint(await current.login('secretary'), businessKey)).status).toBe(
      'overdue',
    );
  });
});
