import type { Knex } from 'knex';
import type { Variables } from '../../engine/process-engine.js';
import type { JobContext, WorkerRegistry } from '../../jobs/job-worker.js';
import { checkAuditTeam } from './audit-team.js';

/** Job types of the internal audit procedure. */
export const auditJobTypes = {
  prepare: 'eiso.audit.prepare',
  recordProgramme: 'eiso.audit.programme.record',
  recordPlan: 'eiso.audit.plan.record',
  approvePlan: 'eiso.audit.plan.approve',
  recordFindings: 'eiso.audit.findings.record',
  conclude: 'eiso.audit.conclude',
} as const;

/** One audit of the programme as the drafting form submits it. */
interface DraftedAudit {
  department: string;
  plannedMonth: string | number;
  plannedFrom?: string;
  plannedTo?: string;
  processes: string;
  clauses: string;
}

/** One audit of the approved programme: the multi-instance sub-process runs once per audit. */
export interface ProgrammeAudit {
  planId: string;
  reference: string;
  position: number;
  department: string;
  departmentName: string;
  plannedMonth: number;
  plannedFrom: string | null;
  plannedTo: string | null;
  processes: string;
  clauses: string;
}

/** One finding as the auditors submit it. */
interface SubmittedFinding {
  findingType: 'major' | 'minor' | 'observation' | 'opportunity';
  clause: string;
  requirement: string;
  evidence: string;
  statement: string;
}

/** Registers the workers that write the audit programme, plans and findings. */
export function registerAuditWorkers(registry: WorkerRegistry): void {
  registry.register(auditJobTypes.prepare, prepareProgramme);
  registry.register(auditJobTypes.recordProgramme, recordProgramme);
  registry.register(auditJobTypes.recordPlan, recordPlan);
  registry.register(auditJobTypes.approvePlan, approvePlan);
  registry.register(auditJobTypes.recordFindings, recordFindings);
  registry.register(auditJobTypes.conclude, recordConclusion);
}

/** Returns `DG-<year>`, the reference of a year's programme; its audits add `-<nnn>`. */
export function programmeReference(year: number): string {
  return `DG-${year}`;
}

function yearOf(job: JobContext): number {
  const year = Number(job.variables.year);
  if (!Number.isInteger(year))
    throw new Error(
      `variable 'year' must be a whole number, got ${JSON.stringify(job.variables.year)}`,
    );
  return year;
}

function textOf(variables: Variables, name: string): string {
  const value = variables[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error(`variable '${name}' must be a non-blank text`);
  return value.trim();
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function auditOf(job: JobContext): ProgrammeAudit {
  const audit = job.variables.audit as ProgrammeAudit | undefined;
  if (!audit?.planId) throw new Error("variable 'audit' must be an audit of the programme");
  return audit;
}

async function displayName(trx: Knex.Transaction, unitId: string, username: string | null) {
  if (!username) return null;
  const user = await trx('users').where({ unit_id: unitId, username }).first('display_name');
  return (user?.display_name as string | undefined) ?? username;
}

// Finds who completed the latest task of `elementId`, for one audit when `planId` is given. A task
// inside the sub-process carries the audit of its iteration as a local variable.
async function completedBy(job: JobContext, elementId: string, planId?: string) {
  const query = job
    .trx('user_tasks')
    .where({
      process_instance_key: job.processInstanceKey,
      element_id: elementId,
      state: 'COMPLETED',
    })
    .orderBy('completed_at', 'desc')
    .orderBy('key', 'desc');
  if (planId) query.whereRaw("local_variables->'audit'->>'planId' = ?", [planId]);
  const task = await query.first('completed_by', 'completed_at');
  return {
    username: (task?.completed_by as string | undefined) ?? null,
    at: task?.completed_at ? new Date(task.completed_at) : job.now,
  };
}

// Offers every active user of the unit as an auditor, labelled with their department, so the
// secretary can see at a glance who may audit which department.
async function prepareProgramme(job: JobContext): Promise<Variables> {
  const users = await job
    .trx('users')
    .leftJoin('units', 'units.id', 'users.department_id')
    .where({ 'users.unit_id': job.unitId, 'users.disabled': false })
    .orderBy([{ column: 'units.sort_order', nulls: 'first' }, 'users.display_name'])
    .select('users.username', 'users.display_name', 'units.name as department_name');
  return {
    auditorOptions: users.map((user) => ({
      value: user.username as string,
      label: user.department_name
        ? `${user.display_name} (${user.department_name})`
        : (user.display_name as string),
    })),
  };
}

function monthOf(value: unknown): number {
  const month = Number(value);
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new Error(`planned month must be 1 to 12, got ${JSON.stringify(value)}`);
  return month;
}

// A retried job finds the programme that its first try wrote and returns the same audits.
async function recordProgramme(job: JobContext): Promise<Variables> {
  const year = yearOf(job);
  const drafted = job.variables.audits;
  if (!Array.isArray(drafted) || drafted.length === 0)
    throw new Error("variable 'audits' must be a non-empty list");
  const existing = await job
    .trx('audit_programmes')
    .where({ process_instance_key: job.processInstanceKey })
    .first('id');
  if (existing) return { audits: await readProgrammeAudits(job.trx, String(existing.id)) };

  const departments = await job
    .trx('units')
    .where({ agency_id: job.unitId, kind: 'department' })
    .select('id', 'code', 'name');
  const byCode = new Map(departments.map((row) => [row.code as string, row]));
  const approver = await completedBy(job, 'Task_ApproveProgramme');
  const reference = programmeReference(year);

  const [programme] = await job
    .trx('audit_programmes')
    .insert({
      unit_id: job.unitId,
      year,
      reference,
      objectives: textOf(job.variables, 'objectives'),
      scope: textOf(job.variables, 'scope'),
      criteria: textOf(job.variables, 'criteria'),
      methods: textOf(job.variables, 'methods'),
      audit_count: drafted.length,
      status: 'approved',
      process_instance_key: job.processInstanceKey,
      approved_at: approver.at.toISOString(),
      approved_by: approver.username,
      approved_by_name: await displayName(job.trx, job.unitId, approver.username),
    })
    .returning('id');

  const rows = (drafted as DraftedAudit[]).map((audit, index) => {
    const department = byCode.get(audit.department);
    if (!department)
      throw new Error(`unknown department '${audit.department}' in audit ${index + 1}`);
    return {
      unit_id: job.unitId,
      programme_id: programme.id,
      position: index + 1,
      reference: `${reference}-${String(index + 1).padStart(3, '0')}`,
      department_id: department.id,
      planned_month: monthOf(audit.plannedMonth),
      planned_from: optionalText(audit.plannedFrom),
      planned_to: optionalText(audit.plannedTo),
      processes: audit.processes.trim(),
      clauses: audit.clauses.trim(),
      status: 'planned',
    };
  });
  await job.trx('audit_plans').insert(rows);
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, year, audits: rows.length },
    'audit programme recorded',
  );
  return { audits: await readProgrammeAudits(job.trx, String(programme.id)) };
}

/** Reads the audits of a programme in their order, as the multi-instance sub-process takes them. */
export async function readProgrammeAudits(
  db: Knex | Knex.Transaction,
  programmeId: string,
): Promise<ProgrammeAudit[]> {
  const rows = await db('audit_plans')
    .join('units', 'units.id', 'audit_plans.department_id')
    .where('audit_plans.programme_id', programmeId)
    .orderBy('audit_plans.position')
    .select(
      'audit_plans.id',
      'audit_plans.reference',
      'audit_plans.position',
      'audit_plans.planned_month',
      db.raw('audit_plans.planned_from::text as planned_from'),
      db.raw('audit_plans.planned_to::text as planned_to'),
      'audit_plans.processes',
      'audit_plans.clauses',
      'units.code as department_code',
      'units.name as department_name',
    );
  return rows.map((row) => ({
    planId: String(row.id),
    reference: row.reference,
    position: Number(row.position),
    department: row.department_code,
    departmentName: row.department_name,
    plannedMonth: Number(row.planned_month),
    plannedFrom: row.planned_from ?? null,
    plannedTo: row.planned_to ?? null,
    processes: row.processes,
    clauses: row.clauses,
  }));
}

interface SubmittedSession {
  date: string;
  start: string;
  end: string;
  activity: string;
}

// The team check runs here as well as at submission, so a plan whose team cannot audit its
// department goes back to drafting with the reason instead of reaching the board.
async function recordPlan(job: JobContext): Promise<Variables> {
  const audit = auditOf(job);
  const plan = await job
    .trx('audit_plans')
    .where({ id: audit.planId, unit_id: job.unitId })
    .first('department_id');
  if (!plan) throw new Error(`audit plan ${audit.planId} does not exist in this unit`);

  const auditors = Array.isArray(job.variables.auditors) ? job.variables.auditors.map(String) : [];
  const team = await checkAuditTeam(
    job.trx,
    job.unitId,
    String(plan.department_id),
    job.variables.leadAuditor,
    auditors,
  );
  if (team.problems.length > 0) {
    return { planProblem: team.problems.map((problem) => problem.vi).join(' '), auditors };
  }

  const sessions = (job.variables.sessions as SubmittedSession[] | undefined) ?? [];
  const lead = team.members[0];
  await job
    .trx('audit_plans')
    .where({ id: audit.planId })
    .update({
      auditees: textOf(job.variables, 'auditees'),
      lead_auditor: lead.username,
      lead_auditor_name: lead.name,
      auditors: JSON.stringify(team.members),
      criteria: textOf(job.variables, 'criteria'),
      method: textOf(job.variables, 'method'),
      audit_from: textOf(job.variables, 'auditFrom'),
      audit_to: textOf(job.variables, 'auditTo'),
      sessions: JSON.stringify(
        sessions.map(({ date, start, end, activity }) => ({ date, start, end, activity })),
      ),
      status: 'submitted',
      submitted_at: job.now.toISOString(),
    });
  return { planProblem: null, auditors };
}

async function approvePlan(job: JobContext): Promise<void> {
  const audit = auditOf(job);
  const approver = await completedBy(job, 'Task_ApprovePlan', audit.planId);
  await job
    .trx('audit_plans')
    .where({ id: audit.planId, unit_id: job.unitId })
    .update({
      status: 'approved',
      approved_at: approver.at.toISOString(),
      approved_by: approver.username,
      approved_by_name: await displayName(job.trx, job.unitId, approver.username),
    });
}

const nonconformities = new Set(['major', 'minor']);

/**
 * Stores the findings of one audit and starts a corrective action for each nonconformity, in the
 * job's transaction: a failed try stores neither the findings nor the corrective actions.
 */
async function recordFindings(job: JobContext): Promise<void> {
  const audit = auditOf(job);
  const findings = (job.variables.findings as SubmittedFinding[] | undefined) ?? [];
  const plan = await job
    .trx('audit_plans')
    .where({ id: audit.planId, unit_id: job.unitId })
    .first('department_id', 'status');
  if (!plan) throw new Error(`audit plan ${audit.planId} does not exist in this unit`);
  if (plan.status === 'completed') return;
  const recorder = await completedBy(job, 'Task_RecordFindings', audit.planId);

  for (const [index, finding] of findings.entries()) {
    const reference = `PH-${String(index + 1).padStart(2, '0')}`;
    const correctiveAction = nonconformities.has(finding.findingType)
      ? await startCorrectiveAction(job, audit, reference, finding)
      : null;
    await job.trx('audit_findings').insert({
      unit_id: job.unitId,
      plan_id: audit.planId,
      position: index + 1,
      reference,
      finding_type: finding.findingType,
      clause: finding.clause.trim(),
      requirement: finding.requirement.trim(),
      evidence: finding.evidence.trim(),
      statement: finding.statement.trim(),
      department_id: plan.department_id,
      status: correctiveAction ? 'open' : 'noted',
      corrective_action_key: correctiveAction?.businessKey ?? null,
      corrective_action_instance_key: correctiveAction?.processInstanceKey ?? null,
      recorded_at: recorder.at.toISOString(),
      recorded_by: recorder.username ?? 'system',
    });
  }
  await job
    .trx('audit_plans')
    .where({ id: audit.planId })
    .update({
      status: 'completed',
      summary: optionalText(job.variables.auditSummary),
      completed_at: recorder.at.toISOString(),
      completed_by: recorder.username,
    });
  job.logger.info(
    {
      processInstanceKey: job.processInstanceKey,
      audit: audit.reference,
      findings: findings.length,
    },
    'audit findings recorded',
  );
}

const findingTypeNames: Record<string, string> = {
  major: 'Không phù hợp nặng',
  minor: 'Không phù hợp nhẹ',
};

async function startCorrectiveAction(
  job: JobContext,
  audit: ProgrammeAudit,
  reference: string,
  finding: SubmittedFinding,
) {
  const sourceReference = `${audit.reference} / ${reference}`;
  const started = await job.startProcess({
    bpmnProcessId: 'corrective-action',
    variables: {
      source: 'audit',
      sourceReference,
      title: `${findingTypeNames[finding.findingType]} ${sourceReference} (điều ${finding.clause.trim()}): ${audit.departmentName}`,
      description: [
        `Nhận định: ${finding.statement.trim()}`,
        `Yêu cầu: ${finding.requirement.trim()}`,
        `Bằng chứng khách quan: ${finding.evidence.trim()}`,
      ].join('\n'),
      departmentCode: audit.department,
    },
  });
  if (!started.businessKey)
    throw new Error(`corrective action for ${sourceReference} started without a business key`);
  return { businessKey: started.businessKey, processInstanceKey: started.processInstanceKey };
}

async function recordConclusion(job: JobContext): Promise<void> {
  const leader = await completedBy(job, 'Task_Conclude');
  await job
    .trx('audit_programmes')
    .where({ process_instance_key: job.processInstanceKey, unit_id: job.unitId })
    .update({
      status: 'completed',
      outcome: textOf(job.variables, 'outcome'),
      conclusion: textOf(job.variables, 'conclusion'),
      recommendations: optionalText(job.variables.recommendations),
      concluded_at: leader.at.toISOString(),
      concluded_by: leader.username,
      concluded_by_name: await displayName(job.trx, job.unitId, leader.username),
    });
}
