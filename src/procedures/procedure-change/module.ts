import { EisoError } from '../../errors.js';
import type { ProcedureModule } from '../procedure-module.js';
import { procedureChangeProcessId, registerProcedureChangeWorkers } from './workers.js';

/**
 * Control of changes to the unit's procedures and forms (ISO 9001 clause 7.5.3): the ISO
 * secretary submits a draft from the modeler, the board approves or returns it, and only an
 * approved draft deploys. It starts only from a draft, never by hand.
 */
export const procedureChangeProcedure: ProcedureModule = {
  id: procedureChangeProcessId,
  title: {
    vi: 'Kiểm soát thay đổi quy trình và biểu mẫu',
    en: 'Control of changes to procedures and forms',
  },
  starterGroups: [],
  businessKey: { kind: 'sequence', prefix: 'TDQT' },
  registerWorkers: registerProcedureChangeWorkers,
  validateTaskCompletion: ({ task, variables, locale }) => {
    const comment = typeof variables.comment === 'string' ? variables.comment.trim() : '';
    if (task.elementId === 'Task_Approve' && variables.decision === 'return' && comment === '') {
      throw new EisoError(
        'EISO_ERR_VALIDATION',
        locale === 'vi'
          ? 'Khi trả lại, hãy ghi ý kiến: nội dung nào cần sửa.'
          : 'A return needs a comment that says what to change.',
        [
          {
            path: '/comment',
            message:
              locale === 'vi'
                ? 'Ghi rõ nội dung cần sửa.'
                : 'Say what the secretary should change.',
          },
        ],
      );
    }
    return Promise.resolve();
  },
};
