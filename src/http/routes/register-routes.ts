import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EisoError } from '../../errors.js';
import { parseListQuery } from '../../registers/framework/list-query.js';
import {
  createRegisterRecord,
  updateRegisterRecord,
  type WriteContext,
} from '../../registers/framework/record-commands.js';
import type { RegisterDefinition } from '../../registers/framework/register-definition.js';
import {
  buildRegisterWorkbook,
  exportFileName,
} from '../../registers/framework/register-export.js';
import {
  presentDefinition,
  presentList,
  presentRecord,
} from '../../registers/framework/register-presenter.js';
import {
  readRegisterExport,
  readRegisterPage,
  readRegisterRecord,
} from '../../registers/framework/register-queries.js';
import { assertMayWrite } from '../../registers/framework/register-registry.js';
import { createRegisterCatalog } from '../../registers/register-catalog.js';
import { requirePrincipal } from '../plugins/auth.js';
import { requestLanguage } from '../request-language.js';

const registerName = { type: 'string', pattern: '^[a-z0-9-]{1,60}$' } as const;

const nameParams = {
  type: 'object',
  required: ['name'],
  properties: { name: registerName },
} as const;

const recordParams = {
  type: 'object',
  required: ['name', 'id'],
  properties: { name: registerName, id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

// Each register has its own filters and record schema, so these schemas only fix the shape and
// the commands validate against the register's definition.
const registerQuery = { type: 'object' } as const;
const recordBody = { type: 'object' } as const;

type NameRequest = { Params: { name: string }; Querystring: Record<string, unknown> };
type RecordRequest = { Params: { name: string; id: string }; Body: Record<string, unknown> };

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Credentials are checked before the body and query, so a caller without a session learns that
// first (401) instead of a validation error.
async function requireCredentials(request: FastifyRequest): Promise<void> {
  if (request.headers.authorization?.startsWith('Basic ') || request.session?.userId) return;
  throw new EisoError('EISO_ERR_AUTH_REQUIRED', 'Log in first: the registers need a session.');
}

/** Registers the routes of the ISO 9001 registers: definitions, lists, records, writes, Excel. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  const { db, now } = app.services;
  const registry = createRegisterCatalog();
  app.addHook('preValidation', requireCredentials);

  const writeContext = (request: FastifyRequest, definition: RegisterDefinition): WriteContext => ({
    definition,
    principal: requirePrincipal(request),
    language: requestLanguage(request),
    now: now(),
  });

  app.get('/registers', async (request) => {
    const principal = requirePrincipal(request);
    const definitions = registry.visibleTo(principal);
    return { items: definitions.map((definition) => presentDefinition(definition, principal)) };
  });

  app.get<NameRequest>(
    '/registers/:name',
    { schema: { params: nameParams, querystring: registerQuery } },
    async (request) => {
      const principal = requirePrincipal(request);
      const definition = registry.get(principal, request.params.name);
      const query = parseListQuery(definition, request.query, requestLanguage(request));
      const page = await readRegisterPage(db, definition, principal.unitId, query);
      return presentList(definition, page, query);
    },
  );

  app.get<NameRequest>(
    '/registers/:name/export.xlsx',
    { schema: { params: nameParams, querystring: registerQuery } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const definition = registry.get(principal, request.params.name);
      const language = requestLanguage(request);
      const query = parseListQuery(definition, request.query, language);
      const exportedAt = now();
      const data = await db.transaction((trx) =>
        readRegisterExport(trx, definition, principal.unitId, query, language, exportedAt),
      );
      const file = await buildRegisterWorkbook(definition, data);
      return reply
        .type(xlsxType)
        .header(
          'content-disposition',
          `attachment; filename="${exportFileName(definition, exportedAt)}"`,
        )
        .send(file);
    },
  );

  app.get<RecordRequest>(
    '/registers/:name/:id',
    { schema: { params: recordParams } },
    async (request) => {
      const principal = requirePrincipal(request);
      const definition = registry.get(principal, request.params.name);
      const record = await readRegisterRecord(db, definition, principal.unitId, request.params.id);
      return presentRecord(definition, record);
    },
  );

  app.post<RecordRequest>(
    '/registers/:name',
    { schema: { params: nameParams, body: recordBody } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const definition = registry.get(principal, request.params.name);
      assertMayWrite(principal, definition);
      const context = writeContext(request, definition);
      const record = await db.transaction((trx) =>
        createRegisterRecord(trx, context, request.body),
      );
      return reply.status(201).send(presentRecord(definition, record));
    },
  );

  app.patch<RecordRequest>(
    '/registers/:name/:id',
    { schema: { params: recordParams, body: recordBody } },
    async (request) => {
      const principal = requirePrincipal(request);
      const definition = registry.get(principal, request.params.name);
      assertMayWrite(principal, definition);
      const context = writeContext(request, definition);
      const record = await db.transaction((trx) =>
        updateRegisterRecord(trx, context, request.params.id, request.body),
      );
      return presentRecord(definition, record);
    },
  );
}
