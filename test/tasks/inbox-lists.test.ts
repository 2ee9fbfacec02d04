import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { insertTask, twoDefinitions, type Definition } from './inbox-fixtures.js';

// Tasks of staff.qlkh (groups staff-QLKH) at a fixed clock of 2026-12-10. Each
// test states the keys it expects by the names below.
const now = new Date('2026-12-10T00:00:00Z');

let testApp: TestApp & { drop: () => Promise<void> };
let staff: TestSession;
let first: Definition;
let second: Definition;
const keys: Record<string, string> = {};

beforeAll(async () => {
  testApp = await createTestApp({ now: () => now });
  const { db } = testApp;
  await db('user_tasks').delete();
  [first, second] = await twoDefinitions(db);

  keys.objectives = await insertTask(db, {
    name: 'Mục tiêu chất lượng 2027',
    definition: first,
    businessKey: 'MT-2027',
    variables: { year: 2027, department: 'QLKH' },
    candidateGroups: ['staff-QLKH'],
    priority: 80,
    createdAt: '2026-12-01T08:00:00Z',
    dueDate: '2026-12-05T10:00:00Z',
  });
  keys.audit = await insertTask(db, {
    name: 'Đánh giá nội bộ',
    definition: first,
    businessKey: 'DG-01',
    variables: { year: 2026, department: 'QLKH' },
    candidateGroups: ['staff-QLKH'],
    assignee: 'staff.qlkh',
    priority: 30,
    createdAt: '2026-12-02T08:00:00Z',
    dueDate: '2026-12-20T10:00:00Z',
    followUpDate: '2026-12-15T10:00:00Z',
  });
  keys.complaint = await insertTask(db, {
    name: 'Xử lý khiếu nại',
    definition: second,
    businessKey: 'KN-7',
    candidateUsers: ['staff.qlkh'],
    priority: 10,
    createdAt: '2026-12-03T08:00:00Z',
  });
  keys.report = await insertTask(db, {
    name: 'Báo cáo văn phòng',
    definition: first,
    candidateGroups: ['staff-VP'],
    priority: 90,
    createdAt: '2026-12-04T08:00:00Z',
  });
  keys.oldObjectives = await insertTask(db, {
    name: 'Mục tiêu cũ',
    definition: first,
    state: 'COMPLETED',
    candidateGroups: ['staff-QLKH'],
    assignee: 'staff.qlkh',
    completedBy: 'staff.qlkh',
    createdAt: '2026-11-01T08:00:00Z',
  });
  keys.review = await insertTask(db, {
    name: 'Xem xét của lãnh đạo',
    definition: second,
    candidateGroups: ['staff-QLKH'],
    assignee: 'head.qlkh',
    priority: 55,
    createdAt: '2026-12-05T08:00:00Z',
    dueDate: '2026-12-09T10:00:00Z',
  });
  staff = await testApp.login('staff.qlkh');
});

afterAll(async () => {
  await testApp.drop();
});

interface ListBody {
  items: { key: string; name: string; processName: string | null; businessKey: string | null }[];
  total: number;
  counts: Record<string, number>;
}

async function names(query: string): Promise<string[]> {
  const response = await staff.request('GET', `/api/tasks?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as ListBody;
  return body.items.map((item) => nameOf(item.key));
}

function nameOf(key: string): string {
  return Object.entries(keys).find(([, value]) => value === key)?.[0] ?? `unknown ${key}`;
}

describe('inbox lists', () => {
  it('lists return visible tasks only', async () => {
    expect(await names('list=mine')).toEqual(['audit']);
    expect(await names('list=group')).toEqual(['complaint', 'objectives']);
    expect(await names('list=all')).toEqual(['review', 'complaint', 'audit', 'objectives']);
    expect(await names('list=overdue')).toEqual(['review', 'objectives']);
    expect(await names('list=completed')).toEqual(['oldObjectives']);
  });

  it('counts every list', async () => {
    const response = await staff.request('GET', '/api/tasks?list=group');
    const body = response.json() as ListBody;

    expect(body.counts).toEqual({ mine: 1, group: 2, all: 4, overdue: 2, completed: 1 });
    expect(body.total).toBe(2);
  });

  it('counts apply the criteria', async () => {
    const response = await staff.request('GET', '/api/tasks?list=all&search=muc%20tieu');
    const body = response.json() as ListBody;

    expect(body.counts).toEqual({ mine: 0, group: 1, all: 1, overdue: 1, completed: 1 });
    expect(body.total).toBe(1);
  });

  it('names the assignee in full', async () => {
    const list = (await staff.request('GET', '/api/tasks?list=mine')).json();
    const detail = (await staff.request('GET', `/api/tasks/${keys.audit}`)).json();

    expect(list.items[0]).toMatchObject({ assignee: 'staff.qlkh', assigneeName: 'Đặng Văn Khoa' });
    expect(detail.task).toMatchObject({ assignee: 'staff.qlkh', assigneeName: 'Đặng Văn Khoa' });
  });

  it('another user sees other tasks', async () => {
    const office = await testApp.login('staff.vp');
    const response = await office.request('GET', '/api/tasks?list=all');
    const body = response.json() as ListBody;

    expect(body.items.map((item) => nameOf(item.key))).toEqual(['report']);
  });
});

describe('inbox lists of managers', () => {
  async function listOf(session: TestSession, query: string) {
    const response = await session.request('GET', `/api/tasks?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as ListBody;
    return { names: body.items.map((item) => nameOf(item.key)), counts: body.counts };
  }

  it('leader sees every open task', async () => {
    const director = await testApp.login('director');

    const all = await listOf(director, 'list=all');
    const group = await listOf(director, 'list=group');
    const overdue = await listOf(director, 'list=overdue');

    expect(all.names).toEqual(['review', 'report', 'complaint', 'audit', 'objectives']);
    expect(group.names).toEqual([]);
    expect(overdue.names).toEqual(['review', 'objectives']);
    expect(all.counts).toEqual({ mine: 0, group: 0, all: 5, overdue: 2, completed: 0 });
  });

  it('head sees the tasks of the group', async () => {
    const head = await testApp.login('head.qlkh');

    const all = await listOf(head, 'list=all');
    const group = await listOf(head, 'list=group');

    // The complaint is offered by name to staff.qlkh, a member of the department.
    expect(all.names).toEqual(['review', 'complaint', 'audit', 'objectives']);
    expect(group.names).toEqual([]);
    expect(all.counts).toEqual({ mine: 1, group: 0, all: 4, overdue: 2, completed: 0 });
  });

  it('head of another group sees none', async () => {
    const head = await testApp.login('head.ttra');

    const all = await listOf(head, 'list=all');

    expect(all.names).toEqual([]);
    expect(all.counts.all).toBe(0);
  });

  it('counts with criteria keep the group list narrow', async () => {
    const director = await testApp.login('director');
    const head = await testApp.login('head.qlkh');

    const byDirector = await listOf(director, 'list=all&search=muc%20tieu');
    const byHead = await listOf(head, 'list=all&priorityMin=50');

    expect(byDirector.names).toEqual(['objectives']);
    expect(byDirector.counts).toEqual({ mine: 0, group: 0, all: 1, overdue: 1, completed: 0 });
    expect(byHead.names).toEqual(['review', 'objectives']);
    expect(byHead.counts).toEqual({ mine: 1, group: 0, all: 2, overdue: 2, completed: 0 });
  });

  it('leader opens a task from the list', async () => {
    const director = await testApp.login('director');

    const response = await director.request('GET', `/api/tasks/${keys.report}`);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().permissions).toEqual({ manage: true });
  });
});

describe('inbox date filters', () => {
  it('read bare dates as days in Vietnam', async () => {
    // 18:30 UTC on 3 December is 01:30 on 4 December in Vietnam.
    const lateNight = await insertTask(testApp.db, {
      name: 'Tiếp nhận phản ánh ban đêm',
      definition: first,
      candidateGroups: ['staff-TTRA'],
      createdAt: '2026-12-03T18:30:00Z',
      dueDate: '2026-12-06T16:30:00Z',
    });
    const inspector = await testApp.login('staff.ttra');
    const keysOf = async (query: string) => {
      const response = await inspector.request('GET', `/api/tasks?list=all&${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as ListBody).items.map((item) => item.key);
    };

    expect(await keysOf('createdFrom=2026-12-04&createdTo=2026-12-04')).toEqual([lateNight]);
    expect(await keysOf('createdTo=2026-12-03')).toEqual([]);
    // 16:30 UTC on 6 December is 23:30 that day in Vietnam.
    expect(await keysOf('dueTo=2026-12-06')).toEqual([lateNight]);
    expect(await keysOf('dueFrom=2026-12-07')).toEqual([]);
    await testApp.db('user_tasks').where({ key: lateNight }).delete();
  });
});

describe('inbox filters', () => {
  const cases: [string, string[]][] = [
    ['assignee=head.qlkh', ['review']],
    ['assignee=staff.qlkh', ['audit']],
    ['candidateGroup=staff-QLKH', ['review', 'audit', 'objectives']],
    ['candidateGroup=staff-VP', []],
    ['businessKey=DG-01', ['audit']],
    ['createdFrom=2026-12-02&createdTo=2026-12-03', ['complaint', 'audit']],
    ['createdFrom=2026-12-02T09:00:00Z', ['review', 'complaint']],
    ['createdTo=2026-12-02T08:00:00Z', ['audit', 'objectives']],
    ['dueFrom=2026-12-06', ['review', 'audit']],
    ['dueTo=2026-12-05', ['objectives']],
    ['followUpFrom=2026-12-01&followUpTo=2026-12-31', ['audit']],
    ['priorityMin=50', ['review', 'objectives']],
    ['priorityMax=30', ['complaint', 'audit']],
    ['priorityMin=30&priorityMax=55', ['review', 'audit']],
    ['variables=year%3D2027', ['objectives']],
    ['variables=year%3D2026', ['audit']],
    ['variables=department%3DQLKH', ['audit', 'objectives']],
    ['variables=department%3DQLKH&variables=year%3D2027', ['objectives']],
    ['variables=department%3DVP', []],
  ];
  for (const [query, expected] of cases) {
    it(`filters ${query}`, async () => {
      expect(await names(`list=all&${query}`)).toEqual(expected);
    });
  }

  it('filters by procedure', async () => {
    expect(await names(`list=all&bpmnProcessId=${first.bpmnProcessId}`)).toEqual([
      'audit',
      'objectives',
    ]);
    expect(await names(`list=all&bpmnProcessId=${second.bpmnProcessId}`)).toEqual([
      'review',
      'complaint',
    ]);
  });
});

describe('inbox search', () => {
  it('ignores diacritics and case', async () => {
    expect(await names('list=all&search=muc%20tieu')).toEqual(['objectives']);
    expect(await names(`list=all&search=${encodeURIComponent('MỤC TIÊU')}`)).toEqual([
      'objectives',
    ]);
    expect(await names(`list=all&search=${encodeURIComponent('đánh GIÁ')}`)).toEqual(['audit']);
    expect(await names('list=completed&search=muc%20tieu')).toEqual(['oldObjectives']);
  });

  it('matches business key and procedure', async () => {
    expect(await names('list=all&search=kn-7')).toEqual(['complaint']);
    const procedure = second.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toUpperCase();
    expect(await names(`list=all&search=${encodeURIComponent(procedure)}`)).toEqual([
      'review',
      'complaint',
    ]);
  });

  it('treats LIKE wildcards as text', async () => {
    expect(await names('list=all&search=%25')).toEqual([]);
    expect(await names('list=all&search=_')).toEqual([]);
  });
});

describe('inbox sort and paging', () => {
  const cases: [string, string[]][] = [
    ['', ['review', 'complaint', 'audit', 'objectives']],
    ['sort=created&order=asc', ['objectives', 'audit', 'complaint', 'review']],
    ['sort=due', ['objectives', 'review', 'audit', 'complaint']],
    ['sort=due&order=desc', ['audit', 'review', 'objectives', 'complaint']],
    ['sort=followUp&order=asc', ['audit', 'objectives', 'complaint', 'review']],
    ['sort=priority', ['objectives', 'review', 'audit', 'complaint']],
    ['sort=priority&order=asc', ['complaint', 'audit', 'review', 'objectives']],
  ];
  for (const [query, expected] of cases) {
    it(`sorts ${query || 'by default'}`, async () => {
      expect(await names(`list=all&${query}`)).toEqual(expected);
    });
  }

  it('pages through a list', async () => {
    const response = await staff.request(
      'GET',
      '/api/tasks?list=all&sort=created&order=asc&page=2&pageSize=3',
    );
    const body = response.json() as ListBody;

    expect(body.items.map((item) => nameOf(item.key))).toEqual(['review']);
    expect(body.total).toBe(4);
  });
});

describe('inbox variable columns', () => {
  it('returns requested variables', async () => {
    const response = await staff.request(
      'GET',
      '/api/tasks?list=all&sort=created&order=asc&variableColumns=year&variableColumns=department',
    );
    const body = response.json() as { items: { variables: Record<string, unknown> }[] };

    expect(body.items[0].variables).toEqual({ year: 2027, department: 'QLKH' });
    expect(body.items[2].variables).toEqual({ year: null, department: null });
  });
});

describe('inbox input checks', () => {
  const cases: [string, string][] = [
    ['list=everything', '/list'],
    ['priorityMin=high', '/priorityMin'],
    ['priorityMax=101', '/priorityMax'],
    ['priorityMin=60&priorityMax=40', '/priorityMin'],
    ['dueFrom=tomorrow', '/dueFrom'],
    ['dueFrom=2026-13-45', '/dueFrom'],
    ['dueTo=2026-02-30', '/dueTo'],
    ['createdFrom=2026-12-05&createdTo=2026-12-01', '/createdFrom'],
    ['sort=name', '/sort'],
    ['order=up', '/order'],
    ['variables=no-equals-sign', '/variables/0'],
    ['page=0', '/page'],
    ['colour=red', '/colour'],
    ['variableColumns=1bad', '/variableColumns/0'],
  ];
  for (const [query, path] of cases) {
    it(`rejects ${query}`, async () => {
      const response = await staff.request('GET', `/api/tasks?${query}`);

      expect(response.statusCode, response.body).toBe(400);
      const body = response.json() as { code: string; details: { path: string }[] };
      expect(body.code).toBe('EISO_ERR_VALIDATION');
      expect(body.details.map((detail) => detail.path)).toContain(path);
    });
  }

  it('requires a session', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/tasks?list=all' });

    expect(response.statusCode).toBe(401);
  });
});

describe('inbox counts after changes', () => {
  it('follow claim and unclaim', async () => {
    const counts = async () =>
      ((await staff.request('GET', '/api/tasks?list=mine')).json() as ListBody).counts;

    const claimed = await staff.request('POST', `/api/tasks/${keys.objectives}/claim`);
    expect(claimed.statusCode, claimed.body).toBe(200);
    const afterClaim = await counts();
    const unclaimed = await staff.request('POST', `/api/tasks/${keys.objectives}/unclaim`);
    expect(unclaimed.statusCode, unclaimed.body).toBe(200);
    const afterUnclaim = await counts();

    expect(afterClaim).toEqual({ mine: 2, group: 1, all: 4, overdue: 2, completed: 1 });
    expect(afterUnclaim).toEqual({ mine: 1, group: 2, all: 4, overdue: 2, completed: 1 });
  });

  it('follow completion and deletion', async () => {
    const counts = async () =>
      ((await staff.request('GET', '/api/tasks?list=mine')).json() as ListBody).counts;

    await testApp.db('user_tasks').where('key', keys.complaint).update({ state: 'COMPLETED' });
    const afterComplete = await counts();
    await testApp.db('user_tasks').where('key', keys.complaint).update({ state: 'CREATED' });
    const afterReopen = await counts();

    expect(afterComplete).toEqual({ mine: 1, group: 1, all: 3, overdue: 2, completed: 1 });
    expect(afterReopen).toEqual({ mine: 1, group: 2, all: 4, overdue: 2, completed: 1 });
  });
});

describe('inbox counts of a leader', () => {
  // 16:00 in Vietnam, so that tasks due earlier today are overdue and later ones are not.
  const midday = new Date('2026-12-10T09:00:00Z');
  let leaderApp: TestApp & { drop: () => Promise<void> };
  let director: TestSession;
  let definition: Definition;

  beforeAll(async () => {
    leaderApp = await createTestApp({ now: () => midday });
    await leaderApp.db('user_tasks').delete();
    [definition] = await twoDefinitions(leaderApp.db);
    director = await leaderApp.login('director');
  });

  afterAll(async () => {
    await leaderApp.drop();
  });

  async function counts() {
    const response = await director.request('GET', '/api/tasks?list=all');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as ListBody;
    return { all: body.counts.all, overdue: body.counts.overdue };
  }

  async function countedDirectly() {
    const [row] = await leaderApp
      .db('user_tasks')
      .where({ state: 'CREATED' })
      .select(
        leaderApp.db.raw('count(*)::int AS "all"'),
        leaderApp.db.raw('(count(*) FILTER (WHERE due_date < ?))::int AS overdue', [midday]),
      );
    return row as { all: number; overdue: number };
  }

  it('follow due dates, completion and deletion', async () => {
    const dues = [
      '2026-12-09T10:00:00Z',
      '2026-12-10T08:00:00Z',
      '2026-12-10T10:00:00Z',
      '2026-12-11T10:00:00Z',
      null,
    ];
    const taskKeys: string[] = [];
    for (const [index, dueDate] of dues.entries()) {
      taskKeys.push(
        await insertTask(leaderApp.db, {
          name: `Việc ${index}`,
          definition,
          candidateGroups: ['staff-TTRA'],
          createdAt: '2026-12-01T08:00:00Z',
          dueDate,
        }),
      );
    }
    const [yesterday, earlyToday, lateToday, tomorrow] = taskKeys;
    const tasks = () => leaderApp.db('user_tasks');

    const initial = await counts();
    await tasks().where('key', lateToday).update({ due_date: '2026-12-10T08:30:00Z' });
    const moved = await counts();
    await tasks().where('key', earlyToday).update({ assignee: 'staff.ttra' });
    const claimed = await counts();
    await tasks().where('key', yesterday).update({ state: 'COMPLETED' });
    const completed = await counts();
    await tasks().where('key', tomorrow).delete();
    const deleted = await counts();
    await tasks().whereIn('key', [earlyToday, lateToday]).update({ due_date: null });
    const cleared = await counts();

    expect(initial).toEqual({ all: 5, overdue: 2 });
    expect(moved).toEqual({ all: 5, overdue: 3 });
    expect(claimed).toEqual({ all: 5, overdue: 3 });
    expect(completed).toEqual({ all: 4, overdue: 2 });
    expect(deleted).toEqual({ all: 3, overdue: 2 });
    expect(cleared).toEqual({ all: 3, overdue: 0 });
    expect(cleared).toEqual(await countedDirectly());
  });
});
