import type { Knex } from 'knex';
import type {
  AuditFinding,
  AuditPlanData,
  AuditProgrammeData,
  AuditReportData,
  AuditTeamMember,
  SignerData,
} from '../../documents/index.js';
import { EisoError, notFound } from '../../errors.js';
import { readAgencyLetterhead } from '../../registers/objectives/objective-decision.js';
import { agencyDate } from '../../agency-time.js';
import type { TeamMember } from './audit-team.js';

interface ProgrammeRow {
  id: string;
  year: number;
  reference: string;
  objectives: string;
  scope: string;
  criteria: string;
  methods: string;
  approved_at: Date | string | null;
  approved_by: string | null;
  outcome: string | null;
  conclusion: string | null;
  recommendations: string | null;
}

interface PlanSessionRow {
  date: string;
  start: string;
  end: string;
  activity: string;
}

interface PlanRow {
  id: string;
  programme_id: string;
  position: number;
  reference: string;
  department_name: string;
  planned_month: number;
  planned_from: string | null;
  planned_to: string | null;
  processes: string;
  clauses: string;
  auditees: string | null;
  auditors: TeamMember[] | string;
  criteria: string | null;
  method: string | null;
  audit_from: string | null;
  audit_to: string | null;
  sessions: PlanSessionRow[] | string;
  status: string;
  approved_at: Date | string | null;
  approved_by: string | null;
  summary: string | null;
  completed_at: Date | string | null;
}

/** Splits a text area into its non-blank lines, as documents list them. */
function linesOf(text: string | null): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function json<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

function dateOf(value: Date | string | null, fallback: Date): string {
  return agencyDate(value ?? fallback);
}

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// A plan without its own dates yet spans its planned dates, or else its planned month.
function periodOf(plan: PlanRow, year: number): { from: string; to: string } {
  const month = String(plan.planned_month).padStart(2, '0');
  return {
    from: plan.audit_from ?? plan.planned_from ?? `${year}-${month}-01`,
    to: plan.audit_to ?? plan.planned_to ?? lastDayOfMonth(year, plan.planned_month),
  };
}

function teamOf(plan: PlanRow): AuditTeamMember[] {
  return json<TeamMember[]>(plan.auditors).map((member) => ({
    name: member.name,
    title: member.title || 'Đánh giá viên',
    role: member.role,
  }));
}

async function signerOf(db: Knex, unitId: string, username: string | null): Promise<SignerData> {
  const user = username
    ? await db('users').where({ unit_id: unitId, username }).first('display_name', 'title')
    : undefined;
  return { title: user?.title ?? 'Giám đốc', name: user?.display_name ?? '', signed: true };
}

async function readProgramme(db: Knex, unitId: string, id: string): Promise<ProgrammeRow> {
  if (!/^\d{1,18}$/.test(id)) throw notFound('Audit programme', id);
  const row = await db('audit_programmes').where({ id, unit_id: unitId }).first();
  if (!row) throw notFound('Audit programme', id);
  return row as ProgrammeRow;
}

function planQuery(db: Knex) {
  return db('audit_plans')
    .join('units', 'units.id', 'audit_plans.department_id')
    .select(
      'audit_plans.*',
      db.raw('audit_plans.planned_from::text as planned_from'),
      db.raw('audit_plans.planned_to::text as planned_to'),
      db.raw('audit_plans.audit_from::text as audit_from'),
      db.raw('audit_plans.audit_to::text as audit_to'),
      'units.name as department_name',
    );
}

async function readPlan(db: Knex, unitId: string, id: string): Promise<PlanRow> {
  if (!/^\d{1,18}$/.test(id)) throw notFound('Audit plan', id);
  const row = await planQuery(db)
    .where({ 'audit_plans.id': id, 'audit_plans.unit_id': unitId })
    .first();
  if (!row) throw notFound('Audit plan', id);
  return row as PlanRow;
}

// The programme names the team of the whole year: every auditor of its plans, or the ISO
// secretary, who manages the programme, while no plan has a team yet.
async function programmeTeam(db: Knex, unitId: string, plans: PlanRow[]) {
  const team = new Map<string, AuditTeamMember>();
  for (const member of plans.flatMap(teamOf)) {
    const known = team.get(member.name);
    if (!known || member.role === 'lead') team.set(member.name, member);
  }
  if (team.size > 0) return [...team.values()];
  const secretaries = await db('users')
    .join('memberships', 'memberships.user_id', 'users.id')
    .join('groups', 'groups.id', 'memberships.group_id')
    .where({ 'users.unit_id': unitId, 'groups.code': 'iso-secretary' })
    .select('users.display_name', 'users.title');
  return secretaries.map((user) => ({
    name: user.display_name as string,
    title: (user.title as string | null) ?? 'Thư ký ISO',
    role: 'lead' as const,
  }));
}

/** Builds the audit programme document from the programme and the plans of its audits. */
export async function buildProgrammeDocument(
  db: Knex,
  unitId: string,
  id: string,
  now: Date,
): Promise<AuditProgrammeData> {
  const programme = await readProgramme(db, unitId, id);
  const plans = (await planQuery(db)
    .where('audit_plans.programme_id', programme.id)
    .orderBy('audit_plans.position')) as PlanRow[];
  return {
    agency: await readAgencyLetterhead(db, unitId),
    number: null,
    date: dateOf(programme.approved_at, now),
    year: programme.year,
    objectives: linesOf(programme.objectives),
    scope: programme.scope,
    criteria: linesOf(programme.criteria),
    methods: linesOf(programme.methods),
    team: await programmeTeam(db, unitId, plans),
    schedule: plans.map((plan) => {
      const names = teamOf(plan).map((member) => member.name);
      return {
        round: plan.reference,
        ...periodOf(plan, programme.year),
        auditees: [plan.department_name],
        clauses: plan.clauses,
        auditors: names.length > 0 ? names : ['Chưa phân công'],
      };
    }),
    responsibilities: [
      'Thư ký ISO chủ trì, phối hợp với các phòng lập kế hoạch chi tiết và tổ chức thực hiện Chương trình này.',
      'Các phòng được đánh giá bố trí người và hồ sơ làm việc với đoàn đánh giá theo kế hoạch được duyệt.',
    ],
    signer: await signerOf(db, unitId, programme.approved_by),
    recipients: ['Các phòng, đơn vị thuộc Sở;', 'Thư ký ISO;', 'Lưu: VT, ISO.'],
  };
}

function assertStatus(plan: PlanRow, allowed: string[], what: string): void {
  if (allowed.includes(plan.status)) return;
  throw new EisoError(
    'EISO_ERR_NOT_FOUND',
    `Audit ${plan.reference} has no ${what} yet (status ${plan.status}); finish that step of the procedure first.`,
  );
}

/** Builds the plan document of one audit once the board approved the plan. */
export async function buildPlanDocument(
  db: Knex,
  unitId: string,
  id: string,
  now: Date,
): Promise<AuditPlanData> {
  const plan = await readPlan(db, unitId, id);
  assertStatus(plan, ['approved', 'completed'], 'approved plan');
  const programme = await readProgramme(db, unitId, String(plan.programme_id));
  const team = teamOf(plan);
  return {
    agency: await readAgencyLetterhead(db, unitId),
    number: null,
    date: dateOf(plan.approved_at, now),
    ...roundOf(plan, programme),
    objectives: linesOf(programme.objectives),
    scope: `${plan.department_name}: ${plan.processes} (điều khoản ${plan.clauses}).`,
    criteria: linesOf(plan.criteria),
    team,
    schedule: json<PlanSessionRow[]>(plan.sessions).map((session) => ({
      ...session,
      auditee: plan.department_name,
      auditors: team.map((member) => member.name),
    })),
    notes: [
      `Người được đánh giá: ${plan.auditees ?? ''}`,
      `Phương pháp đánh giá: ${plan.method ?? ''}`,
      `${plan.department_name} bố trí người và hồ sơ làm việc với đoàn đánh giá.`,
    ],
    signer: await signerOf(db, unitId, plan.approved_by),
    recipients: ['Đoàn đánh giá;', `${plan.department_name};`, 'Lưu: VT, ISO.'],
  };
}

function roundOf(plan: PlanRow, programme: ProgrammeRow) {
  return { year: programme.year, round: plan.reference, ...periodOf(plan, programme.year) };
}

// The report of an audit held before the leadership concluded the programme says so.
const pendingConclusion =
  'Các phát hiện nêu trên đã được thông báo cho phòng được đánh giá; lãnh đạo đơn vị sẽ kết luận khi kết thúc chương trình đánh giá.';

/** Builds the report of one audit once its findings are recorded, signed by the lead auditor. */
export async function buildReportDocument(
  db: Knex,
  unitId: string,
  id: string,
  now: Date,
): Promise<AuditReportData> {
  const plan = await readPlan(db, unitId, id);
  assertStatus(plan, ['completed'], 'recorded findings');
  const programme = await readProgramme(db, unitId, String(plan.programme_id));
  const rows = await db('audit_findings').where({ plan_id: plan.id }).orderBy('position');
  const findings: AuditFinding[] = rows.map((row) => ({
    classification: row.finding_type,
    department: plan.department_name,
    clause: row.clause,
    requirement: row.requirement,
    evidence: row.evidence,
    statement: `${row.reference}: ${row.statement}`,
  }));
  const lead = teamOf(plan).find((member) => member.role === 'lead');
  const actions = rows
    .filter((row) => row.corrective_action_key)
    .map(
      (row) =>
        `${plan.department_name} thực hiện hành động khắc phục ${row.corrective_action_key} cho phát hiện ${row.reference}.`,
    );
  return {
    agency: await readAgencyLetterhead(db, unitId),
    number: null,
    date: dateOf(plan.completed_at, now),
    ...roundOf(plan, programme),
    objectives: linesOf(programme.objectives),
    scope: `${plan.department_name}: ${plan.processes} (điều khoản ${plan.clauses}).`,
    criteria: linesOf(plan.criteria),
    team: teamOf(plan),
    summary: plan.summary ?? `Đoàn đánh giá đã làm việc với ${plan.department_name}.`,
    findings,
    conclusion: programme.conclusion ?? pendingConclusion,
    recommendations: [...actions, ...linesOf(programme.recommendations)],
    signer: {
      authority: null,
      title: 'Trưởng đoàn đánh giá',
      name: lead?.name ?? '',
      signed: true,
    },
    recipients: ['Ban Giám đốc Sở;', `${plan.department_name};`, 'Lưu: VT, ISO.'],
  };
}
