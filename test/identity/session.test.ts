import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import {
  createTestApp,
  createTestDatabase,
  demoPassword,
  testConfig,
  type TestApp,
} from '../helpers/test-app.js';

describe('session', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  it('logs in with a secure cookie and logs out', async () => {
    current = await createTestApp();

    const login = await current.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'secretary', password: demoPassword },
    });
    const cookie = login.cookies.find((entry) => entry.name === 'eiso_session');
    const headers = {
      cookie: `eiso_session=${cookie?.value}`,
      'x-csrf-token': login.json().csrfToken,
    };
    const me = await current.app.inject({ method: 'GET', url: '/api/session', headers });
    const logout = await current.app.inject({ method: 'DELETE', url: '/api/session', headers });
    const after = await current.app.inject({ method: 'GET', url: '/api/session', headers });

    expect(login.statusCode).toBe(200);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(me.json().user).toMatchObject({
      username: 'secretary',
      displayName: 'Nguyễn Thu Hà',
      groups: expect.arrayContaining([expect.objectContaining({ code: 'iso-secretary' })]),
    });
    expect(logout.statusCode).toBe(204);
    expect(after.statusCode).toBe(401);
  });

  it('rejects a wrong password with one message for every cause', async () => {
    current = await createTestApp();

    const wrong = await current.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'secretary', password: 'wrong' },
    });
    const unknown = await current.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'nobody', password: 'wrong' },
    });

    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
  });

  it('limits login attempts per address', async () => {
    current = await createTestApp({ config: { loginRateLimit: 3 } });
    const attempt = () =>
      current!.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'secretary', password: 'wrong' },
      });

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).statusCode);

    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await attempt()).json().code).toBe('EISO_ERR_RATE_LIMITED');
  });

  it('names the field of an invalid login body', async () => {
    current = await createTestApp();

    const response = await current.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'secretary' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([expect.objectContaining({ path: '/password' })]);
  });

  it('accepts HTTP Basic credentials of API clients', async () => {
    current = await createTestApp();
    const authorization = `Basic ${Buffer.from(`director:${demoPassword}`).toString('base64')}`;

    const ok = await current.app.inject({
      method: 'GET',
      url: '/api/tasks',
      headers: { authorization },
    });
    const bad = await current.app.inject({
      method: 'GET',
      url: '/api/tasks',
      headers: { authorization: `Basic ${Buffer.from('director:nope').toString('base64')}` },
    });

    expect(ok.statusCode).toBe(200);
    expect(bad.statusCode).toBe(401);
  });
});

describe('api clients', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  it('limits failed Basic logins per address', async () => {
    current = await createTestApp({ config: { loginRateLimit: 2 } });
    const wrong = `Basic ${Buffer.from('director:wrong').toString('base64')}`;
    const right = `Basic ${Buffer.from(`director:${demoPassword}`).toString('base64')}`;
    const get = (authorization: string) =>
      current!.app.inject({ method: 'GET', url: '/api/tasks', headers: { authorization } });

    const statuses = [(await get(wrong)).statusCode, (await get(wrong)).statusCode];
    const blocked = await get(right);

    expect(statuses).toEqual([401, 401]);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('EISO_ERR_RATE_LIMITED');
  });

  it('rejects an unknown query parameter by name', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');

    const response = await secretary.request('GET', '/api/tasks?list=mine&colour=red');

    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([expect.objectContaining({ path: '/colour' })]);
  });
});

describe('request hygiene', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  it('rejects NUL characters by path', async () => {
    current = await createTestApp();

    const response = await current.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'secre\u0000tary', password: 'x' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([expect.objectContaining({ path: '/username' })]);
  });

  it('counts only failed logins toward the limit', async () => {
    current = await createTestApp({ config: { loginRateLimit: 2 } });
    const loginAs = (password: string) =>
      current!.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'director', password },
      });

    const successes = [];
    for (let i = 0; i < 4; i++) successes.push((await loginAs(demoPassword)).statusCode);

    expect(successes).toEqual([200, 200, 200, 200]);
  });

  it('sends security headers', async () => {
    current = await createTestApp();

    const response = await current.app.inject({ method: 'GET', url: '/api/session' });

    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['content-security-policy']).toContain("img-src 'self' data: blob:");
  });
  it('serves the favicon without a session', async () => {
    current = await createTestApp();

    const response = await current.app.inject({ method: 'GET', url: '/favicon.ico' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml');
    expect(response.body).toContain('<svg');
  });
});

describe('production mode', () => {
  it('refuses to start while demo users exist', async () => {
    const database = await createTestDatabase();
    try {
      const attempt = buildApp({
        config: testConfig({ nodeEnv: 'production', sessionSecret: 'x'.repeat(40) }),
        db: database.db,
        startScheduler: false,
      });

      await expect(attempt).rejects.toThrow(/Demo users exist/);
    } finally {
      await database.drop();
    }
  });

  it('refuses to start without a session secret', async () => {
    const database = await createTestDatabase();
    try {
      const attempt = buildApp({
        config: testConfig({ nodeEnv: 'production', seedDemo: false, sessionSecret: undefined }),
        db: database.db,
        startScheduler: false,
      });

      await expect(attempt).rejects.toThrow(/SESSION_SECRET must be set/);
    } finally {
      await database.drop();
    }
  });
});
