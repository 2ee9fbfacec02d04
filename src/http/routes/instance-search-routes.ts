import type { FastifyInstance } from 'fastify';
import { principalForUnit, readableUnits } from '../../history/instance-access.js';
import {
  searchInstances,
  searchStates,
  type InstanceSearchFilters,
  type SearchState,
  type VariableFilter,
} from '../../history/instance-search.js';
import {
  instancesOfRecord,
  recordRegisters,
  type RecordRegister,
} from '../../history/instance-search-records.js';
import { createRegisterCatalog } from '../../registers/register-catalog.js';
import { requirePrincipal } from '../plugins/auth.js';
import { presentInstance } from '../../history/instance-view.js';
import { checkSearch, searchFieldLabels } from '../../history/instance-search-checks.js';
import { negotiateLocale } from '../../locale.js';

const datePattern = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

const searchBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    unitId: { type: 'string', pattern: '^[0-9]{1,18}$' },
    bpmnProcessId: { type: 'string', minLength: 1, maxLength: 200 },
    version: { type: 'integer', minimum: 1 },
    businessKey: { type: 'string', minLength: 1, maxLength: 200 },
    states: {
      type: 'array',
      maxItems: searchStates.length,
      uniqueItems: true,
      items: { type: 'string', enum: [...searchStates] },
    },
    startedFrom: { type: 'string', pattern: datePattern },
    startedTo: { type: 'string', pattern: datePattern },
    endedFrom: { type: 'string', pattern: datePattern },
    endedTo: { type: 'string', pattern: datePattern },
    participant: { type: 'string', minLength: 1, maxLength: 100 },
    variable: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '^[A-Za-z_$][A-Za-z0-9_$]{0,99}$' },
        // Any JSON value here: a type list would let the schema coerce false to 'false'.
        equals: {},
        contains: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
    order: { type: 'string', enum: ['desc', 'asc'], default: 'desc' },
  },
} as const;

interface SearchBody extends InstanceSearchFilters {
  unitId?: string;
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
  states?: SearchState[];
  variable?: VariableFilter;
}

const recordParams = {
  type: 'object',
  required: ['name', 'id'],
  properties: {
    name: { type: 'string', enum: [...recordRegisters] },
    id: { type: 'string', pattern: '^[0-9]{1,18}$' },
  },
} as const;

/** Registers the instance search, the units a user may read, and the instances of a register record. */
export async function instanceSearchRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.services;
  const registers = createRegisterCatalog();

  app.get('/readable-units', async (request) => {
    return { items: await readableUnits(db, requirePrincipal(request)) };
  });

  app.post<{ Body: SearchBody }>(
    '/process-instances/search',
    {
      schema: { body: searchBody },
      config: { changesNothing: true, fieldLabels: searchFieldLabels },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const locale = negotiateLocale(request.headers['accept-language']);
      checkSearch(request.body, locale);
      const { unitId = principal.unitId, page, pageSize, ...filters } = request.body;
      await principalForUnit(db, principal, unitId, locale);

      const result = await searchInstances(db, { ...filters, unitId, page, pageSize });
      return {
        unitId,
        items: result.rows.map(presentInstance),
        total: result.total,
        counts: result.counts,
        page,
        pageSize,
      };
    },
  );

  app.get<{ Params: { name: RecordRegister; id: string } }>(
    '/registers/:name/:id/process-instances',
    { schema: { params: recordParams } },
    async (request) => {
      const principal = requirePrincipal(request);
      registers.get(principal, request.params.name);
      const rows = await instancesOfRecord(
        db,
        principal.unitId,
        request.params.name,
        request.params.id,
      );
      return {
        items: rows.map((row) => ({ ...presentInstance(row), links: row.links })),
      };
    },
  );
}
