import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAgency, seedAgency } from '../../src/seed/demo-agency.js';
import { createTestApp, demoPassword, type TestApp } from '../helpers/test-app.js';
import { deployCollaborationProcess, startCollaboration } from './collaboration-fixtures.js';

interface ListedUser {
  username: string;
  displayName: string;
  title: string | null;
  department: { code: string; name: string; nameEn: string | null } | null;
}

// A second agency with one department, whose usernames start with `xd.`.
async function seedOtherAgency(app: TestApp): Promise<void> {
  const prefix = (user: { username: string; displayName: string; title: string }) => ({
    ...user,
    username: `xd.${user.username}`,
  });
  await seedAgency(
    app.db,
    {
      ...demoAgency,
      code: 'SXD',
      name: 'Sở Xây dựng tỉnh An Bình',
      contextRegisters: undefined,
      director: prefix(demoAgency.director),
      deputy: prefix(demoAgency.deputy),
      secretary: { ...prefix(demoAgency.secretary), departmentCode: 'VP' },
      departments: demoAgency.departments.slice(0, 1).map((dept) => ({
        ...dept,
        head: prefix(dept.head),
        staff: prefix(dept.staff),
      })),
    },
    demoPassword,
  );
}

describe('names for pickers and pages', () => {
  let current: TestApp & { drop: () => Promise<void> };
  let taskKey: string;

  beforeAll(async () => {
    current = await createTestApp();
    await seedOtherAgency(current);
    await current.db('users').where({ username: 'staff.qlcn' }).update({ disabled: true });
    await current.db('users').where({ username: 'staff.vp' }).update({ email: 'lan@skhcn.test' });
    await deployCollaborationProcess(current.app);
    ({ taskKey } = await startCollaboration(current.app));
  });

  afterAll(async () => {
    await current.drop();
  });

  it('lists the users of the unit', async () => {
    const staff = await current.login('staff.ttra');

    const response = await staff.request('GET', '/api/users');

    expect(response.statusCode, response.body).toBe(200);
    const users = response.json().items as ListedUser[];
    const usernames = users.map((user) => user.username);
    expect(usernames.slice(0, 2).sort()).toEqual(['deputy', 'director']);
    expect(usernames).toContain('secretary');
    expect(usernames).not.toContain('staff.qlcn');
    expect(usernames.some((username) => username.startsWith('xd.'))).toBe(false);
    expect(users.find((user) => user.username === 'staff.vp')).toEqual({
      username: 'staff.vp',
      displayName: 'Đỗ Thị Lan',
      title: 'Chuyên viên Văn phòng',
      department: { code: 'VP', name: 'Văn phòng Sở', nameEn: 'Office' },
    });
    expect(users.find((user) => user.username === 'director')?.department).toBeNull();
    expect(response.body).not.toContain('lan@skhcn.test');
  });

  it('lists only the own unit to another agency', async () => {
    const other = await current.login('xd.director');

    const users = await other.request('GET', '/api/users');
    const groups = await other.request('GET', '/api/groups');

    const usernames = (users.json().items as ListedUser[]).map((user) => user.username);
    expect(usernames.sort()).toEqual([
      'xd.deputy',
      'xd.director',
      'xd.head.vp',
      'xd.secretary',
      'xd.staff.vp',
    ]);
    expect(
      groups
        .json()
        .items.map((group: { code: string }) => group.code)
        .sort(),
    ).toEqual(['board', 'head-VP', 'internal-auditor', 'iso-secretary', 'staff-VP']);
  });

  it('lists the groups of the unit', async () => {
    const staff = await current.login('staff.vp');

    const response = await staff.request('GET', '/api/groups');
    const anonymous = await current.app.inject({ method: 'GET', url: '/api/groups' });

    expect(response.statusCode).toBe(200);
    expect(response.json().items).toContainEqual({
      code: 'staff-VP',
      name: 'Cán bộ Văn phòng Sở',
      nameEn: 'Staff of Office',
    });
    expect(response.json().items).toHaveLength(11);
    expect(anonymous.statusCode).toBe(401);
  });

  it('names the candidate groups of a task', async () => {
    const staff = await current.login('staff.vp');

    const detail = await staff.request('GET', `/api/tasks/${taskKey}`);
    const list = await staff.request('GET', '/api/tasks?list=group');

    const expected = [{ code: 'staff-VP', name: 'Cán bộ Văn phòng Sở', nameEn: 'Staff of Office' }];
    expect(detail.json().task.candidateGroups).toEqual(['staff-VP']);
    expect(detail.json().task.candidateGroupNames).toEqual(expected);
    const listed = list.json().items.find((item: { key: string }) => item.key === taskKey);
    expect(listed.candidateGroupNames).toEqual(expected);
  });

  it('names the users in task history', async () => {
    const head = await current.login('head.vp');
    const staff = await current.login('staff.vp');
    const assigned = await head.request('POST', `/api/tasks/${taskKey}/assignment`, {
      assignee: 'staff.vp',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const delegated = await staff.request('POST', `/api/tasks/${taskKey}/delegation`, {
      delegate: 'staff.ttra',
    });
    expect(delegated.statusCode, delegated.body).toBe(200);
    const delegate = await current.login('staff.ttra');
    const resolved = await delegate.request('POST', `/api/tasks/${taskKey}/resolution`, {});
    expect(resolved.statusCode, resolved.body).toBe(204);

    const response = await staff.request('GET', `/api/tasks/${taskKey}/history`);

    const entries = response.json() as { type: string; names: Record<string, string> }[];
    const byType = (type: string) => entries.find((entry) => entry.type === type)?.names;
    expect(byType('USER_TASK_CREATED')).toEqual({});
    expect(byType('USER_TASK_ASSIGNED')).toEqual({ assignee: 'Đỗ Thị Lan' });
    expect(byType('USER_TASK_DELEGATED')).toEqual({
      owner: 'Đỗ Thị Lan',
      delegate: 'Hoàng Minh Tuấn',
    });
    expect(byType('USER_TASK_RESOLVED')).toEqual({
      owner: 'Đỗ Thị Lan',
      delegate: 'Hoàng Minh Tuấn',
    });
  });

  it('names the users of substitute rules', async () => {
    const director = await current.login('director');

    const created = await director.request('POST', '/api/substitutes', {
      username: 'head.vp',
      substitute: 'staff.vp',
      fromDate: '2027-03-01',
      toDate: '2027-03-05',
    });
    const listed = await (await current.login('head.vp')).request('GET', '/api/substitutes');

    expect(created.statusCode, created.body).toBe(201);
    const names = {
      absentUserName: 'Phạm Quốc Huy',
      substituteName: 'Đỗ Thị Lan',
      createdByName: 'Trần Văn Minh',
    };
    expect(created.json()).toMatchObject({ username: 'head.vp', ...names });
    expect(listed.json()).toEqual([expect.objectContaining(names)]);
  });
});
