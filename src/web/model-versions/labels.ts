import { h } from '../core/dom.js';
import { hasMessage, t } from '../i18n/index.js';
import type { DraftStatus } from './versions-api.js';

/** Returns the words for how a version was deployed, or the raw source for an unknown one. */
export function sourceLabel(source: string): string {
  const key = `modelVersions.source.${source}`;
  return hasMessage(key) ? t(key) : source;
}

/** Returns the words for the state of a draft. */
export function draftStatusLabel(status: DraftStatus): string {
  const key = `modelVersions.draftStatus.${status}`;
  return hasMessage(key) ? t(key) : status;
}

/**
 * Returns the name to show for the deployer of a version. eiso deploys its bundled files as the
 * user `system`, which has no display name of its own.
 */
export function deployerLabel(username: string | null, displayName: string | null): string {
  if (username === 'system' && (displayName === null || displayName === 'system')) {
    return t('modelVersions.versions.system');
  }
  return displayName ?? username ?? '';
}

/** Returns the name of a BPMN element type such as `bpmn:UserTask`, or the type itself. */
export function elementTypeLabel(type: string): string {
  const key = `modelVersions.elementTypes.${type.replace(/^bpmn:/, '')}`;
  return type.startsWith('bpmn:') && hasMessage(key) ? t(key) : type;
}

// Property paths as the server's diff writes them, with the message key of their label. Indexes
// such as `[0]` vary, so they match any number.
const propertyPatterns: [RegExp, string][] = [
  [/^name$/, 'name'],
  [/^type$/, 'type'],
  [/^zeebe:AssignmentDefinition\.candidateGroups$/, 'candidateGroups'],
  [/^zeebe:AssignmentDefinition\.candidateUsers$/, 'candidateUsers'],
  [/^zeebe:AssignmentDefinition\.assignee$/, 'assignee'],
  [/^zeebe:FormDefinition\.(formId|formKey|externalReference)$/, 'form'],
  [/^zeebe:TaskDefinition\.type$/, 'taskType'],
  [/^zeebe:TaskDefinition\.retries$/, 'retries'],
  [/^zeebe:TaskSchedule\.dueDate$/, 'dueDate'],
  [/^zeebe:TaskSchedule\.followUpDate$/, 'followUpDate'],
  [/^zeebe:PriorityDefinition\.priority$/, 'priority'],
  [/^zeebe:CalledElement\.processId$/, 'calledProcess'],
  [/^conditionExpression$/, 'condition'],
  [/^default$/, 'defaultFlow'],
  [/^sourceRef$/, 'sourceRef'],
  [/^targetRef$/, 'targetRef'],
  [/^attachedToRef$/, 'attachedTo'],
  [/^cancelActivity$/, 'cancelActivity'],
  [/^documentation\[\d+\]<bpmn:Documentation>\.text$/, 'documentation'],
  [/^eventDefinitions\[\d+\]<bpmn:TimerEventDefinition>\.timeDate$/, 'timeDate'],
  [/^eventDefinitions\[\d+\]<bpmn:TimerEventDefinition>\.timeDuration$/, 'timeDuration'],
  [/^eventDefinitions\[\d+\]<bpmn:TimerEventDefinition>\.timeCycle$/, 'timeCycle'],
  [/^zeebe:IoMapping\.inputParameters\[\d+\]/, 'inputMapping'],
  [/^zeebe:IoMapping\.outputParameters\[\d+\]/, 'outputMapping'],
];

/** Returns a friendly label for a property path of the diff, or null to show the raw path. */
export function propertyLabel(property: string): string | null {
  const match = propertyPatterns.find(([pattern]) => pattern.test(property));
  return match ? t(`modelVersions.properties.${match[1]}`) : null;
}

/** Renders the first 12 characters of a SHA-256 checksum, with the full value in its title. */
export function checksumText(checksum: string): HTMLElement {
  const short = checksum.length > 12 ? `${checksum.slice(0, 12)}…` : checksum;
  return h('code', { class: 'mv-checksum', title: checksum }, short);
}
