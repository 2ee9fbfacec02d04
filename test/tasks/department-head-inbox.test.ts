import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { insertTask, twoDefinitions } from './inbox-fixtures.js';

// Tasks of other departments that members of Phòng Quản lý khoa học (staff.qlkh in group
// staff-QLKH, headed by head.qlkh) work on, at a fixed clock of 2026-12-10.
const now = new Date('2026-12-10T00:00:00Z');

let testApp: TestApp & { drop: () => Promise<void> };
let head: TestSession;
const keys: Record<string, string> = {};

beforeAll(async () => {
  testApp = await createTestApp({ now: () => now });
  const { db } = testApp;
  await db('user_tasks').delete();
  const [definition] = await twoDefinitions(db);

  keys.lent = await insertTask(db, {
    name: 'Báo cáo văn phòng do QLKH làm',
    definition,
    candidateGroups: ['staff-VP'],
    assignee: 'staff.qlkh',
    createdAt: '2026-12-01T08:00:00Z',
    dueDate: '2026-12-05T10:00:00Z',
  });
  keys.named = await insertTask(db, {
    name: 'Khiếu nại giao đích danh',
    definition,
    candidateUsers: ['staff.qlkh'],
    createdAt: '2026-12-02T08:00:00Z',
  });
  keys.foreign = await insertTask(db, {
    name: 'Việc của văn phòng',
    definition,
    candidateGroups: ['staff-VP'],
    assignee: 'staff.vp',
    createdAt: '2026-12-03T08:00:00Z',
  });
  head = await testApp.login('head.qlkh');
});

afterAll(async () => {
  await testApp.drop();
});

interface ListBody {
  items: { key: string }[];
  total: number;
  counts: Record<string, number>;
}

async function listOf(session: TestSession, query: string) {
  const response = await session.request('GET', `/api/tasks?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as ListBody;
  const names = body.items.map(
    (item) => Object.entries(keys).find(([, key]) => key === item.key)?.[0] ?? item.key,
  );
  return { names, total: body.total, counts: body.counts };
}

describe('department head inbox', () => {
  it('lists tasks of department members', async () => {
    const all = await listOf(head, 'list=all');

    expect(all.names).toEqual(['named', 'lent']);
    expect(all.total).toBe(2);
    expect(all.counts).toEqual({ mine: 0, group: 0, all: 2, overdue: 1, completed: 0 });
  });

  it('lists them under criteria too', async () => {
    const byPriority = await listOf(head, 'list=all&priorityMin=0');
    const oldestFirst = await listOf(head, 'list=all&sort=created&order=asc');
    const overdue = await listOf(head, 'list=overdue');

    expect(byPriority.names).toEqual(['named', 'lent']);
    expect(byPriority.counts).toEqual({ mine: 0, group: 0, all: 2, overdue: 1, completed: 0 });
    expect(oldestFirst.names).toEqual(['lent', 'named']);
    expect(overdue.names).toEqual(['lent']);
  });

  it('opens tasks of department members', async () => {
    const lent = await head.request('GET', `/api/tasks/${keys.lent}`);
    const named = await head.request('GET', `/api/tasks/${keys.named}`);
    const foreign = await head.request('GET', `/api/tasks/${keys.foreign}`);

    expect(lent.statusCode, lent.body).toBe(200);
    expect(named.statusCode, named.body).toBe(200);
    expect(foreign.statusCode).toBe(404);
  });

  it('offers the head as a reader', async () => {
    const staff = await testApp.login('staff.qlkh');

    const people = await staff.request('GET', `/api/tasks/${keys.lent}/people`);

    expect(people.statusCode, people.body).toBe(200);
    const readers = people
      .json()
      .filter((person: { mayOpen: boolean }) => person.mayOpen)
      .map((person: { username: string }) => person.username)
      .sort();
    expect(readers).toEqual([
      'deputy',
      'director',
      'head.qlkh',
      'head.vp',
      'secretary',
      'staff.qlkh',
      'staff.vp',
    ]);
  });

  it('hides them from other heads', async () => {
    const other = await testApp.login('head.ttra');

    const all = await listOf(other, 'list=all');
    const lent = await other.request('GET', `/api/tasks/${keys.lent}`);

    expect(all.names).toEqual([]);
    expect(all.counts.all).toBe(0);
    expect(lent.statusCode).toBe(404);
  });
});
