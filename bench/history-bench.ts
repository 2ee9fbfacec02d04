import { readFileSync } from 'node:fs';
import type { Knex } from 'knex';
import { migrateToLatest } from '../src/db/migrate.js';
import {
  appendHistory,
  findChainProblem,
  readHistory,
  type HistoryEventInput,
} from '../src/history/history-log.js';
import { seedAgency } from '../src/seed/demo-agency.js';
import type { BenchDatabase } from './http-setup.js';
import { benchAgency } from './workload.js';

/** Settings of the history benchmark. */
export interface HistoryOptions {
  events: number;
  warmUpRuns: number;
  measuredRuns: number;
}

/** Latencies of loading and verifying one instance's history. */
export interface HistoryFigures {
  database: string;
  events: number;
  runs: number;
  fillSeconds: number;
  totalP50Ms: number;
  totalP95Ms: number;
  readP50Ms: number;
  verifyP50Ms: number;
  /**
   * This process's CPU time for the read and the verification, p50. On PGlite the database runs
   * in this process too, so the figure is the whole work and depends little on other load.
   */
  cpuP50Ms: number;
}

// One instance of the quality-objectives model whose history is filled directly, so that the
// figure is the read and the recomputation alone, not the engine that wrote the events.
async function insertInstance(db: Knex, unitId: string): Promise<string> {
  const xml = readFileSync('processes/quality-objectives.bpmn', 'utf8');
  const [deployment] = await db('deployments')
    .insert({ unit_id: unitId, deployed_by: 'bench' })
    .returning('key');
  const [definition] = await db('process_definitions')
    .insert({
      unit_id: unitId,
      deployment_key: deployment.key,
      bpmn_process_id: 'quality-objectives',
      version: 1,
      name: 'bench',
      resource_name: 'quality-objectives.bpmn',
      xml,
      checksum: 'bench',
    })
    .returning('key');
  const [instance] = await db('process_instances')
    .insert({
      unit_id: unitId,
      process_definition_key: definition.key,
      bpmn_process_id: 'quality-objectives',
      version: 1,
      state: 'ACTIVE',
    })
    .returning('key');
  return String(instance.key);
}

// A mix like a long-running instance's: elements entered and left, flows taken, variables
// changed with their previous values, and tasks completed with their form data.
function sampleEvent(index: number): HistoryEventInput {
  const elementId = `Task_${index % 40}`;
  switch (index % 5) {
    case 0:
      return { type: 'ELEMENT_ACTIVATED', elementId, elementInstanceKey: `e${index}` };
    case 1:
      return { type: 'ELEMENT_COMPLETED', elementId, elementInstanceKey: `e${index - 1}` };
    case 2:
      return { type: 'SEQUENCE_FLOW_TAKEN', elementId: `Flow_${index % 40}` };
    case 3:
      return {
        type: 'VARIABLE_UPDATED',
        actor: 'secretary',
        data: {
          name: 'progress',
          value: { step: index, note: 'Đã cập nhật' },
          previousValue: index - 5,
        },
      };
    default:
      return {
        type: 'USER_TASK_COMPLETED',
        elementId,
        elementInstanceKey: `e${index}`,
        actor: 'director',
        data: { userTaskKey: String(index), variables: { decision: 'approve', comment: 'Đồng ý' } },
      };
  }
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

/** Fills one instance with `events` events, then times readHistory plus the chain recomputation. */
export async function measureHistory(
  database: BenchDatabase,
  options: HistoryOptions,
  progress: (message: string) => void,
): Promise<HistoryFigures> {
  const { db } = database;
  await migrateToLatest(db);
  const { unitId } = await seedAgency(db, benchAgency, 'bench-password-1');
  const instanceKey = await insertInstance(db, unitId);

  const fillStarted = performance.now();
  const start = Date.parse('2026-01-05T02:00:00Z');
  for (let written = 0; written < options.events; written += 500) {
    const batch = Array.from({ length: Math.min(500, options.events - written) }, (_, index) =>
      sampleEvent(written + index),
    );
    await db.transaction((trx) =>
      appendHistory(trx, unitId, instanceKey, batch, new Date(start + written * 1000)),
    );
  }
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  progress(`history: ${options.events} events written in ${fillSeconds.toFixed(1)} s`);

  const totals: number[] = [];
  const reads: number[] = [];
  const verifies: number[] = [];
  const cpuTimes: number[] = [];
  for (let run = 0; run < options.warmUpRuns + options.measuredRuns; run++) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const events = await readHistory(db, instanceKey);
    const read = performance.now();
    const problem = findChainProblem(events);
    const ended = performance.now();
    const cpu = process.cpuUsage(cpuStarted);
    if (problem || events.length !== options.events)
      throw new Error(`the bench chain does not verify: ${problem?.reason ?? events.length}`);
    if (run < options.warmUpRuns) continue;
    totals.push(ended - started);
    reads.push(read - started);
    verifies.push(ended - read);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  for (const list of [totals, reads, verifies, cpuTimes]) list.sort((a, b) => a - b);
  return {
    database: database.label,
    events: options.events,
    runs: options.measuredRuns,
    fillSeconds,
    totalP50Ms: percentile(totals, 0.5),
    totalP95Ms: percentile(totals, 0.95),
    readP50Ms: percentile(reads, 0.5),
    verifyP50Ms: percentile(verifies, 0.5),
    cpuP50Ms: percentile(cpuTimes, 0.5),
  };
}
