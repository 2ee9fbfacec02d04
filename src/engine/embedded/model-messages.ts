import type { Locale } from '../../locale.js';

/** The sentences of the model validator in one language, each a function of the values it names. */
export interface ModelMessages {
  tooLarge(resourceName: string, megabytes: string, maximum: number): string;
  notWellFormed(reason: string): string;
  doctype(entityNote: string): string;
  externalEntity(name: string, kind: string, target: string): string;
  entities: string;
  unreadableModel(reason: string): string;
  definitionsWithoutId: string;
  invalidDefinitionsId(id: string, rule: string): string;
  idRule(found: string): string;
  nonAsciiCharacter(id: string, character: string): string;
  documentEncoding(warning: string): string;
  unresolvedReference(owner: string, property: string, value: string): string;
  invalidId(id: string, tag: string, rule: string): string;
  duplicateId(id: string, tag: string): string;
  skippedContent(tag: string, reason: string): string;
  noProcess(resourceName: string): string;
  noExecutableProcess(resourceName: string, found: string): string;
  notExecutable(processId: string): string;
  processWithoutId: string;
  scriptTask(id: string): string;
  noJobType(type: string, id: string, decisionNote: string): string;
  decisionNote: string;
  conditionLanguage(id: string, language: string): string;
  conditionNotFeel(id: string): string;
  invalidFeel(location: string, elementId: string, error: string, expression: string): string;
  feelToken(token: string, parent: string, position: number): string;
  feelTypedToken(name: string, token: string, parent: string, position: number): string;
  feelIncomplete(node: string): string;
  modelInvalid(resourceName: string, first: string, more: number): string;
  ioMapping(id: string): string;
  sharedTimerStart(id: string, others: number): string;
  timerStartWithoutTime(id: string): string;
  repeatedTimer(id: string, waiting: string, reason: string): string;
  repeatingCycle(cycle: string): string;
  timerInLoop(activityId: string): string;
  eventSubProcessTimer(startId: string, subProcessId: string): string;
  /** Names an element type such as `bpmn:ServiceTask` in running text. */
  elementType(type: string): string;
}

// Vietnamese names of the BPMN types that the validator's sentences mention.
const vietnameseTypes: Record<string, string> = {
  'bpmn:ServiceTask': 'Việc tự động',
  'bpmn:SendTask': 'Việc gửi',
  'bpmn:BusinessRuleTask': 'Việc theo quy tắc nghiệp vụ',
  'bpmn:UserTask': 'Công việc của người dùng',
  'bpmn:ManualTask': 'Việc thủ công',
  'bpmn:ReceiveTask': 'Việc nhận',
  'bpmn:SubProcess': 'Quy trình con',
  'bpmn:CallActivity': 'Gọi quy trình',
  'bpmn:IntermediateCatchEvent': 'Sự kiện chờ',
  'bpmn:EventBasedGateway': 'Cổng theo sự kiện',
  'bpmn:SequenceFlow': 'Luồng',
  'bpmn:StartEvent': 'Sự kiện bắt đầu',
  'bpmn:EndEvent': 'Sự kiện kết thúc',
  'bpmn:BoundaryEvent': 'Sự kiện biên',
  'bpmn:ExclusiveGateway': 'Cổng chọn một nhánh',
  'bpmn:ParallelGateway': 'Cổng song song',
  'bpmn:Process': 'Quy trình',
};

/** Turns a BPMN type such as `bpmn:ServiceTask` into `Service task`, and keeps other types. */
function englishType(type: string): string {
  if (!type.startsWith('bpmn:')) return type;
  const words = type.slice('bpmn:'.length).replace(/(?<=[a-z])(?=[A-Z])/g, ' ');
  return words.charAt(0) + words.slice(1).toLowerCase();
}

const english: ModelMessages = {
  tooLarge: (resourceName, megabytes, maximum) =>
    `Model ${resourceName} is ${megabytes} MiB, above the maximum of ${maximum} MiB. ` +
    'Split it into smaller models.',
  notWellFormed: (reason) => `The XML is not well-formed: ${reason}`,
  doctype: (entityNote) =>
    'The model contains a DOCTYPE declaration, which eiso rejects because a DTD can declare ' +
    `external entities (XXE) and entity expansions.${entityNote} Remove the DOCTYPE.`,
  externalEntity: (name, kind, target) =>
    ` It declares the external entity "${name}" with ${kind} ${target}.`,
  entities: ' It declares entities.',
  unreadableModel: (reason) =>
    `bpmn-moddle could not read the model (${reason}). The root element must be ` +
    'bpmn:definitions in the namespace http://www.omg.org/spec/BPMN/20100524/MODEL.',
  definitionsWithoutId:
    'The bpmn:definitions element has no id. Add one, such as id="Definitions_1".',
  invalidDefinitionsId: (id, rule) =>
    `The definitions id "${id}" is invalid, so bpmn-moddle skipped the whole document ` +
    `and read no process. ${rule}`,
  idRule: (found) =>
    'BPMN ids must start with an ASCII letter or "_" and contain only ASCII letters, digits, ' +
    `"_", "-" and ".".${found} Keep Vietnamese text in the name attribute and use an ASCII id ` +
    'such as "Task_DraftObjectives".',
  nonAsciiCharacter: (id, character) => ` "${id}" contains the non-ASCII character "${character}".`,
  documentEncoding: (warning) => `bpmn-moddle: ${warning}`,
  unresolvedReference: (owner, property, value) =>
    `${owner} refers in ${property} to "${value}", but the model has no element with that id.`,
  invalidId: (id, tag, rule) => `The id "${id}" of ${tag} is invalid. ${rule}`,
  duplicateId: (id, tag) =>
    `The id "${id}" of ${tag} is already used by another element. Ids must be unique.`,
  skippedContent: (tag, reason) => `bpmn-moddle could not read ${tag} and skipped it: ${reason}.`,
  noProcess: (resourceName) =>
    `Model ${resourceName} contains no process, so there is nothing to deploy.`,
  noExecutableProcess: (resourceName, found) =>
    `No process of model ${resourceName} is executable (found ${found}). ` +
    'Set isExecutable="true" on the process that eiso should run.',
  notExecutable: (processId) =>
    `Process "${processId}" is not executable, so eiso does not deploy it as a process definition.`,
  processWithoutId: 'An executable process has no id.',
  scriptTask: (id) =>
    `Script task "${id}" is not supported because the embedded engine would run its ` +
    'script with node:vm, which is not a sandbox. Use a service task with a ' +
    'zeebe:taskDefinition type that an eiso job worker handles.',
  noJobType: (type, id, decisionNote) =>
    `${type} "${id}" has no job type.${decisionNote} Add ` +
    '<zeebe:taskDefinition type="…" /> with the type that an eiso job worker handles.',
  decisionNote:
    ' The embedded engine does not evaluate DMN decisions, so zeebe:calledDecision is not enough.',
  conditionLanguage: (id, language) =>
    `Sequence flow "${id}" has a condition in the language "${language}". eiso evaluates ` +
    'only FEEL conditions, because scripts would run in node:vm, which is not a sandbox.',
  conditionNotFeel: (id) =>
    `The condition of sequence flow "${id}" must be a FEEL expression that starts ` +
    'with "=", such as =decision = "approve".',
  invalidFeel: (location, elementId, error, expression) =>
    `The FEEL expression in ${location} of "${elementId}" is invalid: ${error}. ` +
    `Expression: ${expression}`,
  feelToken: (token, parent, position) =>
    `Unrecognized token "${token}" in <${parent}> at position ${position}`,
  feelTypedToken: (name, token, parent, position) =>
    `Unrecognized token <${name}> "${token}" in <${parent}> at position ${position}`,
  feelIncomplete: (node) => `Incomplete <${node}> at the end of the expression`,
  modelInvalid: (resourceName, first, more) =>
    `Model ${resourceName} is invalid: ${first}` +
    (more > 0 ? ` (and ${more} more problems, see details)` : ''),
  ioMapping: (id) =>
    `Element "${id}" has zeebe:ioMapping, which the embedded engine does not apply yet. ` +
    'Remove the input and output mappings: let the form or the worker read and write the ' +
    'process variables under their own names, and use a multi-instance outputElement to ' +
    'collect results.',
  sharedTimerStart: (id, others) =>
    `Timer start event "${id}" shares its process with ${others} other start ` +
    'event(s). The embedded engine starts a timer-started process only from its single ' +
    'timer start event: remove the other start events, or move the timer into a process ' +
    'of its own. Such a process can still be started by hand.',
  timerStartWithoutTime: (id) =>
    `Timer start event "${id}" needs a timeCycle (such as R/2027-01-15T08:00:00+07:00/P1Y) ` +
    'or a timeDate; a timeDuration has no point in time to count from.',
  repeatedTimer: (id, waiting, reason) =>
    `Non-interrupting timer "${id}" can fire again while the token of its previous firing ` +
    `still waits at ${waiting}, because ${reason}. The embedded engine ` +
    'runs one instance of an element at a time, so the next token would wait until that ' +
    'element completes instead of starting a second instance. Let the timer start only ' +
    'service tasks (such as a reminder job) before its path ends, or make it fire once on ' +
    'an activity outside any loop.',
  repeatingCycle: (cycle) => `its cycle ${cycle} fires more than once`,
  timerInLoop: (activityId) =>
    `activity "${activityId}" lies in a loop, so the timer starts again on each pass`,
  eventSubProcessTimer: (startId, subProcessId) =>
    `Timer start event "${startId}" of event sub-process "${subProcessId}" would never ` +
    'fire, because bpmn-elements 17 does not start the timers of event sub-processes. ' +
    'Attach a boundary timer event to the activity that the timer should watch.',
  elementType: englishType,
};

const vietnamese: ModelMessages = {
  tooLarge: (resourceName, megabytes, maximum) =>
    `Mô hình ${resourceName} nặng ${megabytes} MiB, vượt mức tối đa ${maximum} MiB. ` +
    'Hãy tách thành các mô hình nhỏ hơn.',
  notWellFormed: (reason) => `Tệp XML không đúng cú pháp: ${reason}`,
  doctype: (entityNote) =>
    'Mô hình có khai báo DOCTYPE. eiso không nhận khai báo này vì DTD có thể khai báo ' +
    `thực thể bên ngoài (XXE) và thực thể tự nhân bản.${entityNote} Hãy xóa DOCTYPE.`,
  externalEntity: (name, kind, target) =>
    ` Nó khai báo thực thể bên ngoài "${name}" bằng ${kind} ${target}.`,
  entities: ' Nó khai báo thực thể.',
  unreadableModel: (reason) =>
    `bpmn-moddle không đọc được mô hình (${reason}). Phần tử gốc phải là ` +
    'bpmn:definitions trong không gian tên http://www.omg.org/spec/BPMN/20100524/MODEL.',
  definitionsWithoutId:
    'Phần tử bpmn:definitions chưa có mã (id). Hãy thêm mã, ví dụ id="Definitions_1".',
  invalidDefinitionsId: (id, rule) =>
    `Mã definitions "${id}" không hợp lệ nên bpmn-moddle bỏ qua cả tài liệu ` +
    `và không đọc được quy trình nào. ${rule}`,
  idRule: (found) =>
    'Mã BPMN phải bắt đầu bằng chữ cái ASCII hoặc "_" và chỉ gồm chữ cái ASCII, chữ số, ' +
    `"_", "-" và ".".${found} Hãy để tiếng Việt trong thuộc tính tên (name) và dùng mã ASCII, ` +
    'ví dụ "Task_DraftObjectives".',
  nonAsciiCharacter: (id, character) => ` "${id}" có ký tự không phải ASCII "${character}".`,
  documentEncoding: (warning) => `bpmn-moddle: bảng mã của tài liệu không được hỗ trợ (${warning})`,
  unresolvedReference: (owner, property, value) =>
    `${owner} tham chiếu tới "${value}" trong ${property}, nhưng mô hình không có phần tử nào ` +
    'mang mã đó.',
  invalidId: (id, tag, rule) => `Mã "${id}" của ${tag} không hợp lệ. ${rule}`,
  duplicateId: (id, tag) =>
    `Mã "${id}" của ${tag} đã được phần tử khác dùng. Mỗi mã chỉ được dùng một lần.`,
  skippedContent: (tag, reason) => `bpmn-moddle không đọc được ${tag} và đã bỏ qua: ${reason}.`,
  noProcess: (resourceName) =>
    `Mô hình ${resourceName} không có quy trình nào nên không có gì để triển khai.`,
  noExecutableProcess: (resourceName, found) =>
    `Mô hình ${resourceName} không có quy trình nào thực thi được (có ${found}). ` +
    'Hãy đặt isExecutable="true" cho quy trình mà eiso cần chạy.',
  notExecutable: (processId) =>
    `Quy trình "${processId}" không thực thi được nên eiso không triển khai nó.`,
  processWithoutId: 'Một quy trình thực thi được chưa có mã (id).',
  scriptTask: (id) =>
    `Không dùng được việc chạy kịch bản "${id}": bộ máy quy trình sẽ chạy kịch bản bằng ` +
    'node:vm, vốn không cách ly được mã độc. Hãy dùng việc tự động có loại việc ' +
    '(zeebe:taskDefinition) do một bộ xử lý của eiso đảm nhận.',
  noJobType: (type, id, decisionNote) =>
    `${type} "${id}" chưa có loại việc.${decisionNote} Hãy thêm ` +
    '<zeebe:taskDefinition type="…" /> với loại việc do một bộ xử lý của eiso đảm nhận.',
  decisionNote:
    ' Bộ máy quy trình không tính bảng quyết định DMN, nên zeebe:calledDecision là chưa đủ.',
  conditionLanguage: (id, language) =>
    `Luồng "${id}" có điều kiện viết bằng ngôn ngữ "${language}". eiso chỉ tính điều kiện ` +
    'FEEL, vì kịch bản sẽ chạy trong node:vm, vốn không cách ly được mã độc.',
  conditionNotFeel: (id) =>
    `Điều kiện của luồng "${id}" phải là biểu thức FEEL bắt đầu bằng "=", ` +
    'ví dụ =decision = "approve".',
  invalidFeel: (location, elementId, error, expression) =>
    `Biểu thức FEEL trong ${location} của "${elementId}" không hợp lệ: ${error}. ` +
    `Biểu thức: ${expression}`,
  feelToken: (token, parent, position) =>
    `không nhận ra "${token}" trong <${parent}> ở vị trí ${position}`,
  feelTypedToken: (name, token, parent, position) =>
    `không nhận ra <${name}> "${token}" trong <${parent}> ở vị trí ${position}`,
  feelIncomplete: (node) => `<${node}> chưa viết xong ở cuối biểu thức`,
  modelInvalid: (resourceName, first, more) =>
    `Mô hình ${resourceName} không hợp lệ: ${first}` +
    (more > 0 ? ` (và ${more} lỗi khác, xem chi tiết)` : ''),
  ioMapping: (id) =>
    `Phần tử "${id}" có zeebe:ioMapping, mà bộ máy quy trình chưa áp dụng. ` +
    'Hãy bỏ ánh xạ đầu vào và đầu ra: để biểu mẫu hoặc bộ xử lý đọc và ghi biến quy trình ' +
    'theo đúng tên của chúng, và dùng outputElement của việc nhiều lượt để gom kết quả.',
  sharedTimerStart: (id, others) =>
    `Sự kiện bắt đầu hẹn giờ "${id}" nằm chung quy trình với ${others} sự kiện bắt đầu ` +
    'khác. Bộ máy quy trình chỉ khởi động quy trình hẹn giờ từ một sự kiện bắt đầu hẹn giờ ' +
    'duy nhất: hãy xóa các sự kiện bắt đầu khác, hoặc chuyển hẹn giờ sang một quy trình ' +
    'riêng. Quy trình đó vẫn khởi động bằng tay được.',
  timerStartWithoutTime: (id) =>
    `Sự kiện bắt đầu hẹn giờ "${id}" cần chu kỳ timeCycle ` +
    '(ví dụ R/2027-01-15T08:00:00+07:00/P1Y) hoặc ngày giờ timeDate; khoảng thời gian ' +
    'timeDuration không có mốc để tính.',
  repeatedTimer: (id, waiting, reason) =>
    `Hẹn giờ không ngắt "${id}" có thể kích hoạt lại khi lượt trước vẫn còn chờ ở ` +
    `${waiting}, vì ${reason}. Bộ máy quy trình chạy mỗi phần tử một lượt một lúc, nên lượt ` +
    'sau sẽ chờ phần tử đó xong thay vì chạy song song. Hãy để hẹn giờ chỉ dẫn tới việc tự ' +
    'động (như việc nhắc hạn) trước khi nhánh kết thúc, hoặc cho nó kích hoạt một lần trên ' +
    'một hoạt động nằm ngoài mọi vòng lặp.',
  repeatingCycle: (cycle) => `chu kỳ ${cycle} kích hoạt nhiều lần`,
  timerInLoop: (activityId) =>
    `hoạt động "${activityId}" nằm trong vòng lặp nên hẹn giờ chạy lại ở mỗi vòng`,
  eventSubProcessTimer: (startId, subProcessId) =>
    `Sự kiện bắt đầu hẹn giờ "${startId}" của quy trình con sự kiện "${subProcessId}" sẽ ` +
    'không bao giờ kích hoạt, vì bpmn-elements 17 không chạy hẹn giờ của quy trình con sự ' +
    'kiện. Hãy gắn một sự kiện biên hẹn giờ vào hoạt động cần theo dõi.',
  elementType: (type) => vietnameseTypes[type] ?? englishType(type),
};

/** Returns the validator's sentences in `locale`. */
export function modelMessages(locale: Locale): ModelMessages {
  return locale === 'vi' ? vietnamese : english;
}
