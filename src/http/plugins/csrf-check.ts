import type { FastifyInstance } from 'fastify';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Checks the CSRF token of every state-changing request that a browser
 * session authenticates. API clients that send HTTP Basic credentials, and
 * the login itself, carry no session to ride on.
 */
export function registerCsrfCheck(app: FastifyInstance): void {
  app.addHook('preHandler', (request, reply, done) => {
    const isLogin = request.method === 'POST' && request.routeOptions.url === '/api/session';
    if (!unsafeMethods.has(request.method) || request.authMethod !== 'session' || isLogin)
      return done();
    app.csrfProtection(request, reply, done);
  });
}
