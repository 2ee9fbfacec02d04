import type { Knex } from 'knex';
import { EisoError, notFound } from '../../errors.js';
import { appendUnitHistory } from '../../history/unit-history.js';
import type { Principal } from '../../identity/principal.js';
import { findRecord, lockUnit } from '../../registers/framework/record-store.js';
import { presentRecord } from '../../registers/framework/register-presenter.js';
import { reviewActionsRegister } from './review-registers.js';
import type { ManagementReview } from './review-store.js';
import { vietnamDate } from './review-values.js';

/** What the action's owner reports when the action is done. */
export interface ActionCompletion {
  completedOn: string;
  completionNote: string;
}

/** The groups that may confirm any action as done; a department head confirms their own. */
const confirmingGroups = ['iso-secretary', 'board'];

/** The groups that draft and approve a review, who alone read its documents before approval. */
export const draftReaderGroups = ['iso-secretary', 'board'];

/** True when the principal may read the unapproved notice and report of a review. */
export function isDraftReader(principal: Principal): boolean {
  return draftReaderGroups.some((group) => principal.groups.includes(group));
}

/**
 * Reads a review with its actions and the leaders' decisions on its notice and report, and says
 * which of its documents the principal may download.
 */
export async function readReviewDetail(db: Knex, review: ManagementReview, principal: Principal) {
  const actions = await db('review_actions')
    .where({ management_review_id: review.id, unit_id: review.unitId })
    .orderBy('position')
    .pluck('id');
  const records = [];
  for (const id of actions) {
    const record = await findRecord(db, reviewActionsRegister, review.unitId, String(id));
    if (record) records.push(presentRecord(reviewActionsRegister, record));
  }
  const approvals = review.processInstanceKey
    ? await db('approvals')
        .where({ process_instance_key: review.processInstanceKey })
        .orderBy('id')
        .select('subject', 'decision', 'comment', 'actor', 'actor_name', 'decided_at')
    : [];
  const readsDrafts = isDraftReader(principal);
  return {
    ...review,
    actions: records,
    approvals: approvals.map((row) => ({
      step: String(row.subject).endsWith('Task_ApproveReport') ? 'report' : 'notice',
      decision: row.decision as string,
      comment: (row.comment as string | null) ?? null,
      actor: row.actor as string,
      actorName: row.actor_name as string,
      decidedAt: new Date(row.decided_at as string).toISOString(),
    })),
    documents: {
      notice: review.noticeApprovedAt !== null || readsDrafts,
      report:
        ['report-review', 'approved'].includes(review.status) &&
        (review.reportApprovedAt !== null || readsDrafts),
    },
  };
}

function assertMayConfirm(principal: Principal, ownerDepartmentCode: string | null): void {
  const groups = [...confirmingGroups];
  if (ownerDepartmentCode) groups.push(`head-${ownerDepartmentCode}`);
  if (groups.some((group) => principal.groups.includes(group))) return;
  throw new EisoError(
    'EISO_ERR_FORBIDDEN',
    `Only the groups ${groups.join(', ')} may confirm that this review action is done.`,
  );
}

/**
 * Marks an open review action done with its result, after checking that the principal is the
 * ISO secretary, a leader or the head of the owner department. Appends the change to the unit's
 * history and returns the action as the register presents it.
 */
export async function completeReviewAction(
  trx: Knex.Transaction,
  principal: Principal,
  id: string,
  completion: ActionCompletion,
  now: Date,
) {
  await lockUnit(trx, principal.unitId);
  const row = await trx('review_actions')
    .where({ id, unit_id: principal.unitId })
    .forUpdate()
    .first('id', 'status', 'owner_department_code', trx.raw('completed_on::text as completed_on'));
  if (!row) throw notFound('Review action', id);
  assertMayConfirm(principal, (row.owner_department_code as string | null) ?? null);
  if (row.status === 'done') {
    throw new EisoError(
      'EISO_ERR_CONFLICT',
      `Review action ${id} was already confirmed done on ${String(row.completed_on)}; it cannot be confirmed again.`,
    );
  }
  const today = vietnamDate(now);
  if (completion.completedOn > today) {
    const message = `completedOn ${completion.completedOn} is in the future; give the date the action was done, at the latest ${today}.`;
    throw new EisoError('EISO_ERR_VALIDATION', message, [{ path: '/completedOn', message }]);
  }

  const completionNote = completion.completionNote.trim();
  await trx('review_actions').where({ id }).update({
    status: 'done',
    completed_on: completion.completedOn,
    completed_by: principal.username,
    completion_note: completionNote,
    updated_at: now.toISOString(),
  });
  await appendUnitHistory(
    trx,
    principal.unitId,
    {
      type: 'REGISTER_RECORD_UPDATED',
      actor: principal.username,
      data: {
        register: reviewActionsRegister.name,
        recordId: id,
        changedFields: ['completedOn', 'completionNote', 'status'],
        changes: {
          status: { from: 'open', to: 'done' },
          completedOn: { from: null, to: completion.completedOn },
          completionNote: { from: null, to: completionNote },
        },
      },
    },
    now,
  );
  const record = await findRecord(trx, reviewActionsRegister, principal.unitId, id);
  return presentRecord(reviewActionsRegister, record!);
}
