import type { FastifyInstance } from 'fastify';
import { EisoError } from '../../errors.js';
import { readHistory, type HistoryEvent } from '../../history/history-log.js';
import { loadReadableInstance } from '../../history/instance-access.js';
import { toUserTask, userTaskColumns } from '../../tasks/task-model.js';
import { requirePrincipal } from '../plugins/auth.js';
import { presentTask } from './task-routes.js';
import { withPeopleNames } from '../../tasks/task-people.js';

const keyParams = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

const pageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
  },
} as const;

/** Element ids that were completed, are active, and sequence flows that were taken, from an instance's history. */
export function diagramState(history: HistoryEvent[], openTaskElementIds: string[]) {
  const active = new Map<string, string>();
  const completed = new Set<string>();
  const flows = new Set<string>();
  for (const event of history) {
    if (event.type === 'ELEMENT_ACTIVATED' && event.elementInstanceKey && event.elementId)
      active.set(event.elementInstanceKey, event.elementId);
    if (event.type === 'ELEMENT_COMPLETED' && event.elementInstanceKey && event.elementId) {
      active.delete(event.elementInstanceKey);
      completed.add(event.elementId);
    }
    if (event.type === 'SEQUENCE_FLOW_TAKEN' && event.elementId) flows.add(event.elementId);
  }
  return {
    activeElementIds: [...new Set([...active.values(), ...openTaskElementIds])],
    completedElementIds: [...completed],
    takenSequenceFlowIds: [...flows],
  };
}

/** Presents an instance row as the API returns it. */
export function presentInstance(row: Record<string, unknown>) {
  return {
    key: String(row.key),
    bpmnProcessId: row.bpmn_process_id as string,
    processName: (row.process_name as string | null) ?? null,
    processDefinitionKey: String(row.process_definition_key),
    version: Number(row.version),
    businessKey: (row.business_key as string | null) ?? null,
    state: row.state as string,
    hasIncident: Boolean(row.has_incident),
    startedAt: new Date(row.started_at as string).toISOString(),
    endedAt: row.ended_at ? new Date(row.ended_at as string).toISOString() : null,
    startedBy: (row.started_by as string | null) ?? null,
  };
}

/** Instances of the user's unit: list, detail with diagram state and history, and the model XML. */
export async function instanceRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.services;

  app.get<{ Querystring: { page: number; pageSize: number } }>(
    '/process-instances',
    { schema: { querystring: pageQuery } },
    async (request) => {
      const principal = requirePrincipal(request);
      const { page, pageSize } = request.query;
      const base = db('process_instances as i').where('i.unit_id', principal.unitId);
      const [{ count }] = await base.clone().count({ count: '*' });
      const rows = await base
        .clone()
        .join('process_definitions as d', 'd.key', 'i.process_definition_key')
        .orderBy('i.started_at', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .select('i.*', 'd.name as process_name');
      return { items: rows.map(presentInstance), total: Number(count), page, pageSize };
    },
  );

  app.get<{ Params: { key: string } }>(
    '/process-instances/:key',
    { schema: { params: keyParams } },
    async (request) => {
      const principal = requirePrincipal(request);
      const row = await loadReadableInstance(db, principal, request.params.key);
      const history = await readHistory(db, request.params.key);
      const tasks = (
        await db('user_tasks')
          .where({ process_instance_key: request.params.key })
          .orderBy('key')
          .select(userTaskColumns)
      ).map(toUserTask);
      const incidents = await db('incidents')
        .where({ process_instance_key: request.params.key })
        .orderBy('key');
      const openTaskElements = tasks
        .filter((task) => task.state === 'CREATED')
        .map((task) => task.elementId);
      return {
        ...presentInstance(row),
        variables: row.variables,
        incidents: incidents.map((incident) => ({
          key: String(incident.key),
          elementId: incident.element_id,
          errorType: incident.error_type,
          errorMessage: incident.error_message,
          state: incident.state,
          createdAt: new Date(incident.created_at).toISOString(),
        })),
        ...diagramState(history, openTaskElements),
        tasks: (await withPeopleNames(db, tasks)).map((task) => presentTask(task)),
        history: history.map(({ id: _id, processInstanceKey: _key, ...event }) => event),
      };
    },
  );

  app.get<{ Params: { key: string } }>(
    '/process-instances/:key/xml',
    { schema: { params: keyParams } },
    async (request, reply) => {
      const row = await loadReadableInstance(db, requirePrincipal(request), request.params.key);
      return reply.type('text/xml; charset=utf-8').send(row.xml);
    },
  );

  app.post<{ Params: { key: string } }>(
    '/incidents/:key/resolution',
    { schema: { params: keyParams } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!principal.groups.some((group) => group === 'iso-secretary' || group === 'board')) {
        throw new EisoError(
          'EISO_ERR_FORBIDDEN',
          'Only the ISO secretary or the board may resolve incidents.',
        );
      }
      await app.services.runtime.resolveIncident(
        principal.unitId,
        request.params.key,
        principal.username,
      );
      return reply.status(204).send();
    },
  );
}
