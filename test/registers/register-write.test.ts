import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type HistoryEvent } from '../../src/history/history-log.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  countRows,
  createRecord,
  demoUnitId,
  floodIssue,
  listRegister,
  type RegisterItem,
} from '../helpers/registers.js';

interface UnitEvent {
  type: string;
  actor: string | null;
  data: { register?: string; recordId?: string; changedFields?: string[]; supersededBy?: string };
}

describe('register writes', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let unitId: string;
  let secretary: TestSession;
  let director: TestSession;
  let staff: TestSession;

  async function unitEvents(): Promise<UnitEvent[]> {
    const rows = await current!
      .db('history_events')
      .where({ unit_id: unitId })
      .whereNull('process_instance_key')
      .orderBy('position')
      .select('type', 'actor', 'data');
    return rows as UnitEvent[];
  }

  beforeAll(async () => {
    current = await createTestApp();
    unitId = await demoUnitId(current.db);
    secretary = await current.login('secretary');
    director = await current.login('director');
    staff = await current.login('staff.qlkh');
  });

  afterAll(async () => {
    await current?.drop();
  });

  it('creates a draft with history', async () => {
    const before = await countRows(current!.db, 'context_issues', unitId);

    const created = await createRecord(secretary, 'context-issues', floodIssue);

    expect(created).toMatchObject({ ...floodIssue, status: 'draft', locked: false });
    expect(created.createdBy).toBe('secretary');
    const after = await countRows(current!.db, 'context_issues', unitId);
    expect(after.rows).toBe(before.rows + 1);
    const last = (await unitEvents()).at(-1)!;
    expect(last.type).toBe('REGISTER_RECORD_CREATED');
    expect(last.actor).toBe('secretary');
    expect(last.data.register).toBe('context-issues');
    expect(last.data.recordId).toBe(created.id);
    expect(last.data.changedFields).toEqual(Object.keys({ ...floodIssue, status: '' }).sort());
  });

  it('rejects bad input with field paths', async () => {
    const before = await countRows(current!.db, 'context_issues', unitId);

    const response = await secretary.request('POST', '/api/registers/context-issues', {
      ...floodIssue,
      issueType: 'global',
      description: '   ',
      impact: undefined,
      reviewDate: '30/09/2026',
      colour: 'red',
    });

    expect(response.statusCode).toBe(400);
    const details = response.json().details as { path: string; message: string }[];
    expect(details.map((detail) => detail.path).sort()).toEqual([
      '/colour',
      '/description',
      '/impact',
      '/issueType',
      '/reviewDate',
    ]);
    expect(details.find((detail) => detail.path === '/description')?.message).toBe(
      'Mô tả vấn đề: không được để trống.',
    );
    expect(await countRows(current!.db, 'context_issues', unitId)).toEqual(before);
  });

  it('reports errors in English', async () => {
    const response = await secretary.request(
      'POST',
      '/api/registers/qms-scope',
      { scopeStatement: 'Phạm vi', sites: [], procedures: ['A'], exclusions: [{ clause: '8.3' }] },
      { 'accept-language': 'en-GB,en;q=0.9' },
    );

    expect(response.statusCode).toBe(400);
    const details = response.json().details as { path: string; message: string }[];
    expect(details).toEqual([
      { path: '/sites', message: 'Sites: must have at least 1 items.' },
      {
        path: '/exclusions/0/justification',
        message: 'Exclusions, item 1, Justification: is required.',
      },
    ]);
  });

  it('updates changed fields only', async () => {
    const created = await createRecord(secretary, 'context-issues', floodIssue);

    const response = await secretary.request(
      'PATCH',
      `/api/registers/context-issues/${created.id}`,
      {
        description: floodIssue.description,
        impact: 'Cần máy phát điện dự phòng cho Bộ phận Một cửa.',
        reviewDate: null,
      },
    );

    expect(response.statusCode).toBe(200);
    const updated = response.json() as RegisterItem;
    expect(updated.impact).toBe('Cần máy phát điện dự phòng cho Bộ phận Một cửa.');
    expect(updated.reviewDate).toBeNull();
    const last = (await unitEvents()).at(-1)!;
    expect(last.type).toBe('REGISTER_RECORD_UPDATED');
    expect(last.data.changedFields).toEqual(['impact', 'reviewDate']);
  });

  it('rejects a bad update and stores nothing', async () => {
    const created = await createRecord(secretary, 'context-issues', floodIssue);
    const events = (await unitEvents()).length;

    const response = await secretary.request(
      'PATCH',
      `/api/registers/context-issues/${created.id}`,
      {
        impact: 'Tác động mới',
        climateRelated: 'yes',
      },
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((d: { path: string }) => d.path)).toEqual([
      '/climateRelated',
    ]);
    const detail = await secretary.request('GET', `/api/registers/context-issues/${created.id}`);
    expect((detail.json() as RegisterItem).impact).toBe(floodIssue.impact);
    expect((await unitEvents()).length).toBe(events);
  });

  it('rejects an empty update', async () => {
    const created = await createRecord(secretary, 'context-issues', floodIssue);

    const response = await secretary.request(
      'PATCH',
      `/api/registers/context-issues/${created.id}`,
      {},
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].path).toBe('/');
  });

  it('forbids staff to write', async () => {
    const before = await countRows(current!.db, 'context_issues', unitId);

    const response = await staff.request('POST', '/api/registers/context-issues', floodIssue);

    expect(response.statusCode).toBe(403);
    expect(await countRows(current!.db, 'context_issues', unitId)).toEqual(before);
  });

  it('lets only the board approve', async () => {
    const created = await createRecord(secretary, 'context-issues', floodIssue);

    const bySecretary = await secretary.request(
      'PATCH',
      `/api/registers/context-issues/${created.id}`,
      { status: 'approved' },
    );
    const byDirector = await director.request(
      'PATCH',
      `/api/registers/context-issues/${created.id}`,
      { status: 'approved' },
    );

    expect(bySecretary.statusCode).toBe(403);
    expect(byDirector.statusCode).toBe(200);
    expect(byDirector.json()).toMatchObject({
      status: 'approved',
      locked: true,
      approvedByName: 'Trần Văn Minh',
    });
  });

  it('locks an approved record', async () => {
    const created = await createRecord(director, 'context-issues', {
      ...floodIssue,
      status: 'approved',
    });
    const events = (await unitEvents()).length;

    const response = await director.request(
      'PATCH',
      `/api/registers/context-issues/${created.id}`,
      { impact: 'Sửa sau phê duyệt' },
    );

    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('EISO_ERR_CONFLICT');
    expect(response.json().message).toContain('is approved and cannot be edited');
    expect((await unitEvents()).length).toBe(events);
  });

  it('archives an approved record', async () => {
    const created = await createRecord(director, 'context-issues', {
      ...floodIssue,
      status: 'approved',
    });

    const archived = await director.request(
      'PATCH',
      `/api/registers/context-issues/${created.id}`,
      { status: 'archived' },
    );
    const reopened = await director.request(
      'PATCH',
      `/api/registers/context-issues/${created.id}`,
      { status: 'draft' },
    );

    expect(archived.statusCode).toBe(200);
    expect(reopened.statusCode).toBe(409);
    expect(reopened.json().message).toContain('is archived');
  });

  it('approving a policy archives the current one', async () => {
    const draft = await createRecord(secretary, 'quality-policy', {
      version: 3,
      content: 'Chính sách chất lượng phiên bản 3, bổ sung cam kết về chuyển đổi số toàn diện.',
      decisionNumber: 'Quyết định số 12/QĐ-SKHCN',
      issueDate: '2026-12-01',
    });

    const response = await director.request('PATCH', `/api/registers/quality-policy/${draft.id}`, {
      status: 'approved',
    });

    expect(response.statusCode).toBe(200);
    const page = await listRegister(secretary, 'quality-policy');
    expect(page.items.map((item) => [item.version, item.status])).toEqual([
      [3, 'approved'],
      [2, 'archived'],
      [1, 'archived'],
    ]);
    const superseded = (await unitEvents()).at(-1)!;
    expect(superseded.data.changedFields).toEqual(['status']);
    expect(superseded.data.supersededBy).toBe(draft.id);
  });

  it('rejects a duplicate policy version', async () => {
    const response = await secretary.request('POST', '/api/registers/quality-policy', {
      version: 1,
      content: 'Bản trùng số phiên bản.',
    });

    expect(response.statusCode).toBe(409);
  });

  it('keeps the unit history chain valid', async () => {
    const rows = await current!
      .db('history_events')
      .where({ unit_id: unitId })
      .whereNull('process_instance_key')
      .orderBy('position');

    const events: HistoryEvent[] = rows.map((row) => ({
      id: String(row.id),
      processInstanceKey: `unit:${unitId}`,
      position: Number(row.position),
      type: row.type,
      elementId: row.element_id,
      elementInstanceKey: row.element_instance_key,
      actor: row.actor,
      data: row.data,
      createdAt: new Date(row.created_at).toISOString(),
      previousHash: row.previous_hash,
      hash: row.hash,
    }));

    expect(events.length).toBeGreaterThan(10);
    expect(verifyChain(events)).toEqual({ valid: true, firstInvalidPosition: null });
  });
});
