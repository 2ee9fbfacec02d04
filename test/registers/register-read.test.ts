import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { demoContextRegisters } from '../../src/seed/demo-context-registers.js';
import { listRegister, seedOtherAgency, type RegisterItem } from '../helpers/registers.js';

interface DefinitionSummary {
  name: string;
  clause: string;
  readOnly: boolean;
  permissions: { create: boolean; edit: boolean; approve: boolean };
  columns: { key: string; label: { vi: string; en: string } }[];
}

const issues = demoContextRegisters.contextIssues;

describe('register reads', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let secretary: TestSession;
  let staff: TestSession;
  let outsider: TestSession;

  beforeAll(async () => {
    current = await createTestApp();
    await seedOtherAgency(current.db);
    secretary = await current.login('secretary');
    staff = await current.login('staff.qlkh');
    outsider = await current.login('secretary.hl');
  });

  afterAll(async () => {
    await current?.drop();
  });

  it('lists definitions with permissions', async () => {
    const response = await secretary.request('GET', '/api/registers');

    expect(response.statusCode).toBe(200);
    const items = (response.json() as { items: DefinitionSummary[] }).items;
    expect(items.map((item) => item.name)).toEqual([
      'context-issues',
      'interested-parties',
      'qms-scope',
      'quality-policy',
      'risks',
      'opportunities',
      'objectives',
      'controlled-documents',
      'document-versions',
      'document-revisions',
      'external-documents',
      'objective-measurements',
      'complaints',
      'satisfaction-ratings',
      'audit-programmes',
      'audit-plans',
      'audit-findings',
      'management-reviews',
      'review-actions',
      'corrective-actions',
    ]);
    const issuesDefinition = items[0];
    expect(issuesDefinition.clause).toBe('4.1');
    expect(issuesDefinition.permissions).toEqual({
      read: true,
      create: true,
      edit: true,
      approve: false,
    });
    expect(issuesDefinition.columns.find((c) => c.key === 'climateRelated')?.label.vi).toBe(
      'Liên quan biến đổi khí hậu',
    );
    expect(items[4].readOnly).toBe(true);
    expect(items[4].permissions.create).toBe(false);
  });

  it('gives staff read-only definitions', async () => {
    const response = await staff.request('GET', '/api/registers');

    const items = (response.json() as { items: DefinitionSummary[] }).items;
    expect(items.every((item) => !item.permissions.create && !item.permissions.edit)).toBe(true);
  });

  it('lists context issues by review date', async () => {
    const page = await listRegister(secretary, 'context-issues');

    expect(page.total).toBe(issues.length);
    const dates = page.items.map((item) => item.reviewDate as string);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(page.items[0]).toMatchObject({
      locked: expect.any(Boolean),
      issueType: expect.any(String),
    });
  });

  it('pages and sorts', async () => {
    const first = await listRegister(secretary, 'context-issues', '?pageSize=4&sort=category');
    const third = await listRegister(
      secretary,
      'context-issues',
      '?pageSize=4&page=3&sort=category',
    );

    expect(first.items).toHaveLength(4);
    expect(third.items).toHaveLength(issues.length - 8);
    const categories = first.items.map((item) => item.category as string);
    expect(categories).toEqual([...categories].sort());
  });

  it('filters climate-related issues', async () => {
    const page = await listRegister(secretary, 'context-issues', '?climateRelated=true');

    const expected = issues.filter((issue) => issue.climateRelated).length;
    expect(page.total).toBe(expected);
    expect(page.items.every((item) => item.climateRelated === true)).toBe(true);
  });

  it('filters by search text and type', async () => {
    const page = await listRegister(
      secretary,
      'context-issues',
      `?q=${encodeURIComponent('sáp nhập')}&issueType=external`,
    );

    expect(page.items.map((item) => item.description)).toEqual([issues[0].description]);
  });

  it('filters by review date range', async () => {
    const page = await listRegister(
      secretary,
      'context-issues',
      '?reviewFrom=2026-01-01&reviewTo=2026-12-31',
    );

    const expected = issues.filter((issue) => (issue.reviewDate ?? '') >= '2026-01-01');
    expect(page.total).toBe(expected.length);
  });

  it('searches without diacritics or case', async () => {
    const folded = await listRegister(
      secretary,
      'context-issues',
      `?q=${encodeURIComponent('SAP NHAP')}&issueType=external`,
    );
    const upper = await listRegister(
      secretary,
      'context-issues',
      `?q=${encodeURIComponent('SÁP NHẬP')}&issueType=external`,
    );

    expect(folded.items.map((item) => item.description)).toEqual([issues[0].description]);
    expect(upper.items.map((item) => item.description)).toEqual([issues[0].description]);
  });

  it('rejects an unknown filter', async () => {
    const response = await secretary.request('GET', '/api/registers/context-issues?colour=red');

    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((d: { path: string }) => d.path)).toEqual(['/colour']);
  });

  it('summarizes a bad query in Vietnamese', async () => {
    const response = await secretary.request(
      'GET',
      '/api/registers/context-issues?climateRelated=maybe&lang=vi',
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(
      /^Điều kiện lọc sổ ".+" không hợp lệ: climateRelated: /,
    );
  });

  it('rejects a bad filter value', async () => {
    const response = await secretary.request(
      'GET',
      '/api/registers/context-issues?climateRelated=maybe&reviewFrom=2026-13-01',
    );

    expect(response.statusCode).toBe(400);
    const paths = response.json().details.map((d: { path: string }) => d.path);
    expect(paths).toContain('/climateRelated');
    expect(paths).toContain('/reviewFrom');
  });

  it('reads one record', async () => {
    const page = await listRegister(secretary, 'qms-scope', '?status=approved');
    const id = page.items[0].id;

    const response = await secretary.request('GET', `/api/registers/qms-scope/${id}`);

    expect(response.statusCode).toBe(200);
    const scope = response.json() as RegisterItem;
    expect(scope.procedures).toContain(
      'Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
    );
    expect(scope.exclusions).toEqual(demoContextRegisters.scopes[1].exclusions);
    expect(scope.locked).toBe(true);
    expect(scope.approvedByName).toBe('Trần Văn Minh');
  });

  it('keeps one current policy', async () => {
    const page = await listRegister(secretary, 'quality-policy');

    expect(page.items.map((item) => [item.version, item.status])).toEqual([
      [2, 'approved'],
      [1, 'archived'],
    ]);
  });

  it('lists objectives read-only', async () => {
    const unit = await current!.db('units').where({ code: 'SKHCN', kind: 'agency' }).first('id');
    const office = await current!.db('units').where({ code: 'VP', agency_id: unit.id }).first('id');
    await current!.db('objectives').insert({
      unit_id: unit.id,
      year: 2025,
      position: 1,
      title: 'Giải quyết hồ sơ đúng hạn',
      indicator: 'Tỷ lệ hồ sơ đúng hạn',
      target_value: 98.5,
      target_unit: '%',
      owner_department_id: office.id,
      deadline: '2025-12-31',
      status: 'approved',
    });

    const page = await listRegister(secretary, 'objectives', '?year=2025&sort=ownerDepartment');
    const post = await secretary.request('POST', '/api/registers/objectives', { title: 'x' });

    expect(page.items).toEqual([
      expect.objectContaining({
        title: 'Giải quyết hồ sơ đúng hạn',
        targetValue: 98.5,
        ownerDepartment: 'Văn phòng Sở',
        deadline: '2025-12-31',
        locked: true,
      }),
    ]);
    expect(post.statusCode).toBe(403);
  });

  it('hides another unit’s records', async () => {
    const own = await listRegister(secretary, 'context-issues');
    const id = own.items[0].id;

    const detail = await outsider.request('GET', `/api/registers/context-issues/${id}`);
    const patch = await outsider.request('PATCH', `/api/registers/context-issues/${id}`, {
      description: 'Sửa trái phép',
    });
    const list = await listRegister(outsider, 'context-issues');

    expect(detail.statusCode).toBe(404);
    expect(patch.statusCode).toBe(404);
    expect(list.total).toBe(0);
  });

  it('returns 404 for an unknown register', async () => {
    const response = await secretary.request('GET', '/api/registers/no-such-register');

    expect(response.statusCode).toBe(404);
  });

  it('returns 404 for a missing record', async () => {
    const response = await secretary.request('GET', '/api/registers/context-issues/999999');

    expect(response.statusCode).toBe(404);
  });

  it('requires a session', async () => {
    const app = current!.app;
    const requests = [
      { method: 'GET' as const, url: '/api/registers' },
      { method: 'GET' as const, url: '/api/registers/context-issues' },
      { method: 'GET' as const, url: '/api/registers/context-issues/1' },
      { method: 'GET' as const, url: '/api/registers/context-issues/export.xlsx' },
      { method: 'POST' as const, url: '/api/registers/context-issues', payload: {} },
      { method: 'PATCH' as const, url: '/api/registers/context-issues/1', payload: {} },
    ];

    const statuses = await Promise.all(
      requests.map(async (request) => (await app.inject(request)).statusCode),
    );

    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
  });
});
