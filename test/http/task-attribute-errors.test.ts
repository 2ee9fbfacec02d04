import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { basicAuth } from '../v2/helpers.js';
import { deployCollaborationProcess, startCollaboration } from '../tasks/collaboration-fixtures.js';

// PATCH /api/tasks/:key takes the fields at the top of its body, unlike the changeset of
// PATCH /v2/user-tasks/:key, so its errors name `/dueDate` and not `/changeset/dueDate`.
describe('task attribute errors on /api', () => {
  let app: TestApp & { drop: () => Promise<void> };
  let head: TestSession;
  let taskKey: string;

  beforeAll(async () => {
    app = await createTestApp();
    await deployCollaborationProcess(app.app);
    ({ taskKey } = await startCollaboration(app.app));
    head = await app.login('head.vp');
  }, 120_000);

  afterAll(async () => {
    await app.drop();
  });

  it.each([
    [
      'vi',
      { dueDate: 'tomorrow' },
      '/dueDate',
      'Hạn xử lý (/dueDate) "tomorrow" không phải thời điểm ISO 8601',
    ],
    [
      'en',
      { dueDate: 'tomorrow' },
      '/dueDate',
      'Due date (/dueDate) "tomorrow" is not an ISO 8601 date-time',
    ],
    [
      'vi',
      { followUpDate: '2026-13-45' },
      '/followUpDate',
      'Ngày nhắc theo dõi (/followUpDate) "2026-13-45"',
    ],
    [
      'en',
      { followUpDate: '2026-13-45' },
      '/followUpDate',
      'Follow-up date (/followUpDate) "2026-13-45"',
    ],
    ['vi', { priority: 101 }, '/priority', 'Mức ưu tiên (/priority) phải nhỏ hơn hoặc bằng 100.'],
    ['en', { priority: 101 }, '/priority', 'Priority (/priority) must be <= 100.'],
    ['vi', { priority: -1 }, '/priority', 'Mức ưu tiên (/priority) phải lớn hơn hoặc bằng 0.'],
  ] as const)('in %s rejects %j', async (language, body, path, message) => {
    const response = await head.request('PATCH', `/api/tasks/${taskKey}`, body, {
      'accept-language': language,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('EISO_ERR_VALIDATION');
    expect(response.json().details).toHaveLength(1);
    expect(response.json().details[0].path).toBe(path);
    expect(response.json().details[0].message).toContain(message);
    expect(response.json().message).not.toContain('changeset');
  });

  it('keeps the changeset path on /v2', async () => {
    const response = await app.app.inject({
      method: 'PATCH',
      url: `/v2/user-tasks/${taskKey}`,
      payload: { changeset: { dueDate: 'tomorrow' } },
      headers: { authorization: basicAuth('head.vp') },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].path).toBe('/changeset/dueDate');
  });
});
