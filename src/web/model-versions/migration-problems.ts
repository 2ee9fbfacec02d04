import { t } from '../i18n/index.js';
import type { MigrationPlan } from './versions-api.js';

// The plan's instance-wide problems are English sentences from the server. These patterns match
// the known ones so that they read in the user's language, and unknown ones show as they are.
const instanceProblems: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^The instance is /, () => t('modelVersions.migration.problems.notActive')],
  [/^A command on the instance has not finished/, () => t('modelVersions.migration.problems.busy')],
  [/^The target is a version of /, () => t('modelVersions.migration.problems.otherProcess')],
  [
    /^The saved state does not resume on version (\d+): (.*?)\.?$/s,
    (match) =>
      t('modelVersions.migration.problems.stateRejected', {
        version: match[1] ?? '',
        detail: match[2] ?? '',
      }),
  ],
];

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
    const known = instanceProblems
      .map(([pattern, describe]) => {
        const match = pattern.exec(problem);
        return match ? describe(match) : null;
      })
      .find((text) => text !== null);
    texts.push(known ?? problem);
  }
  return texts;
}
