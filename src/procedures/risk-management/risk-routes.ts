import type { FastifyInstance, FastifyRequest } from 'fastify';
import { documentMediaTypes, renderDocument } from '../../documents/index.js';
import { EisoError } from '../../errors.js';
import { requirePrincipal } from '../../http/plugins/auth.js';
import { requestLanguage } from '../../http/request-language.js';
import type { Principal } from '../../identity/principal.js';
import { findRecord } from '../../registers/framework/record-store.js';
import type { RegisterDefinition } from '../../registers/framework/register-definition.js';
import { presentRecord } from '../../registers/framework/register-presenter.js';
import { permissionsOf } from '../../registers/framework/register-registry.js';
import { opportunitiesRegister } from './opportunity-register.js';
import { correctOpportunity, correctRisk, type CorrectionContext } from './record-corrections.js';
import { buildRiskExtract } from './risk-extract.js';
import { readHeatMap } from './risk-heat-map.js';
import { registerEditors, risksRegister } from './risk-register.js';

const departmentCode = { type: 'string', pattern: '^[A-Z0-9-]{1,30}$' } as const;

const extractQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: ['pdf', 'docx'], default: 'pdf' },
    department: departmentCode,
    lang: { type: 'string', enum: ['vi', 'en'] },
  },
} as const;

const heatMapQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { department: departmentCode, lang: { type: 'string', enum: ['vi', 'en'] } },
} as const;

const recordParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

// The correction commands validate the body against the register and the unit's matrix.
const correctionBody = { type: 'object' } as const;

type ExtractRequest = { Querystring: { format: 'pdf' | 'docx'; department?: string } };
type CorrectionRequest = { Params: { id: string }; Body: Record<string, unknown> };

function assertMayRead(principal: Principal, definition: RegisterDefinition): void {
  if (permissionsOf(principal, definition).read) return;
  throw new EisoError('EISO_ERR_FORBIDDEN', `You may not read register ${definition.name}.`);
}

function assertMayCorrect(principal: Principal, definition: RegisterDefinition): void {
  if (registerEditors.some((group) => principal.groups.includes(group))) return;
  throw new EisoError(
    'EISO_ERR_FORBIDDEN',
    `Only the groups ${registerEditors.join(', ')} may correct records of register ${definition.name}; department heads change their risks through the procedure's tasks.`,
  );
}

/** Registers the risk routes beyond the generic register ones: corrections, extract, heat map. */
export async function riskRoutes(app: FastifyInstance): Promise<void> {
  const { db, now } = app.services;

  const correctionContext = (request: FastifyRequest): CorrectionContext => ({
    principal: requirePrincipal(request),
    language: requestLanguage(request),
    now: now(),
  });

  app.get<ExtractRequest>(
    '/risks/extract',
    { schema: { querystring: extractQuery } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      assertMayRead(principal, risksRegister);
      const { format, department } = request.query;
      const data = await buildRiskExtract(db, principal.unitId, department ?? null, now());
      const document = await renderDocument('risk-register-extract', data, format);
      const suffix = department ? `-${department.toLowerCase()}` : '';
      return reply
        .type(documentMediaTypes[format])
        .header(
          'content-disposition',
          `attachment; filename="trich-so-dang-ky-rui-ro-${data.asOf}${suffix}.${format}"`,
        )
        .send(document);
    },
  );

  app.get<{ Querystring: { department?: string } }>(
    '/risks/heat-map',
    { schema: { querystring: heatMapQuery } },
    async (request) => {
      const principal = requirePrincipal(request);
      assertMayRead(principal, risksRegister);
      return readHeatMap(db, principal.unitId, request.query.department ?? null);
    },
  );

  app.patch<CorrectionRequest>(
    '/risks/:id',
    { schema: { params: recordParams, body: correctionBody } },
    async (request) => {
      const context = correctionContext(request);
      assertMayCorrect(context.principal, risksRegister);
      await db.transaction((trx) => correctRisk(trx, context, request.params.id, request.body));
      const record = await findRecord(
        db,
        risksRegister,
        context.principal.unitId,
        request.params.id,
      );
      return presentRecord(risksRegister, record!);
    },
  );

  app.patch<CorrectionRequest>(
    '/opportunities/:id',
    { schema: { params: recordParams, body: correctionBody } },
    async (request) => {
      const context = correctionContext(request);
      assertMayCorrect(context.principal, opportunitiesRegister);
      await db.transaction((trx) =>
        correctOpportunity(trx, context, request.params.id, request.body),
      );
      const record = await findRecord(
        db,
        opportunitiesRegister,
        context.principal.unitId,
        request.params.id,
      );
      return presentRecord(opportunitiesRegister, record!);
    },
  );
}
