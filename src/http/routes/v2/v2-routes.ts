import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { EisoError } from '../../../errors.js';
import { deploymentRoutes } from './deployment-routes.js';
import { historyRoutes } from './history-routes.js';
import { processDefinitionRoutes } from './process-definition-routes.js';
import { processInstanceRoutes } from './process-instance-routes.js';
import { userTaskRoutes } from './user-task-routes.js';

// Fastify's default validator drops unknown properties and coerces types;
// Camunda's API rejects both, and a filter dropped in silence would widen a
// search, so `/v2` validates strictly.
function createValidator(): Ajv {
  const ajv = new Ajv({
    allErrors: false,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: false,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  ajvFormats.default(ajv, { formats: ['date-time'] });
  return ajv;
}

// Credentials are checked before the body, so a caller without any learns
// that first; the global hook resolves the principal later.
async function requireCredentials(request: FastifyRequest): Promise<void> {
  if (request.headers.authorization?.startsWith('Basic ') || request.session?.userId) return;
  throw new EisoError(
    'EISO_ERR_AUTH_REQUIRED',
    'Send HTTP Basic credentials (or log in): the /v2 API needs them.',
  );
}

/** Registers the process API in the shape of Camunda 8's REST API v2. */
export async function v2Routes(app: FastifyInstance): Promise<void> {
  const ajv = createValidator();
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  app.addHook('preValidation', requireCredentials);
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode === 401) {
      void reply.header('www-authenticate', 'Basic realm="eiso", charset="UTF-8"');
    }
    return payload;
  });

  await app.register(deploymentRoutes);
  await app.register(processDefinitionRoutes);
  await app.register(processInstanceRoutes);
  await app.register(userTaskRoutes);
  await app.register(historyRoutes);
}
