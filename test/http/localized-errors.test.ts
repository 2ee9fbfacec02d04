import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  createTestApp,
  demoPassword,
  type TestApp,
  type TestSession,
} from '../helpers/test-app.js';

type Language = 'vi' | 'en';

// The web app sends `Accept-Language: vi` with every request, so each generic error below must
// come back in Vietnamese then, and in English for `en`, with its code and status unchanged.
describe('error messages in the request language', () => {
  let app: TestApp & { drop: () => Promise<void> };
  let secretary: TestSession;

  beforeAll(async () => {
    app = await createTestApp();
    secretary = await app.login('secretary');
  }, 120_000);

  afterAll(async () => {
    await app.drop();
  });

  function send(
    language: Language,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> {
    return secretary.request(method, url, payload, { 'accept-language': language });
  }

  it.each([
    ['vi', 'Không tìm thấy công việc 99999999', 'Không tìm thấy'],
    ['en', 'User task 99999999 was not found', 'Not found'],
  ] as const)('not-found task in %s', async (language, message, title) => {
    const response = await send(language, 'GET', '/api/tasks/99999999');

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('EISO_ERR_NOT_FOUND');
    expect(response.json().message).toContain(message);
    expect(response.json().title).toBe(title);
  });

  it.each([
    ['vi', 'Không có đường dẫn GET /api/no-such-route'],
    ['en', 'Route GET /api/no-such-route was not found'],
  ] as const)('unknown route in %s', async (language, message) => {
    const response = await send(language, 'GET', '/api/no-such-route');

    expect(response.statusCode).toBe(404);
    expect(response.json().message).toContain(message);
  });

  it.each([
    ['vi', 'Thiếu hoặc sai mã chống giả mạo (CSRF)', 'Mã chống giả mạo (CSRF) không hợp lệ'],
    ['en', 'Missing or invalid CSRF token', 'Invalid CSRF token'],
  ] as const)('missing CSRF token in %s', async (language, message, title) => {
    const session = await app.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'secretary', password: demoPassword },
    });
    const cookie = session.cookies.map((entry) => `${entry.name}=${entry.value}`).join('; ');

    const response = await app.app.inject({
      method: 'POST',
      url: '/api/task-filters',
      payload: { name: 'Mine' },
      headers: { cookie, 'accept-language': language },
    });

    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('EISO_ERR_CSRF');
    expect(response.json().message).toContain(message);
    expect(response.json().title).toBe(title);
  });

  it.each([
    ['vi', 'Nội dung yêu cầu vượt quá giới hạn 1048576 byte'],
    ['en', 'The request body is larger than the limit of 1048576 bytes'],
  ] as const)('body over the limit in %s', async (language, message) => {
    const response = await send(language, 'POST', '/api/task-filters', {
      name: 'x'.repeat(2 * 1024 * 1024),
    });

    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('EISO_ERR_PAYLOAD_TOO_LARGE');
    expect(response.json().message).toContain(message);
  });

  it.each([
    ['vi', '{"name":', 'Nội dung yêu cầu không phải JSON hợp lệ'],
    ['en', '{"name":', 'The request body is not valid JSON'],
    ['vi', '', 'Nội dung yêu cầu trống'],
    ['en', '', 'The request body is empty'],
  ] as const)('malformed JSON in %s: %j', async (language, body, message) => {
    const response = await secretary.request('POST', '/api/task-filters', body, {
      'accept-language': language,
      'content-type': 'application/json',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('EISO_ERR_VALIDATION');
    expect(response.json().message).toContain(message);
  });

  it.each([
    ['vi', 'Văn bản trong yêu cầu không hợp lệ: Trường /name chứa ký tự NUL'],
    ['en', 'Invalid text in the request: /name contains a NUL character'],
  ] as const)('NUL character in %s', async (language, message) => {
    const response = await send(language, 'POST', '/api/task-filters', { name: 'a\u0000b' });

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(message);
    expect(response.json().details[0].path).toBe('/name');
  });

  it.each([
    ['vi', 'Yêu cầu không hợp lệ'],
    ['en', 'Invalid request'],
  ] as const)('validation title in %s', async (language, title) => {
    const response = await send(language, 'POST', '/api/task-filters', {});

    expect(response.statusCode).toBe(400);
    expect(response.json().title).toBe(title);
  });

  it.each([
    ['vi', '/name không được để trống hoặc chỉ có khoảng trắng.'],
    ['en', '/name must contain a character other than white space.'],
  ] as const)('blank filter name in %s', async (language, message) => {
    const response = await send(language, 'POST', '/api/task-filters', { name: '   ' });

    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].message).toContain(message);
    expect(response.json().message).not.toContain('\\S');
  });

  it.each([
    ['vi', 'phải là ngày dạng YYYY-MM-DD hoặc thời điểm ISO 8601'],
    ['en', 'must be a date as YYYY-MM-DD or an ISO 8601 date-time'],
  ] as const)('criteria date in %s', async (language, message) => {
    const response = await send(language, 'POST', '/api/task-filters', {
      name: 'Due soon',
      criteria: { dueFrom: 'hello' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].path).toBe('/criteria/dueFrom');
    expect(response.json().details[0].message).toContain(message);
    expect(response.json().message).not.toContain('\\d');
  });

  it.each([
    [
      'vi',
      'Chỉ thành viên của Thư ký ISO được khởi động quy trình "Xây dựng và phổ biến mục tiêu chất lượng"',
    ],
    ['en', 'Only members of ISO secretary may start procedure "Quality objectives"'],
  ] as const)('procedure start by a non-starter in %s', async (language, message) => {
    const staff = await app.login('staff.vp');

    const response = await staff.request(
      'POST',
      '/api/procedures/quality-objectives/instances',
      { year: 2031 },
      { 'accept-language': language },
    );

    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('EISO_ERR_FORBIDDEN');
    expect(response.json().message).toContain(message);
  });

  it.each([
    [
      'vi',
      2032,
      'Quy trình "Xây dựng và phổ biến mục tiêu chất lượng" đã được khởi động cho quality-objectives-2032',
    ],
    ['en', 2033, 'Procedure "Quality objectives" was already started for quality-objectives-2033'],
  ] as const)('second procedure start in %s', async (language, year, message) => {
    const first = await send(language, 'POST', '/api/procedures/quality-objectives/instances', {
      year,
    });
    expect(first.statusCode).toBe(201);

    const second = await send(language, 'POST', '/api/procedures/quality-objectives/instances', {
      year,
    });

    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('EISO_ERR_CONFLICT');
    expect(second.json().message).toContain(message);
  });
});
