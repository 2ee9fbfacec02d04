import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EisoError } from '../../errors.js';
import type { Principal } from '../../identity/principal.js';
import { authenticate, loadPrincipal } from '../../identity/users.js';
import { FailureCounter } from './failure-counter.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Failed logins per client address, shared by the login form and HTTP Basic. */
    loginFailures: FailureCounter;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Authentication method of the principal: the browser's session or an API client's HTTP Basic credentials. */
    authMethod: 'session' | 'basic' | null;
  }
}

declare module '@fastify/session' {
  interface FastifySessionObject {
    userId?: string;
  }
}

// Verified Basic credentials, by a hash of the header, for a short time:
// argon2 is deliberately slow and an API client sends the header with every
// request.
const basicCacheTtlMs = 60_000;
const basicCacheSize = 1_000;

/** Resolves the principal of every request from its session or its Basic credentials. */
export function registerAuth(app: FastifyInstance): void {
  const { db } = app.services;
  const basicCache = new Map<string, { userId: string; expiresAt: number }>();
  const failures = new FailureCounter(app.services.config.loginRateLimit, 60_000);
  app.decorate('loginFailures', failures);
  const principals = new PrincipalCache((id) => loadPrincipal(db, { id }));

  app.decorateRequest('principal', null);
  app.decorateRequest('authMethod', null);

  // Before validation, so that a refusal for who the user is comes before a complaint about the body.
  app.addHook('preValidation', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Basic ')) {
      failures.assertAllowed(request.ip);
      request.principal = await basicPrincipal(
        header,
        basicCache,
        (username, password) => authenticate(db, username, password),
        (id) => loadPrincipal(db, { id }),
      );
      if (!request.principal) {
        failures.record(request.ip);
        throw new EisoError(
          'EISO_ERR_AUTH_FAILED',
          'Invalid username or password in the Basic credentials.',
        );
      }
      request.authMethod = 'basic';
      return;
    }
    const userId = request.session?.userId;
    if (!userId) return;
    request.principal = await principals.load(userId);
    request.authMethod = request.principal ? 'session' : null;
  });
}

async function basicPrincipal(
  header: string,
  cache: Map<string, { userId: string; expiresAt: number }>,
  verify: (username: string, password: string) => Promise<Principal | null>,
  load: (id: string) => Promise<Principal | null>,
): Promise<Principal | null> {
  const cacheKey = createHash('sha256').update(header).digest('hex');
  const cached = cache.get(cacheKey);
  if (cached && cached.expiresAt > Date.now()) return load(cached.userId);

  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 1) return null;
  const principal = await verify(decoded.slice(0, separator), decoded.slice(separator + 1));
  if (!principal) return null;

  if (cache.size >= basicCacheSize) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey, { userId: principal.userId, expiresAt: Date.now() + basicCacheTtlMs });
  return principal;
}

/** Returns the request's principal or throws 401. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new EisoError(
      'EISO_ERR_AUTH_REQUIRED',
      'Log in first: this resource needs a session or HTTP Basic credentials.',
    );
  }
  return request.principal;
}

// A user's groups change rarely and each request needs them, so a principal
// is read at most once every few seconds. A disabled user or a changed
// membership takes effect within that time.
const principalTtlMs = 5_000;

class PrincipalCache {
  private readonly entries = new Map<string, { principal: Principal | null; expiresAt: number }>();

  constructor(private readonly read: (id: string) => Promise<Principal | null>) {}

  async load(id: string): Promise<Principal | null> {
    const cached = this.entries.get(id);
    if (cached && cached.expiresAt > Date.now()) return cached.principal;

    const principal = await this.read(id);
    if (this.entries.size >= 10_000) this.entries.clear();
    this.entries.set(id, { principal, expiresAt: Date.now() + principalTtlMs });
    return principal;
  }
}
