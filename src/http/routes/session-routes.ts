import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EisoError } from '../../errors.js';
import { authenticate } from '../../identity/users.js';
import type { Principal } from '../../identity/principal.js';
import { isReadOnlyPrincipal } from '../../history/instance-access.js';
import { appendUnitHistory } from '../../history/unit-history.js';
import { requirePrincipal } from '../plugins/auth.js';

const loginBody = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 100 },
    password: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

/** Login, logout and the current user. */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.services;

  app.get('/session', async (request, reply) => {
    const principal = requirePrincipal(request);
    return { user: await presentUser(app, principal), csrfToken: await reply.generateCsrf() };
  });

  app.post<{ Body: { username: string; password: string } }>(
    '/session',
    {
      schema: { body: loginBody },
      config: {
        // Failed logins are limited per address below; this bounds all login
        // requests, successful ones included, far more loosely.
        rateLimit: {
          max: config.loginRateLimit * 20,
          timeWindow: '1 minute',
          errorResponseBuilder: rateLimited,
        },
      },
    },
    async (request, reply) => {
      app.loginFailures.assertAllowed(request.ip);
      const principal = await authenticate(db, request.body.username, request.body.password);
      if (!principal) {
        app.loginFailures.record(request.ip);
        request.log.info({ username: request.body.username }, 'login failed');
        await recordFailedLogin(app, request.body.username, request.ip);
        throw new EisoError('EISO_ERR_AUTH_FAILED', 'Invalid username or password.');
      }
      await request.session.regenerate();
      request.session.userId = principal.userId;
      await appendUnitHistory(
        db,
        principal.unitId,
        { type: 'USER_LOGGED_IN', actor: principal.username, data: { ip: request.ip } },
        app.services.now(),
      );
      return { user: await presentUser(app, principal), csrfToken: await reply.generateCsrf() };
    },
  );

  app.delete('/session', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.session.userId) await request.session.destroy();
    return reply.status(204).send();
  });

  app.get('/departments', async (request) => {
    const principal = requirePrincipal(request);
    const rows = await db('units')
      .where({ agency_id: principal.unitId, kind: 'department' })
      .orderBy('sort_order')
      .select('code', 'name', 'name_en');
    return { items: rows.map((row) => ({ code: row.code, name: row.name, nameEn: row.name_en })) };
  });
}

// A failed login of a known user goes into that user's unit history; an unknown name has no
// unit to go to and only reaches the log.
async function recordFailedLogin(app: FastifyInstance, username: string, ip: string) {
  const { db } = app.services;
  const user = await db('users').where({ username }).first('unit_id');
  if (!user) return;
  await appendUnitHistory(
    db,
    String(user.unit_id),
    { type: 'USER_LOGIN_FAILED', actor: null, data: { username, ip } },
    app.services.now(),
  );
}

function rateLimited(_request: FastifyRequest, context: { after: string }) {
  return new EisoError(
    'EISO_ERR_RATE_LIMITED',
    `Too many login attempts; wait ${context.after} and try again.`,
  );
}

async function presentUser(app: FastifyInstance, principal: Principal) {
  const { db } = app.services;
  const unit = await db('units')
    .where({ id: principal.unitId })
    .first('id', 'code', 'name', 'name_en');
  const department = principal.departmentId
    ? await db('units').where({ id: principal.departmentId }).first('code', 'name', 'name_en')
    : null;
  const groups = await db('groups')
    .where({ unit_id: principal.unitId })
    .whereIn('code', principal.groups)
    .select('code', 'name', 'name_en');
  return {
    username: principal.username,
    displayName: principal.displayName,
    title: principal.title,
    unit: { id: String(unit.id), code: unit.code, name: unit.name, nameEn: unit.name_en },
    department: department
      ? { code: department.code, name: department.name, nameEn: department.name_en }
      : null,
    groups: groups.map((group) => ({ code: group.code, name: group.name, nameEn: group.name_en })),
    // The web app hides the buttons of changes that the read-only plugin would refuse.
    readOnly: isReadOnlyPrincipal(principal),
  };
}
