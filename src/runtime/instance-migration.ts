import type { Knex } from 'knex';
import type { ModdleElement } from 'moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { BpmnModdle } from '../engine/embedded/compile.js';
import type { ProcessEngine } from '../engine/process-engine.js';
import { EisoError } from '../errors.js';
import { appendHistory } from '../history/history-log.js';
import type { Locale } from '../locale.js';
import { migrationMessages } from './migration-messages.js';
import { loadDeployedProcess, toStoredInstance, type StoredInstance } from './instance-store.js';

type Element = ModdleElement<{ id?: string; name?: string }>;

/** One instruction of Camunda's migration plan. */
export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

/** An element that the instance has entered, and what becomes of it. */
export interface MigratedElement {
  elementId: string;
  type: string;
  name: string | null;
  /** True while a token waits there: an open task, job or timer. */
  active: boolean;
  targetElementId: string | null;
  problem: string | null;
}

/** The plan to migrate one instance: what moves, or why it cannot. */
export interface MigrationPlan {
  processInstanceKey: string;
  businessKey: string | null;
  fromVersion: number;
  toVersion: number;
  elements: MigratedElement[];
  problems: string[];
  migratable: boolean;
}

interface TargetDefinition {
  key: string;
  bpmnProcessId: string;
  version: number;
  xml: string;
}

/**
 * Collects the element ids in a saved bpmn-engine state: the process and
 * every child it has entered, in sub-processes too.
 */
export function stateElementIds(state: unknown): Set<string> {
  const ids = new Set<string>();
  const visit = (node: unknown, inChildren: boolean): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, inChildren);
      return;
    }
    const record = node as Record<string, unknown>;
    if (inChildren && typeof record.id === 'string') ids.add(record.id);
    for (const [key, value] of Object.entries(record)) {
      if (key === 'environment' || key === 'source') continue;
      visit(value, key === 'children' || (inChildren && key !== 'execution'));
    }
  };
  visit(state, false);
  return ids;
}

async function elementsOf(xml: string): Promise<Map<string, Element>> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { elementsById } = await moddle.fromXML(xml);
  return new Map(Object.entries(elementsById as Record<string, Element>));
}

/**
 * Plans the migration of one running instance to another version of its
 * process. eiso moves an instance only where every element it has entered
 * keeps its id and type in the target version. A trial recovery of its saved
 * state on the target must also succeed. Anything else is refused with the reason, in `locale`.
 */
export async function planMigration(
  db: Knex | Knex.Transaction,
  engine: ProcessEngine,
  instance: StoredInstance,
  target: TargetDefinition,
  mappings: MappingInstruction[] = [],
  locale: Locale = 'en',
): Promise<MigrationPlan> {
  const say = migrationMessages(locale);
  const problems: string[] = [];
  if (instance.state !== 'ACTIVE') problems.push(say.notActive(instance.state));
  if (target.bpmnProcessId !== instance.bpmnProcessId) {
    problems.push(say.otherProcess(target.bpmnProcessId, instance.bpmnProcessId));
  }
  if (instance.pendingCommand) problems.push(say.busy);

  const source = await loadDeployedProcess(db, instance.processDefinitionKey);
  const [sourceElements, targetElements] = await Promise.all([
    elementsOf(source.xml),
    elementsOf(target.xml),
  ]);
  const active = await activeElementIds(db, instance.key);
  const mapped = new Map(mappings.map((entry) => [entry.sourceElementId, entry.targetElementId]));
  const elements: MigratedElement[] = [];
  for (const elementId of stateElementIds(instance.engineState)) {
    if (elementId === instance.bpmnProcessId) continue;
    const element = sourceElements.get(elementId);
    const targetId = mapped.get(elementId) ?? elementId;
    const targetElement = targetElements.get(targetId);
    let problem: string | null = null;
    if (targetId !== elementId) {
      problem = say.sameIdOnly(elementId, targetId);
    } else if (!targetElement) {
      problem = say.missing(elementId, target.version);
    } else if (element && targetElement.$type !== element.$type) {
      problem = say.typeChanged(
        elementId,
        element.$type,
        instance.version,
        targetElement.$type,
        target.version,
      );
    }
    if (problem) problems.push(problem);
    elements.push({
      elementId,
      type: element?.$type ?? 'unknown',
      name: typeof element?.name === 'string' ? element.name : null,
      active: active.has(elementId),
      targetElementId: targetElement ? targetId : null,
      problem,
    });
  }
  for (const sourceId of mapped.keys()) {
    if (!elements.some((element) => element.elementId === sourceId))
      problems.push(say.unknownMapping(sourceId));
  }

  // The last word is the engine's: the saved state must resume on the target model.
  if (problems.length === 0) {
    try {
      await engine.apply(
        {
          key: target.key,
          bpmnProcessId: target.bpmnProcessId,
          version: target.version,
          xml: target.xml,
        },
        instance.engineState,
        instance.variables,
        { type: 'resume' },
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push(say.stateRejected(target.version, reason));
    }
  }

  return {
    processInstanceKey: instance.key,
    businessKey: instance.businessKey,
    fromVersion: instance.version,
    toVersion: target.version,
    elements: elements.sort((a, b) => Number(b.active) - Number(a.active)),
    problems,
    migratable: problems.length === 0,
  };
}

async function activeElementIds(db: Knex | Knex.Transaction, key: string): Promise<Set<string>> {
  const [tasks, jobs, timers] = await Promise.all([
    db('user_tasks').where({ process_instance_key: key, state: 'CREATED' }).pluck('element_id'),
    db('jobs').where({ process_instance_key: key, state: 'CREATED' }).pluck('element_id'),
    db('timers').where({ process_instance_key: key, state: 'CREATED' }).pluck('element_id'),
  ]);
  return new Set([...tasks, ...jobs, ...timers] as string[]);
}

/** Reads a process version of the unit by its key, or throws 404 in `locale`. */
export async function targetDefinition(
  db: Knex | Knex.Transaction,
  unitId: string,
  key: string,
  locale: Locale = 'en',
): Promise<TargetDefinition> {
  const missing = new EisoError(
    'EISO_ERR_NOT_FOUND',
    migrationMessages(locale).definitionNotFound(key),
  );
  if (!/^\d{1,18}$/.test(key)) throw missing;
  const row = await db('process_definitions')
    .where({ key, unit_id: unitId })
    .first('key', 'bpmn_process_id', 'version', 'xml');
  if (!row) throw missing;
  return {
    key: String(row.key),
    bpmnProcessId: row.bpmn_process_id as string,
    version: Number(row.version),
    xml: row.xml as string,
  };
}

function instanceNotFound(key: string, locale: Locale): EisoError {
  return new EisoError('EISO_ERR_NOT_FOUND', migrationMessages(locale).instanceNotFound(key));
}

/** Loads the instance that a migration plan is for, or throws 404 in `locale`. */
export async function loadMigratingInstance(
  db: Knex,
  unitId: string,
  key: string,
  locale: Locale = 'en',
): Promise<StoredInstance> {
  if (!/^\d{1,18}$/.test(key)) throw instanceNotFound(key, locale);
  const row = await db('process_instances').where({ key, unit_id: unitId }).first();
  if (!row) throw instanceNotFound(key, locale);
  return toStoredInstance(row);
}

/**
 * Moves a running instance to another version when its plan allows it, in one
 * transaction with the instance row locked, and records it in the history.
 * The instance's revision changes, so a command prepared on the old version fails with 409.
 */
export async function migrateInstance(
  db: Knex,
  engine: ProcessEngine,
  unitId: string,
  instanceKey: string,
  targetKey: string,
  mappings: MappingInstruction[],
  actor: string,
  now: Date,
  locale: Locale = 'en',
): Promise<MigrationPlan> {
  return db.transaction(async (trx) => {
    const row = await trx('process_instances')
      .where({ key: instanceKey, unit_id: unitId })
      .forUpdate()
      .first();
    if (!row) throw instanceNotFound(instanceKey, locale);
    const instance = toStoredInstance(row);
    const target = await targetDefinition(trx, unitId, targetKey, locale);
    const plan = await planMigration(trx, engine, instance, target, mappings, locale);
    if (!plan.migratable) {
      throw new EisoError(
        'EISO_ERR_CONFLICT',
        migrationMessages(locale).cannotMove(instanceKey, target.version, plan.problems[0] ?? ''),
        plan.problems.map((problem) => ({ path: '/targetProcessDefinitionKey', message: problem })),
      );
    }
    if (target.key === instance.processDefinitionKey) return plan;
    await trx('process_instances')
      .where({ key: instanceKey })
      .update({
        process_definition_key: target.key,
        version: target.version,
        revision: instance.revision + 1,
      });
    for (const table of ['user_tasks', 'incidents']) {
      await trx(table)
        .where({ process_instance_key: instanceKey })
        .update({ process_definition_key: target.key });
    }
    await appendHistory(
      trx,
      unitId,
      instanceKey,
      [
        {
          type: 'PROCESS_INSTANCE_MIGRATED',
          actor,
          data: {
            fromVersion: instance.version,
            toVersion: target.version,
            processDefinitionKey: target.key,
            activeElements: plan.elements.filter((e) => e.active).map((e) => e.elementId),
          },
        },
      ],
      now,
    );
    return plan;
  });
}
