import type { Knex } from 'knex';
import { EisoError } from '../../errors.js';
import type {
  ManagementReviewNoticeData,
  ManagementReviewReportData,
  PersonData,
  ReviewPreparation,
  SignerData,
} from '../../documents/index.js';
import { formatTarget, shortDate } from '../../documents/vietnamese-format.js';
import { readAgencyLetterhead } from '../../registers/objectives/objective-decision.js';
import { outputCategoryOf } from './review-outputs.js';
import { reviewInputKeys } from './review-inputs.js';
import { departmentsOf, userByName, type ManagementReview } from './review-store.js';
import { nonBlankLines, vietnamDate } from './review-values.js';

const standardBasis =
  'Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ về việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;';

/** The leader who chairs the review and signs its documents, and whether they approved yet. */
interface Leader {
  person: PersonData;
  approved: boolean;
}

// The leader who approved the notice calls and chairs the meeting. Before the approval, the
// draft names the unit's first board member.
// NOTE: "first" is the board member created first, usually the head of the unit.
async function chairOf(db: Knex, review: ManagementReview): Promise<Leader> {
  const approver = review.noticeApprovedBy ? await userByName(db, review.noticeApprovedBy) : null;
  if (approver) {
    return {
      person: { name: approver.displayName, title: approver.title ?? 'Lãnh đạo đơn vị' },
      approved: true,
    };
  }
  const board = await db('users')
    .join('memberships', 'memberships.user_id', 'users.id')
    .join('groups', 'groups.id', 'memberships.group_id')
    .where({ 'groups.unit_id': review.unitId, 'groups.code': 'board', 'users.disabled': false })
    .orderBy('users.id')
    .first('users.display_name', 'users.title');
  return {
    person: {
      name: (board?.display_name as string | undefined) ?? 'Lãnh đạo đơn vị',
      title: (board?.title as string | undefined) ?? 'Lãnh đạo đơn vị',
    },
    approved: false,
  };
}

function signerOf(leader: PersonData, signed: boolean): SignerData {
  return { title: leader.title, name: leader.name, signed };
}

function dateOf(timestamp: string | null, fallback: string): string {
  return timestamp ? vietnamDate(new Date(timestamp)) : fallback;
}

/**
 * Builds the notice that calls the review meeting: its time and place, who attends and which
 * department reports on which input by when. Before the leader approves it, it is an unsigned
 * draft dated `now`.
 */
export async function buildReviewNotice(
  db: Knex,
  review: ManagementReview,
  now: Date,
): Promise<ManagementReviewNoticeData> {
  const agency = await readAgencyLetterhead(db, review.unitId);
  const chair = await chairOf(db, review);
  const preparations: ReviewPreparation[] = review.assignments.flatMap((assignment) =>
    assignment.inputs.map((input) => ({
      input,
      department: assignment.departmentName,
      dueDate: review.reportDueDate,
    })),
  );
  return {
    agency,
    number: null,
    date: dateOf(review.noticeApprovedAt, vietnamDate(now)),
    year: review.year,
    bases: [standardBasis, ...nonBlankLines(review.noticeBasis ?? '')],
    meeting: {
      date: review.meetingDate,
      start: review.meetingStart,
      venue: review.venue,
      chair: chair.person,
      participants: review.participants,
    },
    preparations,
    requests: [
      `Lãnh đạo các phòng, đơn vị được phân công báo cáo trên hệ thống eiso trước ngày ${shortDate(review.reportDueDate)}, về các nội dung của kỳ xem xét từ ngày ${shortDate(review.periodFrom)} đến ngày ${shortDate(review.periodTo)}.`,
      'Thư ký ISO tổng hợp các đầu vào theo điều 9.3.2 của TCVN ISO 9001:2015 và chuẩn bị tài liệu cho cuộc họp.',
    ],
    signer: signerOf(chair.person, chair.approved),
    recipients: ['Như thành phần tham dự;', 'Lưu: VT, ISO.'],
  };
}

// The minute taker is the secretary who recorded the meeting in the procedure; a review recorded
// outside eiso has none.
async function minuteTakerOf(db: Knex, review: ManagementReview): Promise<PersonData | null> {
  if (!review.processInstanceKey) return null;
  const task = await db('user_tasks')
    .where({ process_instance_key: review.processInstanceKey, element_id: 'Task_RecordMeeting' })
    .whereNotNull('completed_by')
    .orderBy('key', 'desc')
    .first('completed_by');
  const user = task ? await userByName(db, task.completed_by as string) : null;
  return user ? { name: user.displayName, title: user.title ?? 'Thư ký ISO' } : null;
}

function reportNotReady(review: ManagementReview): EisoError {
  return new EisoError(
    'EISO_ERR_CONFLICT',
    `Management review ${review.reference} has no report yet: it is at status ${review.status}. The report exists once the secretary has recorded the meeting.`,
  );
}

/**
 * Lists each objective's latest measurement of a period that ended within the review period, in
 * the order of the objectives, for the results table of the report.
 */
async function objectiveResultsOf(
  db: Knex,
  review: ManagementReview,
): Promise<ManagementReviewReportData['objectiveResults']> {
  const rows = await db('objective_measurements')
    .where('unit_id', review.unitId)
    .andWhere('period_end', '>=', review.periodFrom)
    .andWhere('period_end', '<=', review.periodTo)
    .distinctOn('objective_id')
    .orderBy([{ column: 'objective_id' }, { column: 'period_end', order: 'desc' }])
    .select(
      'objective_id',
      'year',
      'objective_position',
      'objective_title',
      'measured_value',
      'target_value',
      'target_unit',
      'direction',
      'achieved',
    );
  rows.sort(
    (a, b) =>
      Number(a.year) - Number(b.year) ||
      Number(a.objective_position) - Number(b.objective_position),
  );
  return rows.map((row) => ({
    title: row.objective_title as string,
    target: `${row.direction === 'at_most' ? '≤' : '≥'} ${formatTarget(Number(row.target_value), row.target_unit as string)}`,
    result: formatTarget(Number(row.measured_value), row.target_unit as string),
    achievement: row.achieved ? 'met' : 'notMet',
  }));
}

/**
 * Builds the report of a review from its recorded meeting: the twelve inputs, the leader's
 * conclusion and the decided outputs. Until the leader approves it, it is an unsigned draft.
 * Throws EISO_ERR_CONFLICT before the meeting is recorded.
 */
export async function buildReviewReport(
  db: Knex,
  review: ManagementReview,
): Promise<ManagementReviewReportData> {
  const held = review.heldOn && review.heldStart && review.heldVenue;
  if (!held || !review.conclusion) throw reportNotReady(review);
  const inputs = Object.fromEntries(
    reviewInputKeys.map((key) => [key, review.inputs[key] ?? '']),
  ) as ManagementReviewReportData['inputs'];
  if (Object.values(inputs).some((text) => text.trim() === '')) throw reportNotReady(review);

  const agency = await readAgencyLetterhead(db, review.unitId);
  const chair = await chairOf(db, review);
  const departments = await departmentsOf(db, review.unitId);
  const approver = review.reportApprovedBy ? await userByName(db, review.reportApprovedBy) : null;
  const signer = approver
    ? { name: approver.displayName, title: approver.title ?? chair.person.title }
    : chair.person;
  return {
    agency,
    number: null,
    date: dateOf(review.reportApprovedAt, review.heldOn as string),
    year: review.year,
    meeting: {
      date: review.heldOn as string,
      start: review.heldStart as string,
      venue: review.heldVenue as string,
      chair: chair.person,
      participants: review.heldParticipants.length > 0 ? review.heldParticipants : ['Ban lãnh đạo'],
    },
    secretary: await minuteTakerOf(db, review),
    inputs,
    objectiveResults: await objectiveResultsOf(db, review),
    conclusion: review.conclusion,
    outputs: review.outputs.map((output) => ({
      category: outputCategoryOf[output.outputType],
      action: output.description,
      owner: `${departments.get(output.ownerDepartment)?.name ?? output.ownerDepartment} (${output.ownerName})`,
      deadline: output.deadline,
    })),
    signer: signerOf(signer, review.reportApprovedAt !== null),
    recipients: ['Ban lãnh đạo;', 'Các phòng, đơn vị;', 'Lưu: VT, ISO.'],
  };
}
