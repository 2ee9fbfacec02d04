import type { Language } from '../registers/framework/register-definition.js';
import type { AuditTrail } from './export-data.js';
import { eventRows, type EventRow } from './export-format.js';
import { exportTexts } from './export-labels.js';
import type { SubmittedForms } from './submitted-forms.js';

const columns: (keyof EventRow)[] = [
  'position',
  'timeVietnam',
  'timeIso',
  'actor',
  'actorName',
  'event',
  'element',
  'elementId',
  'data',
  'hash',
];

/**
 * Quotes a CSV field (RFC 4180). A field that starts with `=`, `+`, `-` or `@` gets a leading
 * apostrophe, so that a spreadsheet shows it as text instead of running it as a formula.
 */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * Writes the events of an audit trail as CSV, one row per event, in UTF-8 with a byte order
 * mark so that Excel reads the Vietnamese letters, and CRLF line ends. Completed user tasks
 * show their data with the labels of the `forms` they were submitted with.
 */
export function auditTrailCsv(
  trail: AuditTrail,
  language: Language,
  forms: SubmittedForms,
): Buffer {
  const headings = exportTexts(language).columns;
  const lines = [columns.map((column) => csvField(headings[column]))];
  for (const row of eventRows(trail, language, forms)) {
    lines.push(columns.map((column) => csvField(row[column])));
  }
  const text = lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
