import type { JobContext } from '../../jobs/job-worker.js';
import {
  opportunityItem,
  opportunityPlanRows,
  opportunityResultRows,
  residualScoreRows,
  riskItem,
  treatmentPlanRows,
} from './form-variables.js';
import {
  completedIterations,
  completerOf,
  dayOrNull,
  listOf,
  ratingOrNull,
  settingsOf,
  textOrNull,
} from './job-inputs.js';
import { monitoringState } from './review-workers.js';
import { levelsNeedingApproval, scoreOf } from './risk-matrix.js';
import {
  readDepartments,
  readInstanceOpportunities,
  readInstanceRisks,
  type OpportunityRecord,
  type RiskRecord,
} from './risk-records.js';
import { treatmentOptions } from './risk-register.js';

const treatmentValues = new Set(treatmentOptions.map((option) => option.value));

function needsApproval(risk: RiskRecord): boolean {
  return levelsNeedingApproval.includes(risk.level);
}

// Departments in the agency's order, so the treatment tasks open in the order of the org chart.
async function departmentsWithWork(
  job: JobContext,
  risks: RiskRecord[],
  opportunities: OpportunityRecord[],
): Promise<string[]> {
  const codes = new Set(
    [...risks, ...opportunities.filter((item) => item.status === 'planned')].map(
      (item) => item.departmentCode,
    ),
  );
  const ordered = [...(await readDepartments(job.trx, job.unitId)).keys()];
  return ordered.filter((code) => codes.has(code));
}

/**
 * Records the treatment plan: for each risk its option, actions and due date, for each
 * opportunity whether it is pursued and how. The plan needs the board's approval when any risk
 * is high or critical, and the board is shown the rows of those risks.
 */
export async function recordTreatmentPlan(job: JobContext) {
  const actor = await completerOf(job, 'Task_PlanTreatment');
  const audit = { updated_at: job.now, updated_by: actor };

  const plans = listOf(job.variables.treatmentPlans);
  for (const [index, risk] of (
    await readInstanceRisks(job.trx, job.processInstanceKey)
  ).entries()) {
    const plan = plans[index] ?? {};
    const option = textOrNull(plan.treatmentOption);
    await job
      .trx('risks')
      .where({ id: risk.id })
      .update({
        treatment_option: option && treatmentValues.has(option) ? option : risk.treatmentOption,
        treatment_actions: textOrNull(plan.treatmentActions) ?? risk.treatmentActions,
        treatment_due: dayOrNull(plan.treatmentDue) ?? risk.treatmentDue,
        status: 'planned',
        ...audit,
      });
  }

  const opportunityPlans = listOf(job.variables.opportunityPlans);
  const assessed = await readInstanceOpportunities(job.trx, job.processInstanceKey);
  for (const [index, opportunity] of assessed.entries()) {
    const plan = opportunityPlans[index] ?? {};
    await job
      .trx('opportunities')
      .where({ id: opportunity.id })
      .update({
        action: textOrNull(plan.action) ?? opportunity.action,
        action_due: dayOrNull(plan.actionDue) ?? opportunity.actionDue,
        status: plan.pursue === 'defer' ? 'deferred' : 'planned',
        ...audit,
      });
  }

  const risks = await readInstanceRisks(job.trx, job.processInstanceKey);
  const opportunities = await readInstanceOpportunities(job.trx, job.processInstanceKey);
  return {
    risks: risks.map(riskItem),
    opportunities: opportunities.map(opportunityItem),
    treatmentPlans: treatmentPlanRows(risks),
    opportunityPlans: opportunityPlanRows(opportunities),
    approvalRequired: risks.some(needsApproval),
    highRiskPlans: risks.filter(needsApproval).map(riskItem),
    treatmentDepartments: await departmentsWithWork(job, risks, opportunities),
    implementations: [],
  };
}

/**
 * Starts the treatment: every risk of the plan is being treated. The risks whose plan the board
 * approved record the leader who approved it, from the approval the runtime stored.
 */
export async function startTreatment(job: JobContext) {
  const approval = job.variables.approvalRequired
    ? await job
        .trx('approvals')
        .where({ process_instance_key: job.processInstanceKey, decision: 'approve' })
        .orderBy('decided_at', 'desc')
        .first('actor', 'actor_name', 'decided_at')
    : undefined;

  for (const risk of await readInstanceRisks(job.trx, job.processInstanceKey)) {
    const approved = approval && needsApproval(risk);
    await job
      .trx('risks')
      .where({ id: risk.id })
      .update({
        status: 'treating',
        treatment_approved_by: approved ? approval.actor : null,
        treatment_approved_by_name: approved ? approval.actor_name : null,
        treatment_approved_at: approved ? approval.decided_at : null,
        updated_at: job.now,
        updated_by: approval?.actor ?? 'system',
      });
  }
  const risks = await readInstanceRisks(job.trx, job.processInstanceKey);
  return { risks: risks.map(riskItem) };
}

interface Implementation {
  department: string;
  report: string | null;
  implementedOn: string | null;
  implementedBy: string;
}

async function implementationsOf(job: JobContext): Promise<Implementation[]> {
  return (await completedIterations(job, 'Task_CarryOutTreatment')).map((iteration) => ({
    department: String(iteration.localVariables.department),
    report: textOrNull(iteration.submitted.implementationReport),
    implementedOn: dayOrNull(iteration.submitted.implementedOn),
    implementedBy: iteration.completedBy,
  }));
}

/** Records what each department reported on carrying out its treatment and its opportunities. */
export async function recordImplementation(job: JobContext) {
  for (const implementation of await implementationsOf(job)) {
    const audit = { updated_at: job.now, updated_by: implementation.implementedBy };
    const scope = {
      process_instance_key: job.processInstanceKey,
      department_code: implementation.department,
    };
    await job
      .trx('risks')
      .where(scope)
      .update({
        implementation_note: implementation.report,
        implemented_on: implementation.implementedOn,
        status: 'treated',
        ...audit,
      });
    await job
      .trx('opportunities')
      .where({ ...scope, status: 'planned' })
      .update({ implementation_note: implementation.report, status: 'in-progress', ...audit });
  }

  const risks = await readInstanceRisks(job.trx, job.processInstanceKey);
  const opportunities = await readInstanceOpportunities(job.trx, job.processInstanceKey);
  const pursued = opportunities.filter((opportunity) => opportunity.status === 'in-progress');
  return {
    risks: risks.map(riskItem),
    opportunities: opportunities.map(opportunityItem),
    residualScores: residualScoreRows(risks),
    opportunityResults: opportunityResultRows(pursued),
  };
}

/**
 * Records the secretary's report: the residual rating of each risk after treatment, which puts
 * it under monitoring until its review date, and the result of each pursued opportunity.
 */
export async function recordResidualRisk(job: JobContext) {
  const settings = await settingsOf(job);
  const actor = await completerOf(job, 'Task_ReportResults');
  const audit = { updated_at: job.now, updated_by: actor };

  const rescored = listOf(job.variables.residualScores);
  for (const [index, risk] of (
    await readInstanceRisks(job.trx, job.processInstanceKey)
  ).entries()) {
    const row = rescored[index] ?? {};
    const likelihood = ratingOrNull(row.residualLikelihood) ?? risk.likelihood;
    const severity = ratingOrNull(row.residualSeverity) ?? risk.severity;
    const residual = scoreOf(settings.riskMatrix, likelihood, severity);
    await job
      .trx('risks')
      .where({ id: risk.id })
      .update({
        residual_likelihood: likelihood,
        residual_severity: severity,
        residual_score: residual.score,
        residual_level: residual.level,
        status: 'monitoring',
        ...audit,
      });
  }

  const results = listOf(job.variables.opportunityResults);
  const pursued = (await readInstanceOpportunities(job.trx, job.processInstanceKey)).filter(
    (opportunity) => opportunity.status === 'in-progress',
  );
  for (const [index, opportunity] of pursued.entries()) {
    const row = results[index] ?? {};
    if (row.result !== 'realised' && row.result !== 'not-realised') continue;
    await job
      .trx('opportunities')
      .where({ id: opportunity.id })
      .update({ status: row.result, result_note: textOrNull(row.resultNote), ...audit });
  }

  const risks = await readInstanceRisks(job.trx, job.processInstanceKey);
  const opportunities = await readInstanceOpportunities(job.trx, job.processInstanceKey);
  return {
    risks: risks.map(riskItem),
    opportunities: opportunities.map(opportunityItem),
    ...monitoringState(risks),
  };
}
