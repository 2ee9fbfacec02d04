import { buildApp } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const app = await buildApp({ config });

const password = app.services.generatedDemoPassword;
if (password) {
  // Shown once, on the start that created the demo agency; it is not logged.
  process.stdout.write(
    `\neiso: demo agency created. Log in as 'secretary', 'director', 'head.vp', ... with the password: ${password}\n` +
      'Set EISO_DEMO_PASSWORD to choose it yourself on a new database.\n\n',
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}

await app.listen({ port: config.port, host: config.host });
