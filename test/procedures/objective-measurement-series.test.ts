import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  demoUnitId,
  insertApprovedObjectives,
  insertMeasurements,
  twoDepartmentObjectives,
} from '../helpers/objective-measurement.js';

describe('GET /api/objectives/measurements', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let staff: TestSession;
  let ids: string[];

  beforeAll(async () => {
    current = await createTestApp({ now: () => new Date('2027-04-10T03:00:00Z') });
    ids = await insertApprovedObjectives(current.db, 2025, twoDepartmentObjectives);
    const [draft] = await insertApprovedObjectives(current.db, 2025, [
      { ...twoDepartmentObjectives[0], title: 'Mục tiêu còn dự thảo' },
    ]);
    await current.db('objectives').where({ id: draft }).update({ status: 'draft' });
    await insertMeasurements(current.db, [
      { objectiveId: ids[0], period: '2025-02', measuredValue: 95.5 },
      { objectiveId: ids[0], period: '2025-01', measuredValue: 98.2 },
      { objectiveId: ids[1], period: '2025-01', measuredValue: 1 },
      { objectiveId: ids[1], period: '2025-03', measuredValue: 3 },
    ]);
    staff = await current.login('staff.qlkh');
  });

  afterAll(async () => {
    await current?.drop();
  });

  it('returns each objective with its series', async () => {
    const response = await staff.request('GET', '/api/objectives/measurements?year=2025');

    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.year).toBe(2025);
    expect(body.periods).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(body.objectives.map((objective: { title: string }) => objective.title)).toEqual([
      'Giải quyết hồ sơ đúng hạn',
      'Hạn chế hồ sơ trễ hạn',
      'Sự hài lòng của người dân',
    ]);
    expect(body.objectives[0]).toMatchObject({
      objectiveId: ids[0],
      position: 1,
      targetValue: 98,
      targetUnit: '%',
      direction: 'at_least',
      ownerDepartment: { code: 'VP', name: 'Văn phòng Sở' },
    });
    expect(body.objectives[0].points).toEqual([
      {
        period: '2025-01',
        measuredValue: 98.2,
        achieved: true,
        measuredAt: '2025-01-31T03:00:00.000Z',
      },
      {
        period: '2025-02',
        measuredValue: 95.5,
        achieved: false,
        measuredAt: '2025-02-28T03:00:00.000Z',
      },
    ]);
    expect(body.objectives[1].direction).toBe('at_most');
    expect(
      body.objectives[1].points.map((point: { measuredValue: number }) => point.measuredValue),
    ).toEqual([1, 3]);
    expect(body.objectives[2].points).toEqual([]);
  });

  it('defaults to the current year', async () => {
    const implicit = await staff.request('GET', '/api/objectives/measurements');
    const explicit = await staff.request('GET', '/api/objectives/measurements?year=2027');

    expect(implicit.statusCode).toBe(200);
    expect(implicit.json().year).toBe(2027);
    expect(implicit.json()).toEqual(explicit.json());
  });

  it('returns an empty year', async () => {
    const response = await staff.request('GET', '/api/objectives/measurements?year=2030');

    expect(response.json()).toEqual({ year: 2030, periods: [], objectives: [] });
  });

  it('rejects an invalid year', async () => {
    const text = await staff.request('GET', '/api/objectives/measurements?year=abc');
    const early = await staff.request('GET', '/api/objectives/measurements?year=1999');
    const extra = await staff.request('GET', '/api/objectives/measurements?year=2025&unit=1');

    for (const response of [text, early, extra]) expect(response.statusCode).toBe(400);
    expect(text.json().details[0].path).toBe('/year');
    expect(early.json().details[0].path).toBe('/year');
    expect(extra.json().details[0].path).toBe('/unit');
  });

  it('requires a session', async () => {
    const response = await current!.app.inject({
      method: 'GET',
      url: '/api/objectives/measurements?year=2025',
    });

    expect(response.statusCode).toBe(401);
  });

  it('keeps to the user unit', async () => {
    const unitId = await demoUnitId(current!.db);
    const rows = await current!.db('objective_measurements').where({ unit_id: unitId });
    const { seedOtherAgency } = await import('../helpers/registers.js');
    await seedOtherAgency(current!.db);
    const other = await current!.login('secretary.hl');

    const response = await other.request('GET', '/api/objectives/measurements?year=2025');

    expect(rows.length).toBeGreaterThan(0);
    expect(response.json()).toEqual({ year: 2025, periods: [], objectives: [] });
  });
});
