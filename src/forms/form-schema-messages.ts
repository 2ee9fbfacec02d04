import { EisoError } from '../errors.js';
import type { Locale } from '../locale.js';

/** The part of a form-js component that names it in a message. */
export interface NamedComponent {
  id?: string;
  key?: string;
  path?: string;
  type: string;
}

/**
 * The sentences about a form schema that eiso cannot use, in one language. Each names the
 * component at fault, when there is one, and the fix.
 */
export interface FormSchemaMessages {
  /** Names a component by its ID and type inside a sentence. */
  component(component: NamedComponent): string;
  inFile(resourceName: string, problem: string): string;
  inForm(formId: string, problem: string): string;
  invalidJson(reason: string): string;
  notObject: string;
  noId: string;
  wrongType(found: string): string;
  noComponents: string;
  schemaVersionNotNumber: string;
  componentWithoutType(position: number): string;
  notFormJsType(component: string): string;
  componentsNotArray(component: string): string;
  unknownType(component: string): string;
  noKey(component: string): string;
  noPath(component: string): string;
  invalidPath(component: string, path: string): string;
  /** `other` is null when the component that uses the path has no ID. */
  pathConflict(component: string, path: string, other: string | null): string;
  invalidPattern(component: string, reason: string): string;
  notCompiling(reason: string): string;
}

function componentId(component: NamedComponent): string | undefined {
  return component.id ?? component.key ?? component.path;
}

const english: FormSchemaMessages = {
  component: (component) => `component ${componentId(component) ?? '(no id)'} (${component.type})`,
  inFile: (resourceName, problem) => `Form file ${resourceName}: ${problem}`,
  inForm: (formId, problem) => `Form ${formId}: ${problem}`,
  invalidJson: (reason) => `The file is not valid JSON (${reason}). Correct the JSON syntax.`,
  notObject: 'The file must contain a JSON object, the form-js schema.',
  noId: 'The form has no "id". Set "id" to the form ID that tasks reference.',
  wrongType: (found) => `The form has "type" ${found}. A form-js schema has "type": "default".`,
  noComponents: 'The form has no "components" array. Add the form fields there.',
  schemaVersionNotNumber:
    'The form has a "schemaVersion" that is not a number. Set a number, such as 16, or remove it.',
  componentWithoutType: (position) =>
    `The form has component ${position} without a string "type". Set "type" to a form-js ` +
    'component type, such as "textfield".',
  notFormJsType: (component) =>
    `The form has ${component}, which is not a form-js 1.23 component type. Replace it with a ` +
    'component of the form editor.',
  componentsNotArray: (component) =>
    `The form has ${component} whose "components" is not an array. Make it a list of components.`,
  unknownType: (component) =>
    `${capitalize(component)} has an unknown type. Use a form-js 1.23 component type.`,
  noKey: (component) =>
    `${capitalize(component)} has no key. Set "key" to the variable that the field writes.`,
  noPath: (component) =>
    `${capitalize(component)} has no path. Set "path" to the variable that stores the list.`,
  invalidPath: (component, path) =>
    `${capitalize(component)} has the invalid key or path "${path}". Use dot-separated names ` +
    'that are not empty, "__proto__", "prototype" or "constructor".',
  pathConflict: (component, path, other) =>
    `${capitalize(component)} writes to "${path}", but ${other ?? 'another component'} already ` +
    'uses that path or a part of it. Give each field its own key.',
  invalidPattern: (component, reason) =>
    `${capitalize(component)} has an invalid validate.pattern (${reason}). Correct the regular ` +
    'expression.',
  notCompiling: (reason) =>
    `The JSON Schema derived from the form does not compile (${reason}). Simplify the ` +
    'validation of the fields.',
};

// Vietnamese names of the form-js component types, as the form editor shows them.
const vietnameseTypes: Record<string, string> = {
  textfield: 'Ô nhập chữ',
  textarea: 'Ô nhập đoạn văn',
  number: 'Ô nhập số',
  datetime: 'Ngày giờ',
  select: 'Danh sách chọn',
  radio: 'Chọn một',
  checkbox: 'Ô đánh dấu',
  checklist: 'Chọn nhiều',
  taglist: 'Danh sách nhãn',
  text: 'Đoạn văn bản',
  group: 'Nhóm',
  dynamiclist: 'Danh sách lặp',
  table: 'Bảng',
  filepicker: 'Tệp đính kèm',
  separator: 'Đường kẻ',
  spacer: 'Khoảng trống',
};

const vietnamese: FormSchemaMessages = {
  component: (component) => {
    const type = vietnameseTypes[component.type];
    const kind = type ? `${type}, ${component.type}` : component.type;
    return `thành phần ${componentId(component) ?? '(không có mã)'} (${kind})`;
  },
  inFile: (resourceName, problem) => `Tệp biểu mẫu ${resourceName}: ${problem}`,
  inForm: (formId, problem) => `Biểu mẫu ${formId}: ${problem}`,
  invalidJson: (reason) => `Tệp không phải JSON hợp lệ (${reason}). Hãy sửa cú pháp JSON.`,
  notObject: 'Tệp phải chứa một đối tượng JSON, tức là lược đồ form-js.',
  noId: 'Biểu mẫu chưa có "id". Hãy đặt "id" là mã biểu mẫu mà các công việc tham chiếu.',
  wrongType: (found) =>
    `Biểu mẫu có "type" là ${found}. Lược đồ form-js phải có "type": "default".`,
  noComponents: 'Biểu mẫu chưa có mảng "components". Hãy thêm các trường của biểu mẫu vào đó.',
  schemaVersionNotNumber:
    'Biểu mẫu có "schemaVersion" không phải là số. Hãy đặt một số, chẳng hạn 16, hoặc bỏ thuộc tính này.',
  componentWithoutType: (position) =>
    `Thành phần thứ ${position} của biểu mẫu không có "type" dạng chuỗi. Hãy đặt "type" là một ` +
    'loại thành phần của form-js, chẳng hạn "textfield".',
  notFormJsType: (component) =>
    `Biểu mẫu có ${component}, không phải loại thành phần của form-js 1.23. Hãy thay bằng một ` +
    'thành phần có trong trình soạn biểu mẫu.',
  componentsNotArray: (component) =>
    `Biểu mẫu có ${component} mà "components" không phải là mảng. Hãy đặt nó là danh sách ` +
    'các thành phần.',
  unknownType: (component) =>
    `${capitalize(component)} có loại không xác định. Hãy dùng một loại thành phần của form-js 1.23.`,
  noKey: (component) =>
    `${capitalize(component)} chưa có khóa. Hãy đặt "key" là tên biến mà trường ghi giá trị vào.`,
  noPath: (component) =>
    `${capitalize(component)} chưa có đường dẫn. Hãy đặt "path" là tên biến lưu danh sách.`,
  invalidPath: (component, path) =>
    `${capitalize(component)} có khóa hoặc đường dẫn không hợp lệ "${path}". Hãy dùng các tên ` +
    'nối bằng dấu chấm, không rỗng và khác "__proto__", "prototype", "constructor".',
  pathConflict: (component, path, other) =>
    `${capitalize(component)} ghi vào "${path}", nhưng ${other ?? 'một thành phần khác'} đã dùng ` +
    'đường dẫn này hoặc một phần của nó. Hãy đặt cho mỗi trường một khóa riêng.',
  invalidPattern: (component, reason) =>
    `${capitalize(component)} có biểu thức chính quy validate.pattern không hợp lệ (${reason}). ` +
    'Hãy sửa biểu thức.',
  notCompiling: (reason) =>
    `Không biên dịch được JSON Schema suy ra từ biểu mẫu (${reason}). Hãy giản lược các ràng ` +
    'buộc kiểm tra của các trường.',
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Returns the form schema sentences in `locale`. */
export function formSchemaMessages(locale: Locale): FormSchemaMessages {
  return locale === 'vi' ? vietnamese : english;
}

/** One problem of a form schema, written in a language when it is shown. */
export interface FormSchemaIssue {
  /** The `id` of the component at fault, or null for a problem of the whole form. */
  componentId: string | null;
  write(messages: FormSchemaMessages): string;
}

/**
 * EISO_ERR_FORM_SCHEMA_INVALID with the issue behind its message, so that the lint can write
 * the issue in the request's language and in English.
 */
export class FormSchemaError extends EisoError {
  readonly issue: FormSchemaIssue;

  constructor(issue: FormSchemaIssue, message: string) {
    super('EISO_ERR_FORM_SCHEMA_INVALID', message);
    this.issue = issue;
  }
}

/** Creates an issue about one component, with the component's `id` for the editor. */
export function componentIssue(
  component: NamedComponent,
  write: (messages: FormSchemaMessages, name: string) => string,
): FormSchemaIssue {
  return {
    componentId: component.id ?? null,
    write: (messages) => write(messages, messages.component(component)),
  };
}
