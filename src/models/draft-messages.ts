import type { Locale } from '../locale.js';

/** The sentences of the draft API's errors in one language, each a function of its values. */
export interface DraftMessages {
  forbidden: string;
  draftNotFound(id: string): string;
  versionNotFound(resourceId: string, version: number): string;
  openDraftExists(resourceId: string, draftId: string, author: string): string;
  openThatDraft(draftId: string): string;
  waitsForBoard(id: string): string;
  closedDraft(id: string, status: string): string;
  changedMeanwhile(id: string): string;
  reasonMissing: string;
  reasonTooLong(length: number, maximum: number): string;
  reasonFix(maximum: number): string;
  blockingProblems(count: number, first: string): string;
  unchanged(id: string, version: number): string;
  changeBeforeSubmit: string;
  baseVersionMissing(baseVersion: number, resourceId: string): string;
  baseVersionRange(latest: number): string;
  neverDeployed: string;
  executableCount(count: number): string;
  keepOneExecutable: string;
  invalidProcessId(id: string): string;
  asciiProcessId: string;
  resourceMismatch(draftResource: string, declared: string): string;
  keepResource(draftResource: string, declared: string): string;
  diagramOnlyForProcess: string;
  openProcessDraft: string;
  /** Names a draft's status inside a sentence. */
  status(status: string): string;
}

const english: DraftMessages = {
  forbidden: 'Only the ISO secretary and the board edit the procedures and forms of the unit.',
  draftNotFound: (id) => `Draft ${id} was not found`,
  versionNotFound: (resourceId, version) => `Version ${resourceId} ${version} was not found`,
  openDraftExists: (resourceId, draftId, author) =>
    `${resourceId} already has the open draft ${draftId} by ${author}: continue that one.`,
  openThatDraft: (draftId) => `Open draft ${draftId} instead.`,
  waitsForBoard: (id) =>
    `Draft ${id} cannot change: it waits for the board’s decision. Wait for it, or ask the ` +
    'board to return the draft.',
  closedDraft: (id, status) =>
    `Draft ${id} cannot change: it is ${status}. Start a new draft from the latest version.`,
  changedMeanwhile: (id) => `Draft ${id} was submitted or changed meanwhile.`,
  reasonMissing: 'A submission needs a reason: say why the procedure changes.',
  reasonTooLong: (length, maximum) => `The reason is ${length} characters, above ${maximum}.`,
  reasonFix: (maximum) => `Write why it changes, in at most ${maximum} characters.`,
  blockingProblems: (count, first) =>
    `The draft has ${count} problems that block the submission: ${first}`,
  unchanged: (id, version) =>
    `Draft ${id} equals version ${version}, which is in force: there is nothing to approve.`,
  changeBeforeSubmit: 'Change the model or form before you submit it.',
  baseVersionMissing: (baseVersion, resourceId) =>
    `baseVersion ${baseVersion} does not exist for ${resourceId}.`,
  baseVersionRange: (latest) => `Use a version from 1 to ${latest}.`,
  neverDeployed: 'This process or form was never deployed: leave baseVersion out.',
  executableCount: (count) => `A draft holds one executable process, this model has ${count}.`,
  keepOneExecutable: 'Keep exactly one process with isExecutable="true".',
  invalidProcessId: (id) =>
    `The process id "${id}" is invalid: BPMN ids use only ASCII letters, digits, "_", "-" and ".".`,
  asciiProcessId:
    'Keep Vietnamese text in the process name and use an ASCII id such as "quality-objectives".',
  resourceMismatch: (draftResource, declared) =>
    `This draft changes ${draftResource}, but the content declares ${declared}.`,
  keepResource: (draftResource, declared) =>
    `Keep the id ${draftResource}, or start a new draft for ${declared}.`,
  diagramOnlyForProcess: 'Only a process draft has a diagram diff.',
  openProcessDraft: 'Open a process draft.',
  status: (status) => status,
};

const vietnameseStatuses: Record<string, string> = {
  deployed: 'đã được triển khai',
  withdrawn: 'đã bị rút',
};

const vietnamese: DraftMessages = {
  forbidden: 'Chỉ thư ký ISO và Ban Giám đốc được sửa quy trình và biểu mẫu của đơn vị.',
  draftNotFound: (id) => `Không tìm thấy bản nháp ${id}.`,
  versionNotFound: (resourceId, version) =>
    `Không tìm thấy phiên bản ${version} của ${resourceId}.`,
  openDraftExists: (resourceId, draftId, author) =>
    `${resourceId} đang có bản nháp ${draftId} do ${author} tạo: hãy tiếp tục bản nháp đó.`,
  openThatDraft: (draftId) => `Mở bản nháp ${draftId}.`,
  waitsForBoard: (id) =>
    `Không sửa được bản nháp ${id}: bản nháp đang chờ lãnh đạo duyệt. Hãy chờ quyết định, ` +
    'hoặc đề nghị lãnh đạo trả lại bản nháp.',
  closedDraft: (id, status) =>
    `Không sửa được bản nháp ${id}: bản nháp ${status}. Hãy tạo bản nháp mới từ phiên bản ` +
    'mới nhất.',
  changedMeanwhile: (id) => `Bản nháp ${id} vừa được trình hoặc thay đổi bởi người khác.`,
  reasonMissing: 'Cần nêu lý do khi trình: vì sao quy trình thay đổi.',
  reasonTooLong: (length, maximum) => `Lý do dài ${length} ký tự, vượt quá ${maximum}.`,
  reasonFix: (maximum) => `Ghi lý do thay đổi, tối đa ${maximum} ký tự.`,
  blockingProblems: (count, first) => `Bản nháp còn ${count} lỗi chặn việc trình: ${first}`,
  unchanged: (id, version) =>
    `Bản nháp ${id} giống hệt phiên bản ${version} đang áp dụng: không có gì để duyệt.`,
  changeBeforeSubmit: 'Hãy sửa quy trình hoặc biểu mẫu trước khi trình.',
  baseVersionMissing: (baseVersion, resourceId) =>
    `${resourceId} không có phiên bản gốc ${baseVersion} (baseVersion).`,
  baseVersionRange: (latest) => `Chọn một phiên bản từ 1 đến ${latest}.`,
  neverDeployed: 'Quy trình hoặc biểu mẫu này chưa từng được triển khai: bỏ trống baseVersion.',
  executableCount: (count) =>
    `Mỗi bản nháp chứa đúng một quy trình thực thi được, mô hình này có ${count}.`,
  keepOneExecutable: 'Giữ đúng một quy trình có isExecutable="true".',
  invalidProcessId: (id) =>
    `Mã quy trình "${id}" không hợp lệ: mã BPMN chỉ gồm chữ cái ASCII, chữ số, "_", "-" và ".".`,
  asciiProcessId: 'Để tiếng Việt trong tên quy trình và dùng mã ASCII, ví dụ "quality-objectives".',
  resourceMismatch: (draftResource, declared) =>
    `Bản nháp này sửa ${draftResource}, nhưng nội dung lại khai báo ${declared}.`,
  keepResource: (draftResource, declared) =>
    `Giữ mã ${draftResource}, hoặc tạo bản nháp mới cho ${declared}.`,
  diagramOnlyForProcess: 'Chỉ bản nháp quy trình mới có so sánh trên sơ đồ.',
  openProcessDraft: 'Mở một bản nháp quy trình.',
  status: (status) => vietnameseStatuses[status] ?? status,
};

/** Returns the draft API's error sentences in `locale`. */
export function draftMessages(locale: Locale): DraftMessages {
  return locale === 'vi' ? vietnamese : english;
}
