import { EisoError, type FieldError } from '../../errors.js';
import type { Locale } from '../../locale.js';
import type { FieldLabels } from '../schema-messages.js';

/** Labels of the fields of `PATCH /api/tasks/:key`, which its validation messages show. */
export const taskAttributeLabels: FieldLabels = {
  '/dueDate': { vi: 'Hạn xử lý', en: 'Due date' },
  '/followUpDate': { vi: 'Ngày nhắc theo dõi', en: 'Follow-up date' },
  '/priority': { vi: 'Mức ưu tiên', en: 'Priority' },
};

type AttributeBody = Record<string, unknown>;

const isoDateTimeStart = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

// Describes only the failures that a value shows by itself: a priority outside 0 to 100 or a date
// that is no ISO 8601 date-time. Any other failure keeps the message of the task attributes.
function describeField(field: string, value: unknown, locale: Locale): string | null {
  const label = taskAttributeLabels[`/${field}`]?.[locale];
  if (!label) return null;
  const shown = JSON.stringify(value);
  if (field === 'priority') {
    if (Number.isInteger(value) && Number(value) >= 0 && Number(value) <= 100) return null;
    return locale === 'vi'
      ? `${label} (/priority) ${shown} không hợp lệ: hãy gửi số nguyên từ 0 đến 100.`
      : `${label} (/priority) ${shown} is invalid; send a whole number from 0 to 100.`;
  }
  const date = String(value);
  if (isoDateTimeStart.test(date) && !Number.isNaN(Date.parse(date))) return null;
  return locale === 'vi'
    ? `${label} (/${field}) ${shown} không phải thời điểm ISO 8601: hãy gửi ví dụ 2026-12-31T17:00:00+07:00, hoặc chuỗi rỗng để xóa.`
    : `${label} (/${field}) ${shown} is not an ISO 8601 date-time; send for example 2026-12-31T17:00:00+07:00, or an empty string to clear it.`;
}

/**
 * Restates a changeset error of the task attributes, which `/v2` reports under `/changeset/...`,
 * for the flat body of `PATCH /api/tasks/:key`: each path loses its `/changeset` prefix and each
 * message names the field in `locale`. Returns any other error unchanged.
 */
export function restateChangesetError(
  error: unknown,
  body: AttributeBody,
  locale: Locale,
): unknown {
  if (!(error instanceof EisoError) || error.code !== 'EISO_ERR_VALIDATION' || !error.details)
    return error;
  if (!error.details.some((detail) => detail.path.startsWith('/changeset/'))) return error;

  const details: FieldError[] = error.details.map((detail) => {
    const path = detail.path.replace(/^\/changeset(?=\/)/, '');
    const field = path.slice(1);
    return { path, message: describeField(field, body[field], locale) ?? detail.message };
  });
  const summary = details.map((detail) => detail.message).join(' ');
  const lead = locale === 'vi' ? 'Thay đổi công việc không hợp lệ' : 'Invalid task change';
  return new EisoError('EISO_ERR_VALIDATION', `${lead}: ${summary}`, details);
}
