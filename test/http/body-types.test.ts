import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';

// JSON carries its own types, so a body value of the wrong type is the client's mistake. Query
// strings and path parameters are text by nature and keep their conversion to numbers.
describe('request value types', () => {
  let app: TestApp & { drop: () => Promise<void> };
  let secretary: TestSession;

  beforeAll(async () => {
    app = await createTestApp();
    secretary = await app.login('secretary');
  }, 120_000);

  afterAll(async () => {
    await app.drop();
  });

  it.each([
    ['/api/tasks/99999999/comments', { body: 123 }, '/body'],
    ['/api/tasks/99999999/assignment', { assignee: 123 }, '/assignee'],
    ['/api/procedures/quality-objectives/instances', { year: '2027' }, '/year'],
  ])('rejects a wrong JSON type at %s', async (url, body, path) => {
    const response = await secretary.request('POST', url, body, { 'accept-language': 'en' });

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('EISO_ERR_VALIDATION');
    expect(response.json().details[0].path).toBe(path);
  });

  it.each([
    ['vi', '/body phải là chuỗi ký tự.'],
    ['en', '/body must be string.'],
  ] as const)('names the expected type in %s', async (language, message) => {
    const response = await secretary.request(
      'POST',
      '/api/tasks/99999999/comments',
      { body: 123 },
      { 'accept-language': language },
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].message).toBe(message);
  });

  it('converts numbers in query strings', async () => {
    const response = await secretary.request('GET', '/api/tasks?page=1&pageSize=5');

    expect(response.statusCode).toBe(200);
  });
});
