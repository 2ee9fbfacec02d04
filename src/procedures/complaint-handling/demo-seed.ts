import type { Knex } from 'knex';
import type { DemoAgencyContext } from '../procedure-module.js';
import { loadUnitSettings } from '../../settings/unit-settings.js';
import { addDays, vietnamDate } from './complaint-dates.js';
import { ratingCriteria } from './complaint-options.js';
import { demoComplaints, type DemoComplaint } from './demo-complaints.js';
import { demoRatings } from './demo-ratings.js';

interface Person {
  username: string;
  displayName: string;
}

async function staffOf(trx: Knex.Transaction, departmentId: string, head: string): Promise<Person> {
  const user = await trx('users')
    .where({ department_id: departmentId })
    .whereNot({ username: head })
    .orderBy('username')
    .first('username', 'display_name');
  return { username: user.username as string, displayName: user.display_name as string };
}

async function handlerOf(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
  complaint: DemoComplaint,
): Promise<Person | null> {
  const head = agency.heads[complaint.departmentCode];
  if (complaint.handler === null) return null;
  if (complaint.handler === 'head') return head;
  return staffOf(trx, agency.departmentIds[complaint.departmentCode], head.username);
}

// The corrective-action procedure's demo records include one raised from a complaint about a
// late result without an apology slip, coded KPH-<year of the seed>-D02.
// NOTE: that record names its source complaint by a fixed code, not by this complaint's code.
function demoCorrectiveAction(today: string): string {
  return `KPH-${today.slice(0, 4)}-D02`;
}

function complaintStatus(complaint: DemoComplaint, handler: Person | null, overdue: boolean) {
  if (complaint.answeredAfterDays !== null) return 'answered';
  if (overdue) return 'overdue';
  return handler ? 'in-progress' : 'received';
}

// Demo complaints have no process instance: they show the register as it looks after a few
// months of use. Their codes count up per year of receipt, as the procedure's business keys do.
async function seedComplaints(trx: Knex.Transaction, agency: DemoAgencyContext): Promise<void> {
  const settings = await loadUnitSettings(trx, agency.unitId);
  const today = vietnamDate(agency.now);
  const numbers = new Map<string, number>();
  const ordered = [...demoComplaints].sort((a, b) => b.daysAgo - a.daysAgo);

  for (const complaint of ordered) {
    const received = addDays(today, -complaint.daysAgo);
    const year = received.slice(0, 4);
    const number = (numbers.get(year) ?? 0) + 1;
    numbers.set(year, number);
    const due = addDays(received, settings.complaintResponseDays);
    const answered =
      complaint.answeredAfterDays === null ? null : addDays(received, complaint.answeredAfterDays);
    const handler = await handlerOf(trx, agency, complaint);
    const head = agency.heads[complaint.departmentCode];

    await trx('complaints').insert({
      unit_id: agency.unitId,
      code: `PA-${year}-${String(number).padStart(3, '0')}`,
      received_date: received,
      complainant_name: complaint.complainantName,
      complainant_contact: complaint.complainantContact,
      channel: complaint.channel,
      service: complaint.service,
      department_id: agency.departmentIds[complaint.departmentCode],
      department_code: complaint.departmentCode,
      content: complaint.content,
      handler: handler?.username ?? null,
      handler_name: handler?.displayName ?? null,
      assigned_at: handler ? `${addDays(received, 1)}T09:00:00+07:00` : null,
      due_date: due,
      answer: complaint.answer,
      answered_date: answered,
      answer_channel: complaint.answerChannel,
      on_time: answered === null ? null : answered <= due,
      approved_by: answered ? head.username : null,
      approved_by_name: answered ? head.displayName : null,
      status: complaintStatus(complaint, handler, answered === null && due < today),
      corrective_action_key: complaint.openedCorrectiveAction ? demoCorrectiveAction(today) : null,
      created_by: agency.secretary,
      created_at: `${received}T09:00:00+07:00`,
      updated_at: `${answered ?? received}T16:00:00+07:00`,
    });
  }
}

function firstDayOfNextMonth(date: string): string {
  const [year, month] = date.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

async function seedRatings(trx: Knex.Transaction, agency: DemoAgencyContext): Promise<void> {
  const secretary = await trx('users').where({ username: agency.secretary }).first('display_name');
  const thisMonth = vietnamDate(agency.now).slice(0, 7);
  const rows = demoRatings(agency.now, Object.keys(agency.departmentIds)).map((rating) => {
    // The secretary confirms each month's survey forms when the month is over.
    const confirmed = rating.ratingDate.slice(0, 7) < thisMonth;
    const recordedAt = `${rating.ratingDate}T10:00:00+07:00`;
    const confirmedAt = `${firstDayOfNextMonth(rating.ratingDate)}T09:00:00+07:00`;
    return {
      unit_id: agency.unitId,
      rating_date: rating.ratingDate,
      service: rating.service,
      department_code: rating.departmentCode,
      channel: rating.channel,
      ...Object.fromEntries(
        ratingCriteria.map((criterion, index) => [criterion.column, rating.scores[index]]),
      ),
      comment: rating.comment,
      status: confirmed ? 'approved' : 'draft',
      created_at: recordedAt,
      created_by: agency.secretary,
      updated_at: recordedAt,
      updated_by: agency.secretary,
      approved_at: confirmed ? confirmedAt : null,
      approved_by: confirmed ? agency.secretary : null,
      approved_by_name: confirmed ? (secretary?.display_name ?? null) : null,
    };
  });
  for (let start = 0; start < rows.length; start += 100)
    await trx('satisfaction_ratings').insert(rows.slice(start, start + 100));
}

/** Writes the demo agency's complaints and a year of satisfaction ratings. */
export async function seedComplaintDemo(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
): Promise<void> {
  await seedComplaints(trx, agency);
  await seedRatings(trx, agency);
}
