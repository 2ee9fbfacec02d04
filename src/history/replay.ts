import type { Knex } from 'knex';
import type { Principal } from '../identity/principal.js';
import { readHistory, type HistoryEvent } from './history-log.js';
import { loadReadableInstance } from './instance-access.js';
import { presentInstance } from './instance-view.js';
import { replayElementsOf } from './replay-model.js';
import { loadSubmittedForms, type SubmittedForm } from './submitted-forms.js';
import type { ReplayElement, ReplayEvent } from './replay-state.js';

/** One model version that the instance ran, with the elements the replay labels and folds. */
export interface ReplayDefinition {
  key: string;
  version: number;
  xml: string;
  elements: ReplayElement[];
}

/** A history event with the names that an auditor reads instead of ids. */
export interface LabelledReplayEvent extends ReplayEvent {
  /** The element's name in the model, null when it has none: the page then describes it. */
  elementName: string | null;
  /** The model version that the instance ran when the event was written. */
  version: number;
  actorName: string | null;
  /** Key into `forms` of the form that a completed user task submitted, if it had one. */
  formRef: string | null;
}

/** Everything the replay page needs, in one response: the events are folded by the page. */
export interface InstanceReplay {
  instance: {
    key: string;
    bpmnProcessId: string;
    processName: string | null;
    processDefinitionKey: string;
    version: number;
    businessKey: string | null;
    state: string;
    hasIncident: boolean;
    startedAt: string;
    endedAt: string | null;
    startedBy: string | null;
    startedByName: string | null;
  };
  /** The version of the first event; later versions follow PROCESS_INSTANCE_MIGRATED events. */
  initialVersion: number;
  definitions: ReplayDefinition[];
  /** Full names of the users that the events name, by username. */
  people: Record<string, string>;
  /** Names of the candidate groups that the events name, by group code. */
  groups: Record<string, { name: string; nameEn: string | null }>;
  forms: Record<string, SubmittedForm>;
  events: LabelledReplayEvent[];
}

/** Loads the replay of an instance that `principal` may read, or throws 404. */
export async function loadInstanceReplay(
  db: Knex,
  principal: Principal,
  key: string,
): Promise<InstanceReplay> {
  const row = await loadReadableInstance(db, principal, key);
  const history = await readHistory(db, key);
  const unitId = String(row.unit_id);
  const { initialVersion, versions } = versionsOf(history, Number(row.version));
  const definitions = await loadDefinitions(db, row, versions);
  const people = await loadPeople(db, history, (row.started_by as string | null) ?? null);
  const forms = await loadSubmittedForms(db, unitId, key, history);

  const namesByVersion = new Map(
    definitions.map((definition) => [
      definition.version,
      new Map(definition.elements.map((element) => [element.id, element.name])),
    ]),
  );
  let version = initialVersion;
  const events = history.map((event): LabelledReplayEvent => {
    if (event.type === 'PROCESS_INSTANCE_MIGRATED' && typeof event.data.toVersion === 'number')
      version = event.data.toVersion;
    const names = namesByVersion.get(version);
    return {
      position: event.position,
      type: event.type,
      elementId: event.elementId,
      elementInstanceKey: event.elementInstanceKey,
      elementName: event.elementId ? (names?.get(event.elementId) ?? null) : null,
      version,
      actor: event.actor,
      actorName: event.actor ? (people[event.actor] ?? null) : null,
      data: event.data,
      createdAt: event.createdAt,
      formRef: forms.refs.get(event.position) ?? null,
    };
  });

  return {
    instance: presentReplayInstance(row, people),
    initialVersion,
    definitions,
    people,
    groups: await loadGroups(db, unitId, history),
    forms: forms.byRef,
    events,
  };
}

function presentReplayInstance(
  row: Record<string, unknown>,
  people: Record<string, string>,
): InstanceReplay['instance'] {
  const instance = presentInstance(row);
  const { startedBy } = instance;
  return { ...instance, startedByName: startedBy ? (people[startedBy] ?? null) : null };
}

// A migrated instance ran several versions: the first event ran the version that the first
// migration left, and each migration names the version it moved to.
function versionsOf(
  history: HistoryEvent[],
  currentVersion: number,
): { initialVersion: number; versions: number[] } {
  const migrations = history.filter((event) => event.type === 'PROCESS_INSTANCE_MIGRATED');
  const first = migrations[0]?.data.fromVersion;
  const initialVersion = typeof first === 'number' ? first : currentVersion;
  const versions = new Set([initialVersion, currentVersion]);
  for (const migration of migrations)
    if (typeof migration.data.toVersion === 'number') versions.add(migration.data.toVersion);
  return { initialVersion, versions: [...versions].sort((a, b) => a - b) };
}

async function loadDefinitions(
  db: Knex,
  row: Record<string, unknown>,
  versions: number[],
): Promise<ReplayDefinition[]> {
  const rows = await db('process_definitions')
    .where({ unit_id: row.unit_id, bpmn_process_id: row.bpmn_process_id })
    .whereIn('version', versions)
    .orderBy('version')
    .select('key', 'version', 'xml');
  const definitions: ReplayDefinition[] = [];
  for (const definition of rows) {
    // The instance's own definition row is the one it runs now, even if a version number were
    // ever reused by another row.
    const isCurrent = Number(definition.version) === Number(row.version);
    const xml = isCurrent ? (row.xml as string) : (definition.xml as string);
    definitions.push({
      key: isCurrent ? String(row.process_definition_key) : String(definition.key),
      version: Number(definition.version),
      xml,
      elements: await replayElementsOf(xml),
    });
  }
  return definitions;
}

function peopleNamedBy(event: HistoryEvent): unknown[] {
  const data = event.data ?? {};
  return [event.actor, data.assignee, data.previousAssignee, data.owner, data.delegate];
}

/** Loads the full names of the users that an instance's history names, by username. */
export async function loadPeople(
  db: Knex,
  history: HistoryEvent[],
  startedBy: string | null,
): Promise<Record<string, string>> {
  const usernames = new Set<string>();
  if (startedBy) usernames.add(startedBy);
  for (const event of history)
    for (const name of peopleNamedBy(event)) if (typeof name === 'string') usernames.add(name);
  if (usernames.size === 0) return {};

  // Usernames are unique across units, so the names of users of another unit, such as an
  // auditor of the supervising agency who commented, are found as well.
  const rows = await db('users')
    .whereIn('username', [...usernames])
    .select('username', 'display_name');
  return Object.fromEntries(rows.map((user) => [user.username, user.display_name]));
}

async function loadGroups(
  db: Knex,
  unitId: string,
  history: HistoryEvent[],
): Promise<InstanceReplay['groups']> {
  const codes = new Set<string>();
  for (const event of history) {
    const groups = event.type === 'USER_TASK_CREATED' ? event.data.candidateGroups : null;
    if (Array.isArray(groups))
      for (const code of groups) if (typeof code === 'string') codes.add(code);
  }
  if (codes.size === 0) return {};
  const rows = await db('groups')
    .where('unit_id', unitId)
    .whereIn('code', [...codes])
    .select('code', 'name', 'name_en');
  return Object.fromEntries(
    rows.map((group) => [group.code, { name: group.name, nameEn: group.name_en ?? null }]),
  );
}
