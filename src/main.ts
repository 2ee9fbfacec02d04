import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { ShutdownCoordinator } from './shutdown.js';

const config = loadConfig();
// Installed before the database opens, so that a signal during the first start, while PGlite
// creates its folder and the migrations run, waits for a consistent point instead of killing it.
const shutdown = new ShutdownCoordinator(createLogger(config.logLevel));
shutdown.install();

function printDemoPassword(app: FastifyInstance): void {
  const password = app.services.generatedDemoPassword;
  if (!password) return;
  // Shown once, on the start that created the demo agency; it is not logged.
  process.stdout.write(
    `\neiso: demo agency created. Log in as 'secretary', 'director', 'head.vp', ... with the password: ${password}\n` +
      'Set EISO_DEMO_PASSWORD to choose it yourself on a new database.\n\n',
  );
}

try {
  const app = await buildApp({ config });
  printDemoPassword(app);
  shutdown.attach(app);
  if (!shutdown.stopRequested) await app.listen({ port: config.port, host: config.host });
} catch (error) {
  shutdown.fail(error);
}
