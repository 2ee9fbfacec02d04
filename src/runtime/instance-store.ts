import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import { EisoError, notFound } from '../errors.js';
import { agencyDate } from '../agency-time.js';
import { appendHistory, type HistoryEventInput } from '../history/history-log.js';
import { findSubstitute } from '../tasks/substitutes.js';
import { insertNotifications } from '../notifications/notification-store.js';
import { newTaskNotifications } from '../notifications/task-notifications.js';
import type {
  CommandResult,
  DeployedProcess,
  InstanceCommand,
  Variables,
} from '../engine/process-engine.js';

/** A process instance row as the runtime reads it. */
export interface StoredInstance {
  key: string;
  unitId: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  businessKey: string | null;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  engineState: unknown;
  variables: Variables;
  revision: number;
  hasIncident: boolean;
  pendingCommand: InstanceCommand | { type: 'start' } | null;
  startedBy: string | null;
  startedAt: string;
  endedAt: string | null;
}

/** The user who caused a change, for history and approvals. */
export interface Actor {
  unitId: string;
  username: string;
}

/** Maps a `process_instances` row. */
export function toStoredInstance(row: Record<string, unknown>): StoredInstance {
  return {
    key: String(row.key),
    unitId: String(row.unit_id),
    processDefinitionKey: String(row.process_definition_key),
    bpmnProcessId: row.bpmn_process_id as string,
    version: Number(row.version),
    businessKey: (row.business_key as string | null) ?? null,
    state: row.state as StoredInstance['state'],
    engineState: row.engine_state,
    variables: (row.variables as Variables | null) ?? {},
    revision: Number(row.revision),
    hasIncident: Boolean(row.has_incident),
    pendingCommand: (row.pending_command as StoredInstance['pendingCommand']) ?? null,
    startedBy: (row.started_by as string | null) ?? null,
    startedAt: new Date(row.started_at as string).toISOString(),
    endedAt: row.ended_at ? new Date(row.ended_at as string).toISOString() : null,
  };
}

/** Loads an instance of a unit, or throws not found. */
export async function loadInstance(db: Knex, unitId: string, key: string): Promise<StoredInstance> {
  const row = await db('process_instances').where({ key, unit_id: unitId }).first();
  if (!row) throw notFound('Process instance', key);
  return toStoredInstance(row);
}

/** Loads the deployed version an instance runs. */
export async function loadDeployedProcess(
  db: Knex,
  processDefinitionKey: string,
): Promise<DeployedProcess> {
  const row = await db('process_definitions')
    .where({ key: processDefinitionKey })
    .first('key', 'bpmn_process_id', 'version', 'xml');
  if (!row) throw notFound('Process definition', processDefinitionKey);
  return {
    key: String(row.key),
    bpmnProcessId: row.bpmn_process_id,
    version: Number(row.version),
    xml: row.xml,
  };
}

/** Changes of one command besides the engine's own result. */
export interface PersistOptions {
  actor: string | null;
  /**
   * The user whose action led to the command, when it is not the actor: for a job's completion,
   * the user behind the command that opened the job. Defaults to the actor. That user gets no
   * notification of the tasks that the command gives to them.
   */
  causedBy?: string | null;
  /** History events that the command itself adds before the engine's events. */
  commandEvents: HistoryEventInput[];
  /** The command to keep when the engine raised an incident, so resolving it runs the command again. */
  command: InstanceCommand | { type: 'start' };
  now: Date;
}

/**
 * Writes a command's result in the caller's transaction: the instance row with
 * an optimistic revision check, the tasks, jobs and timers that opened or
 * closed, the incident if one was raised, and the history events.
 */
export async function persistResult(
  trx: Knex.Transaction,
  instance: StoredInstance,
  result: CommandResult,
  options: PersistOptions,
): Promise<void> {
  const failed = result.incident !== null;
  const updated = await trx('process_instances')
    .where({ key: instance.key, revision: instance.revision })
    .update({
      engine_state: failed ? jsonOrNull(instance.engineState) : JSON.stringify(result.engineState),
      variables: JSON.stringify(result.variables),
      state: failed ? instance.state : result.state,
      revision: instance.revision + 1,
      has_incident: failed,
      pending_command: failed ? JSON.stringify(options.command) : null,
      ended_at: !failed && result.state !== 'ACTIVE' ? options.now.toISOString() : null,
    });
  if (updated === 0) {
    throw new EisoError(
      'EISO_ERR_INSTANCE_CHANGED',
      `Process instance ${instance.key} was changed by another request; reload it and try again.`,
    );
  }

  const events: HistoryEventInput[] = [...options.commandEvents];
  events.push(...variableEvents(instance.variables, result.variables, options.actor));
  if (failed) {
    events.push(...(await raiseIncident(trx, instance, result, options)));
  } else {
    events.push(...result.events.map((event) => ({ ...event, actor: options.actor })));
    const causedBy = options.causedBy ?? options.actor;
    events.push(...(await syncUserTasks(trx, instance, result, options.now, causedBy)));
    await syncJobs(trx, instance, result, options.now, causedBy);
    await syncTimers(trx, instance, result, options.now);
  }
  await appendHistory(trx, instance.unitId, instance.key, events, options.now);
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

async function raiseIncident(
  trx: Knex.Transaction,
  instance: StoredInstance,
  result: CommandResult,
  options: PersistOptions,
): Promise<HistoryEventInput[]> {
  const incident = result.incident!;
  const [row] = await trx('incidents')
    .insert({
      unit_id: instance.unitId,
      process_instance_key: instance.key,
      process_definition_key: instance.processDefinitionKey,
      bpmn_process_id: instance.bpmnProcessId,
      element_id: incident.elementId,
      error_type: incident.errorType,
      error_message: incident.errorMessage,
      state: 'ACTIVE',
      created_at: options.now.toISOString(),
    })
    .returning('key');
  return [
    {
      type: 'INCIDENT_CREATED',
      elementId: incident.elementId,
      data: {
        incidentKey: String(row.key),
        errorType: incident.errorType,
        errorMessage: incident.errorMessage,
      },
    },
  ];
}

function variableEvents(
  before: Variables,
  after: Variables,
  actor: string | null,
): HistoryEventInput[] {
  const events: HistoryEventInput[] = [];
  for (const [name, value] of Object.entries(after)) {
    const previous = before[name];
    // jsonb returns object keys in its own order, so equal values may differ as JSON text.
    if (isDeepStrictEqual(previous, value)) continue;
    events.push({
      type: previous === undefined ? 'VARIABLE_CREATED' : 'VARIABLE_UPDATED',
      actor,
      data: { name, value, previousValue: previous ?? null },
    });
  }
  return events;
}

async function syncUserTasks(
  trx: Knex.Transaction,
  instance: StoredInstance,
  result: CommandResult,
  now: Date,
  causedBy: string | null,
): Promise<HistoryEventInput[]> {
  const open = await trx('user_tasks')
    .where({ process_instance_key: instance.key, state: 'CREATED' })
    .select('key', 'element_id', 'element_instance_key');
  const openKeys = new Set(open.map((row) => row.element_instance_key as string));
  const waitingKeys = new Set(result.waitingTasks.map((task) => task.elementInstanceKey));
  const events: HistoryEventInput[] = [];

  const created = result.waitingTasks.filter((task) => !openKeys.has(task.elementInstanceKey));
  for (const task of created) {
    // A user who is absent today gets the task through their substitute rule.
    const substitute = task.assignee
      ? await findSubstitute(trx, instance.unitId, task.assignee, agencyDate(now))
      : null;
    const [row] = await trx('user_tasks')
      .insert({
        unit_id: instance.unitId,
        process_instance_key: instance.key,
        process_definition_key: instance.processDefinitionKey,
        bpmn_process_id: instance.bpmnProcessId,
        element_id: task.elementId,
        element_instance_key: task.elementInstanceKey,
        name: task.name,
        state: 'CREATED',
        assignee: substitute ?? task.assignee,
        substitute_for: substitute ? task.assignee : null,
        candidate_groups: task.candidateGroups,
        candidate_users: task.candidateUsers,
        form_id: task.formId,
        form_key: task.formKey,
        due_date: task.dueDate,
        follow_up_date: task.followUpDate,
        priority: task.priority,
        local_variables: JSON.stringify(task.localVariables),
        created_at: now.toISOString(),
      })
      .returning('key');
    await insertNotifications(
      trx,
      newTaskNotifications(
        {
          ...task,
          assignee: substitute ?? task.assignee,
          unitId: instance.unitId,
          userTaskKey: String(row.key),
          processInstanceKey: instance.key,
        },
        causedBy,
      ),
      now,
    );
    events.push({
      type: 'USER_TASK_CREATED',
      elementId: task.elementId,
      elementInstanceKey: task.elementInstanceKey,
      data: {
        userTaskKey: String(row.key),
        assignee: substitute ?? task.assignee,
        ...(substitute ? { substituteFor: task.assignee } : {}),
        candidateGroups: task.candidateGroups,
        candidateUsers: task.candidateUsers,
        dueDate: task.dueDate,
        localVariables: task.localVariables,
      },
    });
  }

  const canceled = open.filter((row) => !waitingKeys.has(row.element_instance_key as string));
  for (const row of canceled) {
    await trx('user_tasks')
      .where({ key: row.key, state: 'CREATED' })
      .update({ state: 'CANCELED', completed_at: now.toISOString() });
    events.push({
      type: 'USER_TASK_CANCELED',
      elementId: row.element_id,
      elementInstanceKey: row.element_instance_key,
    });
  }
  return events;
}

async function syncJobs(
  trx: Knex.Transaction,
  instance: StoredInstance,
  result: CommandResult,
  now: Date,
  causedBy: string | null,
): Promise<void> {
  const open = await trx('jobs')
    .where({ process_instance_key: instance.key, state: 'CREATED' })
    .select('key', 'element_instance_key');
  const openKeys = new Set(open.map((row) => row.element_instance_key as string));
  const waitingKeys = new Set(result.waitingJobs.map((job) => job.elementInstanceKey));

  const created = result.waitingJobs.filter((job) => !openKeys.has(job.elementInstanceKey));
  if (created.length > 0) {
    await trx('jobs').insert(
      created.map((job) => ({
        unit_id: instance.unitId,
        process_instance_key: instance.key,
        element_id: job.elementId,
        element_instance_key: job.elementInstanceKey,
        type: job.type,
        state: 'CREATED',
        retries: job.retries,
        custom_headers: JSON.stringify(job.customHeaders),
        local_variables: JSON.stringify(job.localVariables),
        caused_by: causedBy,
        due_at: now.toISOString(),
        created_at: now.toISOString(),
      })),
    );
  }

  const closed = open
    .filter((row) => !waitingKeys.has(row.element_instance_key as string))
    .map((row) => row.key);
  if (closed.length > 0)
    await trx('jobs')
      .whereIn('key', closed)
      .andWhere({ state: 'CREATED' })
      .update({ state: 'CANCELED' });
}

async function syncTimers(
  trx: Knex.Transaction,
  instance: StoredInstance,
  result: CommandResult,
  now: Date,
): Promise<void> {
  const open = await trx('timers')
    .where({ process_instance_key: instance.key, state: 'CREATED' })
    .select('key', 'element_instance_key');
  const openKeys = new Set(open.map((row) => row.element_instance_key as string));
  const waitingKeys = new Set(result.waitingTimers.map((timer) => timer.elementInstanceKey));

  const created = result.waitingTimers.filter((timer) => !openKeys.has(timer.elementInstanceKey));
  if (created.length > 0) {
    await trx('timers').insert(
      created.map((timer) => ({
        unit_id: instance.unitId,
        process_instance_key: instance.key,
        element_id: timer.elementId,
        element_instance_key: timer.elementInstanceKey,
        due_at: timer.dueAt,
        state: 'CREATED',
        created_at: now.toISOString(),
      })),
    );
  }

  const closed = open
    .filter((row) => !waitingKeys.has(row.element_instance_key as string))
    .map((row) => row.key);
  if (closed.length > 0)
    await trx('timers')
      .whereIn('key', closed)
      .andWhere({ state: 'CREATED' })
      .update({ state: 'CANCELED' });
}
