import { createCamundaClient, type CamundaClient } from '@camunda8/orchestration-cluster-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agencyDate } from '../../src/agency-time.js';
import { createTestApp, demoPassword, type TestApp } from '../helpers/test-app.js';
import { basicAuth } from '../v2/helpers.js';
import {
  deployCollaborationProcess,
  openTaskKey,
  startCollaboration,
} from './collaboration-fixtures.js';

let testApp: TestApp & { drop: () => Promise<void> };

beforeEach(async () => {
  testApp = await createTestApp();
  await deployCollaborationProcess(testApp.app);
});

afterEach(async () => {
  await testApp.drop();
});

async function taskRow(key: string) {
  return testApp.db('user_tasks').where({ key }).first();
}

async function notificationsOf(username: string, kind: string) {
  return testApp.db('notifications').where({ recipient_user: username, kind });
}

function clientFor(baseUrl: string, username: string): CamundaClient {
  return createCamundaClient({
    env: {},
    config: {
      CAMUNDA_REST_ADDRESS: baseUrl,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: username,
      CAMUNDA_BASIC_AUTH_PASSWORD: demoPassword,
      CAMUNDA_SDK_VALIDATION: 'req:strict,res:strict',
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
      CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS: 1,
    },
  });
}

describe('claiming', () => {
  it('lets one of two racing claims win', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const secretary = await testApp.login('secretary');
    const staff = await testApp.login('staff.vp');

    const responses = await Promise.all([
      secretary.request('POST', `/api/tasks/${taskKey}/claim`),
      staff.request('POST', `/api/tasks/${taskKey}/claim`),
    ]);

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = responses.find((response) => response.statusCode === 200)!.json().assignee;
    const loser = responses.find((response) => response.statusCode === 409)!.json();
    expect(loser.code).toBe('EISO_ERR_TASK_ASSIGNED');
    expect(loser.message).toContain(`already assigned to ${winner}`);
    expect((await taskRow(taskKey)).assignee).toBe(winner);
    const claims = await testApp
      .db('history_events')
      .where({ type: 'USER_TASK_CLAIMED' })
      .whereRaw("data->>'userTaskKey' = ?", [taskKey]);
    expect(claims).toHaveLength(1);
  });

  it('rejects assigning others for staff', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const staff = await testApp.login('staff.vp');
    const head = await testApp.login('head.vp');

    const byStaff = await staff.request('POST', `/api/tasks/${taskKey}/assignment`, {
      assignee: 'secretary',
    });
    const byHead = await head.request('POST', `/api/tasks/${taskKey}/assignment`, {
      assignee: 'staff.vp',
    });

    expect(byStaff.statusCode).toBe(403);
    expect(byHead.statusCode, byHead.body).toBe(200);
    expect(byHead.json().assignee).toBe('staff.vp');
    expect(await notificationsOf('staff.vp', 'task-assigned')).toHaveLength(1);
  });

  it('rejects a claim by a non-candidate head', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const head = await testApp.login('head.vp');

    const seen = await head.request('GET', `/api/tasks/${taskKey}`);
    const claimed = await head.request('POST', `/api/tasks/${taskKey}/claim`);

    expect(seen.statusCode).toBe(200);
    expect(seen.json().permissions).toEqual({ manage: true });
    expect(seen.json().task.canClaim).toBe(false);
    expect(claimed.statusCode).toBe(400);
    expect(claimed.json().details[0].path).toBe('/assignee');
    expect((await taskRow(taskKey)).assignee).toBeNull();
  });

  it('names the candidates in the refusal', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const director = await testApp.login('director');
    const claimUrl = `/api/tasks/${taskKey}/claim`;

    const inVietnamese = await director.request('POST', claimUrl, undefined, {
      'accept-language': 'vi-VN,vi;q=0.9',
    });
    const inEnglish = await director.request('POST', claimUrl, undefined, {
      'accept-language': 'en-US',
    });

    expect(inVietnamese.statusCode).toBe(400);
    expect(inVietnamese.json().code).toBe('EISO_ERR_VALIDATION');
    expect(inVietnamese.json().message).toBe(
      "Bạn không thể nhận công việc 'Chuẩn bị hồ sơ' vì bạn không thuộc những người được giao " +
        'việc này (nhóm Cán bộ Văn phòng Sở). Hãy để một người trong số đó nhận việc, hoặc đề ' +
        'nghị lãnh đạo hay trưởng nhóm giao việc cho một người trong số đó.',
    );
    expect(inVietnamese.json().details).toEqual([
      { path: '/assignee', message: 'Bạn không thuộc những người được giao công việc này.' },
    ]);
    expect(inEnglish.statusCode).toBe(400);
    expect(inEnglish.json().message).toBe(
      "You cannot claim task 'Chuẩn bị hồ sơ' because you are not one of its candidates " +
        '(group Staff of Office). Let one of them claim it, or ask a leader or the head of its ' +
        'group to assign it to one of them.',
    );
    expect((await taskRow(taskKey)).assignee).toBeNull();
  });

  it('flags claim and unclaim per user', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const director = await testApp.login('director');
    const staff = await testApp.login('staff.vp');
    const listed = async (session: typeof staff) => {
      const response = await session.request('GET', '/api/tasks?list=all');
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items.find((item: { key: string }) => item.key === taskKey);
    };

    const forDirector = await listed(director);
    const forStaff = await listed(staff);
    await staff.request('POST', `/api/tasks/${taskKey}/claim`);
    const claimedForStaff = await listed(staff);
    const claimedForDirector = await listed(director);

    expect(forDirector).toMatchObject({ canClaim: false, canUnclaim: false });
    expect(forStaff).toMatchObject({ canClaim: true, canUnclaim: false });
    expect(claimedForStaff).toMatchObject({ canClaim: false, canUnclaim: true });
    expect(claimedForDirector).toMatchObject({ canClaim: false, canUnclaim: false });
  });
});

describe('delegation', () => {
  it('returns the resolved task to its owner', async () => {
    const { taskKey, processInstanceKey } = await startCollaboration(testApp.app);
    const owner = await testApp.login('staff.vp');
    const delegate = await testApp.login('staff.ttra');
    await owner.request('POST', `/api/tasks/${taskKey}/claim`);

    const delegated = await owner.request('POST', `/api/tasks/${taskKey}/delegation`, {
      delegate: 'staff.ttra',
    });
    expect(delegated.statusCode, delegated.body).toBe(200);
    expect(delegated.json()).toMatchObject({
      owner: 'staff.vp',
      assignee: 'staff.ttra',
      delegationState: 'PENDING',
    });
    expect(await notificationsOf('staff.ttra', 'task-assigned')).toHaveLength(1);
    const ownerInbox = (await owner.request('GET', '/api/tasks?list=all')).json();
    expect(ownerInbox.items.map((item: { key: string }) => item.key)).toContain(taskKey);
    expect(ownerInbox.counts.all).toBe(ownerInbox.total);
    const delegateInbox = (await delegate.request('GET', '/api/tasks?list=mine')).json();
    expect(delegateInbox.items.map((item: { key: string }) => item.key)).toEqual([taskKey]);
    expect(delegateInbox.counts.mine).toBe(1);

    const seenByDelegate = await delegate.request('GET', `/api/tasks/${taskKey}`);
    expect(seenByDelegate.statusCode).toBe(200);
    const completeByDelegate = await delegate.request('POST', `/api/tasks/${taskKey}/complete`, {
      variables: { note: 'x' },
    });
    expect(completeByDelegate.statusCode).toBe(409);
    expect(completeByDelegate.json().message).toContain('The delegate resolves it');
    const completeByOwner = await owner.request('POST', `/api/tasks/${taskKey}/complete`, {
      variables: { note: 'x' },
    });
    expect(completeByOwner.statusCode).toBe(409);

    const resolved = await delegate.request('POST', `/api/tasks/${taskKey}/resolution`, {
      variables: { note: 'Đề xuất của phòng Thanh tra' },
    });
    expect(resolved.statusCode, resolved.body).toBe(204);
    const back = await owner.request('GET', `/api/tasks/${taskKey}`);
    expect(back.json().task).toMatchObject({
      owner: 'staff.vp',
      assignee: 'staff.vp',
      delegationState: 'RESOLVED',
    });
    expect(back.json().variables.note).toBe('Đề xuất của phòng Thanh tra');
    expect(await notificationsOf('staff.vp', 'task-assigned')).toHaveLength(1);

    const completed = await owner.request('POST', `/api/tasks/${taskKey}/complete`, {
      variables: { note: 'Đã xem đề xuất' },
    });
    expect(completed.statusCode, completed.body).toBe(204);
    const history = await testApp
      .db('history_events')
      .where({ process_instance_key: processInstanceKey })
      .whereIn('type', ['USER_TASK_DELEGATED', 'USER_TASK_RESOLVED', 'USER_TASK_COMPLETED'])
      .orderBy('position')
      .select('type', 'actor');
    expect(history).toEqual([
      { type: 'USER_TASK_DELEGATED', actor: 'staff.vp' },
      { type: 'USER_TASK_RESOLVED', actor: 'staff.ttra' },
      { type: 'USER_TASK_COMPLETED', actor: 'staff.vp' },
    ]);
  });

  it('rejects a proposal beyond the form', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const owner = await testApp.login('staff.vp');
    const delegate = await testApp.login('staff.ttra');
    await owner.request('POST', `/api/tasks/${taskKey}/claim`);
    const delegated = await owner.request('POST', `/api/tasks/${taskKey}/delegation`, {
      delegate: 'staff.ttra',
    });
    expect(delegated.statusCode, delegated.body).toBe(200);
    const resolutionUrl = `/api/tasks/${taskKey}/resolution`;

    const forged = await delegate.request(
      'POST',
      resolutionUrl,
      {
        variables: {
          signer: 'director',
          departmentOptions: [{ label: 'Phòng giả mạo', value: 'FAKE' }],
          note: 'Đề xuất',
          bogus: 1,
        },
      },
      { 'accept-language': 'en' },
    );
    const mistyped = await delegate.request(
      'POST',
      resolutionUrl,
      { variables: { note: 12 } },
      { 'accept-language': 'vi' },
    );

    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('EISO_ERR_VALIDATION');
    expect(forged.json().details.map((detail: { path: string }) => detail.path)).toEqual([
      '/variables/signer',
      '/variables/departmentOptions',
      '/variables/bogus',
    ]);
    expect(forged.json().message).toContain("'signer', 'departmentOptions', 'bogus'");
    expect(mistyped.statusCode).toBe(400);
    expect(mistyped.json().code).toBe('EISO_ERR_FORM_INVALID');
    expect(mistyped.json().details[0].path).toBe('/variables/note');
    expect((await taskRow(taskKey)).delegation_state).toBe('PENDING');
    expect((await taskRow(taskKey)).delegation_proposal).toBeNull();
  });

  it('accepts a draft proposal without required fields', async () => {
    const requiredNote = JSON.stringify({
      id: 'collab-note',
      type: 'default',
      schemaVersion: 16,
      components: [
        { id: 'Field_Note', key: 'note', type: 'textfield', label: 'Ghi chú' },
        {
          id: 'Field_Summary',
          key: 'summary',
          type: 'textfield',
          label: 'Tóm tắt',
          validate: { required: true },
        },
      ],
    });
    await deployCollaborationProcess(testApp.app, requiredNote);
    const { taskKey } = await startCollaboration(testApp.app);
    const owner = await testApp.login('staff.vp');
    const delegate = await testApp.login('staff.ttra');
    await owner.request('POST', `/api/tasks/${taskKey}/claim`);
    await owner.request('POST', `/api/tasks/${taskKey}/delegation`, { delegate: 'staff.ttra' });

    const resolved = await delegate.request('POST', `/api/tasks/${taskKey}/resolution`, {
      variables: { note: 'Phần tóm tắt để chủ trì viết' },
    });

    expect(resolved.statusCode, resolved.body).toBe(204);
    const back = await owner.request('GET', `/api/tasks/${taskKey}`);
    expect(back.json().variables.note).toBe('Phần tóm tắt để chủ trì viết');
  });

  it('rejects delegating a task of someone else', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const staff = await testApp.login('staff.vp');
    const secretary = await testApp.login('secretary');
    await staff.request('POST', `/api/tasks/${taskKey}/claim`);

    const foreign = await secretary.request('POST', `/api/tasks/${taskKey}/delegation`, {
      delegate: 'staff.ttra',
    });
    const unknown = await staff.request('POST', `/api/tasks/${taskKey}/delegation`, {
      delegate: 'nobody',
    });

    expect(foreign.statusCode).toBe(403);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details[0].path).toBe('/delegate');
  });
});

describe('substitutes', () => {
  it('routes a new task of an absent user', async () => {
    const head = await testApp.login('head.vp');
    const today = agencyDate(new Date());
    const rule = await head.request('POST', '/api/substitutes', {
      substitute: 'deputy',
      fromDate: today,
      toDate: today,
    });
    expect(rule.statusCode, rule.body).toBe(201);
    expect(rule.json()).toMatchObject({ username: 'head.vp', fromDate: today, toDate: today });

    const { taskKey, processInstanceKey } = await startCollaboration(testApp.app, 'head.vp');
    const staff = await testApp.login('staff.vp');
    await staff.request('POST', `/api/tasks/${taskKey}/claim`);
    await staff.request('POST', `/api/tasks/${taskKey}/complete`, { variables: { note: 'x' } });

    const signKey = await openTaskKey(testApp.app, processInstanceKey);
    const deputy = await testApp.login('deputy');
    const sign = await deputy.request('GET', `/api/tasks/${signKey}`);
    expect(sign.statusCode, sign.body).toBe(200);
    expect(sign.json().task).toMatchObject({ assignee: 'deputy', substituteFor: 'head.vp' });
    const notified = await testApp
      .db('notifications')
      .where({ kind: 'task-new', link: `#/tasks/${signKey}` })
      .pluck('recipient_user');
    expect(notified).toEqual(['deputy']);
  });

  it('leaves tasks outside the rule dates alone', async () => {
    const head = await testApp.login('head.vp');
    await head.request('POST', '/api/substitutes', {
      substitute: 'deputy',
      fromDate: '2020-01-01',
      toDate: '2020-01-31',
    });

    const { taskKey, processInstanceKey } = await startCollaboration(testApp.app, 'head.vp');
    const staff = await testApp.login('staff.vp');
    await staff.request('POST', `/api/tasks/${taskKey}/claim`);
    await staff.request('POST', `/api/tasks/${taskKey}/complete`, { variables: { note: 'x' } });

    const sign = await taskRow(await openTaskKey(testApp.app, processInstanceKey));
    expect(sign.assignee).toBe('head.vp');
    expect(sign.substitute_for).toBeNull();
  });

  async function absentToday(username: string, substitute: string): Promise<void> {
    const session = await testApp.login(username);
    const today = agencyDate(new Date());
    const rule = await session.request('POST', '/api/substitutes', {
      substitute,
      fromDate: today,
      toDate: today,
    });
    expect(rule.statusCode, rule.body).toBe(201);
  }

  async function historyOf(taskKey: string, type: string) {
    return testApp
      .db('history_events')
      .where({ type })
      .whereRaw("data->>'userTaskKey' = ?", [taskKey])
      .orderBy('position')
      .select('actor', 'data');
  }

  it('routes an assignment to an absent user', async () => {
    await absentToday('staff.vp', 'staff.ttra');
    const { taskKey } = await startCollaboration(testApp.app);
    const head = await testApp.login('head.vp');

    const assigned = await head.request('POST', `/api/tasks/${taskKey}/assignment`, {
      assignee: 'staff.vp',
    });

    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ assignee: 'staff.ttra', substituteFor: 'staff.vp' });
    const seen = await (await testApp.login('staff.ttra')).request('GET', `/api/tasks/${taskKey}`);
    expect(seen.json().task).toMatchObject({
      assignee: 'staff.ttra',
      substituteFor: 'staff.vp',
      substituteForName: 'Đỗ Thị Lan',
    });
    const [notice] = await notificationsOf('staff.ttra', 'task-assigned');
    expect(notice.title).toContain('thay cho Đỗ Thị Lan');
    expect(await notificationsOf('staff.vp', 'task-assigned')).toEqual([]);
    const [entry] = await historyOf(taskKey, 'USER_TASK_ASSIGNED');
    expect(entry.actor).toBe('head.vp');
    expect(entry.data).toMatchObject({ assignee: 'staff.ttra', substituteFor: 'staff.vp' });
  });

  it('lets the substitute complete the routed task', async () => {
    await absentToday('staff.vp', 'staff.ttra');
    const { taskKey } = await startCollaboration(testApp.app);
    const head = await testApp.login('head.vp');
    await head.request('POST', `/api/tasks/${taskKey}/assignment`, { assignee: 'staff.vp' });
    const substitute = await testApp.login('staff.ttra');

    const completed = await substitute.request('POST', `/api/tasks/${taskKey}/complete`, {
      variables: { note: 'Thay chị Lan' },
    });

    expect(completed.statusCode, completed.body).toBe(204);
    expect((await taskRow(taskKey)).completed_by).toBe('staff.ttra');
  });

  it('routes a /v2 assignment to an absent user', async () => {
    await absentToday('staff.vp', 'staff.ttra');
    const { taskKey } = await startCollaboration(testApp.app);

    const response = await testApp.app.inject({
      method: 'POST',
      url: `/v2/user-tasks/${taskKey}/assignment`,
      payload: { assignee: 'staff.vp' },
      headers: { authorization: basicAuth('head.vp') },
    });

    expect(response.statusCode, response.body).toBe(204);
    const row = await taskRow(taskKey);
    expect(row.assignee).toBe('staff.ttra');
    expect(row.substitute_for).toBe('staff.vp');
  });

  it('clears the substitution on reassignment', async () => {
    await absentToday('head.vp', 'deputy');
    const { taskKey, processInstanceKey } = await startCollaboration(testApp.app, 'head.vp');
    const staff = await testApp.login('staff.vp');
    await staff.request('POST', `/api/tasks/${taskKey}/claim`);
    await staff.request('POST', `/api/tasks/${taskKey}/complete`, { variables: { note: 'x' } });
    const signKey = await openTaskKey(testApp.app, processInstanceKey);
    expect((await taskRow(signKey)).substitute_for).toBe('head.vp');
    const director = await testApp.login('director');

    const reassigned = await director.request('POST', `/api/tasks/${signKey}/assignment`, {
      assignee: 'secretary',
    });

    expect(reassigned.statusCode, reassigned.body).toBe(200);
    expect(reassigned.json()).toMatchObject({ assignee: 'secretary', substituteFor: null });
  });

  it('does not route a claim by the absent user', async () => {
    await absentToday('staff.vp', 'staff.ttra');
    const { taskKey } = await startCollaboration(testApp.app);
    const staff = await testApp.login('staff.vp');

    const claimed = await staff.request('POST', `/api/tasks/${taskKey}/claim`);

    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json()).toMatchObject({ assignee: 'staff.vp', substituteFor: null });
  });

  it('routes a delegation to an absent user', async () => {
    await absentToday('staff.ttra', 'secretary');
    const { taskKey } = await startCollaboration(testApp.app);
    const owner = await testApp.login('staff.vp');
    await owner.request('POST', `/api/tasks/${taskKey}/claim`);

    const delegated = await owner.request('POST', `/api/tasks/${taskKey}/delegation`, {
      delegate: 'staff.ttra',
    });

    expect(delegated.statusCode, delegated.body).toBe(200);
    expect(delegated.json()).toMatchObject({
      owner: 'staff.vp',
      assignee: 'secretary',
      substituteFor: 'staff.ttra',
      delegationState: 'PENDING',
    });
    const [notice] = await notificationsOf('secretary', 'task-assigned');
    expect(notice.title).toContain('thay cho Hoàng Minh Tuấn');
    const [entry] = await historyOf(taskKey, 'USER_TASK_DELEGATED');
    expect(entry.data).toMatchObject({ delegate: 'secretary', substituteFor: 'staff.ttra' });
    const secretary = await testApp.login('secretary');
    const resolved = await secretary.request('POST', `/api/tasks/${taskKey}/resolution`, {
      variables: { note: 'Ý kiến thay anh Tuấn' },
    });
    expect(resolved.statusCode, resolved.body).toBe(204);
    const back = await taskRow(taskKey);
    expect(back.assignee).toBe('staff.vp');
    expect(back.substitute_for).toBeNull();
  });

  it('rejects a delegation back to oneself', async () => {
    await absentToday('staff.ttra', 'staff.vp');
    const { taskKey } = await startCollaboration(testApp.app);
    const owner = await testApp.login('staff.vp');
    await owner.request('POST', `/api/tasks/${taskKey}/claim`);

    const delegated = await owner.request('POST', `/api/tasks/${taskKey}/delegation`, {
      delegate: 'staff.ttra',
    });

    expect(delegated.statusCode).toBe(400);
    expect(delegated.json().details[0].path).toBe('/delegate');
    expect((await taskRow(taskKey)).assignee).toBe('staff.vp');
  });

  it('rejects overlapping and chained rules', async () => {
    const director = await testApp.login('director');
    const rule = (username: string, substitute: string, fromDate: string, toDate: string) =>
      director.request('POST', '/api/substitutes', { username, substitute, fromDate, toDate });
    const first = await rule('staff.vp', 'staff.ttra', '2027-01-10', '2027-01-20');
    expect(first.statusCode, first.body).toBe(201);

    const overlapping = await rule('staff.vp', 'secretary', '2027-01-20', '2027-01-25');
    const substituteAbsent = await rule('head.vp', 'staff.vp', '2027-01-15', '2027-01-16');
    const substituteOfOther = await rule('staff.ttra', 'secretary', '2027-01-01', '2027-01-10');
    const self = await rule('staff.vp', 'staff.vp', '2027-02-01', '2027-02-02');
    const adjacent = await rule('staff.vp', 'secretary', '2027-01-21', '2027-01-25');
    const duringSecondAbsence = await rule('head.vp', 'staff.vp', '2027-01-21', '2027-01-21');

    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().code).toBe('EISO_ERR_CONFLICT');
    expect(overlapping.json().details[0].path).toBe('/fromDate');
    expect(overlapping.json().message).toContain('from 2027-01-10 to 2027-01-20');
    expect(substituteAbsent.statusCode).toBe(409);
    expect(substituteAbsent.json().details[0].path).toBe('/substitute');
    expect(substituteAbsent.json().message).toContain('from 2027-01-10 to 2027-01-20');
    expect(substituteOfOther.statusCode).toBe(409);
    expect(substituteOfOther.json().details[0].path).toBe('/username');
    expect(self.statusCode).toBe(400);
    expect(self.json().details[0].path).toBe('/substitute');
    expect(adjacent.statusCode, adjacent.body).toBe(201);
    expect(duringSecondAbsence.statusCode, duringSecondAbsence.body).toBe(409);
    expect(duringSecondAbsence.json().details[0].path).toBe('/substitute');
    const rules = await testApp.db('substitutes').orderBy('id').pluck('username');
    expect(rules).toEqual(['staff.vp', 'staff.vp']);
  });

  it('words substitute refusals in Vietnamese', async () => {
    const staff = await testApp.login('staff.vp');
    const director = await testApp.login('director');
    const vi = { 'accept-language': 'vi' };
    const first = await director.request('POST', '/api/substitutes', {
      username: 'staff.vp',
      substitute: 'staff.ttra',
      fromDate: '2027-03-10',
      toDate: '2027-03-20',
    });
    expect(first.statusCode, first.body).toBe(201);

    const forOther = await staff.request(
      'POST',
      '/api/substitutes',
      {
        username: 'staff.ttra',
        substitute: 'secretary',
        fromDate: '2027-04-01',
        toDate: '2027-04-02',
      },
      vi,
    );
    const reversed = await staff.request(
      'POST',
      '/api/substitutes',
      { substitute: 'secretary', fromDate: '2027-04-05', toDate: '2027-04-02' },
      vi,
    );
    const overlapping = await staff.request(
      'POST',
      '/api/substitutes',
      { substitute: 'secretary', fromDate: '2027-03-15', toDate: '2027-03-25' },
      vi,
    );

    expect(forOther.statusCode).toBe(403);
    expect(forOther.json().message).toContain('Chỉ lãnh đạo đơn vị');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().message).toContain('Quy tắc thay thế không hợp lệ');
    expect(reversed.json().details[0].message).toContain('Đến ngày (toDate) 02/04/2027');
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().message).toContain('từ 10/03/2027 đến 20/03/2027');
  });

  it('lets only a leader set rules for others', async () => {
    const staff = await testApp.login('staff.vp');
    const director = await testApp.login('director');
    const rule = {
      username: 'staff.ttra',
      substitute: 'staff.vp',
      fromDate: '2027-01-02',
      toDate: '2027-01-05',
    };

    const byStaff = await staff.request('POST', '/api/substitutes', rule);
    const byLeader = await director.request('POST', '/api/substitutes', rule);
    const reversed = await staff.request('POST', '/api/substitutes', {
      substitute: 'secretary',
      fromDate: '2027-01-05',
      toDate: '2027-01-02',
    });
    const badDate = await staff.request('POST', '/api/substitutes', {
      substitute: 'secretary',
      fromDate: '05/01/2027',
      toDate: '2027-01-02',
    });

    expect(byStaff.statusCode).toBe(403);
    expect(byLeader.statusCode, byLeader.body).toBe(201);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().details[0].path).toBe('/toDate');
    const impossibleDate = await staff.request('POST', '/api/substitutes', {
      substitute: 'secretary',
      fromDate: '2027-02-30',
      toDate: '2027-03-01',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().details[0].path).toBe('/fromDate');
    expect(impossibleDate.statusCode, impossibleDate.body).toBe(400);
    expect(impossibleDate.json().details[0].path).toBe('/fromDate');
    const listed = await staff.request('GET', '/api/substitutes');
    expect(listed.json().map((entry: { username: string }) => entry.username)).toEqual([
      'staff.ttra',
    ]);
  });
});

describe('/v2/user-tasks', () => {
  it('rejects an assignment over another user without allowOverride', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const baseUrl = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const head = clientFor(baseUrl, 'head.vp');
    await head.assignUserTask({ userTaskKey: taskKey as never, assignee: 'staff.vp' });

    const refused = await head
      .assignUserTask({
        userTaskKey: taskKey as never,
        assignee: 'secretary',
        allowOverride: false,
      })
      .then(() => null)
      .catch((error: { status?: number }) => error);
    expect(refused?.status).toBe(409);
    expect((await taskRow(taskKey)).assignee).toBe('staff.vp');

    await head.assignUserTask({
      userTaskKey: taskKey as never,
      assignee: 'secretary',
      allowOverride: true,
    });
    expect((await taskRow(taskKey)).assignee).toBe('secretary');
  });

  it('updates the changeset attributes', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const baseUrl = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const head = clientFor(baseUrl, 'head.vp');

    await head.updateUserTask({
      userTaskKey: taskKey as never,
      changeset: {
        dueDate: '2026-12-31T10:00:00Z',
        followUpDate: '2026-12-24T08:00:00Z',
        candidateGroups: ['staff-VP', 'staff-TTRA'],
        candidateUsers: ['deputy'],
        priority: 80,
      },
      action: 'reschedule',
    });

    const task = await clientFor(baseUrl, 'secretary').getUserTask(
      { userTaskKey: taskKey as never },
      { consistency: { waitUpToMs: 0 } },
    );
    expect(task.dueDate).toBe('2026-12-31T10:00:00.000Z');
    expect(task.followUpDate).toBe('2026-12-24T08:00:00.000Z');
    expect(task.candidateGroups).toEqual(['staff-VP', 'staff-TTRA']);
    expect(task.candidateUsers).toEqual(['deputy']);
    expect(task.priority).toBe(80);

    const cleared = await testApp.app.inject({
      method: 'PATCH',
      url: `/v2/user-tasks/${taskKey}`,
      payload: { changeset: { dueDate: '', followUpDate: '2026-12-20T08:00:00+07:00' } },
      headers: { authorization: basicAuth('head.vp') },
    });
    expect(cleared.statusCode, cleared.body).toBe(204);
    const row = await taskRow(taskKey);
    expect(row.due_date).toBeNull();
    expect(new Date(row.follow_up_date).toISOString()).toBe('2026-12-20T01:00:00.000Z');
    expect(row.priority).toBe(80);
    expect((await taskRow(taskKey)).due_date).toBeNull();
  });

  it.each([
    ['priority above 100', { priority: 101 }, '/changeset/priority'],
    ['negative priority', { priority: -1 }, '/changeset/priority'],
    ['date that is not ISO', { dueDate: '31/12/2026' }, '/changeset/dueDate'],
    ['date that does not exist', { dueDate: '2027-02-30T00:00:00Z' }, '/changeset/dueDate'],
    [
      'unknown candidate group',
      { candidateGroups: ['no-such-group'] },
      '/changeset/candidateGroups',
    ],
    ['unknown candidate user', { candidateUsers: ['nobody'] }, '/changeset/candidateUsers'],
  ])('rejects a %s', async (_case, changeset, path) => {
    const { taskKey } = await startCollaboration(testApp.app);

    const response = await testApp.app.inject({
      method: 'PATCH',
      url: `/v2/user-tasks/${taskKey}`,
      payload: { changeset },
      headers: { authorization: basicAuth('head.vp') },
    });

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().details.map((detail: { path: string }) => detail.path)).toContain(path);
    expect((await taskRow(taskKey)).priority).toBe(50);
  });

  it('reads a date-only due date as the end of that day in Vietnam', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const head = await testApp.login('head.vp');

    const changed = await head.request('PATCH', `/api/tasks/${taskKey}`, {
      dueDate: '2027-12-20',
      followUpDate: '2027-12-20',
    });

    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().dueDate).toBe('2027-12-20T16:59:59.000Z');
    expect(changed.json().followUpDate).toBe('2027-12-19T17:00:00.000Z');
  });

  it.each([
    ['en', 'dueDate 1900-01-01 07:00 is before the task was created'],
    ['vi', 'Hạn xử lý (dueDate) 1900-01-01 07:00 ở trước lúc tạo công việc'],
  ])('rejects a due date before the task in %s', async (language, message) => {
    const { taskKey } = await startCollaboration(testApp.app);
    const head = await testApp.login('head.vp');

    const response = await head.request(
      'PATCH',
      `/api/tasks/${taskKey}`,
      { dueDate: '1900-01-01T00:00:00Z' },
      { 'accept-language': language },
    );

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().details).toEqual([
      { path: '/dueDate', message: expect.stringContaining(message) },
    ]);
    expect((await taskRow(taskKey)).due_date).toBeNull();
  });

  it.each([
    ['en', 'followUpDate 2027-01-16 07:00 is after the dueDate 2027-01-15 17:00'],
    ['vi', 'Ngày nhắc (followUpDate) 2027-01-16 07:00 ở sau hạn xử lý 2027-01-15 17:00'],
  ])('rejects a follow-up after the due date in %s', async (language, message) => {
    const { taskKey } = await startCollaboration(testApp.app);
    const head = await testApp.login('head.vp');
    const headers = { 'accept-language': language };

    const together = await head.request(
      'PATCH',
      `/api/tasks/${taskKey}`,
      { dueDate: '2027-01-15T10:00:00Z', followUpDate: '2027-01-16T00:00:00Z' },
      headers,
    );
    await head.request('PATCH', `/api/tasks/${taskKey}`, { dueDate: '2027-01-15T10:00:00Z' });
    const alone = await head.request(
      'PATCH',
      `/v2/user-tasks/${taskKey}`,
      { changeset: { followUpDate: '2027-01-16T00:00:00Z' } },
      headers,
    );

    // The /api route names the request's own field, and /v2 the field inside its changeset.
    for (const [response, path] of [
      [together, '/followUpDate'],
      [alone, '/changeset/followUpDate'],
    ] as const) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().details).toEqual([
        { path, message: expect.stringContaining(message) },
      ]);
    }
    expect((await taskRow(taskKey)).follow_up_date).toBeNull();
  });

  it.each([
    ['staff of the group', 'staff.vp', 403],
    ['head of another group', 'head.ttra', 404],
  ])('rejects changes by the %s', async (_case, username, status) => {
    const { taskKey } = await startCollaboration(testApp.app);

    const response = await testApp.app.inject({
      method: 'PATCH',
      url: `/v2/user-tasks/${taskKey}`,
      payload: { changeset: { priority: 90 } },
      headers: { authorization: basicAuth(username) },
    });

    expect(response.statusCode).toBe(status);
    expect((await taskRow(taskKey)).priority).toBe(50);
  });

  it('changes due date and priority on /api', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const director = await testApp.login('director');
    const head = await testApp.login('head.vp');

    const changed = await head.request('PATCH', `/api/tasks/${taskKey}`, {
      dueDate: '2027-01-15T10:00:00.000Z',
      priority: 70,
    });
    const byLeader = await director.request('PATCH', `/api/tasks/${taskKey}`, { priority: 10 });
    const byStaff = await (
      await testApp.login('staff.vp')
    ).request('PATCH', `/api/tasks/${taskKey}`, { priority: 20 });

    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ dueDate: '2027-01-15T10:00:00.000Z', priority: 70 });
    expect(byLeader.statusCode, byLeader.body).toBe(200);
    expect(byLeader.json().priority).toBe(10);
    expect(byStaff.statusCode).toBe(403);
    expect(byStaff.json().code).toBe('EISO_ERR_FORBIDDEN');
  });
});

describe('refusal language', () => {
  const vi = { 'accept-language': 'vi' };
  const en = { 'accept-language': 'en' };

  it('names the assignee of a taken claim', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const staff = await testApp.login('staff.vp');
    const secretary = await testApp.login('secretary');
    await staff.request('POST', `/api/tasks/${taskKey}/claim`);

    const inVietnamese = await secretary.request('POST', `/api/tasks/${taskKey}/claim`, {}, vi);
    const inEnglish = await secretary.request('POST', `/api/tasks/${taskKey}/claim`, {}, en);

    expect(inVietnamese.statusCode).toBe(409);
    expect(inVietnamese.json().code).toBe('EISO_ERR_TASK_ASSIGNED');
    expect(inVietnamese.json().message).toBe(
      "Công việc 'Chuẩn bị hồ sơ' vừa được giao cho Đỗ Thị Lan. Hãy tải lại danh sách công việc.",
    );
    expect(inEnglish.statusCode).toBe(409);
    expect(inEnglish.json().message).toBe(
      `User task ${taskKey} is already assigned to staff.vp; reload the inbox.`,
    );
  });

  it('names the assignee to a completing colleague', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const staff = await testApp.login('staff.vp');
    const secretary = await testApp.login('secretary');
    await staff.request('POST', `/api/tasks/${taskKey}/claim`);
    const url = `/api/tasks/${taskKey}/complete`;

    const inVietnamese = await secretary.request('POST', url, { variables: {} }, vi);
    const inEnglish = await secretary.request('POST', url, { variables: {} }, en);

    expect(inVietnamese.statusCode).toBe(409);
    expect(inVietnamese.json().message).toBe(
      "Công việc 'Chuẩn bị hồ sơ' đang giao cho Đỗ Thị Lan; chỉ người đó hoàn thành được. " +
        'Hãy nhận việc hoặc đề nghị lãnh đạo giao lại cho bạn.',
    );
    expect(inEnglish.statusCode).toBe(409);
    expect(inEnglish.json().message).toBe(
      `User task ${taskKey} is assigned to staff.vp; only the assignee can complete it.`,
    );
  });

  it('refuses a closed task in both languages', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const staff = await testApp.login('staff.vp');
    await staff.request('POST', `/api/tasks/${taskKey}/claim`);
    await staff.request('POST', `/api/tasks/${taskKey}/complete`, { variables: {} });

    const inVietnamese = await staff.request('POST', `/api/tasks/${taskKey}/claim`, {}, vi);
    const inEnglish = await staff.request('POST', `/api/tasks/${taskKey}/claim`, {}, en);

    expect(inVietnamese.statusCode).toBe(409);
    expect(inVietnamese.json().code).toBe('EISO_ERR_TASK_NOT_ACTIVE');
    expect(inVietnamese.json().message).toBe(
      "Công việc 'Chuẩn bị hồ sơ' đã hoàn thành hoặc đã bị hủy. Hãy tải lại danh sách công việc.",
    );
    expect(inEnglish.json().message).toBe(
      `User task ${taskKey} is not active: it was completed or canceled.`,
    );
  });

  it('refuses an unknown task in both languages', async () => {
    const staff = await testApp.login('staff.vp');

    const inVietnamese = await staff.request('GET', '/api/tasks/999999', undefined, vi);
    const inEnglish = await staff.request('GET', '/api/tasks/999999', undefined, en);

    expect(inVietnamese.statusCode).toBe(404);
    expect(inVietnamese.json().message).toBe(
      'Không tìm thấy công việc 999999, hoặc bạn không có quyền xem công việc này. ' +
        'Hãy tải lại danh sách công việc.',
    );
    expect(inEnglish.statusCode).toBe(404);
    expect(inEnglish.json().message).toBe('User task 999999 was not found');
  });

  it('names a non-candidate assignee and the group', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const head = await testApp.login('head.vp');
    const url = `/api/tasks/${taskKey}/assignment`;

    const inVietnamese = await head.request('POST', url, { assignee: 'staff.ttra' }, vi);
    const inEnglish = await head.request('POST', url, { assignee: 'staff.ttra' }, en);

    expect(inVietnamese.statusCode).toBe(400);
    expect(inVietnamese.json().message).toBe(
      "Hoàng Minh Tuấn không thuộc những người được giao công việc 'Chuẩn bị hồ sơ'. " +
        'Hãy chọn một người trong số: nhóm Cán bộ Văn phòng Sở.',
    );
    expect(inVietnamese.json().details).toEqual([
      {
        path: '/assignee',
        message: 'Hoàng Minh Tuấn không thuộc những người được giao công việc này.',
      },
    ]);
    expect(inEnglish.statusCode).toBe(400);
    expect(inEnglish.json().message).toBe(
      "User 'staff.ttra' may not work on this task: choose one of group staff-VP.",
    );
    expect(inEnglish.json().details[0].path).toBe('/assignee');
  });

  it('refuses a delegation to oneself in both languages', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const staff = await testApp.login('staff.vp');
    await staff.request('POST', `/api/tasks/${taskKey}/claim`);
    const url = `/api/tasks/${taskKey}/delegation`;

    const inVietnamese = await staff.request('POST', url, { delegate: 'staff.vp' }, vi);
    const inEnglish = await staff.request('POST', url, { delegate: 'staff.vp' }, en);

    expect(inVietnamese.statusCode).toBe(400);
    expect(inVietnamese.json().details).toEqual([
      {
        path: '/delegate',
        message: 'Bạn không thể ủy quyền công việc cho chính mình. Hãy chọn người khác.',
      },
    ]);
    expect(inEnglish.statusCode).toBe(400);
    expect(inEnglish.json().details).toEqual([
      {
        path: '/delegate',
        message: 'You cannot delegate a task to yourself; choose another user.',
      },
    ]);
  });

  it('refuses a date change by staff in both languages', async () => {
    const { taskKey } = await startCollaboration(testApp.app);
    const staff = await testApp.login('staff.vp');
    const change = { dueDate: '2030-01-31' };

    const inVietnamese = await staff.request('PATCH', `/api/tasks/${taskKey}`, change, vi);
    const inEnglish = await staff.request('PATCH', `/api/tasks/${taskKey}`, change, en);

    expect(inVietnamese.statusCode).toBe(403);
    expect(inVietnamese.json().code).toBe('EISO_ERR_FORBIDDEN');
    expect(inVietnamese.json().message).toMatch(/^Chỉ lãnh đạo đơn vị hoặc trưởng nhóm/);
    expect(inEnglish.statusCode).toBe(403);
    expect(inEnglish.json().message).toBe(
      "Only a leader or the head of the task's group may change its dates, candidates or priority.",
    );
  });
});
