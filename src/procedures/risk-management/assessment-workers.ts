import type { Knex } from 'knex';
import type { JobContext } from '../../jobs/job-worker.js';
import type { UnitSettings } from '../../settings/unit-settings.js';
import {
  opportunityItem,
  opportunityPlanRows,
  opportunityScoreRows,
  riskItem,
  riskScoreRows,
  treatmentPlanRows,
} from './form-variables.js';
import {
  completedIterations,
  completerOf,
  displayNames,
  listOf,
  ratingOrNull,
  settingsOf,
  textOrNull,
} from './job-inputs.js';
import { addMonths, vietnamDate } from './review-dates.js';
import { levelLabels, ratingOptions, scoreOf, type RiskMatrix } from './risk-matrix.js';
import {
  lockUnit,
  nextCodes,
  readDepartments,
  readInstanceOpportunities,
  readInstanceRisks,
  type Department,
} from './risk-records.js';

/** Wording of the events that may start an assessment, by the `trigger` code of the start. */
const triggerLabels: Record<string, string> = {
  'corrective-action': 'Hành động khắc phục',
  audit: 'Kết quả đánh giá nội bộ',
  review: 'Kết luận xem xét của lãnh đạo',
  complaint: 'Phản ánh, khiếu nại',
  'context-change': 'Thay đổi bối cảnh của tổ chức',
};

function describeMatrix(matrix: RiskMatrix): string {
  const bands = matrix.bands
    .map((band) => `${levelLabels[band.level].vi} ${band.min}-${band.max}`)
    .join(', ');
  return `${matrix.likelihoodLevels} × ${matrix.severityLevels}; ${bands}`;
}

/**
 * Prepares an assessment: the rating options of the unit's matrix for the forms, and the event
 * that started it, if any (the risk-management start contract passes `trigger` and
 * `sourceReference`).
 */
export async function prepareAssessment(job: JobContext) {
  const settings = await settingsOf(job);
  const trigger = textOrNull(job.variables.trigger);
  return {
    settings,
    ...ratingOptions(settings.riskMatrix),
    matrixText: describeMatrix(settings.riskMatrix),
    trigger,
    triggerText: trigger ? (triggerLabels[trigger] ?? trigger) : null,
    sourceReference: textOrNull(job.variables.sourceReference),
  };
}

interface Identification {
  department: string;
  risks: Record<string, unknown>[];
  opportunities: Record<string, unknown>[];
  /** The head who completed the department's identification owns the risks it lists. */
  identifiedBy: string;
}

// In the order of the plan's departments, so that positions follow the plan.
async function identificationsOf(job: JobContext): Promise<Identification[]> {
  const planned = Array.isArray(job.variables.assessmentDepartments)
    ? (job.variables.assessmentDepartments as unknown[]).map(String)
    : [];
  const identifications = (await completedIterations(job, 'Task_IdentifyRisks')).map(
    (iteration) => ({
      department: String(iteration.localVariables.department),
      risks: listOf(iteration.submitted.identifiedRisks),
      opportunities: listOf(iteration.submitted.identifiedOpportunities),
      identifiedBy: iteration.completedBy,
    }),
  );
  const rank = (code: string) => (planned.includes(code) ? planned.indexOf(code) : planned.length);
  return identifications.sort((left, right) => rank(left.department) - rank(right.department));
}

/** The assessment, department and owner that every row of an identification carries. */
interface RowContext {
  job: JobContext;
  matrix: RiskMatrix;
  department: Department | undefined;
  owner: { username: string | null; name: string | null };
}

function commonColumns(context: RowContext, code: string, position: number, actor: string) {
  const { job, department, owner } = context;
  return {
    unit_id: job.unitId,
    code,
    department_id: department?.id ?? null,
    department_code: department?.code ?? null,
    owner_username: owner.username,
    owner_name: owner.name,
    status: 'identified',
    assessment_key: job.businessKey,
    source_reference: textOrNull(job.variables.sourceReference),
    process_instance_key: job.processInstanceKey,
    position,
    created_at: job.now,
    created_by: actor,
    updated_at: job.now,
    updated_by: actor,
  };
}

// The heads' ratings are proposals: the form only offers ratings of the matrix, and the
// secretary confirms or changes them in the next step.
function riskRow(context: RowContext, input: Record<string, unknown>) {
  const likelihood = ratingOrNull(input.likelihood) ?? 1;
  const severity = ratingOrNull(input.severity) ?? 1;
  return {
    process: textOrNull(input.process) ?? '',
    description: textOrNull(input.description) ?? '',
    cause: textOrNull(input.cause),
    consequence: textOrNull(input.consequence),
    likelihood,
    severity,
    ...scoreOf(context.matrix, likelihood, severity),
  };
}

function opportunityRow(context: RowContext, input: Record<string, unknown>) {
  const benefit = ratingOrNull(input.benefit) ?? 1;
  const feasibility = ratingOrNull(input.feasibility) ?? 1;
  const { score, level } = scoreOf(context.matrix, benefit, feasibility);
  return {
    process: textOrNull(input.process) ?? '',
    description: textOrNull(input.description) ?? '',
    action: textOrNull(input.action),
    benefit,
    feasibility,
    score,
    priority: level,
  };
}

async function insertIdentification(
  trx: Knex.Transaction,
  context: RowContext,
  identification: Identification,
  positions: { risk: number; opportunity: number },
): Promise<void> {
  const { job } = context;
  const code = context.department?.code ?? identification.department;
  const actor = context.owner.username ?? 'system';
  const riskCodes = await nextCodes(
    trx,
    'risks',
    job.unitId,
    `RR-${code}`,
    identification.risks.length,
  );
  const opportunityCodes = await nextCodes(
    trx,
    'opportunities',
    job.unitId,
    `CH-${code}`,
    identification.opportunities.length,
  );

  const risks = identification.risks.map((input, index) => ({
    ...commonColumns(context, riskCodes[index]!, ++positions.risk, actor),
    ...riskRow(context, input),
  }));
  const opportunities = identification.opportunities.map((input, index) => ({
    ...commonColumns(context, opportunityCodes[index]!, ++positions.opportunity, actor),
    ...opportunityRow(context, input),
  }));
  if (risks.length > 0) await trx('risks').insert(risks);
  if (opportunities.length > 0) await trx('opportunities').insert(opportunities);
}

/**
 * Writes what the department heads identified into the two registers, with codes such as
 * `RR-VP-04` and `CH-VP-02`, and the scores computed from the matrix. A retried job finds the
 * rows of its instance and writes nothing twice.
 */
export async function consolidateIdentifications(job: JobContext) {
  const settings = await settingsOf(job);
  const existing = await readInstanceRisks(job.trx, job.processInstanceKey);
  if (existing.length === 0) {
    await lockUnit(job.trx, job.unitId);
    const departments = await readDepartments(job.trx, job.unitId);
    const identifications = await identificationsOf(job);
    const names = await displayNames(
      job,
      identifications.map((identification) => identification.identifiedBy),
    );
    const positions = { risk: 0, opportunity: 0 };
    for (const identification of identifications) {
      const username = identification.identifiedBy;
      const context: RowContext = {
        job,
        matrix: settings.riskMatrix,
        department: departments.get(identification.department),
        owner: { username, name: names.get(username) ?? username },
      };
      await insertIdentification(job.trx, context, identification, positions);
    }
  }

  const risks = await readInstanceRisks(job.trx, job.processInstanceKey);
  const opportunities = await readInstanceOpportunities(job.trx, job.processInstanceKey);
  job.logger.info(
    {
      processInstanceKey: job.processInstanceKey,
      risks: risks.length,
      opportunities: opportunities.length,
    },
    'risks and opportunities identified',
  );
  return {
    risks: risks.map(riskItem),
    opportunities: opportunities.map(opportunityItem),
    riskScores: riskScoreRows(risks),
    opportunityScores: opportunityScoreRows(opportunities),
  };
}

/** Returns the day of the assessment and the review date that it gives every risk. */
function assessmentDates(job: JobContext, settings: UnitSettings) {
  const assessedOn = vietnamDate(job.now);
  return { assessedOn, reviewDate: addMonths(assessedOn, settings.riskReviewMonths) };
}

/**
 * Records the secretary's scoring: each row of `riskScores` and `opportunityScores` applies to
 * the record at the same position. A row that a client left out keeps the head's ratings. Rows
 * beyond the records are ignored, because the form offers no way to add one.
 */
export async function recordEvaluation(job: JobContext) {
  const settings = await settingsOf(job);
  const matrix = settings.riskMatrix;
  const { assessedOn, reviewDate } = assessmentDates(job, settings);
  const actor = await completerOf(job, 'Task_EvaluateRisks');
  const audit = { updated_at: job.now, updated_by: actor };

  const scoredRisks = listOf(job.variables.riskScores);
  for (const [index, risk] of (
    await readInstanceRisks(job.trx, job.processInstanceKey)
  ).entries()) {
    const row = scoredRisks[index] ?? {};
    const likelihood = ratingOrNull(row.likelihood) ?? risk.likelihood;
    const severity = ratingOrNull(row.severity) ?? risk.severity;
    await job
      .trx('risks')
      .where({ id: risk.id })
      .update({
        likelihood,
        severity,
        ...scoreOf(matrix, likelihood, severity),
        priority: textOrNull(row.priority) ?? risk.priority,
        assessed_on: assessedOn,
        review_date: reviewDate,
        status: 'assessed',
        ...audit,
      });
  }

  const scoredOpportunities = listOf(job.variables.opportunityScores);
  const opportunities = await readInstanceOpportunities(job.trx, job.processInstanceKey);
  for (const [index, opportunity] of opportunities.entries()) {
    const row = scoredOpportunities[index] ?? {};
    const benefit = ratingOrNull(row.benefit) ?? opportunity.benefit;
    const feasibility = ratingOrNull(row.feasibility) ?? opportunity.feasibility;
    const { score, level } = scoreOf(matrix, benefit, feasibility);
    await job
      .trx('opportunities')
      .where({ id: opportunity.id })
      .update({
        benefit,
        feasibility,
        score,
        priority: level,
        assessed_on: assessedOn,
        status: 'assessed',
        ...audit,
      });
  }

  const risks = await readInstanceRisks(job.trx, job.processInstanceKey);
  const assessed = await readInstanceOpportunities(job.trx, job.processInstanceKey);
  return {
    assessedOn,
    risks: risks.map(riskItem),
    opportunities: assessed.map(opportunityItem),
    treatmentPlans: treatmentPlanRows(risks),
    opportunityPlans: opportunityPlanRows(assessed),
  };
}
