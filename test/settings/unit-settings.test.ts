import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultUnitSettings } from '../../src/settings/unit-settings.js';
import { createTestApp, login, type TestApp, type TestSession } from '../helpers/test-app.js';

describe('unit settings', () => {
  let app: TestApp & { drop: () => Promise<void> };
  let secretary: TestSession;

  beforeAll(async () => {
    app = await createTestApp();
    secretary = await login(app.app, 'secretary');
  });

  afterAll(async () => {
    await app.drop();
  });

  it('reads the defaults', async () => {
    const staff = await login(app.app, 'staff.vp');
    const response = await staff.request('GET', '/api/settings');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(defaultUnitSettings);
  });

  it('stores a change', async () => {
    const matrix = {
      likelihoodLevels: 4,
      severityLevels: 4,
      bands: [
        { level: 'low', min: 1, max: 3 },
        { level: 'medium', min: 4, max: 7 },
        { level: 'high', min: 8, max: 11 },
        { level: 'critical', min: 12, max: 16 },
      ],
    };
    const response = await secretary.request('PATCH', '/api/settings', {
      riskMatrix: matrix,
      effectivenessCheckDays: 60,
    });
    expect(response.statusCode, response.body).toBe(200);
    const read = (await secretary.request('GET', '/api/settings')).json();
    expect(read.riskMatrix).toEqual(matrix);
    expect(read.effectivenessCheckDays).toBe(60);
    expect(read.complaintResponseDays).toBe(defaultUnitSettings.complaintResponseDays);

    const event = await app
      .db('history_events')
      .where({ type: 'SETTINGS_CHANGED' })
      .orderBy('id', 'desc')
      .first('actor');
    expect(event.actor).toBe('secretary');
  });

  it('explains a value below its minimum in either language', async () => {
    const change = { effectivenessCheckDays: 0 };
    const vietnamese = await secretary.request('PATCH', '/api/settings', change, {
      'accept-language': 'vi-VN,vi;q=0.9',
    });
    expect(vietnamese.statusCode).toBe(400);
    expect(vietnamese.json().details).toEqual([
      {
        path: '/effectivenessCheckDays',
        message: '/effectivenessCheckDays phải lớn hơn hoặc bằng 1.',
      },
    ]);
    expect(vietnamese.json().message).toBe(
      'Nội dung yêu cầu không hợp lệ: /effectivenessCheckDays phải lớn hơn hoặc bằng 1.',
    );

    const english = await secretary.request('PATCH', '/api/settings', change, {
      'accept-language': 'en',
    });
    expect(english.statusCode).toBe(400);
    expect(english.json().message).toBe(
      'Invalid request body: /effectivenessCheckDays must be >= 1.',
    );
    const read = (await secretary.request('GET', '/api/settings')).json();
    expect(read.effectivenessCheckDays).not.toBe(0);
  });

  it('rejects bands with a gap', async () => {
    const response = await secretary.request('PATCH', '/api/settings', {
      riskMatrix: {
        likelihoodLevels: 5,
        severityLevels: 5,
        bands: [
          { level: 'low', min: 1, max: 4 },
          { level: 'high', min: 6, max: 25 },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().details.map((detail: { path: string }) => detail.path);
    expect(paths).toContain('/riskMatrix/bands/1');
  });

  it('rejects bands short of the matrix', async () => {
    const response = await secretary.request('PATCH', '/api/settings', {
      riskMatrix: {
        likelihoodLevels: 5,
        severityLevels: 5,
        bands: [
          { level: 'low', min: 1, max: 9 },
          { level: 'high', min: 10, max: 16 },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([
      expect.objectContaining({
        path: '/riskMatrix/bands',
        message: expect.stringContaining('25'),
      }),
    ]);
  });

  it.each([
    ['auditProgrammeCycle', 'every year', /not a valid cycle/],
    ['auditProgrammeCycle', 'R/P1Y', /first date/],
    ['measurementCycle', 'R/2027-01-01T08:00:00+07:00/P1W', /P1M \(monthly\) or P3M/],
  ])('rejects %s %j', async (name, value, message) => {
    const response = await secretary.request(
      'PATCH',
      '/api/settings',
      { [name]: value },
      { 'accept-language': 'en' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([
      expect.objectContaining({ path: `/${name}`, message: expect.stringMatching(message) }),
    ]);
  });

  it('rejects a reminder after the complaint limit', async () => {
    const response = await secretary.request('PATCH', '/api/settings', {
      reminderDaysBefore: 10,
      complaintResponseDays: 5,
    });
    const stored = await secretary.request('GET', '/api/settings');

    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([
      expect.objectContaining({
        path: '/reminderDaysBefore',
        message: expect.stringContaining('phải ít hơn thời hạn trả lời phản ánh 5 ngày'),
      }),
    ]);
    expect(stored.json().reminderDaysBefore).toBe(2);
  });

  it('rejects an unknown setting', async () => {
    const response = await secretary.request('PATCH', '/api/settings', { holidays: [] });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('holidays');
  });

  it('lets only the secretary and the board change', async () => {
    const head = await login(app.app, 'head.qlkh');
    const response = await head.request('PATCH', '/api/settings', { reminderDaysBefore: 5 });
    expect(response.statusCode).toBe(403);
    const read = (await head.request('GET', '/api/settings')).json();
    expect(read.reminderDaysBefore).toBe(defaultUnitSettings.reminderDaysBefore);
  });
});
