import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../identity/principal.js';
import { requirePrincipal } from '../plugins/auth.js';
import { assertMayStart, mayStart } from '../../runtime/starters.js';

const startBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    year: { type: 'integer', minimum: 2000, maximum: 2100 },
    businessKey: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

/** The deployed procedures a user may start, and starting one. */
export async function procedureRoutes(app: FastifyInstance): Promise<void> {
  const { db, runtime } = app.services;

  app.get('/procedures', async (request) => {
    const principal = requirePrincipal(request);
    const rows = await db('process_definitions as d')
      .where('d.unit_id', principal.unitId)
      .whereRaw(
        'd.version = (select max(version) from process_definitions x where x.unit_id = d.unit_id and x.bpmn_process_id = d.bpmn_process_id)',
      )
      .orderBy('d.bpmn_process_id')
      .select('d.key', 'd.bpmn_process_id', 'd.name', 'd.version');
    return {
      items: rows.map((row) => ({
        processDefinitionKey: String(row.key),
        bpmnProcessId: row.bpmn_process_id,
        name: row.name,
        version: Number(row.version),
        canStart: mayStart(principal, row.bpmn_process_id),
      })),
    };
  });

  app.post<{ Params: { bpmnProcessId: string }; Body: { year?: number; businessKey?: string } }>(
    '/procedures/:bpmnProcessId/instances',
    { schema: { body: startBody } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { bpmnProcessId } = request.params;
      assertMayStart(principal, bpmnProcessId);
      const year = request.body.year ?? app.services.now().getFullYear();
      const variables = {
        ...(await unitVariables(app, principal)),
        year,
        initiator: principal.username,
      };
      const businessKey = request.body.businessKey ?? `${bpmnProcessId}-${year}`;
      const instance = await runtime.startInstance({
        unitId: principal.unitId,
        bpmnProcessId,
        variables,
        businessKey,
        actor: principal.username,
      });
      return reply
        .status(201)
        .send({ processInstanceKey: instance.key, businessKey: instance.businessKey });
    },
  );
}

/** Variables every procedure of a unit starts with: its departments, as codes and as form options. */
export async function unitVariables(app: FastifyInstance, principal: Principal) {
  const departments = await app.services
    .db('units')
    .where({ agency_id: principal.unitId, kind: 'department' })
    .orderBy('sort_order')
    .select('code', 'name');
  return {
    departments: departments.map((row) => row.code as string),
    departmentOptions: departments.map((row) => ({
      value: row.code as string,
      label: row.name as string,
    })),
  };
}
