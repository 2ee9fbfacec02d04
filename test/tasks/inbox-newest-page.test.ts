import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newestPageKeys } from '../../src/tasks/inbox-query.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { insertTask, twoDefinitions } from './inbox-fixtures.js';

// The newest-first page of the group and all lists is read from the audience
// table; any criterion takes the general query. Both must give the same pages.
// The criterion createdFrom=2000-01-01 matches every task, so it changes the
// path and not the tasks listed.
const now = new Date('2026-12-10T00:00:00Z');
const everyTask = 'createdFrom=2000-01-01';

let testApp: TestApp & { drop: () => Promise<void> };

beforeAll(async () => {
  testApp = await createTestApp({ now: () => now });
  const { db } = testApp;
  await db('user_tasks').delete();
  const [first] = await twoDefinitions(db);
  const audiences: { candidateGroups?: string[]; candidateUsers?: string[] }[] = [
    { candidateGroups: ['staff-QLKH'] },
    { candidateGroups: ['staff-QLKH', 'QLKH'] },
    { candidateGroups: ['QLKH'] },
    { candidateGroups: ['head-QLKH'] },
    { candidateGroups: ['staff-VP'] },
    { candidateUsers: ['staff.qlkh'] },
    { candidateUsers: ['staff.qlkh'], candidateGroups: ['staff-QLKH'] },
  ];
  for (let index = 0; index < 70; index += 1) {
    // Every third task shares its creation time with the one before, so the
    // order between them comes from the key.
    const minute = index - Math.floor(index / 3);
    let assignee: string | null = null;
    if (index % 4 === 0) assignee = 'staff.qlkh';
    else if (index % 5 === 0) assignee = 'head.qlkh';
    await insertTask(db, {
      name: `Việc ${index}`,
      definition: first,
      ...audiences[index % audiences.length],
      assignee,
      createdAt: new Date(Date.UTC(2026, 11, 1, 8, minute)).toISOString(),
    });
  }
});

afterAll(async () => {
  await testApp.drop();
});

async function pageKeys(session: TestSession, query: string): Promise<string[]> {
  const response = await session.request('GET', `/api/tasks?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: { key: string }[] }).items.map((item) => item.key);
}

describe('newest page of the group and all lists', () => {
  for (const username of ['staff.qlkh', 'head.qlkh']) {
    for (const list of ['group', 'all']) {
      it(`gives ${username} the same ${list} pages as the general query`, async () => {
        const session = await testApp.login(username);
        let seen = 0;
        for (let page = 1; page <= 5; page += 1) {
          const query = `list=${list}&page=${page}&pageSize=7`;
          const fast = await pageKeys(session, query);
          expect(fast).toEqual(await pageKeys(session, `${query}&${everyTask}`));
          seen += fast.length;
        }
        expect(seen).toBeGreaterThan(5);
      });
    }
  }

  it('takes the general query for a leader, another order or a criterion', () => {
    const principal = {
      userId: '1',
      username: 'staff.qlkh',
      displayName: 'Nhân viên',
      title: null,
      unitId: '1',
      departmentId: null,
      groups: ['staff-QLKH'],
    };
    const request = { list: 'group' as const, criteria: {}, limit: 20, offset: 0 };
    const db = testApp.db;
    expect(newestPageKeys(db, principal, request)).not.toBeNull();
    expect(newestPageKeys(db, principal, { ...request, list: 'all' })).not.toBeNull();
    expect(newestPageKeys(db, principal, { ...request, list: 'mine' })).toBeNull();
    expect(newestPageKeys(db, principal, { ...request, sort: 'due' })).toBeNull();
    expect(newestPageKeys(db, principal, { ...request, order: 'asc' })).toBeNull();
    expect(
      newestPageKeys(db, principal, { ...request, criteria: { bpmnProcessId: 'x' } }),
    ).toBeNull();
    const leader = { ...principal, groups: ['board'] };
    expect(newestPageKeys(db, leader, { ...request, list: 'all' })).toBeNull();
  });
});
