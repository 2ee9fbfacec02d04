import type { Knex } from 'knex';
import { EisoError } from '../../errors.js';
import type { Locale } from '../../locale.js';
import type { UserTask } from '../../tasks/task-model.js';

const messages = {
  vi: 'Người soạn trả lời không được tự phê duyệt. Lãnh đạo khác của phòng hoặc Ban Giám đốc phê duyệt việc này.',
  en: 'The handler who drafted the answer cannot approve it. Another head of the department or a member of the board approves it.',
} as const;

/**
 * Rejects the approval of a complaint answer by its own handler (HTTP 400), so that every answer
 * is checked by a second person. Other tasks pass unchecked.
 */
export async function checkAnswerApproval(
  db: Knex,
  task: UserTask,
  username: string,
  locale: Locale,
): Promise<void> {
  if (task.elementId !== 'Task_ApproveAnswer') return;
  const instance = await db('process_instances')
    .where({ key: task.processInstanceKey })
    .first('variables');
  if (instance?.variables?.handler !== username) return;
  throw new EisoError('EISO_ERR_VALIDATION', messages.en, [
    { path: '/decision', message: messages[locale] },
  ]);
}
