import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { rating } from '../helpers/complaint-handling.js';

interface Figures {
  count: number;
  average: number | null;
  satisfiedRate: number | null;
}

interface Summary {
  year: number;
  years: number[];
  ratings: Figures & {
    criteria: { key: string; average: number | null }[];
    byDepartment: ({ code: string; name: string | null } & Figures)[];
    byMonth: ({ month: number } & Figures)[];
  };
  complaints: {
    total: number;
    byStatus: { status: string; count: number }[];
    answered: number;
    answeredOnTime: number;
    onTimeRate: number | null;
  };
}

const criteria = ['scoreAccess', 'scoreProcedure', 'scoreStaff', 'scoreResult', 'scoreFeedback'];

type RatingRecord = Record<string, unknown> & { id: string; status: string };

async function create(session: TestSession, body: Record<string, unknown>) {
  return session.request('POST', '/api/registers/satisfaction-ratings', body);
}

async function readSummary(session: TestSession, year: number): Promise<Summary> {
  const response = await session.request('GET', `/api/complaints/summary?year=${year}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Summary;
}

/** Reads every rating of `year` through the register API, page by page. */
async function ratingsOf(session: TestSession, year: number): Promise<RatingRecord[]> {
  const items: RatingRecord[] = [];
  for (let page = 1; ; page++) {
    const response = await session.request(
      'GET',
      `/api/registers/satisfaction-ratings?ratedFrom=${year}-01-01&ratedTo=${year}-12-31&pageSize=200&page=${page}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: RatingRecord[]; total: number };
    items.push(...body.items);
    if (items.length >= body.total) return items;
  }
}

function meanOf(records: RatingRecord[]): number {
  const total = records.reduce(
    (sum, record) => sum + criteria.reduce((inner, key) => inner + Number(record[key]), 0),
    0,
  );
  return total / (records.length * criteria.length);
}

/** Checks a mean that the server rounded to two decimals against the exact mean. */
function expectRounded(actual: number | null, exact: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - exact)).toBeLessThanOrEqual(0.005 + 1e-9);
}

describe('satisfaction ratings register', () => {
  let current: TestApp & { drop: () => Promise<void> };
  let secretary: TestSession;

  beforeAll(async () => {
    current = await createTestApp();
    secretary = await current.login('secretary');
  });
  afterAll(async () => {
    await current.drop();
  });

  it('records a rating without starting a process', async () => {
    const instancesBefore = await current.db('process_instances').count({ count: '*' });

    const response = await create(secretary, rating({ ratingDate: '2018-05-02' }));

    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'draft',
      scoreAccess: 5,
      departmentCode: 'VP',
      department: 'Văn phòng Sở',
    });
    const instancesAfter = await current.db('process_instances').count({ count: '*' });
    expect(instancesAfter).toEqual(instancesBefore);
  });

  it.each(criteria)('rejects %s outside 1 to 5, naming the field', async (key) => {
    for (const value of [0, 6, 4.5, '5', null]) {
      const response = await create(secretary, rating({ [key]: value }));

      expect(response.statusCode, `${key} = ${JSON.stringify(value)}`).toBe(400);
      expect(response.json().details.map((detail: { path: string }) => detail.path)).toEqual([
        `/${key}`,
      ]);
    }
    const missing: Record<string, unknown> = rating();
    delete missing[key];
    const response = await create(secretary, missing);
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([
      { path: `/${key}`, message: expect.stringContaining('bắt buộc') },
    ]);
  });

  it('names the criterion in the message', async () => {
    const response = await create(secretary, rating({ scoreAccess: 7 }));

    expect(response.json().details[0].message).toBe('Tiếp cận dịch vụ: phải nhỏ hơn hoặc bằng 5.');
  });

  it('rejects a blank service and an unknown channel', async () => {
    const response = await create(secretary, rating({ service: '  ', channel: 'fax' }));

    expect(response.statusCode).toBe(400);
    const paths = response.json().details.map((detail: { path: string }) => detail.path);
    expect(paths.sort()).toEqual(['/channel', '/service']);
  });

  it('lets only the secretary and the board record ratings', async () => {
    const staff = await current.login('staff.vp');

    const response = await create(staff, rating());

    expect(response.statusCode).toBe(403);
  });

  it('averages known ratings per department and month', async () => {
    const scores = (values: number[]) =>
      Object.fromEntries(criteria.map((key, index) => [key, values[index]]));
    for (const body of [
      rating({ ratingDate: '2019-03-12', departmentCode: 'VP', ...scores([5, 4, 5, 4, 4]) }),
      rating({ ratingDate: '2019-03-20', departmentCode: 'VP', ...scores([3, 3, 4, 3, 2]) }),
      rating({ ratingDate: '2019-07-02', departmentCode: 'QLKH', ...scores([5, 5, 5, 5, 4]) }),
    ])
      expect((await create(secretary, body)).statusCode).toBe(201);
    const excluded = await create(
      secretary,
      rating({ ratingDate: '2019-07-15', departmentCode: 'QLKH', ...scores([1, 1, 1, 1, 1]) }),
    );
    const archived = await secretary.request(
      'PATCH',
      `/api/registers/satisfaction-ratings/${excluded.json().id}`,
      { status: 'archived' },
    );
    expect(archived.statusCode, archived.body).toBe(200);

    const summary = await readSummary(secretary, 2019);

    expect(summary.ratings).toMatchObject({ count: 3, average: 4.07, satisfiedRate: 0.6667 });
    expect(summary.ratings.byDepartment).toEqual([
      { code: 'VP', name: 'Văn phòng Sở', count: 2, average: 3.7, satisfiedRate: 0.5 },
      { code: 'QLKH', name: 'Phòng Quản lý khoa học', count: 1, average: 4.8, satisfiedRate: 1 },
    ]);
    expect(summary.ratings.byMonth[2]).toEqual({
      month: 3,
      count: 2,
      average: 3.7,
      satisfiedRate: 0.5,
    });
    expect(summary.ratings.byMonth[6]).toEqual({
      month: 7,
      count: 1,
      average: 4.8,
      satisfiedRate: 1,
    });
    expect(summary.ratings.byMonth.filter((entry) => entry.count === 0)).toHaveLength(10);
    expect(summary.ratings.criteria.map((entry) => entry.average)).toEqual([
      4.33, 4, 4.67, 4, 3.33,
    ]);
    expect(summary.complaints).toMatchObject({ total: 0, answered: 0, onTimeRate: null });
    expect(summary.years).toContain(2019);
  });

  it('matches the seeded ratings and complaints of this year', async () => {
    const year = new Date().getFullYear();
    const records = (await ratingsOf(secretary, year)).filter(
      (record) => record.status !== 'archived',
    );
    const complaints = (
      await secretary.request('GET', `/api/registers/complaints?pageSize=200`)
    ).json() as { items: { receivedDate: string; status: string; onTime: boolean | null }[] };
    const complaintsOfYear = complaints.items.filter((item) =>
      item.receivedDate.startsWith(String(year)),
    );

    const summary = await readSummary(secretary, year);

    expect(records.length).toBeGreaterThan(20);
    expect(summary.ratings.count).toBe(records.length);
    expectRounded(summary.ratings.average, meanOf(records));
    for (const entry of summary.ratings.byDepartment) {
      const ofDepartment = records.filter((record) => record.departmentCode === entry.code);
      expect(entry.count, entry.code).toBe(ofDepartment.length);
      expectRounded(entry.average, meanOf(ofDepartment));
    }
    for (const entry of summary.ratings.byMonth) {
      const month = `${year}-${String(entry.month).padStart(2, '0')}`;
      const ofMonth = records.filter((record) => String(record.ratingDate).startsWith(month));
      expect(entry.count, month).toBe(ofMonth.length);
      if (ofMonth.length > 0) expectRounded(entry.average, meanOf(ofMonth));
      else expect(entry.average).toBeNull();
    }
    expect(summary.complaints.total).toBe(complaintsOfYear.length);
    for (const entry of summary.complaints.byStatus)
      expect(entry.count, entry.status).toBe(
        complaintsOfYear.filter((item) => item.status === entry.status).length,
      );
    expect(summary.complaints.answeredOnTime).toBe(
      complaintsOfYear.filter((item) => item.onTime === true).length,
    );
  });

  it('seeds one late complaint and one corrective action', async () => {
    const response = await secretary.request('GET', '/api/registers/complaints?pageSize=200');
    const items = (
      response.json() as {
        items: { status: string; onTime: boolean | null; correctiveAction: string | null }[];
      }
    ).items;

    expect(items.filter((item) => item.onTime === false)).toHaveLength(1);
    expect(items.filter((item) => item.onTime === true).length).toBeGreaterThanOrEqual(3);
    expect(items.filter((item) => item.correctiveAction !== null)).toHaveLength(1);
  });

  it('serves the summary to signed-in users only', async () => {
    const anonymous = await current.app.inject({ method: 'GET', url: '/api/complaints/summary' });
    const badYear = await secretary.request('GET', '/api/complaints/summary?year=20x9');

    expect(anonymous.statusCode).toBe(401);
    expect(badYear.statusCode).toBe(400);
  });
});
