import { acceptedDateRange, calendarDateProblem } from '../agency-time.js';
import { EisoError, type FieldError } from '../errors.js';
import type { FieldLabels } from '../http/schema-messages.js';
import type { Locale } from '../locale.js';
import type { InstanceSearchFilters } from './instance-search.js';

/** Labels of the search fields, the same as on the filter panel of the instances page. */
export const searchFieldLabels: FieldLabels = {
  '/unitId': { vi: 'Đơn vị', en: 'Unit' },
  '/bpmnProcessId': { vi: 'Mã quy trình', en: 'Process id' },
  '/version': { vi: 'Phiên bản', en: 'Version' },
  '/businessKey': { vi: 'Số hiệu hồ sơ', en: 'Business key' },
  '/states': { vi: 'Trạng thái', en: 'State' },
  '/startedFrom': { vi: 'Bắt đầu từ ngày', en: 'Started from' },
  '/startedTo': { vi: 'Bắt đầu đến ngày', en: 'Started until' },
  '/endedFrom': { vi: 'Kết thúc từ ngày', en: 'Ended from' },
  '/endedTo': { vi: 'Kết thúc đến ngày', en: 'Ended until' },
  '/participant': { vi: 'Người tham gia', en: 'Participant' },
  '/variable': { vi: 'Biến quy trình', en: 'Process variable' },
  '/variable/name': { vi: 'Tên biến', en: 'Variable name' },
  '/variable/equals': { vi: 'Giá trị của biến', en: 'Variable value' },
  '/variable/contains': { vi: 'Giá trị của biến', en: 'Variable value' },
  '/page': { vi: 'Trang', en: 'Page' },
  '/pageSize': { vi: 'Số dòng mỗi trang', en: 'Page size' },
  '/order': { vi: 'Thứ tự', en: 'Order' },
};

const dateFields = ['startedFrom', 'startedTo', 'endedFrom', 'endedTo'] as const;
const dateRanges = [
  ['startedFrom', 'startedTo'],
  ['endedFrom', 'endedTo'],
] as const;

/** Names a search field as the messages show it: its label and its path. */
function fieldName(path: string, locale: Locale): string {
  const label = searchFieldLabels[path]?.[locale];
  return label ? `${label} (${path})` : path;
}

function dateMessage(field: string, value: string, locale: Locale): string | null {
  const problem = calendarDateProblem(value);
  const name = fieldName(`/${field}`, locale);
  const { from, to } = acceptedDateRange;
  if (problem === 'notReal')
    return locale === 'vi'
      ? `${name} = ${value} không phải ngày có thật: nhập ngày dạng YYYY-MM-DD, ví dụ 2026-12-05.`
      : `${name} = ${value} is not a calendar date: enter it as YYYY-MM-DD, such as 2026-12-05.`;
  if (problem === 'outOfRange')
    return locale === 'vi'
      ? `${name} = ${value} nằm ngoài khoảng ngày được nhận: chọn ngày từ ${from} đến ${to}.`
      : `${name} = ${value} is outside the accepted dates: choose a date from ${from} to ${to}.`;
  return null;
}

function orderMessage(from: string, to: string, fromValue: string, locale: Locale): string {
  return locale === 'vi'
    ? `${fieldName(`/${to}`, locale)} không được trước ${fieldName(`/${from}`, locale)} (${fromValue}): chọn ngày từ ${fromValue} trở đi.`
    : `${fieldName(`/${to}`, locale)} must not be before ${fieldName(`/${from}`, locale)} (${fromValue}): choose ${fromValue} or later.`;
}

/**
 * Checks what the schema cannot: real dates within the accepted range and in order, and one
 * comparison of a variable. Throws EISO_ERR_VALIDATION with every problem in `locale`.
 */
export function checkSearch(filters: InstanceSearchFilters, locale: Locale): void {
  const vi = locale === 'vi';
  const problems: FieldError[] = [];
  for (const field of dateFields) {
    const value = filters[field];
    const message = value ? dateMessage(field, value, locale) : null;
    if (message) problems.push({ path: `/${field}`, message });
  }
  for (const [from, to] of dateRanges) {
    const fromValue = filters[from];
    const toValue = filters[to];
    if (fromValue && toValue && fromValue > toValue)
      problems.push({ path: `/${to}`, message: orderMessage(from, to, fromValue, locale) });
  }

  const variable = filters.variable;
  if (variable && (variable.equals === undefined) === (variable.contains === undefined))
    problems.push({
      path: '/variable',
      message: vi
        ? `${fieldName('/variable', locale)} cần đúng một trong hai: equals (so bằng giá trị) hoặc contains (tìm một phần của văn bản).`
        : `${fieldName('/variable', locale)} must have exactly one of equals (any value) and contains (part of a text value).`,
    });
  const equals = variable?.equals;
  if (equals !== undefined && !['string', 'number', 'boolean'].includes(typeof equals))
    problems.push({
      path: '/variable/equals',
      message: vi
        ? `${fieldName('/variable/equals', locale)} phải là văn bản, số, true hoặc false.`
        : `${fieldName('/variable/equals', locale)} must be a text, a number, true or false.`,
    });
  if (problems.length === 0) return;

  const summary = problems.map((problem) => problem.message).join(' ');
  throw new EisoError(
    'EISO_ERR_VALIDATION',
    vi ? `Điều kiện tìm kiếm không hợp lệ: ${summary}` : `Invalid search: ${summary}`,
    problems,
  );
}
