import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { projectRoot } from '../../config.js';

/** The eiso icon, which the web app's index.html also links. */
const faviconPath = path.join(projectRoot, 'src', 'web', 'favicon.svg');

/**
 * Serves the icon at `/favicon.ico`, which browsers request on every page whatever the page
 * links. Browsers read the SVG by its content type, whatever the file extension.
 */
export function registerFavicon(app: FastifyInstance): void {
  const icon = readFileSync(faviconPath);
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(icon),
  );
}
