import type { Knex } from 'knex';
import type { ReviewInputKey } from '../../documents/index.js';
import type { RecordedOutput } from './review-outputs.js';
import { reviewInputs } from './review-inputs.js';

type Database = Knex | Knex.Transaction;

/** A department of the agency, as the review records name it. */
export interface Department {
  id: string;
  code: string;
  name: string;
}

/** One department's assignment in the notice: the inputs it reports on. */
export interface ReportAssignment {
  department: string;
  departmentName: string;
  inputs: ReviewInputKey[];
}

/** One department's report, as the review keeps it for evidence. */
export interface DepartmentReport {
  department: string;
  departmentName: string;
  reportedBy: string | null;
  reportedByName: string | null;
  reportedAt: string | null;
  report: Partial<Record<ReviewInputKey, string>>;
}

/** A management review as its records, documents and routes read it. */
export interface ManagementReview {
  id: string;
  unitId: string;
  processInstanceKey: string | null;
  reference: string;
  year: number;
  status: string;
  periodFrom: string;
  periodTo: string;
  meetingDate: string;
  meetingStart: string;
  venue: string;
  participants: string[];
  noticeBasis: string | null;
  reportDueDate: string;
  assignments: ReportAssignment[];
  noticeApprovedAt: string | null;
  noticeApprovedBy: string | null;
  departmentReports: DepartmentReport[];
  inputs: Record<ReviewInputKey, string | null>;
  heldOn: string | null;
  heldStart: string | null;
  heldVenue: string | null;
  heldParticipants: string[];
  minutes: string | null;
  conclusion: string | null;
  outputs: RecordedOutput[];
  reportApprovedAt: string | null;
  reportApprovedBy: string | null;
  reportApprovedByName: string | null;
}

// Dates are read as text, because pg turns a `date` into a Date at local midnight and PGlite at
// UTC midnight, and either would shift the day in some time zone.
const dateColumns = ['period_from', 'period_to', 'meeting_date', 'report_due_date', 'held_on'];

function reviewSelection(db: Database): (string | Knex.Raw)[] {
  return [
    'management_reviews.*',
    ...dateColumns.map((column) => db.raw('??::text as ??', [column, column])),
  ];
}

function json<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function isoOrNull(value: unknown): string | null {
  return value ? new Date(value as string).toISOString() : null;
}

function toReview(row: Record<string, unknown>): ManagementReview {
  const inputs = Object.fromEntries(
    reviewInputs.map((input) => [input.key, (row[input.column] as string | null) ?? null]),
  ) as Record<ReviewInputKey, string | null>;
  return {
    id: String(row.id),
    unitId: String(row.unit_id),
    processInstanceKey: row.process_instance_key ? String(row.process_instance_key) : null,
    reference: row.reference as string,
    year: Number(row.year),
    status: row.status as string,
    periodFrom: row.period_from as string,
    periodTo: row.period_to as string,
    meetingDate: row.meeting_date as string,
    meetingStart: row.meeting_start as string,
    venue: row.venue as string,
    participants: json(row.participants, []),
    noticeBasis: (row.notice_basis as string | null) ?? null,
    reportDueDate: row.report_due_date as string,
    assignments: json(row.assignments, []),
    noticeApprovedAt: isoOrNull(row.notice_approved_at),
    noticeApprovedBy: (row.notice_approved_by as string | null) ?? null,
    departmentReports: json(row.department_reports, []),
    inputs,
    heldOn: (row.held_on as string | null) ?? null,
    heldStart: (row.held_start as string | null) ?? null,
    heldVenue: (row.held_venue as string | null) ?? null,
    heldParticipants: json(row.held_participants, []),
    minutes: (row.minutes as string | null) ?? null,
    conclusion: (row.conclusion as string | null) ?? null,
    outputs: json(row.outputs, []),
    reportApprovedAt: isoOrNull(row.report_approved_at),
    reportApprovedBy: (row.report_approved_by as string | null) ?? null,
    reportApprovedByName: (row.report_approved_by_name as string | null) ?? null,
  };
}

/** Reads one review of a unit, or null when the unit has none with this id. */
export async function findReview(
  db: Database,
  unitId: string,
  id: string,
): Promise<ManagementReview | null> {
  const row = await db('management_reviews')
    .where({ id, unit_id: unitId })
    .first(reviewSelection(db));
  return row ? toReview(row) : null;
}

/** Reads the review that a process instance works on, or null before its notice was checked. */
export async function findReviewOfInstance(
  db: Database,
  processInstanceKey: string,
): Promise<ManagementReview | null> {
  const row = await db('management_reviews')
    .where({ process_instance_key: processInstanceKey })
    .first(reviewSelection(db));
  return row ? toReview(row) : null;
}

/** Reads the review that a job's instance works on, or throws when its notice was never saved. */
export async function requireReviewOfInstance(
  db: Database,
  processInstanceKey: string,
): Promise<ManagementReview> {
  const review = await findReviewOfInstance(db, processInstanceKey);
  if (!review)
    throw new Error(`process instance ${processInstanceKey} has no management review record`);
  return review;
}

/** Reads the departments of an agency in their display order, by code. */
export async function departmentsOf(
  db: Database,
  unitId: string,
): Promise<Map<string, Department>> {
  const rows = await db('units')
    .where({ agency_id: unitId, kind: 'department' })
    .orderBy('sort_order')
    .select('id', 'code', 'name');
  return new Map(
    rows.map((row) => [
      row.code as string,
      { id: String(row.id), code: row.code as string, name: row.name as string },
    ]),
  );
}

/** A leader's decision on a user task, as the runtime records it in `approvals`. */
export interface Approval {
  actor: string;
  actorName: string;
  decidedAt: string;
}

/** Reads the latest approval of `elementId` in an instance, or null when none approved it. */
export async function latestApproval(
  db: Database,
  processInstanceKey: string,
  elementId: string,
): Promise<Approval | null> {
  const row = await db('approvals')
    .where({
      process_instance_key: processInstanceKey,
      subject: `management-review:${elementId}`,
      decision: 'approve',
    })
    .orderBy('id', 'desc')
    .first('actor', 'actor_name', 'decided_at');
  if (!row) return null;
  return {
    actor: row.actor as string,
    actorName: row.actor_name as string,
    decidedAt: new Date(row.decided_at as string).toISOString(),
  };
}

/** Reads the display name and title of a user, or null for an unknown username. */
export async function userByName(
  db: Database,
  username: string,
): Promise<{ displayName: string; title: string | null } | null> {
  const row = await db('users').where({ username }).first('display_name', 'title');
  if (!row) return null;
  return { displayName: row.display_name as string, title: (row.title as string | null) ?? null };
}

/** Maps the twelve input texts by key to the columns of `management_reviews`. */
export function inputRow(inputs: Partial<Record<ReviewInputKey, string>>): Record<string, string> {
  return Object.fromEntries(reviewInputs.map((input) => [input.column, inputs[input.key] ?? '']));
}
