import { EisoError, type ErrorCode } from '../errors.js';
import type { Locale } from '../locale.js';
import type { UserTask } from './task-model.js';

// The errors that the task layer raises, in Vietnamese and English. The English wording stays
// as the /v2 Camunda-compatible routes have always returned it, because clients match on it.

/** One message in each language that eiso localizes. */
type Wording = Record<Locale, string>;

/** One person that a message names: the full name in Vietnamese, the username in English. */
export interface NamedUser {
  username: string;
  fullName: string;
}

function taskError(
  code: ErrorCode,
  locale: Locale,
  message: Wording,
  detail?: { path: string; message: Wording },
): EisoError {
  const details = detail ? [{ path: detail.path, message: detail.message[locale] }] : undefined;
  return new EisoError(code, message[locale], details);
}

/** Returns the name that a Vietnamese message gives a task, falling back to its element id. */
function taskName(task: UserTask): string {
  return `'${task.name ?? task.elementId}'`;
}

/** Creates the 404 for a task that does not exist or that the user may not see. */
export function taskNotFound(key: string, locale: Locale): EisoError {
  return taskError('EISO_ERR_NOT_FOUND', locale, {
    vi:
      `Không tìm thấy công việc ${key}, hoặc bạn không có quyền xem công việc này. ` +
      'Hãy tải lại danh sách công việc.',
    en: `User task ${key} was not found`,
  });
}

/** Creates the 404 for a task whose form is not deployed in the unit. */
export function formNotDeployed(task: UserTask, formId: string, locale: Locale): EisoError {
  return taskError('EISO_ERR_NOT_FOUND', locale, {
    vi:
      `Biểu mẫu '${formId}' của công việc ${taskName(task)} chưa được triển khai. ` +
      'Hãy đề nghị người quản trị quy trình triển khai biểu mẫu rồi thử lại.',
    en: `Form '${formId}' of user task ${task.key} is not deployed; deploy the form and try again.`,
  });
}

/** Creates the 409 for a change to a task that was completed or canceled. */
export function taskNotActive(task: UserTask, locale: Locale): EisoError {
  return taskError('EISO_ERR_TASK_NOT_ACTIVE', locale, {
    vi: `Công việc ${taskName(task)} đã hoàn thành hoặc đã bị hủy. Hãy tải lại danh sách công việc.`,
    en: `User task ${task.key} is not active: it was completed or canceled.`,
  });
}

/** Creates the 409 for an unclaim of a task that closed or changed hands meanwhile. */
export function taskNoLongerYours(task: UserTask, locale: Locale): EisoError {
  return taskError('EISO_ERR_TASK_NOT_ACTIVE', locale, {
    vi:
      `Công việc ${taskName(task)} đã kết thúc hoặc không còn giao cho bạn. ` +
      'Hãy tải lại danh sách công việc.',
    en: `User task ${task.key} is not active or no longer assigned to you; reload the inbox.`,
  });
}

/** Creates the 409 for a claim or assignment that lost the race to another assignment. */
export function alreadyAssigned(
  task: UserTask,
  assignee: NamedUser | null,
  locale: Locale,
): EisoError {
  return taskError('EISO_ERR_TASK_ASSIGNED', locale, {
    vi:
      `Công việc ${taskName(task)} vừa được giao cho ${assignee?.fullName ?? 'người khác'}. ` +
      'Hãy tải lại danh sách công việc.',
    en: `User task ${task.key} is already assigned to ${assignee?.username ?? 'someone else'}; reload the inbox.`,
  });
}

/** Creates the 409 for an unclaim by a user who is not the assignee. */
export function notYoursToUnclaim(task: UserTask, locale: Locale): EisoError {
  return taskError('EISO_ERR_TASK_ASSIGNED', locale, {
    vi:
      `Công việc ${taskName(task)} không giao cho bạn nên bạn không trả lại được. ` +
      'Hãy tải lại danh sách công việc.',
    en: `User task ${task.key} is not assigned to you, so you cannot unclaim it.`,
  });
}

/** Creates the 409 for an unclaim of a task that has no candidates to return to. */
export function noCandidatesToReturnTo(task: UserTask, locale: Locale): EisoError {
  return taskError('EISO_ERR_CONFLICT', locale, {
    vi:
      `Công việc ${taskName(task)} không có nhóm hay người nào khác được giao, ` +
      'nên vẫn do bạn xử lý. Hãy hoàn thành công việc thay vì trả lại.',
    en: `User task ${task.key} has no candidate groups or users, so it stays with you: complete it instead.`,
  });
}

/** Creates the 409 for a completion by someone other than the assignee. */
export function assignedToOther(task: UserTask, assignee: NamedUser, locale: Locale): EisoError {
  return taskError('EISO_ERR_TASK_ASSIGNED', locale, {
    vi:
      `Công việc ${taskName(task)} đang giao cho ${assignee.fullName}; chỉ người đó hoàn thành ` +
      'được. Hãy nhận việc hoặc đề nghị lãnh đạo giao lại cho bạn.',
    en: `User task ${task.key} is assigned to ${assignee.username}; only the assignee can complete it.`,
  });
}

/** Creates the 409 for a completion or unclaim while the task is delegated. */
export function delegationPending(task: UserTask, owner: NamedUser | null, locale: Locale) {
  return taskError('EISO_ERR_CONFLICT', locale, {
    vi:
      `Công việc ${taskName(task)} đang được ${owner?.fullName ?? 'người nhận việc'} ủy quyền. ` +
      'Người được ủy quyền xử lý xong thì công việc trở về người ủy quyền, ' +
      'và người ủy quyền hoàn thành công việc.',
    en: `User task ${task.key} is delegated by ${owner?.username ?? 'its owner'}. The delegate resolves it to return it to the owner, who then completes it.`,
  });
}

/** Creates the 403 for a completion by a user who is not a candidate of the task. */
export function notCandidateToComplete(
  task: UserTask,
  candidates: Wording,
  locale: Locale,
): EisoError {
  return taskError('EISO_ERR_FORBIDDEN', locale, {
    vi:
      `Công việc ${taskName(task)} được giao cho ${candidates.vi}; bạn không thuộc số đó ` +
      'nên không hoàn thành được. Hãy để một người trong số đó xử lý.',
    en: `User task ${task.key} is offered to ${candidates.en}; you are not one of them.`,
  });
}

/** Creates the 400 for a user that the unit does not have, at the field `path`. */
export function userNotInUnit(username: string, path: string, locale: Locale): EisoError {
  return taskError(
    'EISO_ERR_VALIDATION',
    locale,
    {
      vi: `Đơn vị của bạn không có người dùng '${username}'. Hãy chọn một người trong đơn vị.`,
      en: `User '${username}' does not exist in your unit; choose a user of the unit.`,
    },
    {
      path,
      message: {
        vi: `Đơn vị của bạn không có người dùng '${username}'.`,
        en: `User '${username}' does not exist in your unit.`,
      },
    },
  );
}

/** Creates the 400 for an assignment to a user who is not a candidate of the task. */
export function assigneeNotCandidate(
  task: UserTask,
  assignee: NamedUser,
  candidates: Wording,
  locale: Locale,
): EisoError {
  return taskError(
    'EISO_ERR_VALIDATION',
    locale,
    {
      vi:
        `${assignee.fullName} không thuộc những người được giao công việc ${taskName(task)}. ` +
        `Hãy chọn một người trong số: ${candidates.vi}.`,
      en: `User '${assignee.username}' may not work on this task: choose one of ${candidates.en}.`,
    },
    {
      path: '/assignee',
      message: {
        vi: `${assignee.fullName} không thuộc những người được giao công việc này.`,
        en: `User '${assignee.username}' is not a candidate of the task.`,
      },
    },
  );
}

/** Creates the 403 for an assignment to someone else by a user who does not manage the task. */
export function onlyManagerAssigns(locale: Locale): EisoError {
  return taskError('EISO_ERR_FORBIDDEN', locale, {
    vi:
      'Chỉ lãnh đạo đơn vị hoặc trưởng nhóm được giao công việc mới giao được việc cho người ' +
      'khác. Hãy đề nghị họ giao việc, hoặc tự nhận việc nếu bạn được giao.',
    en: "Only a leader or the head of the task's group may assign a task to someone else.",
  });
}

/** Creates the 403 for a change of dates, candidates or priority by someone who may not. */
export function onlyManagerChanges(locale: Locale): EisoError {
  return taskError('EISO_ERR_FORBIDDEN', locale, {
    vi:
      'Chỉ lãnh đạo đơn vị hoặc trưởng nhóm được giao công việc mới đổi được hạn, người được ' +
      'giao hay mức ưu tiên của công việc. Hãy đề nghị họ thay đổi.',
    en: "Only a leader or the head of the task's group may change its dates, candidates or priority.",
  });
}

/** Creates the 403 for a delegation of a task that the user has not claimed. */
export function notYoursToDelegate(task: UserTask, locale: Locale): EisoError {
  return taskError('EISO_ERR_FORBIDDEN', locale, {
    vi: `Công việc ${taskName(task)} không giao cho bạn. Hãy nhận việc trước khi ủy quyền.`,
    en: `User task ${task.key} is not assigned to you; claim it before you delegate it.`,
  });
}

/** Creates the 409 for a delegation of a task that is delegated already. */
export function alreadyDelegated(task: UserTask, delegate: NamedUser, locale: Locale): EisoError {
  return taskError('EISO_ERR_CONFLICT', locale, {
    vi:
      `Công việc ${taskName(task)} đã được ủy quyền cho ${delegate.fullName}. ` +
      'Hãy chờ người đó xử lý xong.',
    en: `User task ${task.key} is already delegated to ${delegate.username}; wait until it is resolved.`,
  });
}

/** Creates the 400 for a delegation that the field `/delegate` makes impossible. */
function invalidDelegate(message: Wording, locale: Locale): EisoError {
  return taskError('EISO_ERR_VALIDATION', locale, message, { path: '/delegate', message });
}

/** Creates the 400 for a delegation to the user themselves. */
export function selfDelegation(locale: Locale): EisoError {
  return invalidDelegate(
    {
      vi: 'Bạn không thể ủy quyền công việc cho chính mình. Hãy chọn người khác.',
      en: 'You cannot delegate a task to yourself; choose another user.',
    },
    locale,
  );
}

/** Creates the 400 for a delegation to an absent user whose substitute is the caller. */
export function delegationComesBack(delegate: NamedUser, locale: Locale): EisoError {
  return invalidDelegate(
    {
      vi:
        `${delegate.fullName} đang vắng mặt và bạn là người thay thế, nên công việc sẽ ` +
        'quay lại bạn. Hãy chọn người khác.',
      en: `${delegate.username} is absent and you are their substitute, so the task would come back to you; choose another user.`,
    },
    locale,
  );
}

/** Creates the 403 for a resolution by a user to whom the task is not delegated. */
export function notDelegatedToYou(task: UserTask, locale: Locale): EisoError {
  return taskError('EISO_ERR_FORBIDDEN', locale, {
    vi:
      `Công việc ${taskName(task)} không được ủy quyền cho bạn nên bạn không báo xử lý xong ` +
      'được. Hãy tải lại danh sách công việc.',
    en: `User task ${task.key} is not delegated to you, so you cannot resolve it.`,
  });
}

/** Creates the 409 for a delegation or resolution that another change overtook. */
export function taskChangedConcurrently(task: UserTask, locale: Locale): EisoError {
  return taskError('EISO_ERR_CONFLICT', locale, {
    vi:
      `Công việc ${taskName(task)} vừa được người khác thay đổi trong lúc bạn thao tác. ` +
      'Hãy tải lại công việc rồi thử lại.',
    en: `User task ${task.key} changed while you were working on it; reload the task and try again.`,
  });
}

/** Creates the 403 for a change to a saved task filter by someone other than its owner. */
export function notFilterOwner(id: string, owner: NamedUser, locale: Locale): EisoError {
  return taskError('EISO_ERR_FORBIDDEN', locale, {
    vi:
      `Bộ lọc ${id} là của ${owner.fullName}; chỉ người tạo mới sửa hoặc xóa được. ` +
      'Hãy lưu một bản sao với tên mới.',
    en: `Task filter ${id} belongs to ${owner.username}; only its owner may change or delete it. Save a copy under a new name instead.`,
  });
}

/** Creates the 400 for a filter shared with a group that the user does not belong to. */
export function notGroupMember(groupCode: string, groups: string[], locale: Locale) {
  return taskError(
    'EISO_ERR_VALIDATION',
    locale,
    {
      vi:
        `Bạn không thuộc nhóm '${groupCode}'. Hãy chia sẻ bộ lọc với một nhóm của bạn: ` +
        `${groups.join(', ') || 'không có nhóm nào'}.`,
      en: `You are not a member of group '${groupCode}'; share the filter with one of your groups: ${groups.join(', ') || 'none'}.`,
    },
    {
      path: '/groupCode',
      message: {
        vi: `Bạn không thuộc nhóm '${groupCode}'.`,
        en: `You are not a member of group '${groupCode}'.`,
      },
    },
  );
}

/** Creates the 409 for a saved filter whose name the user already gave another filter. */
export function filterNameTaken(name: string, locale: Locale): EisoError {
  return taskError(
    'EISO_ERR_CONFLICT',
    locale,
    {
      vi: `Bạn đã có bộ lọc tên '${name}'. Hãy chọn tên khác.`,
      en: `You already have a task filter named '${name}'; choose another name.`,
    },
    {
      path: '/name',
      message: {
        vi: `Đã có bộ lọc tên '${name}'.`,
        en: `A filter named '${name}' already exists.`,
      },
    },
  );
}
