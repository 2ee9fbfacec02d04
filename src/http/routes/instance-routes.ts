import type { FastifyInstance } from 'fastify';
import { EisoError } from '../../errors.js';
import { readHistory } from '../../history/history-log.js';
import { loadReadableInstance } from '../../history/instance-access.js';
import { diagramState, presentInstance, starterName } from '../../history/instance-view.js';
import { loadPeople } from '../../history/replay.js';
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
        .select('i.*', 'd.name as process_name', starterName(db));
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
      const instance = presentInstance(row);
      const people = await loadPeople(db, history, instance.startedBy);
      return {
        ...instance,
        startedByName: instance.startedBy ? (people[instance.startedBy] ?? null) : null,
        people,
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
