import type { Knex } from 'knex';
import type { HistoryEvent } from './history-log.js';

/** A form as it was deployed when a task of the instance was completed with it. */
export interface SubmittedForm {
  formId: string;
  version: number;
  schema: unknown;
}

/** The forms of an instance's completed user tasks. */
export interface SubmittedForms {
  /** Key into `byRef` of the form, by position of the USER_TASK_COMPLETED event. */
  refs: Map<number, string>;
  /** The forms, by `<form id>@<version>`. */
  byRef: Record<string, SubmittedForm>;
}

/** The fields of a history event that the lookup reads. */
type CompletionEvent = Pick<HistoryEvent, 'position' | 'type' | 'data' | 'createdAt'>;

/**
 * Finds the form of each completed user task: the task's form id, in the version that was
 * deployed when the task was completed, because a later version may label its fields otherwise.
 */
export async function loadSubmittedForms(
  db: Knex,
  unitId: string,
  instanceKey: string,
  history: CompletionEvent[],
): Promise<SubmittedForms> {
  const refs = new Map<number, string>();
  const byRef: Record<string, SubmittedForm> = {};
  const completions = history.filter((event) => event.type === 'USER_TASK_COMPLETED');
  if (completions.length === 0) return { refs, byRef };

  const tasks = await db('user_tasks')
    .where({ process_instance_key: instanceKey })
    .select('key', 'form_id', 'form_key');
  const formIdByTask = new Map<string, string>();
  for (const task of tasks) {
    const formId =
      (task.form_id as string | null) ??
      (task.form_key as string | null)?.replace(/^camunda-forms:bpmn:/, '') ??
      null;
    if (formId) formIdByTask.set(String(task.key), formId);
  }
  const formIds = [...new Set(formIdByTask.values())];
  if (formIds.length === 0) return { refs, byRef };
  const versions = await db('forms')
    .where('unit_id', unitId)
    .whereIn('form_id', formIds)
    .orderBy('version', 'desc')
    .select('form_id', 'version', 'schema', 'deployed_at');

  for (const event of completions) {
    const formId = formIdByTask.get(String(event.data.userTaskKey));
    if (!formId) continue;
    const completedAt = new Date(event.createdAt).getTime();
    const form = versions.find(
      (candidate) =>
        candidate.form_id === formId && new Date(candidate.deployed_at).getTime() <= completedAt,
    );
    if (!form) continue;
    const ref = `${formId}@${form.version}`;
    byRef[ref] ??= { formId, version: Number(form.version), schema: form.schema };
    refs.set(event.position, ref);
  }
  return { refs, byRef };
}
