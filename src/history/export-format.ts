import { agencyUtcOffsetMs } from '../agency-time.js';
import type { AuditTrail, ExportedEvent } from './export-data.js';
import { eventTypeLabel, exportTexts } from './export-labels.js';
import {
  formDataSummary,
  shortValue,
  submittedFormLabels,
  type FormDataContext,
} from './export-form-data.js';
import type { Language } from '../registers/framework/register-definition.js';
import type { SubmittedForms } from './submitted-forms.js';

/** Formats an instant as `dd/mm/yyyy HH:MM:SS` in Vietnam time (UTC+7). */
export function vietnamTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + agencyUtcOffsetMs).toISOString();
  const [date, time] = [local.slice(0, 10), local.slice(11, 19)];
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year} ${time}`;
}

const maxSummaryLength = 400;

function pairs(record: Record<string, unknown>): string {
  return Object.entries(record)
    .map(([name, value]) => `${name}=${shortValue(value)}`)
    .join('; ');
}

/**
 * Summarizes an event's data in one line for people: the variable and its new value, the
 * submitted form fields, labelled as `form` shows them if the task had a form, or the error.
 * The full data is in the JSON export and the hash.
 */
export function dataSummary(event: ExportedEvent, form: FormDataContext | null = null): string {
  const data = event.data ?? {};
  let summary: string;
  if (event.type === 'VARIABLE_CREATED' || event.type === 'VARIABLE_UPDATED') {
    summary = `${String(data.name)}=${shortValue(data.value)}`;
  } else if (typeof data.errorMessage === 'string') {
    summary = data.errorMessage;
  } else if (data.variables && typeof data.variables === 'object') {
    const values = data.variables as Record<string, unknown>;
    summary = form ? formDataSummary(values, form) : pairs(values);
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

/**
 * Lays out the events of an audit trail as rows, with names and words in `language`, and the
 * data of completed user tasks labelled by the `forms` they were submitted with.
 */
export function eventRows(
  trail: AuditTrail,
  language: Language,
  forms: SubmittedForms,
): EventRow[] {
  const texts = exportTexts(language);
  const labels = trail.elementLabels[language];
  const formContext = formContexts(language, forms);
  return trail.events.map((event) => ({
    position: event.position,
    timeVietnam: vietnamTime(event.createdAt),
    timeIso: event.createdAt,
    actor: event.actor ?? '',
    actorName: event.actor ? (trail.actors[event.actor] ?? '') : texts.system,
    event: eventTypeLabel(event.type, language),
    element: event.elementId ? (labels[event.elementId] ?? event.elementId) : '',
    elementId: event.elementId ?? '',
    data: dataSummary(event, formContext(event)),
    hash: event.hash,
  }));
}

// Follows the variables through the events, in order, so that a task's dynamic options are read
// as they were when it was completed. Each form's labels are read once.
function formContexts(
  language: Language,
  forms: SubmittedForms,
): (event: ExportedEvent) => FormDataContext | null {
  const variables = new Map<string, unknown>();
  const labelsByRef = new Map<string, FormDataContext['labels']>();
  return (event) => {
    if (event.type === 'VARIABLE_CREATED' || event.type === 'VARIABLE_UPDATED')
      if (typeof event.data.name === 'string') variables.set(event.data.name, event.data.value);

    const ref = forms.refs.get(event.position);
    const form = ref ? forms.byRef[ref] : undefined;
    if (!ref || !form) return null;
    let labels = labelsByRef.get(ref);
    if (!labels) {
      labels = submittedFormLabels(form, language);
      labelsByRef.set(ref, labels);
    }
    return { language, labels, variables };
  };
}
