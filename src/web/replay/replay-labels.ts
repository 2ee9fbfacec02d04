import type { InstanceReplay, LabelledReplayEvent } from '../../history/replay.js';
import { elementLabels } from '../../history/element-labels.js';
import { h } from '../core/dom.js';
import { getLanguage, hasMessage, t } from '../i18n/index.js';

/** Maximum length of a value's text before it is cut; the full value opens below it. */
const maxValueLength = 120;

/** Returns the words for an event type, never the stored constant. */
export function eventTypeLabel(type: string): string {
  const key = `replay.types.${type}`;
  return hasMessage(key) ? t(key) : t('replay.types.other');
}

/** Readable labels of the elements of each model version that the instance ran, by id. */
export type LabelsByVersion = Map<number, Map<string, string>>;

/** Labels the elements of every version in the current language. */
export function labelsByVersion(replay: InstanceReplay): LabelsByVersion {
  const language = getLanguage();
  return new Map(
    replay.definitions.map((definition) => [
      definition.version,
      elementLabels(definition.elements, language),
    ]),
  );
}

/** Returns the readable label of the event's element, or '' for an event without one. */
export function elementLabel(
  labels: LabelsByVersion,
  event: Pick<LabelledReplayEvent, 'elementId' | 'elementName' | 'version'>,
): string {
  if (!event.elementId) return '';
  return labels.get(event.version)?.get(event.elementId) ?? event.elementName ?? event.elementId;
}

/** Returns "Full Name (username)", the username alone when unknown, or "system" without a user. */
export function personLabel(replay: InstanceReplay, username: string | null | undefined): string {
  if (!username) return t('replay.system');
  const name = replay.people[username];
  return name ? `${name} (${username})` : username;
}

/**
 * Returns "Full Name (username)" of an approval's signer. The name recorded with the signature
 * comes first, because it is the name under which the signer signed.
 */
export function signerLabel(
  replay: InstanceReplay,
  signer: string | null,
  recordedName: unknown,
): string {
  if (!signer) return t('replay.system');
  const name = typeof recordedName === 'string' && recordedName ? recordedName : null;
  return name ? `${name} (${signer})` : personLabel(replay, signer);
}

/** Returns the words for what an approval signature means, such as "Phê duyệt". */
export function meaningLabel(meaning: unknown): string {
  const key = `replayApproval.meanings.${String(meaning)}`;
  return hasMessage(key) ? t(key) : t('replayApproval.meanings.other');
}

/** Returns a candidate group's name in the current language, or its code. */
export function groupLabel(replay: InstanceReplay, code: string): string {
  const group = replay.groups[code];
  if (!group) return code;
  return getLanguage() === 'en' && group.nameEn ? group.nameEn : group.name;
}

/** Formats a variable or form value as short text: JSON for lists and objects. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return t('replay.empty');
  if (typeof value === 'boolean') return t(value ? 'replay.yes' : 'replay.no');
  // Numbers keep their stored digits, because grouping would show the year 2027 as 2.027.
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength)}…` : text;
}

/** Renders a value, with a long one cut and its full JSON in a disclosure below it. */
export function valueElement(value: unknown): HTMLElement {
  const text = valueText(value);
  if (!text.endsWith('…')) return h('span', { class: 'replay-value' }, text);
  return h(
    'details',
    { class: 'replay-value' },
    h('summary', null, text),
    h('pre', null, JSON.stringify(value, null, 2)),
  );
}
