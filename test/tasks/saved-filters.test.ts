import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
// staff.qlkh shares filters with staff-QLKH, which head.qlkh joins for these
// tests; staff.vp works in another department and belongs to none of its groups.
// head.qlkh is in head-QLKH. staff.vp is in another department.
let testApp: TestApp & { drop: () => Promise<void> };
let staff: TestSession;
let head: TestSession;
let office: TestSession;

interface FilterBody {
  id: string;
  name: string;
  owner: string;
  groupCode: string | null;
  sort: string | null;
  order: string | null;
  columns: string[];
  criteria: Record<string, unknown>;
}

const overdueHigh = {
  name: 'Quá hạn, ưu tiên cao',
  sort: 'due',
  order: 'asc',
  columns: ['name', 'due', 'priority', 'variable:year'],
  criteria: { priorityMin: 50, search: 'mục tiêu', variables: ['year=2027'] },
};

beforeAll(async () => {
  testApp = await createTestApp();
  const headUser = await testApp.db('users').where('username', 'head.qlkh').first('id');
  const staffGroup = await testApp.db('groups').where('code', 'staff-QLKH').first('id');
  await testApp.db('memberships').insert({ user_id: headUser.id, group_id: staffGroup.id });
  staff = await testApp.login('staff.qlkh');
  head = await testApp.login('head.qlkh');
  office = await testApp.login('staff.vp');
});

afterAll(async () => {
  await testApp.drop();
});

async function groupsOf(username: string): Promise<string[]> {
  return testApp
    .db('memberships')
    .join('groups', 'groups.id', 'memberships.group_id')
    .join('users', 'users.id', 'memberships.user_id')
    .where('users.username', username)
    .pluck('groups.code');
}

async function listNames(session: TestSession): Promise<string[]> {
  const response = await session.request('GET', '/api/task-filters');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: FilterBody[] }).items.map((item) => item.name);
}

async function create(session: TestSession, body: unknown): Promise<FilterBody> {
  const response = await session.request('POST', '/api/task-filters', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as FilterBody;
}

describe('saved filters', () => {
  it('stores every field', async () => {
    const created = await create(staff, { ...overdueHigh, name: 'Stored fields' });

    expect(created.owner).toBe('staff.qlkh');
    expect(created.groupCode).toBeNull();
    expect(created.sort).toBe('due');
    expect(created.order).toBe('asc');
    expect(created.columns).toEqual(['name', 'due', 'priority', 'variable:year']);
    expect(created.criteria).toEqual(overdueHigh.criteria);
  });

  it('private filter stays private', async () => {
    await create(staff, { ...overdueHigh, name: 'Private one' });

    expect(await listNames(staff)).toContain('Private one');
    expect(await listNames(head)).not.toContain('Private one');
    expect(await listNames(office)).not.toContain('Private one');
  });

  it('shared filter reaches group members', async () => {
    expect(await groupsOf('staff.qlkh')).toContain('staff-QLKH');
    expect(await groupsOf('staff.vp')).not.toContain('staff-QLKH');

    await create(staff, { ...overdueHigh, name: 'Shared one', groupCode: 'staff-QLKH' });

    expect(await listNames(staff)).toContain('Shared one');
    expect(await listNames(head)).toContain('Shared one');
    expect(await listNames(office)).not.toContain('Shared one');
  });

  it('shared filter needs membership', async () => {
    const response = await staff.request('POST', '/api/task-filters', {
      ...overdueHigh,
      name: 'Not my group',
      groupCode: 'staff-VP',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].path).toBe('/groupCode');
  });

  it('owner updates and deletes', async () => {
    const created = await create(staff, { ...overdueHigh, name: 'To change' });

    const updated = await staff.request('PUT', `/api/task-filters/${created.id}`, {
      ...overdueHigh,
      name: 'Changed',
      sort: 'priority',
      order: 'desc',
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().name).toBe('Changed');
    expect(updated.json().sort).toBe('priority');

    const deleted = await staff.request('DELETE', `/api/task-filters/${created.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(await listNames(staff)).not.toContain('Changed');
  });

  it('member cannot edit shared filter', async () => {
    const created = await create(staff, {
      ...overdueHigh,
      name: 'Shared, read only',
      groupCode: 'staff-QLKH',
    });

    const updated = await head.request('PUT', `/api/task-filters/${created.id}`, overdueHigh);
    const deleted = await head.request('DELETE', `/api/task-filters/${created.id}`);

    expect(updated.statusCode).toBe(403);
    expect(deleted.statusCode).toBe(403);
    expect(await listNames(staff)).toContain('Shared, read only');
  });

  it('names the owner to a member', async () => {
    const created = await create(staff, {
      ...overdueHigh,
      name: 'Shared, owner named',
      groupCode: 'staff-QLKH',
    });
    const url = `/api/task-filters/${created.id}`;

    const inVietnamese = await head.request('DELETE', url, undefined, { 'accept-language': 'vi' });
    const inEnglish = await head.request('DELETE', url, undefined, { 'accept-language': 'en' });

    expect(inVietnamese.statusCode).toBe(403);
    expect(inVietnamese.json().message).toBe(
      `Bộ lọc ${created.id} là của Đặng Văn Khoa; chỉ người tạo mới sửa hoặc xóa được. ` +
        'Hãy lưu một bản sao với tên mới.',
    );
    expect(inEnglish.statusCode).toBe(403);
    expect(inEnglish.json().message).toBe(
      `Task filter ${created.id} belongs to staff.qlkh; only its owner may change or delete it. ` +
        'Save a copy under a new name instead.',
    );
  });

  it('names a duplicate in both languages', async () => {
    await create(staff, { ...overdueHigh, name: 'Twice in words' });
    const again = { ...overdueHigh, name: 'Twice in words' };

    const inVietnamese = await staff.request('POST', '/api/task-filters', again, {
      'accept-language': 'vi',
    });
    const inEnglish = await staff.request('POST', '/api/task-filters', again, {
      'accept-language': 'en',
    });

    expect(inVietnamese.statusCode).toBe(409);
    expect(inVietnamese.json().details).toEqual([
      { path: '/name', message: "Đã có bộ lọc tên 'Twice in words'." },
    ]);
    expect(inEnglish.statusCode).toBe(409);
    expect(inEnglish.json().details).toEqual([
      { path: '/name', message: "A filter named 'Twice in words' already exists." },
    ]);
  });

  it('stranger gets not found', async () => {
    const created = await create(staff, { ...overdueHigh, name: 'Hidden from others' });

    const updated = await office.request('PUT', `/api/task-filters/${created.id}`, overdueHigh);
    const deleted = await office.request('DELETE', `/api/task-filters/${created.id}`);

    expect(updated.statusCode).toBe(404);
    expect(deleted.statusCode).toBe(404);
  });

  it('rejects duplicate name', async () => {
    await create(staff, { ...overdueHigh, name: 'Twice' });

    const again = await staff.request('POST', '/api/task-filters', {
      ...overdueHigh,
      name: 'Twice',
    });

    expect(again.statusCode).toBe(409);
    expect(again.json().details[0].path).toBe('/name');
  });
});

describe('saved filter input checks', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['missing name', { ...overdueHigh, name: undefined }, '/name'],
    ['blank name', { ...overdueHigh, name: '   ' }, '/name'],
    ['unknown sort', { ...overdueHigh, sort: 'colour' }, '/sort'],
    ['unknown column', { ...overdueHigh, columns: ['colour'] }, '/columns/0'],
    [
      'bad priority',
      { ...overdueHigh, criteria: { priorityMin: 'high' } },
      '/criteria/priorityMin',
    ],
    ['bad date', { ...overdueHigh, criteria: { dueFrom: '2026-02-31x' } }, '/criteria/dueFrom'],
    [
      'reversed range',
      { ...overdueHigh, criteria: { dueFrom: '2026-12-31', dueTo: '2026-12-01' } },
      '/criteria/dueFrom',
    ],
    ['unknown criterion', { ...overdueHigh, criteria: { colour: 'red' } }, '/criteria/colour'],
  ];
  for (const [label, body, path] of cases) {
    it(`rejects ${label}`, async () => {
      const response = await staff.request('POST', '/api/task-filters', body);

      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().details.map((detail: { path: string }) => detail.path)).toContain(
        path,
      );
    });
  }

  it('rejects bad filter id', async () => {
    const response = await staff.request('DELETE', '/api/task-filters/abc');

    expect(response.statusCode).toBe(400);
  });

  it('requires a session', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/task-filters' });

    expect(response.statusCode).toBe(401);
  });
});
