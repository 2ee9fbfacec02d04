import type { JobContext } from '../../jobs/job-worker.js';

/** Returns a trimmed text variable, or null when it is missing or blank. */
export function optionalText(job: JobContext, name: string): string | null {
  const value = job.variables[name];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Returns a non-blank text variable, or throws an Error that names it. */
export function requiredText(job: JobContext, name: string): string {
  const value = optionalText(job, name);
  if (value === null) throw new Error(`variable '${name}' must be a non-blank text`);
  return value;
}

/** Returns a variable that must be one of `allowed`, or throws an Error that names it. */
export function oneOf<T extends string>(job: JobContext, name: string, allowed: readonly T[]): T {
  const value = job.variables[name];
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new Error(
      `variable '${name}' must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

/** Returns a whole-number setting of the unit, as the instance started with it. */
export function numberSetting(job: JobContext, name: string): number {
  const settings = job.variables.settings as Record<string, unknown> | undefined;
  const value = settings?.[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(
      `setting '${name}' must be a whole number of at least 0, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Returns the department codes of the unit that the instance started with. */
export function departmentCodes(job: JobContext): string[] {
  const departments = job.variables.departments;
  return Array.isArray(departments) ? departments.map(String) : [];
}

/** Returns the department code variable, which must name a department of the unit. */
export function departmentCode(job: JobContext): string {
  const code = requiredText(job, 'departmentCode');
  const known = departmentCodes(job);
  if (!known.includes(code)) {
    throw new Error(
      `variable 'departmentCode' must be one of ${known.join(', ')}, got ${JSON.stringify(code)}`,
    );
  }
  return code;
}
