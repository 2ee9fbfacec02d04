import { describeOptions } from './form-problems.js';
import type {
  ChildStep,
  ExpectedValue,
  FieldProblem,
  LocationStep,
  MissingInput,
} from './form-problems.js';
import type { FormOption } from './form-schema.js';

// Vietnamese writes 12,5 for twelve and a half. Grouping stays off so that a year reads 2026.
const numberFormat = new Intl.NumberFormat('vi-VN', {
  useGrouping: false,
  maximumFractionDigits: 20,
});

/**
 * Writes the Vietnamese message of a problem. It names a field by its label and a list item
 * by its position, as in "Chỉ tiêu (mục 2 của Danh sách mục tiêu chất lượng)".
 */
export function describeProblemInVietnamese(problem: FieldProblem): string {
  const subject = subjectOf(problem.steps);
  const { failed } = problem;
  switch (failed.rule) {
    case 'commentRequiredOnReturn': {
      const decision = failed.decisionLabel ?? 'quyết định';
      const returnLabel = failed.returnLabel ?? 'Trả lại';
      return `${subject} là bắt buộc khi ${decision} là "${returnLabel}". Vui lòng nêu rõ nội dung cần chỉnh sửa.`;
    }
    case 'unknownField':
      return `${subject} không có trong biểu mẫu ${failed.formId}. Vui lòng xóa trường này khỏi dữ liệu gửi lên.`;
    case 'missing':
      return describeMissingValue(subject, failed.input);
    case 'missingItems':
      return `${subject} là bắt buộc. Vui lòng thêm ít nhất ${count(failed.minItems)} mục.`;
    case 'type':
      return `${subject} ${expectedValue(failed.expected)}.`;
    case 'blank':
      return `${subject} là bắt buộc và không được để trống. Vui lòng nhập giá trị.`;
    case 'unchecked':
      return `${subject} phải được đánh dấu chọn.`;
    case 'enum':
      return `${subject} phải là một trong các phương án: ${describeOptions(failed.options)}.`;
    case 'option':
      return describeOptionError(subject, failed.options, failed.omitted);
    case 'format':
      return `${subject} ${describeFormat(failed.format)}.`;
    case 'pattern':
      return failed.patternErrorMessage
        ? `${subject} không đúng định dạng yêu cầu: ${failed.patternErrorMessage}`
        : `${subject} phải khớp với mẫu ${failed.pattern}.`;
    case 'minLength':
      return `${subject} phải có ít nhất ${count(failed.limit)} ký tự.`;
    case 'maxLength':
      return describeTooLong(subject, failed.limit, failed.length);
    case 'minimum':
      return `${subject} phải lớn hơn hoặc bằng ${count(failed.limit)}.`;
    case 'maximum':
      return `${subject} phải nhỏ hơn hoặc bằng ${count(failed.limit)}.`;
    case 'minChoices':
      return `${subject} là bắt buộc. Vui lòng chọn ít nhất ${failed.limit === 1 ? 'một' : count(failed.limit)} phương án.`;
    case 'minItems':
      return `${subject} phải có ít nhất ${count(failed.limit)} mục. Vui lòng thêm mục.`;
    case 'maxItems':
      return `${subject} chỉ được có tối đa ${count(failed.limit)} mục. Vui lòng xóa các mục thừa.`;
    case 'uniqueItems':
      return `${subject} có giá trị bị trùng lặp. Vui lòng xóa giá trị trùng.`;
    case 'invalid':
      return `${subject} không hợp lệ. Vui lòng kiểm tra lại giá trị.`;
  }
}

/**
 * Names the place of a problem. The list items that contain it follow in brackets, innermost
 * first, as in "Tên (mục 3 của Thành viên thuộc mục 1 của Danh sách đoàn)".
 */
function subjectOf(steps: LocationStep[]): string {
  if (steps.length === 0) {
    return 'Dữ liệu gửi lên';
  }
  let name = '';
  const items: string[] = [];
  for (const step of steps) {
    if (step.kind === 'child') {
      name = nameOf(step);
    } else if (step.kind === 'item') {
      name = `mục ${step.position} của ${name}`;
      items.push(name);
    } else {
      name = `giá trị ${step.position} của ${name}`;
    }
  }
  const enclosing = steps[steps.length - 1].kind === 'item' ? items.slice(0, -1) : items;
  const context = enclosing.length > 0 ? ` (${enclosing.reverse().join(' thuộc ')})` : '';
  return capitalize(name) + context;
}

function nameOf(step: ChildStep): string {
  return step.known && step.label ? step.label : `trường "${step.key}"`;
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

function count(value: number): string {
  return numberFormat.format(value);
}

function describeMissingValue(subject: string, input: MissingInput): string {
  switch (input) {
    case 'check':
      return `${subject} phải được đánh dấu chọn.`;
    case 'choice':
      return `${subject} là bắt buộc. Vui lòng chọn một phương án.`;
    case 'choices':
      return `${subject} là bắt buộc. Vui lòng chọn ít nhất một phương án.`;
    case 'value':
      return `${subject} là bắt buộc. Vui lòng nhập giá trị.`;
    case 'other':
      return `${subject} là bắt buộc. Vui lòng nhập đầy đủ thông tin.`;
  }
}

/** Describes the value that a location accepts, as the end of a sentence about it. */
function expectedValue(expected: ExpectedValue): string {
  switch (expected) {
    case 'submission':
      return 'phải là một đối tượng JSON có các khóa là các trường của biểu mẫu';
    case 'object':
      return 'phải là một đối tượng gồm các trường';
    case 'list':
      return 'phải là một danh sách các mục';
    case 'unknown':
      return 'có giá trị không hợp lệ';
    case 'integer':
      return 'phải là số nguyên, ví dụ 5';
    case 'number':
      return 'phải là một số, ví dụ 98 hoặc 12,5';
    case 'boolean':
      return 'phải là true (đã chọn) hoặc false (chưa chọn)';
    case 'choices':
      return 'phải là danh sách các giá trị được chọn';
    case 'date':
    case 'time':
    case 'dateTime':
      return `phải là ${dateTimeExample(expected)}`;
    case 'choice':
      return 'phải là một trong các phương án';
    case 'fileReference':
      return 'phải là mã tham chiếu của tệp';
    case 'text':
      return 'phải là chuỗi ký tự';
  }
}

function dateTimeExample(kind: 'date' | 'time' | 'dateTime'): string {
  if (kind === 'time') {
    return 'giờ theo định dạng HH:mm, ví dụ 14:30, có thể kèm theo Z hoặc độ lệch múi giờ như +07:00';
  }
  if (kind === 'dateTime') {
    return 'ngày và giờ theo định dạng YYYY-MM-DDTHH:mm, ví dụ 2026-12-31T14:30+07:00';
  }
  return 'ngày theo định dạng YYYY-MM-DD, ví dụ 2026-12-31';
}

/** Describes a format, as the end of a sentence about the value. */
function describeFormat(format: string): string {
  switch (format) {
    case 'date':
    case 'time':
    case 'dateTime':
      return `phải là ${dateTimeExample(format)}`;
    case 'email':
      return 'phải là địa chỉ thư điện tử, ví dụ nguyenvanan@example.gov.vn';
    case 'phone':
      return 'phải là số điện thoại quốc tế bắt đầu bằng dấu + và mã quốc gia, ví dụ +84912345678';
    case 'decimal':
      // The decimal format of a numeric string rejects a comma, so this example keeps 12.5.
      return 'phải là một số, dùng dấu chấm để ngăn cách phần thập phân, ví dụ 98 hoặc 12.5';
    default:
      return `phải đúng định dạng ${format}`;
  }
}

function describeTooLong(subject: string, limit: number, length: number | undefined): string {
  const current = length === undefined ? '' : `, hiện có ${count(length)} ký tự`;
  return `${subject} chỉ được có tối đa ${count(limit)} ký tự${current}. Vui lòng rút gọn nội dung.`;
}

function describeOptionError(subject: string, options: FormOption[], omitted: number): string {
  const more = omitted > 0 ? ` và ${count(omitted)} phương án khác` : '';
  return `${subject} phải là một trong các phương án: ${describeOptions(options)}${more}.`;
}
