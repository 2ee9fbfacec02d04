import type { Knex } from 'knex';
import { evaluateExpression, isFeelExpression } from '../engine/embedded/feel.js';
import type { TimerStartDefinition } from '../engine/embedded/model-validator.js';
import { loadUnitSettings } from '../settings/unit-settings.js';
import {
  TimerExpressionError,
  nextOccurrence,
  parseDateTime,
  parseRepeatingInterval,
} from './timer-schedule.js';

/** A row of `start_timers`: one timer start event of a process of one unit. */
export interface StartTimerRow {
  id: string;
  unit_id: string;
  bpmn_process_id: string;
  element_id: string;
  expression: string;
  kind: 'timeCycle' | 'timeDate';
  due_at: Date | string | null;
  fired_count: number;
  state: 'ACTIVE' | 'DONE' | 'CANCELED';
}

/**
 * Evaluates a timer start expression to its ISO 8601 text. A FEEL expression sees the unit's
 * settings as `settings`, because a timer start event has no instance variables yet.
 */
async function timerValue(
  db: Knex | Knex.Transaction,
  unitId: string,
  expression: string,
): Promise<string> {
  if (!isFeelExpression(expression)) return expression;
  const settings = await loadUnitSettings(db, unitId);
  const value = evaluateExpression(expression, { settings }, true);
  if (typeof value !== 'string') {
    throw new TimerExpressionError(String(value), `a text: ${expression} gave ${typeof value}`);
  }
  return value;
}

/**
 * Computes when a timer start event fires next, after `now`, given how often it fired. Returns
 * null when it will not fire again (a past timeDate, used-up repetitions).
 */
export async function nextDueAt(
  db: Knex | Knex.Transaction,
  unitId: string,
  timer: { kind: 'timeCycle' | 'timeDate'; expression: string; firedCount: number },
  now: Date,
  registering = false,
): Promise<Date | null> {
  const value = await timerValue(db, unitId, timer.expression);
  if (timer.kind === 'timeDate') {
    return timer.firedCount === 0 ? parseDateTime(value) : null;
  }
  const interval = parseRepeatingInterval(value);
  return nextOccurrence(interval, now, timer.firedCount, {
    inclusive: registering,
    registeredAt: now,
  });
}

/**
 * Records the timer start events of a newly deployed process version, replacing those of its
 * earlier version. A timer that already fired keeps its count, so a redeployment does not fire a
 * used-up `R3/...` cycle again.
 */
export async function registerStartTimers(
  trx: Knex.Transaction,
  unitId: string,
  bpmnProcessId: string,
  timers: TimerStartDefinition[],
  now: Date,
): Promise<void> {
  const existing: StartTimerRow[] = await trx('start_timers').where({
    unit_id: unitId,
    bpmn_process_id: bpmnProcessId,
  });
  const kept = new Set(timers.map((timer) => timer.elementId));
  const dropped = existing.filter((row) => !kept.has(row.element_id)).map((row) => row.id);
  if (dropped.length > 0) {
    await trx('start_timers').whereIn('id', dropped).update({ state: 'CANCELED', due_at: null });
  }

  for (const timer of timers) {
    const previous = existing.find((row) => row.element_id === timer.elementId);
    const firedCount = previous ? Number(previous.fired_count) : 0;
    const dueAt = await nextDueAt(trx, unitId, { ...timer, firedCount }, now, true);
    const row = {
      expression: timer.expression,
      kind: timer.kind,
      due_at: dueAt?.toISOString() ?? null,
      state: dueAt ? 'ACTIVE' : 'DONE',
      last_error: null,
    };
    if (previous) {
      await trx('start_timers').where({ id: previous.id }).update(row);
    } else {
      await trx('start_timers').insert({
        unit_id: unitId,
        bpmn_process_id: bpmnProcessId,
        element_id: timer.elementId,
        fired_count: 0,
        ...row,
      });
    }
  }
}

/**
 * Computes again when each active timer start event of a unit fires, after the unit's settings
 * changed. A setting that makes an expression invalid is rejected before it is stored, so this
 * does not fail on the settings it is given.
 */
export async function rescheduleStartTimers(
  trx: Knex.Transaction,
  unitId: string,
  now: Date,
): Promise<void> {
  const rows: StartTimerRow[] = await trx('start_timers')
    .where({ unit_id: unitId })
    .whereIn('state', ['ACTIVE', 'DONE']);
  for (const row of rows) {
    if (!isFeelExpression(row.expression)) continue;
    const dueAt = await nextDueAt(
      trx,
      unitId,
      { kind: row.kind, expression: row.expression, firedCount: Number(row.fired_count) },
      now,
      true,
    );
    await trx('start_timers')
      .where({ id: row.id })
      .update({ due_at: dueAt?.toISOString() ?? null, state: dueAt ? 'ACTIVE' : 'DONE' });
  }
}

/** The next start of each timer-started process of a unit, for the list of procedures. */
export async function nextStarts(
  db: Knex,
  unitId: string,
): Promise<Map<string, { elementId: string; dueAt: string | null }>> {
  const rows: StartTimerRow[] = await db('start_timers')
    .where({ unit_id: unitId, state: 'ACTIVE' })
    .orderBy('due_at');
  const starts = new Map<string, { elementId: string; dueAt: string | null }>();
  for (const row of rows) {
    if (starts.has(row.bpmn_process_id)) continue;
    const dueAt = row.due_at ? new Date(row.due_at).toISOString() : null;
    starts.set(row.bpmn_process_id, { elementId: row.element_id, dueAt });
  }
  return starts;
}
