import {
  loadMigratingInstance,
  migrateInstance,
  planMigration,
  targetDefinition,
  type MappingInstruction,
  type MigrationPlan,
} from './instance-migration.js';
import type { Knex } from 'knex';
import { EisoError, notFound } from '../errors.js';
import { procedureTitle } from './starters.js';
import type { Locale } from '../locale.js';
import type { Logger } from '../logger.js';
import type {
  CommandResult,
  DeployedProcess,
  InstanceCommand,
  ProcessEngine,
  Variables,
} from '../engine/process-engine.js';
import { StaleCommandError } from '../engine/embedded/embedded-engine.js';
import { appendHistory, type HistoryEventInput } from '../history/history-log.js';
import { toUserTask, userTaskColumns, type UserTask } from '../tasks/task-model.js';
import {
  loadDeployedProcess,
  loadInstance,
  persistResult,
  toStoredInstance,
  type StoredInstance,
} from './instance-store.js';

/** Tries of a completion that meets a concurrent change of its instance. */
const maxAttempts = 10;

/** Options of a new instance. */
export interface StartOptions {
  unitId: string;
  bpmnProcessId: string;
  /** A specific version; the latest when omitted. */
  version?: number;
  variables: Variables;
  businessKey?: string | null;
  actor: string | null;
  /** Events the start adds to the new instance's history before the engine's, such as a signature. */
  startEvents?: HistoryEventInput[];
}

/** Called after a command commits with the instance whose jobs may now run. */
export type AfterCommitHook = (instanceKey: string) => Promise<void>;

/**
 * The commands on process instances. Each command runs the engine before its
 * transaction opens, then writes the result in one transaction guarded by the
 * instance's revision, so a concurrent command fails with 409 instead of
 * losing an update, and PGlite's single connection is not held during engine
 * work.
 */
export class Runtime {
  private afterCommit: AfterCommitHook = async () => undefined;
  // A deployed version never changes, so its row is read once per app.
  private readonly deployedProcesses = new Map<string, DeployedProcess>();

  constructor(
    private readonly db: Knex,
    private readonly engine: ProcessEngine,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Registers what runs after each commit (the job runner). */
  onAfterCommit(hook: AfterCommitHook): void {
    this.afterCommit = hook;
  }

  /** Starts an instance of the latest (or the given) version and runs it to its wait states. */
  async startInstance(options: StartOptions): Promise<StoredInstance> {
    const definition = await this.findDefinition(
      options.unitId,
      options.bpmnProcessId,
      options.version,
    );
    await this.assertBusinessKeyFree(this.db, options);
    const result = await this.engine.start(definition, options.variables);
    const instance = await this.db.transaction((trx) =>
      this.insertStarted(trx, definition, options, result),
    );
    this.retain(instance, result);
    // Only a command that opened a job has work for the workers now.
    if (result.waitingJobs.length > 0) await this.afterCommit(instance.key);
    return loadInstance(this.db, options.unitId, instance.key);
  }

  /**
   * Starts an instance inside the caller's transaction, for a worker or a timer start event
   * whose own writes must commit together with the new instance. Returns the instance and what
   * the caller runs once the transaction committed.
   */
  async startInstanceInTransaction(
    trx: Knex.Transaction,
    options: StartOptions,
  ): Promise<{ instance: StoredInstance; afterCommit: () => Promise<void> }> {
    const definition = await this.findDefinition(
      options.unitId,
      options.bpmnProcessId,
      options.version,
      trx,
    );
    await this.assertBusinessKeyFree(trx, options);
    const result = await this.engine.start(definition, options.variables);
    const instance = await this.insertStarted(trx, definition, options, result);
    return {
      instance,
      afterCommit: async () => {
        this.retain(instance, result);
        if (result.waitingJobs.length > 0) await this.afterCommit(instance.key);
      },
    };
  }

  private async insertStarted(
    trx: Knex.Transaction,
    definition: DeployedProcess,
    options: StartOptions,
    result: CommandResult,
  ): Promise<StoredInstance> {
    const now = this.now();
    const [row] = await trx('process_instances')
      .insert({
        unit_id: options.unitId,
        process_definition_key: definition.key,
        bpmn_process_id: definition.bpmnProcessId,
        version: definition.version,
        business_key: options.businessKey ?? null,
        state: 'ACTIVE',
        variables: JSON.stringify({}),
        started_by: options.actor,
        started_at: now.toISOString(),
      })
      .returning('*');
    const created = toStoredInstance(row);
    await persistResult(trx, created, result, {
      actor: options.actor,
      commandEvents: options.startEvents ?? [],
      command: { type: 'start' },
      now,
    });
    this.logger.info(
      { processInstanceKey: created.key, bpmnProcessId: definition.bpmnProcessId },
      'process instance started',
    );
    return created;
  }

  // A business key names the record a procedure works on, such as the
  // objectives of one year, so a second instance for it would mix two sets.
  private async assertBusinessKeyFree(
    db: Knex | Knex.Transaction,
    options: StartOptions,
  ): Promise<void> {
    if (!options.businessKey) return;
    const existing = await db('process_instances')
      .where({
        unit_id: options.unitId,
        bpmn_process_id: options.bpmnProcessId,
        business_key: options.businessKey,
      })
      .whereNot('state', 'TERMINATED')
      .first('key');
    if (!existing) return;

    const title = await procedureTitle(db, options.unitId, options.bpmnProcessId);
    throw new EisoError('EISO_ERR_CONFLICT', {
      vi: `Quy trình "${title.vi}" đã được khởi động cho ${options.businessKey} (hồ sơ ${existing.key}). Hãy mở hồ sơ đó thay vì khởi động lại.`,
      en: `Procedure "${title.en}" was already started for ${options.businessKey} (instance ${existing.key}); open that instance instead.`,
    });
  }

  /** Completes an open user task with validated variables. Authorization is the caller's. */
  async completeUserTask(
    task: UserTask,
    variables: Variables,
    actor: string,
    actorName: string = actor,
  ): Promise<void> {
    // Another command on the same instance, such as a colleague completing a
    // parallel task, changes its revision. The completion then runs again on
    // the new revision, as long as this task is still open.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.completeUserTaskOnce(task, variables, actor, actorName);
      } catch (error) {
        const changed = error instanceof EisoError && error.code === 'EISO_ERR_INSTANCE_CHANGED';
        if (!changed || attempt >= maxAttempts) throw error;
        task = await this.loadTask(task.unitId, task.key);
      }
    }
  }

  private async completeUserTaskOnce(
    task: UserTask,
    variables: Variables,
    actor: string,
    actorName: string,
  ): Promise<void> {
    if (task.state !== 'CREATED') throw taskNotActive(task);
    const instance = await loadInstance(this.db, task.unitId, task.processInstanceKey);
    assertNoPendingCommand(instance);

    const command: InstanceCommand = {
      type: 'completeUserTask',
      elementInstanceKey: task.elementInstanceKey,
      variables,
    };
    const result = await this.run(instance, command);
    const now = this.now();

    await this.db.transaction(async (trx) => {
      const updated = await trx('user_tasks')
        .where({ key: task.key, state: 'CREATED' })
        .update({
          state: 'COMPLETED',
          completed_at: now.toISOString(),
          completed_by: actor,
          completion_variables: JSON.stringify(variables),
        });
      if (updated === 0) throw taskNotActive(task);

      const completed: HistoryEventInput = {
        type: 'USER_TASK_COMPLETED',
        elementId: task.elementId,
        elementInstanceKey: task.elementInstanceKey,
        actor,
        data: { userTaskKey: task.key, variables },
      };
      const approval = await recordApproval(trx, task, variables, actor, actorName, now);
      await persistResult(trx, instance, result, {
        actor,
        commandEvents: approval ? [completed, approval] : [completed],
        command,
        now,
      });
    });
    this.retain(instance, result);

    // Only a command that opened a job has work for the workers now.
    if (result.waitingJobs.length > 0) await this.afterCommit(instance.key);
  }

  /**
   * Completes a job inside the caller's transaction, after its worker wrote
   * its records there, so the records and the instance move together. Returns
   * what the caller runs once that transaction committed.
   */
  async completeJobInTransaction(
    trx: Knex.Transaction,
    job: {
      key: string;
      unitId: string;
      processInstanceKey: string;
      elementId: string;
      elementInstanceKey: string;
      type: string;
      /** The user behind the command that opened the job, if a user's command did. */
      causedBy: string | null;
    },
    variables: Variables,
  ): Promise<() => void> {
    const instance = toStoredInstance(
      await trx('process_instances').where({ key: job.processInstanceKey }).first(),
    );
    assertNoPendingCommand(instance);
    const command: InstanceCommand = {
      type: 'completeJob',
      elementInstanceKey: job.elementInstanceKey,
      variables,
    };
    const result = await this.run(instance, command, trx);
    const now = this.now();

    await trx('jobs').where({ key: job.key }).update({ state: 'COMPLETED' });
    const completed: HistoryEventInput = {
      type: 'JOB_COMPLETED',
      elementId: job.elementId,
      elementInstanceKey: job.elementInstanceKey,
      data: { jobKey: job.key, jobType: job.type, variables },
    };
    await persistResult(trx, instance, result, {
      actor: null,
      causedBy: job.causedBy,
      commandEvents: [completed],
      command,
      now,
    });
    return () => this.retain(instance, result);
  }

  /** Fires a due timer of an instance. */
  async triggerTimer(
    trx: Knex.Transaction,
    timer: {
      key: string;
      processInstanceKey: string;
      elementId: string;
      elementInstanceKey: string;
    },
  ): Promise<void> {
    const instance = toStoredInstance(
      await trx('process_instances').where({ key: timer.processInstanceKey }).first(),
    );
    if (instance.state !== 'ACTIVE') {
      await trx('timers').where({ key: timer.key }).update({ state: 'CANCELED' });
      return;
    }

    const command: InstanceCommand = {
      type: 'triggerTimer',
      elementInstanceKey: timer.elementInstanceKey,
    };
    const result = await this.run(instance, command, trx);
    const now = this.now();
    await trx('timers').where({ key: timer.key }).update({ state: 'TRIGGERED' });
    const fired: HistoryEventInput = {
      type: 'TIMER_TRIGGERED',
      elementId: timer.elementId,
      elementInstanceKey: timer.elementInstanceKey,
      data: { timerKey: timer.key },
    };
    await persistResult(trx, instance, result, {
      actor: null,
      commandEvents: [fired],
      command,
      now,
    });
  }

  /**
   * Cancels an active instance, as Camunda's cancellation does: the instance ends as TERMINATED,
   * and its open user tasks, jobs, timers and incidents close in the same transaction, with a
   * PROCESS_INSTANCE_CANCELED event and a USER_TASK_CANCELED event per open task. Authorization
   * is the caller's.
   */
  async cancelInstance(unitId: string, instanceKey: string, actor: string): Promise<void> {
    const instance = await loadInstance(this.db, unitId, instanceKey);
    if (instance.state !== 'ACTIVE') {
      throw new EisoError(
        'EISO_ERR_CONFLICT',
        `Process instance ${instanceKey} is ${instance.state.toLowerCase()}; only an active instance can be canceled.`,
      );
    }
    const now = this.now();
    await this.db.transaction(async (trx) => {
      const updated = await trx('process_instances')
        .where({ key: instance.key, revision: instance.revision, state: 'ACTIVE' })
        .update({
          state: 'TERMINATED',
          revision: instance.revision + 1,
          has_incident: false,
          pending_command: null,
          ended_at: now.toISOString(),
        });
      if (updated === 0) {
        throw new EisoError(
          'EISO_ERR_INSTANCE_CHANGED',
          `Process instance ${instance.key} was changed by another request; reload it and try again.`,
        );
      }
      const events = await closeOpenWork(trx, instance.key, now);
      events.unshift({
        type: 'PROCESS_INSTANCE_CANCELED',
        elementId: instance.bpmnProcessId,
        actor,
        data: { previousState: instance.state, hadIncident: instance.hasIncident },
      });
      await appendHistory(trx, instance.unitId, instance.key, events, now);
    });
    this.logger.info({ processInstanceKey: instance.key, actor }, 'process instance canceled');
  }

  /** Resolves an incident: runs the command that raised it again, with the instance's current variables. */
  async resolveIncident(unitId: string, incidentKey: string, actor: string): Promise<void> {
    const incident = await this.db('incidents')
      .where({ key: incidentKey, unit_id: unitId })
      .first();
    if (!incident) throw notFound('Incident', incidentKey);
    if (incident.state !== 'ACTIVE') {
      throw new EisoError('EISO_ERR_CONFLICT', `Incident ${incidentKey} is already resolved.`);
    }

    const instance = await loadInstance(this.db, unitId, String(incident.process_instance_key));
    const resolved: HistoryEventInput = {
      type: 'INCIDENT_RESOLVED',
      elementId: incident.element_id,
      actor,
      data: { incidentKey },
    };
    if (incident.job_key) {
      await this.retryJobIncident(incidentKey, String(incident.job_key), instance, resolved);
    } else {
      await this.rerunPendingCommand(incidentKey, instance, resolved, actor);
    }
    await this.afterCommit(instance.key);
  }

  private async retryJobIncident(
    incidentKey: string,
    jobKey: string,
    instance: StoredInstance,
    resolved: HistoryEventInput,
  ): Promise<void> {
    const now = this.now();
    await this.db.transaction(async (trx) => {
      await trx('incidents')
        .where({ key: incidentKey })
        .update({ state: 'RESOLVED', resolved_at: now.toISOString() });
      await trx('jobs')
        .where({ key: jobKey })
        .update({ state: 'CREATED', retries: 1, due_at: now.toISOString() });
      const remaining = await trx('incidents')
        .where({ process_instance_key: instance.key, state: 'ACTIVE' })
        .first('key');
      await trx('process_instances')
        .where({ key: instance.key })
        .update({ has_incident: Boolean(remaining) });
      await appendHistory(trx, instance.unitId, instance.key, [resolved], now);
    });
  }

  private async rerunPendingCommand(
    incidentKey: string,
    instance: StoredInstance,
    resolved: HistoryEventInput,
    actor: string,
  ): Promise<void> {
    const pending = instance.pendingCommand;
    if (!pending)
      throw new EisoError(
        'EISO_ERR_CONFLICT',
        `Process instance ${instance.key} has no failed command to run again.`,
      );

    const definition = await this.deployedProcess(this.db, instance.processDefinitionKey);
    const result =
      pending.type === 'start'
        ? await this.engine.start(definition, instance.variables)
        : await this.run(instance, withCurrentVariables(pending, instance.variables));
    const now = this.now();

    await this.db.transaction(async (trx) => {
      await trx('incidents')
        .where({ key: incidentKey })
        .update({ state: 'RESOLVED', resolved_at: now.toISOString() });
      await persistResult(trx, instance, result, {
        actor,
        commandEvents: [resolved],
        command: pending,
        now,
      });
    });
  }

  // Hands the live instance back to the engine once the result is committed
  // as the instance's next revision.
  private retain(instance: StoredInstance, result: CommandResult): void {
    if (result.incident) return;
    this.engine.retain?.({ instanceKey: instance.key, revision: instance.revision + 1 }, result);
  }

  // `executor` is the caller's transaction where there is one. PGlite serves
  // one connection, so a query outside it would wait for it forever.
  private async run(
    instance: StoredInstance,
    command: InstanceCommand,
    executor: Knex = this.db,
  ): Promise<CommandResult> {
    if (instance.state !== 'ACTIVE') {
      throw new EisoError(
        'EISO_ERR_CONFLICT',
        `Process instance ${instance.key} is ${instance.state.toLowerCase()}.`,
      );
    }
    const definition = await this.deployedProcess(executor, instance.processDefinitionKey);
    try {
      return await this.engine.apply(
        definition,
        instance.engineState,
        instance.variables,
        command,
        {
          instanceKey: instance.key,
          revision: instance.revision,
        },
      );
    } catch (error) {
      if (error instanceof StaleCommandError) {
        throw new EisoError(
          'EISO_ERR_INSTANCE_CHANGED',
          `Process instance ${instance.key} no longer waits there; reload it.`,
        );
      }
      throw error;
    }
  }

  private async findDefinition(
    unitId: string,
    bpmnProcessId: string,
    version: number | undefined,
    db: Knex | Knex.Transaction = this.db,
  ) {
    const query = db('process_definitions').where({
      unit_id: unitId,
      bpmn_process_id: bpmnProcessId,
    });
    if (version !== undefined) query.andWhere({ version });
    const row = await query
      .orderBy('version', 'desc')
      .first('key', 'bpmn_process_id', 'version', 'xml');
    if (!row)
      throw notFound(
        'Process definition',
        version ? `${bpmnProcessId} version ${version}` : bpmnProcessId,
      );
    return {
      key: String(row.key),
      bpmnProcessId: row.bpmn_process_id as string,
      version: Number(row.version),
      xml: row.xml as string,
    };
  }

  private async deployedProcess(executor: Knex, key: string): Promise<DeployedProcess> {
    const cached = this.deployedProcesses.get(key);
    if (cached) return cached;

    const process = await loadDeployedProcess(executor, key);
    if (this.deployedProcesses.size >= 500) this.deployedProcesses.clear();
    this.deployedProcesses.set(key, process);
    return process;
  }

  /** Plans the move of a running instance to the process version `targetKey`, without changing it. */
  async planMigration(
    unitId: string,
    instanceKey: string,
    targetKey: string,
    mappings: MappingInstruction[] = [],
    locale: Locale = 'en',
  ): Promise<MigrationPlan> {
    const instance = await loadMigratingInstance(this.db, unitId, instanceKey, locale);
    const target = await targetDefinition(this.db, unitId, targetKey, locale);
    return planMigration(this.db, this.engine, instance, target, mappings, locale);
  }

  /** Moves a running instance to the process version `targetKey`, or throws 409 with the reasons. */
  migrateInstance(
    unitId: string,
    instanceKey: string,
    targetKey: string,
    mappings: MappingInstruction[],
    actor: string,
    locale: Locale = 'en',
  ): Promise<MigrationPlan> {
    return migrateInstance(
      this.db,
      this.engine,
      unitId,
      instanceKey,
      targetKey,
      mappings,
      actor,
      this.now(),
      locale,
    );
  }

  /** Loads a task by key within a unit. */
  async loadTask(unitId: string, key: string): Promise<UserTask> {
    if (!/^\d+$/.test(key)) throw notFound('User task', key);
    const row = await this.db('user_tasks').where({ key, unit_id: unitId }).first(userTaskColumns);
    if (!row) throw notFound('User task', key);
    return toUserTask(row);
  }
}

// A resolved incident runs the failed command again; a completion keeps its
// own variables, but the instance's variables may have been corrected since.
function withCurrentVariables(command: InstanceCommand, variables: Variables): InstanceCommand {
  if (command.type === 'completeUserTask' || command.type === 'completeJob') {
    const corrected: Variables = { ...command.variables };
    for (const name of Object.keys(corrected))
      if (name in variables) corrected[name] = variables[name];
    return { ...command, variables: corrected };
  }
  return command;
}

// Closes what a canceled instance still had open and returns the history of its user tasks.
async function closeOpenWork(
  trx: Knex.Transaction,
  instanceKey: string,
  now: Date,
): Promise<HistoryEventInput[]> {
  const tasks = await trx('user_tasks')
    .where({ process_instance_key: instanceKey, state: 'CREATED' })
    .orderBy('key')
    .select('key', 'element_id', 'element_instance_key');
  await trx('user_tasks')
    .where({ process_instance_key: instanceKey, state: 'CREATED' })
    .update({ state: 'CANCELED', completed_at: now.toISOString() });
  await trx('jobs')
    .where({ process_instance_key: instanceKey })
    .whereIn('state', ['CREATED', 'FAILED'])
    .update({ state: 'CANCELED' });
  await trx('timers')
    .where({ process_instance_key: instanceKey, state: 'CREATED' })
    .update({ state: 'CANCELED' });
  await trx('incidents')
    .where({ process_instance_key: instanceKey, state: 'ACTIVE' })
    .update({ state: 'RESOLVED', resolved_at: now.toISOString() });
  return tasks.map((task) => ({
    type: 'USER_TASK_CANCELED',
    elementId: task.element_id as string,
    elementInstanceKey: task.element_instance_key as string,
    data: { userTaskKey: String(task.key), reason: 'PROCESS_INSTANCE_CANCELED' },
  }));
}

/** What a signature on a change means, as recorded in the approval's history event. */
export type SignatureMeaning = 'drafted' | 'reviewed' | 'approved' | 'returned';

// Every approval step of every eiso procedure submits `decision` (approve or
// return) and `comment`; each one becomes an approval record with the signer,
// and an APPROVAL_RECORDED event in the instance's history with the same facts.
// A decision on a review form (such as a document's review before approval)
// means the signer reviewed it.
async function recordApproval(
  trx: Knex.Transaction,
  task: UserTask,
  variables: Variables,
  actor: string,
  actorName: string,
  now: Date,
): Promise<HistoryEventInput | null> {
  const decision = variables.decision;
  if (decision !== 'approve' && decision !== 'return') return null;
  const subject = `${task.bpmnProcessId}:${task.elementId}`;
  const comment = typeof variables.comment === 'string' ? variables.comment : null;
  const [row] = await trx('approvals')
    .insert({
      unit_id: task.unitId,
      process_instance_key: task.processInstanceKey,
      subject,
      decision,
      comment,
      actor,
      actor_name: actorName,
      decided_at: now.toISOString(),
    })
    .returning('id');
  let meaning: SignatureMeaning = task.formId?.endsWith('-review') ? 'reviewed' : 'approved';
  if (decision === 'return') meaning = 'returned';
  return {
    type: 'APPROVAL_RECORDED',
    elementId: task.elementId,
    elementInstanceKey: task.elementInstanceKey,
    actor,
    data: {
      approvalId: String(row.id),
      userTaskKey: task.key,
      subject,
      decision,
      meaning,
      signer: actor,
      signerName: actorName,
      comment,
      signedAt: now.toISOString(),
    },
  };
}

function taskNotActive(task: UserTask): EisoError {
  return new EisoError(
    'EISO_ERR_TASK_NOT_ACTIVE',
    `User task ${task.key} is not active: it was completed or canceled.`,
  );
}

function assertNoPendingCommand(instance: StoredInstance): void {
  if (instance.pendingCommand) {
    throw new EisoError(
      'EISO_ERR_CONFLICT',
      `Process instance ${instance.key} has an open incident; resolve it before acting on the instance.`,
    );
  }
}
