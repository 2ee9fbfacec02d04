import type { Knex } from 'knex';
import type { JobContext } from '../../jobs/job-worker.js';
import {
  parsePeriodLabel,
  periodEndedBefore,
  periodKindOfCycle,
  periodName,
  type MeasurementPeriod,
} from './measurement-period.js';
import { reportDeadline } from './report-deadline.js';
import { directionOf, targetText, type TargetDirection } from './target-direction.js';

/** One objective in a department's measurement form; the form adds the measured value. */
export interface ObjectiveToMeasure {
  objectiveId: string;
  position: number;
  title: string;
  indicator: string;
  formula: string | null;
  targetValue: number;
  targetUnit: string;
  direction: TargetDirection;
  /** The target with its comparison sign, such as `≥ 98 %`, shown read-only in the form. */
  target: string;
}

/** The work of one owner department in one period: the multi-instance loop's input element. */
export interface DepartmentAssignment {
  department: string;
  departmentName: string;
  measurements: ObjectiveToMeasure[];
}

const procedureId = 'objective-measurement';

// The business key names the period that ended before the start (`objective-measurement-2027-01`),
// so the instance and its records agree on it. The core's `period` key policy is fixed per
// procedure, though, and names a month even when the unit measures quarterly.
// NOTE: until the policy can follow the unit's cycle, a quarterly instance renames its month key
// to the quarter here, and a second instance for the same quarter fails with an incident.
async function measuredPeriod(
  job: JobContext,
  cycle: string,
  startedAt: Date,
): Promise<MeasurementPeriod> {
  const kind = periodKindOfCycle(cycle);
  const label = /(\d{4}-(?:\d{2}|Q[1-4]))$/.exec(job.businessKey ?? '')?.[1];
  const named = label ? parsePeriodLabel(label) : null;
  if (named?.kind === kind) return named;

  const period = periodEndedBefore(kind, startedAt);
  if (named) await renameBusinessKey(job, `${procedureId}-${period.label}`);
  return period;
}

async function startTime(job: JobContext): Promise<Date> {
  const instance = await job
    .trx('process_instances')
    .where({ key: job.processInstanceKey })
    .first('started_at');
  return instance ? new Date(instance.started_at) : job.now;
}

async function renameBusinessKey(job: JobContext, businessKey: string): Promise<void> {
  const other = await job
    .trx('process_instances')
    .where({ unit_id: job.unitId, bpmn_process_id: procedureId, business_key: businessKey })
    .whereNot('state', 'TERMINATED')
    .whereNot('key', job.processInstanceKey)
    .first('key');
  if (other) {
    throw new Error(
      `${businessKey} is already measured by instance ${other.key}; cancel instance ${job.processInstanceKey}`,
    );
  }
  await job
    .trx('process_instances')
    .where({ key: job.processInstanceKey })
    .update({ business_key: businessKey });
}

async function approvedObjectives(trx: Knex.Transaction, unitId: string, year: number) {
  return trx('objectives')
    .leftJoin('units', 'units.id', 'objectives.owner_department_id')
    .where({ 'objectives.unit_id': unitId, 'objectives.year': year })
    .whereIn('objectives.status', ['approved', 'disseminated'])
    .orderBy([
      { column: 'units.sort_order', order: 'asc' },
      { column: 'objectives.position', order: 'asc' },
      { column: 'objectives.id', order: 'asc' },
    ])
    .select(
      'objectives.id',
      'objectives.position',
      'objectives.title',
      'objectives.indicator',
      'objectives.formula',
      'objectives.target_value',
      'objectives.target_unit',
      'objectives.direction',
      'units.code as department_code',
      'units.name as department_name',
    );
}

function toObjectiveToMeasure(row: Record<string, unknown>): ObjectiveToMeasure {
  const targetValue = Number(row.target_value);
  const targetUnit = String(row.target_unit);
  const direction = directionOf(row.direction, targetUnit);
  return {
    objectiveId: String(row.id),
    position: Number(row.position),
    title: String(row.title),
    indicator: String(row.indicator),
    formula: (row.formula as string | null) ?? null,
    targetValue,
    targetUnit,
    direction,
    target: targetText(targetValue, targetUnit, direction),
  };
}

/** Groups the objectives by owner department, keeping the departments' order. */
function byDepartment(rows: Record<string, unknown>[]): DepartmentAssignment[] {
  const assignments = new Map<string, DepartmentAssignment>();
  for (const row of rows) {
    const code = String(row.department_code);
    let assignment = assignments.get(code);
    if (!assignment) {
      assignment = {
        department: code,
        departmentName: String(row.department_name),
        measurements: [],
      };
      assignments.set(code, assignment);
    }
    assignment.measurements.push(toObjectiveToMeasure(row));
  }
  return [...assignments.values()];
}

/**
 * Collects the year's approved objectives of the period that just ended, grouped by owner
 * department, and the date by which the departments must report.
 */
export async function collectObjectives(job: JobContext) {
  const settings = (job.variables.settings ?? {}) as Record<string, unknown>;
  const startedAt = await startTime(job);
  const period = await measuredPeriod(job, String(settings.measurementCycle ?? ''), startedAt);
  const rows = await approvedObjectives(job.trx, job.unitId, period.year);
  const owned = rows.filter((row) => row.department_code);
  if (owned.length < rows.length) {
    job.logger.warn(
      {
        processInstanceKey: job.processInstanceKey,
        year: period.year,
        count: rows.length - owned.length,
      },
      'objectives without an owner department are not measured',
    );
  }

  const reminderDaysBefore = Number(settings.reminderDaysBefore ?? 0);
  const deadline = reportDeadline(period, startedAt, reminderDaysBefore, job.now);
  const assignments = byDepartment(owned);
  job.logger.info(
    {
      processInstanceKey: job.processInstanceKey,
      period: period.label,
      departments: assignments.length,
    },
    'objectives to measure collected',
  );
  return {
    period: period.label,
    periodKind: period.kind,
    periodName: periodName(period),
    periodYear: period.year,
    periodStart: period.start,
    periodEnd: period.end,
    ...deadline,
    assignments,
    objectiveCount: owned.length,
  };
}

/**
 * Lists the departments whose measurement task is still open, as notification recipients (their
 * heads) and as names, for the reminder before the deadline and the escalation after it.
 */
export async function findPendingDepartments(job: JobContext) {
  const tasks = await job
    .trx('user_tasks')
    .where({
      process_instance_key: job.processInstanceKey,
      element_id: 'Task_MeasureObjectives',
      state: 'CREATED',
    })
    .orderBy('key')
    .select('local_variables');
  const pending = tasks
    .map((task) => task.local_variables?.assignment as DepartmentAssignment | undefined)
    .filter((assignment): assignment is DepartmentAssignment => Boolean(assignment?.department));

  const recipients = pending.map((assignment) => `group:head-${assignment.department}`);
  return {
    pendingDepartments: pending.map((assignment) => assignment.department),
    pendingDepartmentNames: pending.map((assignment) => assignment.departmentName).join(', '),
    // With every report in, the notice still reaches the secretary, who follows the procedure.
    pendingRecipients: recipients.length > 0 ? recipients.join(',') : 'group:iso-secretary',
  };
}
