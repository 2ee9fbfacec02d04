import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';

// Each request below passes the route schema but contains a value that PostgreSQL rejects, so the
// expected response is a 400 with the validation code instead of a 500.
describe('values outside database types', () => {
  let app: TestApp & { drop: () => Promise<void> };
  let secretary: TestSession;
  let director: TestSession;

  beforeAll(async () => {
    app = await createTestApp();
    secretary = await app.login('secretary');
    director = await app.login('director');
  }, 120_000);

  afterAll(async () => {
    await app.drop();
  });

  it.each([
    ['POST', '/api/process-instances/search', { version: 2147483648 }],
    ['POST', '/v2/process-instances/search', { filter: { processDefinitionVersion: 2147483648 } }],
    [
      'POST',
      '/v2/process-instances/search',
      { filter: { startDate: { $gt: '0000-01-01T00:00:00Z' } } },
    ],
    ['POST', '/v2/user-tasks/search', { filter: { priority: 2147483648 } }],
    ['POST', '/v2/user-tasks/search', { filter: { priority: { $gt: 99999999999 } } }],
    ['POST', '/api/procedures/%00/instances', {}],
  ])('rejects %s %s %j', async (method, url, body) => {
    const response = await secretary.request(method as 'POST', url, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('EISO_ERR_VALIDATION');
  });

  it.each([
    ['POST', '/api/groups/%00/members', { username: 'staff.vp' }],
    ['DELETE', '/api/groups/internal-auditor/members/%00', undefined],
  ])('rejects NUL path %s %s', async (method, url, body) => {
    const response = await director.request(method as 'POST', url, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('EISO_ERR_VALIDATION');
  });
});
