import type { Knex } from 'knex';
import type { ModelDraft } from './model-drafts.js';

/** Full names of the people in a draft's history, null for a step not taken or a user not found. */
export interface DraftPeopleNames {
  createdByName: string | null;
  updatedByName: string | null;
  submittedByName: string | null;
  decidedByName: string | null;
}

/** Adds the display names of each draft's creator, last editor, submitter and decider. */
export async function withPeopleNames<T extends ModelDraft>(
  db: Knex | Knex.Transaction,
  drafts: T[],
): Promise<(T & DraftPeopleNames)[]> {
  const usernames = new Set<string>();
  for (const draft of drafts) {
    for (const username of [draft.createdBy, draft.updatedBy, draft.submittedBy, draft.decidedBy])
      if (username) usernames.add(username);
  }
  const rows =
    usernames.size === 0
      ? []
      : await db('users')
          .whereIn('username', [...usernames])
          .select('username', 'display_name');
  const names = new Map(rows.map((row) => [row.username as string, row.display_name as string]));
  const nameOf = (username: string | null) => (username ? (names.get(username) ?? null) : null);

  return drafts.map((draft) => ({
    ...draft,
    createdByName: nameOf(draft.createdBy),
    updatedByName: nameOf(draft.updatedBy),
    submittedByName: nameOf(draft.submittedBy),
    decidedByName: nameOf(draft.decidedBy),
  }));
}

/** Adds the display names of one draft's people, as `withPeopleNames` does for a list. */
export async function withDraftPeopleNames<T extends ModelDraft>(
  db: Knex | Knex.Transaction,
  draft: T,
): Promise<T & DraftPeopleNames> {
  const [named] = await withPeopleNames(db, [draft]);
  return named;
}
