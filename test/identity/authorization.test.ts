import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency, demoAgency } from '../../src/seed/demo-agency.js';
import { readBundledResources } from '../../src/app.js';
import { deployResources } from '../../src/runtime/deployer.js';
import {
  createTestApp,
  demoPassword,
  type TestApp,
  type TestSession,
} from '../helpers/test-app.js';
import {
  draftedObjectives,
  findTask,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';

describe('task authorization', () => {
  let current: TestApp & { drop: () => Promise<void> };
  let secretary: TestSession;
  let draftKey: string;
  let reviewKey: string;

  beforeAll(async () => {
    current = await createTestApp();
    const other = {
      ...demoAgency,
      code: 'SXD',
      name: 'Sở Xây dựng tỉnh An Bình',
      departments: demoAgency.departments.slice(0, 1),
    };
    const prefix = (user: { username: string; displayName: string; title: string }) => ({
      ...user,
      username: `xd.${user.username}`,
    });
    const seeded = await seedAgency(
      current.db,
      {
        ...other,
        director: prefix(other.director),
        deputy: prefix(other.deputy),
        secretary: { ...prefix(other.secretary), departmentCode: 'VP' },
        departments: other.departments.map((dept) => ({
          ...dept,
          head: prefix(dept.head),
          staff: prefix(dept.staff),
        })),
      },
      demoPassword,
    );
    await deployResources(
      current.db,
      current.app.services.logger,
      seeded.unitId,
      readBundledResources(current.app.services.config),
      'system',
    );

    secretary = await current.login('secretary');
    await startQualityObjectives(secretary);
    draftKey = (await findTask(secretary, 'Task_DraftObjectives')).key;
    await secretary.request('POST', `/api/tasks/${draftKey}/complete`, {
      variables: { objectives: draftedObjectives },
    });
    reviewKey = (await findTask(await current.login('director'), 'Task_ReviewObjectives')).key;
  });

  afterAll(async () => {
    await current.drop();
  });

  it.each(['staff.ttra', 'head.qlkh', 'xd.director', 'xd.secretary'])(
    'hides the review task from %s',
    async (username) => {
      const session = await current.login(username);

      const list = await session.request('GET', '/api/tasks?list=all');
      const detail = await session.request('GET', `/api/tasks/${reviewKey}`);
      const claim = await session.request('POST', `/api/tasks/${reviewKey}/claim`);
      const complete = await session.request('POST', `/api/tasks/${reviewKey}/complete`, {
        variables: { decision: 'approve' },
      });

      expect(list.json().items.map((task: { key: string }) => task.key)).not.toContain(reviewKey);
      expect(detail.statusCode).toBe(404);
      expect(claim.statusCode).toBe(404);
      expect(complete.statusCode).toBe(404);
    },
  );

  it("hides another unit's instance", async () => {
    const session = await current.login('xd.secretary');
    const instances = await session.request('GET', '/api/process-instances');

    expect(instances.json().items).toEqual([]);
  });

  it('answers 401 without a session', async () => {
    const responses = await Promise.all([
      current.app.inject({ method: 'GET', url: '/api/tasks' }),
      current.app.inject({ method: 'GET', url: `/api/tasks/${reviewKey}` }),
      current.app.inject({
        method: 'POST',
        url: `/api/tasks/${reviewKey}/complete`,
        payload: { variables: {} },
      }),
      current.app.inject({ method: 'GET', url: '/api/objectives' }),
      current.app.inject({ method: 'GET', url: '/api/session' }),
    ]);

    expect(responses.map((response) => response.statusCode)).toEqual([401, 401, 401, 401, 401]);
  });

  it('rejects a change without the CSRF token', async () => {
    const login = await current.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'director', password: demoPassword },
    });
    const cookie = login.cookies.map((entry) => `${entry.name}=${entry.value}`).join('; ');

    const response = await current.app.inject({
      method: 'POST',
      url: `/api/tasks/${reviewKey}/claim`,
      headers: { cookie },
    });

    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('EISO_ERR_CSRF');
  });
});
