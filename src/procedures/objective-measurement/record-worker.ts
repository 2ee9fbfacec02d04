import type { Knex } from 'knex';
import type { JobContext } from '../../jobs/job-worker.js';
import type { DepartmentAssignment, ObjectiveToMeasure } from './collect-worker.js';
import { parsePeriodLabel, type MeasurementPeriod } from './measurement-period.js';
import { isAchieved, vietnameseNumber } from './target-direction.js';

/** Days the secretary has to decide on the objectives that missed their target. */
const decisionDays = 5;

/** One measured value as the department's form submits it. */
interface SubmittedMeasurement {
  measuredValue?: unknown;
  evidence?: unknown;
  comment?: unknown;
}

/** A completed measurement task with what its department reported. */
interface DepartmentReport {
  assignment: DepartmentAssignment;
  submitted: SubmittedMeasurement[];
  completedBy: string;
  completedByName: string | null;
  completedAt: string;
}

/** A measurement that missed its target, as the secretary's decision form lists it. */
export interface MissedObjective {
  measurementId: string;
  position: number;
  title: string;
  department: string;
  departmentName: string;
  measured: string;
  target: string;
  comment: string | null;
}

function periodOf(job: JobContext): MeasurementPeriod {
  const period = parsePeriodLabel(String(job.variables.period ?? ''));
  if (!period) {
    throw new Error(
      `variable 'period' must be a period such as 2027-01 or 2027-Q1, got ${JSON.stringify(job.variables.period)}`,
    );
  }
  return period;
}

async function completedReports(job: JobContext): Promise<DepartmentReport[]> {
  const tasks = await job
    .trx('user_tasks')
    .leftJoin('users', 'users.username', 'user_tasks.completed_by')
    .where({
      'user_tasks.process_instance_key': job.processInstanceKey,
      'user_tasks.element_id': 'Task_MeasureObjectives',
      'user_tasks.state': 'COMPLETED',
    })
    .orderBy('user_tasks.key')
    .select(
      'user_tasks.local_variables',
      'user_tasks.completion_variables',
      'user_tasks.completed_by',
      'user_tasks.completed_at',
      'users.display_name',
    );
  return tasks.map((task) => ({
    assignment: task.local_variables?.assignment as DepartmentAssignment,
    submitted: task.completion_variables?.assignment?.measurements as SubmittedMeasurement[],
    completedBy: String(task.completed_by),
    completedByName: (task.display_name as string | null) ?? null,
    completedAt: new Date(task.completed_at).toISOString(),
  }));
}

// The form lists a department's objectives in a list that the user cannot add to or remove from,
// so the n-th submitted value belongs to the n-th objective. The form validation has already
// checked each value. A list of another length can only come from a client that bypasses the
// form, so it fails the job instead of recording values against the wrong objectives.
// NOTE: that case raises an incident after the task completed, not a 400, because a check of the
// list length at completion would need a hook in the task service.
function checkReport(report: DepartmentReport): void {
  const expected = report.assignment?.measurements?.length ?? 0;
  const submitted = Array.isArray(report.submitted) ? report.submitted.length : 0;
  if (expected === 0 || submitted !== expected) {
    throw new Error(
      `department ${report.assignment?.department} reported ${submitted} values for ${expected} objectives; complete the measurement task with one value per objective`,
    );
  }
  report.submitted.forEach((value, index) => {
    if (typeof value.measuredValue !== 'number' || !Number.isFinite(value.measuredValue)) {
      throw new Error(
        `department ${report.assignment.department} reported no number for objective ${index + 1}`,
      );
    }
  });
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function measurementRow(
  job: JobContext,
  period: MeasurementPeriod,
  report: DepartmentReport,
  departmentId: string | null,
  objective: ObjectiveToMeasure,
  value: SubmittedMeasurement,
) {
  const measuredValue = value.measuredValue as number;
  return {
    unit_id: job.unitId,
    objective_id: objective.objectiveId,
    year: period.year,
    period: period.label,
    period_start: period.start,
    period_end: period.end,
    objective_position: objective.position,
    objective_title: objective.title,
    measured_value: measuredValue,
    target_value: objective.targetValue,
    target_unit: objective.targetUnit,
    direction: objective.direction,
    achieved: isAchieved(measuredValue, objective.targetValue, objective.direction),
    department_id: departmentId,
    department_code: report.assignment.department,
    evidence: optionalText(value.evidence) ?? '',
    comment: optionalText(value.comment),
    measured_by: report.completedBy,
    measured_by_name: report.completedByName,
    measured_at: report.completedAt,
    process_instance_key: job.processInstanceKey,
    corrective_action_key: null,
    corrective_action_instance_key: null,
  };
}

async function departmentIds(trx: Knex.Transaction, unitId: string) {
  const rows = await trx('units')
    .where({ agency_id: unitId, kind: 'department' })
    .select('id', 'code');
  return new Map(rows.map((row) => [row.code as string, String(row.id)]));
}

function missedObjective(
  row: { id: string },
  report: DepartmentReport,
  objective: ObjectiveToMeasure,
  value: SubmittedMeasurement,
): MissedObjective {
  return {
    measurementId: String(row.id),
    position: objective.position,
    title: objective.title,
    department: report.assignment.department,
    departmentName: report.assignment.departmentName,
    measured: `${vietnameseNumber(value.measuredValue as number)} ${objective.targetUnit}`.trim(),
    target: objective.target,
    comment: optionalText(value.comment),
  };
}

/**
 * Records every department's measured values, compares each with its target in the target's
 * direction, and returns the objectives that missed it for the secretary's decision. A measurement
 * of the same objective and period replaces the earlier one, so a retried job writes each once.
 */
export async function recordMeasurements(job: JobContext) {
  const period = periodOf(job);
  const reports = await completedReports(job);
  reports.forEach(checkReport);
  const departments = await departmentIds(job.trx, job.unitId);

  const missed: MissedObjective[] = [];
  let measuredCount = 0;
  for (const report of reports) {
    const departmentId = departments.get(report.assignment.department) ?? null;
    for (const [index, objective] of report.assignment.measurements.entries()) {
      const value = report.submitted[index];
      const row = measurementRow(job, period, report, departmentId, objective, value);
      const [stored] = await job
        .trx('objective_measurements')
        .insert(row)
        .onConflict(['objective_id', 'period'])
        .merge()
        .returning('id');
      measuredCount++;
      if (!row.achieved) missed.push(missedObjective(stored, report, objective, value));
    }
  }

  job.logger.info(
    {
      processInstanceKey: job.processInstanceKey,
      period: period.label,
      measuredCount,
      missed: missed.length,
    },
    'objective measurements recorded',
  );
  return {
    measuredCount,
    missedCount: missed.length,
    // Counted from the job's clock, because FEEL's now() reads the wall clock.
    decisionDueAt: new Date(job.now.getTime() + decisionDays * 86_400_000).toISOString(),
    missedObjectives: missed,
    missedOptions: missed.map((entry) => ({
      value: entry.measurementId,
      label: `MT-${String(entry.position).padStart(2, '0')} ${entry.title} (${entry.departmentName}): ${entry.measured}, chỉ tiêu ${entry.target}`,
    })),
  };
}
