import type { FastifyInstance } from 'fastify';

// The web app loads its own scripts, styles and fonts only; form-js and
// bpmn-js set inline styles and use data: images. Text that users write
// cannot pull images or frames from other hosts.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Adds the security headers to every response; the OpenAPI page keeps its own policy. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    if (!request.url.startsWith('/docs'))
      reply.header('content-security-policy', contentSecurityPolicy);
  });
}
