import { t } from '../i18n/index.js';
import type { MigrationPlan } from './versions-api.js';

// The server writes the plan's instance-wide problems in the language of the request's
// accept-language header, which the app's API client sets to the interface language, so they are
// shown as they are. Element problems are described here from the element list instead.

/**
 * Describes why an instance cannot move, in plain words: each element that is missing or changed
 * its type in the target version, then the problems of the instance as a whole.
 */
export function migrationProblemTexts(plan: MigrationPlan): string[] {
  const texts: string[] = [];
  const elementProblems = new Set<string>();
  for (const element of plan.elements) {
    if (!element.problem) {
      continue;
    }
    elementProblems.add(element.problem);
    const name = element.name ?? element.elementId;
    const key = element.targetElementId === null ? 'missing' : 'typeChanged';
    texts.push(t(`modelVersions.migration.problems.${key}`, { name, version: plan.toVersion }));
  }
  for (const problem of plan.problems) {
    if (elementProblems.has(problem)) {
      continue;
    }
    texts.push(problem);
  }
  return texts;
}
