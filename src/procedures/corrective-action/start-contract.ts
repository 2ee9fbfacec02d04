import type { JobContext, StartedProcess } from '../../jobs/job-worker.js';
import { sourceOptions, valuesOf } from './options.js';

/** BPMN process id of the corrective-action procedure. */
export const correctiveActionProcessId = 'corrective-action';

/** The origin of a nonconformity. */
export type NonconformitySource =
  'audit' | 'complaint' | 'objective' | 'review' | 'inspection' | 'other';

/**
 * The variables with which another procedure's worker starts a corrective action. The instance
 * then skips the raise form and goes straight to triage by the ISO secretary.
 */
export interface CorrectiveActionStart {
  source: NonconformitySource;
  /** A human-readable reference to the origin, such as `DG-2027-001 / PH-03`. */
  sourceReference: string | null;
  title: string;
  description: string;
  /** Code of the department concerned (VP, TTRA ...), or null when triage assigns one. */
  departmentCode: string | null;
}

// A caller builds the title from its own record, so a long one is shortened rather than
// rejected. The description keeps everything up to a limit that no form of eiso reaches.
const maxTitleLength = 500;
const maxDescriptionLength = 20_000;
const maxReferenceLength = 200;

function shortened(title: string): string {
  return title.length > maxTitleLength ? `${title.slice(0, maxTitleLength - 1)}…` : title;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Checks the start variables of a corrective action and returns them trimmed, with blank
 * optional texts as null. `departments` lists the unit's department codes, or is null to skip
 * that check. Throws an Error that names the variable and the expected value, which
 * fails the job of the worker that passed them.
 */
export function parseCorrectiveActionStart(
  variables: Record<string, unknown>,
  departments: readonly string[] | null,
): CorrectiveActionStart {
  const source = variables.source;
  const allowedSources = valuesOf(sourceOptions);
  if (typeof source !== 'string' || !allowedSources.includes(source)) {
    throw new Error(
      `variable 'source' must be one of ${allowedSources.join(', ')}, got ${JSON.stringify(source)}`,
    );
  }
  const title = text(variables.title);
  const description = text(variables.description);
  if (!description) throw new Error("variable 'description' must be a non-blank text");
  if (description.length > maxDescriptionLength)
    throw new Error(`variable 'description' must have at most ${maxDescriptionLength} characters`);
  const sourceReference = text(variables.sourceReference);
  if (sourceReference && sourceReference.length > maxReferenceLength)
    throw new Error(
      `variable 'sourceReference' must have at most ${maxReferenceLength} characters`,
    );

  const departmentCode = text(variables.departmentCode);
  if (departmentCode && departments && !departments.includes(departmentCode)) {
    throw new Error(
      `variable 'departmentCode' must be a department code of the unit (${departments.join(', ')}) or null, got ${JSON.stringify(departmentCode)}`,
    );
  }
  return {
    source: source as NonconformitySource,
    sourceReference,
    // A caller without a title gets the start of the description, as the register needs one.
    title: shortened(title ?? description.slice(0, 120)),
    description,
    departmentCode,
  };
}

/**
 * Starts a corrective action from another procedure's job, in that job's transaction. The
 * variables are checked first, so a wrong value fails the calling job with a message that names
 * it instead of leaving an incident on the new instance.
 */
export async function startCorrectiveAction(
  job: Pick<JobContext, 'startProcess' | 'variables'>,
  start: CorrectiveActionStart,
): Promise<StartedProcess> {
  const departments = Array.isArray(job.variables.departments)
    ? (job.variables.departments as string[])
    : null;
  const variables = parseCorrectiveActionStart({ ...start }, departments);
  return job.startProcess({
    bpmnProcessId: correctiveActionProcessId,
    variables: { ...variables },
  });
}
