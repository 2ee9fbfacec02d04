import { agencyUtcOffsetMs } from '../agency-time.js';
import type { AuditTrail, ExportedEvent } from './export-data.js';
import { eventTypeLabel, exportTexts } from './export-labels.js';
import type { Language } from '../registers/framework/register-definition.js';

/** Formats an instant as `dd/mm/yyyy HH:MM:SS` in Vietnam time (UTC+7). */
export function vietnamTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + agencyUtcOffsetMs).toISOString();
  const [date, time] = [local.slice(0, 10), local.slice(11, 19)];
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year} ${time}`;
}

const maxValueLength = 120;
const maxSummaryLength = 400;

function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return '';
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}

function pairs(record: Record<string, unknown>): string {
  return Object.entries(record)
    .map(([name, value]) => `${name}=${shortValue(value)}`)
    .join('; ');
}

/**
 * Summarizes an event's data in one line for people: the variable and its new value, the
 * submitted form fields, or the error. The full data is in the JSON export and the hash.
 */
export function dataSummary(event: ExportedEvent): string {
  const data = event.data ?? {};
  let summary: string;
  if (event.type === 'VARIABLE_CREATED' || event.type === 'VARIABLE_UPDATED') {
    summary = `${String(data.name)}=${shortValue(data.value)}`;
  } else if (typeof data.errorMessage === 'string') {
    summary = data.errorMessage;
  } else if (data.variables && typeof data.variables === 'object') {
    summary = pairs(data.variables as Record<string, unknown>);
  } else {
    summary = pairs(data);
  }
  return summary.length > maxSummaryLength ? `${summary.slice(0, maxSummaryLength - 1)}…` : summary;
}

/** One event as the people-readable exports show it. */
export interface EventRow {
  position: number;
  timeVietnam: string;
  timeIso: string;
  actor: string;
  actorName: string;
  event: string;
  element: string;
  elementId: string;
  data: string;
  hash: string;
}

/** Lays out the events of an audit trail as rows, with names and words in `language`. */
export function eventRows(trail: AuditTrail, language: Language): EventRow[] {
  const texts = exportTexts(language);
  const labels = trail.elementLabels[language];
  return trail.events.map((event) => ({
    position: event.position,
    timeVietnam: vietnamTime(event.createdAt),
    timeIso: event.createdAt,
    actor: event.actor ?? '',
    actorName: event.actor ? (trail.actors[event.actor] ?? '') : texts.system,
    event: eventTypeLabel(event.type, language),
    element: event.elementId ? (labels[event.elementId] ?? event.elementId) : '',
    elementId: event.elementId ?? '',
    data: dataSummary(event),
    hash: event.hash,
  }));
}
