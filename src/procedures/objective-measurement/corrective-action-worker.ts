import type { JobContext } from '../../jobs/job-worker.js';
import { parsePeriodLabel, periodName } from './measurement-period.js';
import { targetText, vietnameseNumber, type TargetDirection } from './target-direction.js';

/** The procedure that a missed objective opens, with the start contract of clause 10.2. */
export const correctiveActionProcessId = 'corrective-action';

interface MissedRow {
  id: string;
  year: number;
  period: string;
  objective_position: number;
  objective_title: string;
  measured_value: string;
  target_value: string;
  target_unit: string;
  direction: TargetDirection;
  department_code: string | null;
  department_name: string | null;
  comment: string | null;
  evidence: string;
  corrective_action_key: string | null;
}

function chosenIds(job: JobContext): string[] {
  const chosen = job.variables.correctiveActionFor;
  if (chosen === null || chosen === undefined) return [];
  if (!Array.isArray(chosen)) {
    throw new Error(
      `variable 'correctiveActionFor' must be a list of measurement ids, got ${JSON.stringify(chosen)}`,
    );
  }
  return chosen.map(String);
}

/** Builds the reference to the objective of the year and the period, such as `MTCL-2027 / MT-02 / 2027-01`. */
export function sourceReference(row: Pick<MissedRow, 'year' | 'objective_position' | 'period'>) {
  const position = String(row.objective_position).padStart(2, '0');
  return `MTCL-${row.year} / MT-${position} / ${row.period}`;
}

function correctiveActionVariables(row: MissedRow, decisionNote: string | null) {
  const period = parsePeriodLabel(row.period);
  const measured = `${vietnameseNumber(Number(row.measured_value))} ${row.target_unit}`.trim();
  const target = targetText(Number(row.target_value), row.target_unit, row.direction);
  const lines = [
    `Kết quả đo lường ${period ? periodName(period) : row.period}: ${measured}, không đạt chỉ tiêu ${target}.`,
    row.department_name ? `Phòng chủ trì: ${row.department_name}.` : null,
    `Nguồn số liệu: ${row.evidence}`,
    row.comment ? `Nhận xét của phòng: ${row.comment}` : null,
    decisionNote ? `Ý kiến của Thư ký ISO: ${decisionNote}` : null,
  ];
  return {
    source: 'objective',
    sourceReference: sourceReference(row),
    title: `Không đạt mục tiêu chất lượng: ${row.objective_title} (${row.period})`,
    description: lines.filter(Boolean).join('\n'),
    departmentCode: row.department_code,
  };
}

/**
 * Opens a corrective action for each missed objective that the secretary chose, in this job's
 * transaction, and links it to the measurement. A measurement that already has one keeps it.
 */
export async function openCorrectiveActions(job: JobContext) {
  const ids = chosenIds(job);
  if (ids.length === 0) return { correctiveActions: [] };
  const decisionNote =
    typeof job.variables.decisionNote === 'string' ? job.variables.decisionNote.trim() : null;
  const rows: MissedRow[] = await job
    .trx('objective_measurements as m')
    .leftJoin('units', 'units.id', 'm.department_id')
    .where({ 'm.process_instance_key': job.processInstanceKey, 'm.achieved': false })
    .whereIn('m.id', ids)
    .orderBy('m.id')
    .select('m.*', 'units.name as department_name');

  const opened: {
    measurementId: string;
    businessKey: string | null;
    processInstanceKey: string;
  }[] = [];
  for (const row of rows) {
    if (row.corrective_action_key) continue;
    const started = await job.startProcess({
      bpmnProcessId: correctiveActionProcessId,
      variables: correctiveActionVariables(row, decisionNote || null),
    });
    await job
      .trx('objective_measurements')
      .where({ id: row.id })
      .update({
        corrective_action_key: started.businessKey ?? started.processInstanceKey,
        corrective_action_instance_key: started.processInstanceKey,
      });
    opened.push({
      measurementId: String(row.id),
      businessKey: started.businessKey,
      processInstanceKey: started.processInstanceKey,
    });
  }
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, opened: opened.length },
    'corrective actions opened for missed objectives',
  );
  return { correctiveActions: opened };
}
