import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import { registerFavicon } from './routes/favicon-route.js';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerRequestValidator } from './plugins/request-validator.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerTextGuard } from './plugins/text-guard.js';
import { DatabaseSessionStore } from './plugins/session-store.js';
import { registerCsrfCheck } from './plugins/csrf-check.js';
import { registerReadOnlyAccess } from './plugins/read-only-access.js';
import { apiRoutes } from './routes/api-routes.js';
import { v2Routes } from './routes/v2/v2-routes.js';

const sessionLifetimeMs = 8 * 60 * 60 * 1000;

/** Registers the plugins and routes: sessions, CSRF, rate limits, OpenAPI, `/api`, `/v2` and the web app. */
export async function registerHttp(app: FastifyInstance): Promise<void> {
  const { config, db, sessionSecret } = app.services;
  registerErrorHandler(app);
  registerRequestValidator(app);
  registerSecurityHeaders(app);
  registerTextGuard(app);

  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: sessionSecret,
    cookieName: 'eiso_session',
    saveUninitialized: false,
    // A fixed lifetime from login: a rolling one writes the session on every request.
    rolling: false,
    store: new DatabaseSessionStore(db),
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.nodeEnv === 'production' ? 'auto' : false,
      maxAge: sessionLifetimeMs,
      path: '/',
    },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { fileSize: 5 * 1024 * 1024, files: 50 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'eiso API',
        description:
          "Electronic ISO 9001 quality management: /v2 follows the Camunda 8 REST API, /api is eiso's own.",
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          basic: { type: 'http', scheme: 'basic' },
          session: { type: 'apiKey', in: 'cookie', name: 'eiso_session' },
        },
      },
      security: [{ basic: [] }, { session: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  registerAuth(app);
  registerReadOnlyAccess(app);
  registerCsrfCheck(app);
  await app.register(apiRoutes, { prefix: '/api' });
  await app.register(v2Routes, { prefix: '/v2' });
  registerFavicon(app);
  await registerWebApp(app);
}

async function registerWebApp(app: FastifyInstance): Promise<void> {
  const { webDir } = app.services.config;
  if (!fs.existsSync(webDir)) {
    app.log.warn({ webDir }, 'web app not built; run npm run build');
    return;
  }
  await app.register(fastifyStatic, { root: webDir, prefix: '/', index: ['index.html'] });
}
