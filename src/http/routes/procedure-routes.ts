import type { FastifyInstance } from 'fastify';
import { nextStarts } from '../../jobs/start-timers.js';
import { procedureModule } from '../../procedures/index.js';
import { nextBusinessKey, startVariables, vietnamYear } from '../../procedures/procedure-start.js';
import { isReadOnlyPrincipal } from '../../history/instance-access.js';
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
    const starts = await nextStarts(db, principal.unitId);
    const readOnly = isReadOnlyPrincipal(principal);
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
        canStart: !readOnly && mayStart(principal, row.bpmn_process_id),
        nextTimerStart: starts.get(row.bpmn_process_id)?.dueAt ?? null,
        // A procedure that runs once a year asks for the year it covers.
        perYear: (procedureModule(row.bpmn_process_id)?.businessKey.kind ?? 'year') === 'year',
      })),
    };
  });

  app.post<{ Params: { bpmnProcessId: string }; Body: { year?: number; businessKey?: string } }>(
    '/procedures/:bpmnProcessId/instances',
    { schema: { body: startBody } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { bpmnProcessId } = request.params;
      await assertMayStart(db, principal, bpmnProcessId);
      const now = app.services.now();
      const year = request.body.year ?? vietnamYear(now);
      const variables = await startVariables(db, principal.unitId, {
        year,
        initiator: principal.username,
      });
      const businessKey =
        request.body.businessKey ??
        (await nextBusinessKey(db, principal.unitId, bpmnProcessId, { year, date: now }));
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
