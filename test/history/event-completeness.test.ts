import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHistory, verifyChain } from '../../src/history/history-log.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { draftedObjectivesOf } from '../helpers/quality-objectives.js';

interface UnitEvent {
  type: string;
  actor: string | null;
  data: Record<string, unknown>;
}

describe('history event completeness', () => {
  let current: TestApp & { drop: () => Promise<void> };
  let secretary: TestSession;
  let director: TestSession;

  async function startInstance(year: number): Promise<string> {
    const response = await secretary.request(
      'POST',
      '/api/procedures/quality-objectives/instances',
      { year },
    );
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { processInstanceKey: string }).processInstanceKey;
  }

  async function completeInstanceTask(
    session: TestSession,
    instanceKey: string,
    elementId: string,
    variables: Record<string, unknown>,
  ): Promise<void> {
    const task = await current
      .db('user_tasks')
      .where({ process_instance_key: instanceKey, element_id: elementId, state: 'CREATED' })
      .first('key');
    const response = await session.request('POST', `/api/tasks/${task.key}/complete`, {
      variables,
    });
    expect(response.statusCode, response.body).toBe(204);
  }

  async function unitEvents(type: string): Promise<UnitEvent[]> {
    return current
      .db('history_events')
      .whereNull('process_instance_key')
      .andWhere({ type })
      .orderBy('position')
      .select('type', 'actor', 'data');
  }

  beforeAll(async () => {
    current = await createTestApp({ config: { loginRateLimit: 1000 } });
    secretary = await current.login('secretary');
    director = await current.login('director');
  });

  afterAll(async () => {
    await current?.drop();
  });

  it('cancels an instance and closes its tasks', async () => {
    const key = await startInstance(2041);
    const staff = await current.login('staff.vp');

    const forbidden = await staff.request('POST', `/v2/process-instances/${key}/cancellation`);
    const canceled = await director.request('POST', `/v2/process-instances/${key}/cancellation`, {
      operationReference: 7,
    });
    const again = await director.request('POST', `/v2/process-instances/${key}/cancellation`);
    const unknown = await director.request('POST', '/v2/process-instances/999999/cancellation');

    expect(forbidden.statusCode).toBe(403);
    expect(canceled.statusCode, canceled.body).toBe(204);
    expect(again.statusCode).toBe(409);
    expect(unknown.statusCode).toBe(404);
    const instance = await current.db('process_instances').where({ key }).first();
    expect(instance.state).toBe('TERMINATED');
    expect(instance.ended_at).not.toBeNull();
    const open = await current
      .db('user_tasks')
      .where({ process_instance_key: key, state: 'CREATED' });
    expect(open).toEqual([]);
    const history = await readHistory(current.db, key);
    const types = history.map((event) => event.type);
    const cancelEvent = history.find((event) => event.type === 'PROCESS_INSTANCE_CANCELED');
    expect(cancelEvent?.actor).toBe('director');
    expect(types.indexOf('USER_TASK_CANCELED')).toBeGreaterThan(
      types.indexOf('PROCESS_INSTANCE_CANCELED'),
    );
    expect(verifyChain(history).valid).toBe(true);
  });

  it('frees the business key of a canceled instance', async () => {
    const key = await startInstance(2042);
    await director.request('POST', `/v2/process-instances/${key}/cancellation`);

    const restarted = await startInstance(2042);

    expect(restarted).not.toBe(key);
  });

  it('records an approval with signer name and meaning', async () => {
    const key = await startInstance(2043);
    await completeInstanceTask(secretary, key, 'Task_DraftObjectives', {
      objectives: draftedObjectivesOf(2043),
    });

    await completeInstanceTask(director, key, 'Task_ReviewObjectives', {
      decision: 'return',
      comment: 'Bổ sung chỉ tiêu',
    });

    const history = await readHistory(current.db, key);
    const approval = history.find((event) => event.type === 'APPROVAL_RECORDED');
    expect(approval?.actor).toBe('director');
    expect(approval?.data).toMatchObject({
      decision: 'return',
      meaning: 'returned',
      signer: 'director',
      comment: 'Bổ sung chỉ tiêu',
    });
    expect(typeof approval?.data.signerName).toBe('string');
    expect(approval?.data.signedAt).toBe(approval?.createdAt);
    expect(approval?.data.processDefinition).toMatchObject({ bpmnProcessId: 'quality-objectives' });
  });

  it('adds and removes a member as the board', async () => {
    const staff = await current.login('staff.vp');

    const added = await director.request('POST', '/api/groups/staff-TTRA/members', {
      username: 'staff.vp',
    });
    const twice = await director.request('POST', '/api/groups/staff-TTRA/members', {
      username: 'staff.vp',
    });
    const removed = await director.request('DELETE', '/api/groups/staff-TTRA/members/staff.vp');

    expect(added.statusCode, added.body).toBe(201);
    expect(twice.statusCode).toBe(409);
    expect(removed.statusCode, removed.body).toBe(204);
    const addedEvents = await unitEvents('MEMBERSHIP_ADDED');
    const removedEvents = await unitEvents('MEMBERSHIP_REMOVED');
    expect(addedEvents.at(-1)).toMatchObject({
      actor: 'director',
      data: { groupCode: 'staff-TTRA', username: 'staff.vp' },
    });
    expect(removedEvents.at(-1)).toMatchObject({
      actor: 'director',
      data: { groupCode: 'staff-TTRA', username: 'staff.vp' },
    });
    expect(
      (await staff.request('POST', '/api/groups/staff-TTRA/members', { username: 'staff.vp' }))
        .statusCode,
    ).toBe(403);
  });

  it('rejects bad membership requests', async () => {
    const noUser = await director.request('POST', '/api/groups/staff-TTRA/members', {});
    const unknownGroup = await director.request('POST', '/api/groups/nope/members', {
      username: 'staff.vp',
    });
    const unknownUser = await director.request('POST', '/api/groups/staff-TTRA/members', {
      username: 'nobody',
    });
    const notMember = await director.request('DELETE', '/api/groups/board/members/staff.vp');

    expect(noUser.statusCode).toBe(400);
    expect(noUser.json().details[0].path).toBe('/username');
    expect(unknownGroup.statusCode).toBe(404);
    expect(unknownUser.statusCode).toBe(404);
    expect(notMember.statusCode).toBe(404);
  });

  it('keeps the last member of the ISO secretary and of a group offered open tasks', async () => {
    const unit = await current.db('users').where({ username: 'staff.vp' }).first('id', 'unit_id');
    const [group] = await current
      .db('groups')
      .insert({ unit_id: unit.unit_id, code: 'solo-group', name: 'Nhóm một người' })
      .returning('id');
    await current.db('memberships').insert({ group_id: group.id, user_id: unit.id });
    const instanceKey = await startInstance(2047);
    await current
      .db('user_tasks')
      .where({ process_instance_key: instanceKey, state: 'CREATED' })
      .update({ candidate_groups: ['solo-group'] });

    const secretaryGroup = await director.request(
      'DELETE',
      '/api/groups/iso-secretary/members/secretary',
    );
    const offered = await director.request('DELETE', '/api/groups/solo-group/members/staff.vp');
    await current
      .db('user_tasks')
      .where({ process_instance_key: instanceKey, state: 'CREATED' })
      .update({ candidate_groups: ['iso-secretary'] });
    const idle = await director.request('DELETE', '/api/groups/solo-group/members/staff.vp');

    expect(secretaryGroup.statusCode).toBe(409);
    expect(offered.statusCode).toBe(409);
    expect(offered.json().message).toContain('open task');
    expect(idle.statusCode, idle.body).toBe(204);
  });

  it('records a failed login of a known user', async () => {
    const response = await current.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'head.vp', password: 'wrong-password' },
    });

    expect(response.statusCode).toBe(401);
    expect((await unitEvents('USER_LOGIN_FAILED')).at(-1)).toMatchObject({
      actor: null,
      data: { username: 'head.vp' },
    });
  });
});
