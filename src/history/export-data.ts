import type { Knex } from 'knex';
import type { Principal } from '../identity/principal.js';
import { diagramState } from './instance-view.js';
import { readDiagramLayout } from './diagram-svg-model.js';
import { elementLabels } from './element-labels.js';
import { genesisHash, readHistory, verifyChain, type HistoryEvent } from './history-log.js';
import { loadReadableInstance } from './instance-access.js';
import { loadSubmittedForms, type SubmittedForms } from './submitted-forms.js';

/**
 * How `hashEvent` in history-log.ts builds each hash, written out so that a reader can
 * recompute the chain without eiso. The version changes whenever that function does.
 */
export const chainFormat = {
  version: 'eiso-history-chain/1',
  algorithm: 'SHA-256',
  genesisHash,
  hashedFields: [
    'processInstanceKey',
    'position',
    'type',
    'elementId',
    'elementInstanceKey',
    'actor',
    'data',
    'createdAt',
  ],
  description:
    'hash = lowercase hex of SHA-256 over the UTF-8 bytes of previousHash followed by the UTF-8 ' +
    'bytes of JSON.stringify([processInstanceKey, position, type, elementId, elementInstanceKey, ' +
    'actor, data, createdAt]), with no whitespace. processInstanceKey is the decimal key as a ' +
    'string, position an integer counted from 1, absent values null, createdAt ISO 8601 in UTC ' +
    'with milliseconds. In data, the keys of every object are sorted by UTF-16 code unit at ' +
    'every depth, and arrays keep their order. The first event chains on genesisHash (64 zeros); ' +
    'every later event chains on the hash of the event before it.',
} as const;

/** One history event as exported: exactly the stored fields, every one covered by the hash but `previousHash` and `hash`. */
export interface ExportedEvent {
  processInstanceKey: string;
  position: number;
  type: string;
  elementId: string | null;
  elementInstanceKey: string | null;
  actor: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  previousHash: string;
  hash: string;
}

export interface ExportedApproval {
  elementId: string;
  elementName: string;
  decision: 'approve' | 'return';
  comment: string | null;
  actor: string;
  actorName: string;
  decidedAt: string;
  /** Position of the history event that recorded the same task completion, if one matches. */
  historyPosition: number | null;
}

/** Everything an auditor needs about one instance: the record, its chain, and how to check it. */
export interface AuditTrail {
  format: typeof chainFormat;
  exportedAt: string;
  exportedBy: string;
  unit: { id: string; code: string; name: string };
  instance: {
    key: string;
    bpmnProcessId: string;
    processName: string | null;
    version: number;
    businessKey: string | null;
    state: string;
    startedAt: string;
    endedAt: string | null;
    startedBy: string | null;
  };
  processDefinition: {
    key: string;
    bpmnProcessId: string;
    version: number;
    name: string | null;
    resourceName: string;
    checksumAlgorithm: 'SHA-256';
    /** SHA-256 of the XML below, as stored when the version was deployed. */
    checksum: string;
    xml: string;
  };
  verification: {
    valid: boolean;
    firstInvalidPosition: number | null;
    eventCount: number;
    /** Hash of the last event, to compare with the live system. */
    headHash: string;
  };
  /** Full names of the users who acted and of the exporting user, by username. */
  actors: Record<string, string>;
  /** Names of the model's elements, by id. */
  elementNames: Record<string, string>;
  /**
   * Labels that the exports show for each element, by language and id: its name, or a
   * description of an unnamed sequence flow or gateway.
   */
  elementLabels: Record<'vi' | 'en', Record<string, string>>;
  diagram: ReturnType<typeof diagramState>;
  approvals: ExportedApproval[];
  events: ExportedEvent[];
}

function isoDate(value: unknown): string {
  return new Date(value as string).toISOString();
}

/** Returns the display names of the events' actors and of the exporting user, by username. */
async function actorNames(
  db: Knex,
  events: HistoryEvent[],
  exportedBy: string,
): Promise<Record<string, string>> {
  const actors = events.map((event) => event.actor).filter((actor) => actor);
  const usernames = [...new Set([...actors, exportedBy])];
  if (usernames.length === 0) return {};
  const rows = await db('users').whereIn('username', usernames).select('username', 'display_name');
  return Object.fromEntries(rows.map((row) => [row.username, row.display_name]));
}

async function approvals(
  db: Knex,
  key: string,
  events: HistoryEvent[],
  names: Map<string, string>,
): Promise<ExportedApproval[]> {
  const rows = await db('approvals').where({ process_instance_key: key }).orderBy('id');
  return rows.map((row) => {
    const elementId = String(row.subject).split(':').pop() ?? '';
    const decidedAt = isoDate(row.decided_at);
    const completion = events.find(
      (event) =>
        event.type === 'USER_TASK_COMPLETED' &&
        event.actor === row.actor &&
        event.elementId === elementId &&
        event.createdAt === decidedAt,
    );
    return {
      elementId,
      elementName: names.get(elementId) ?? elementId,
      decision: row.decision,
      comment: row.comment ?? null,
      actor: row.actor,
      actorName: row.actor_name,
      decidedAt,
      historyPosition: completion?.position ?? null,
    };
  });
}

async function openTaskElementIds(db: Knex, key: string): Promise<string[]> {
  const rows = await db('user_tasks')
    .where({ process_instance_key: key, state: 'CREATED' })
    .select('element_id');
  return rows.map((row) => row.element_id as string);
}

/**
 * Collects the audit trail of an instance that `principal` may read (404 otherwise): every
 * history event with its hashes, the chain's verification, the model version with its
 * checksum, the approvals and the names of the people and elements involved.
 */
export async function loadAuditTrail(
  db: Knex,
  principal: Principal,
  key: string,
  now: Date,
): Promise<AuditTrail> {
  const row = await loadReadableInstance(db, principal, key);
  const definition = await db('process_definitions')
    .where({ key: row.process_definition_key })
    .first('key', 'bpmn_process_id', 'version', 'name', 'resource_name', 'checksum');
  const unit = await db('units').where({ id: row.unit_id }).first('id', 'code', 'name');
  const events = await readHistory(db, key);
  const layout = readDiagramLayout(row.xml);
  const names = layout.elementNames;
  const verification = verifyChain(events);

  return {
    format: chainFormat,
    exportedAt: now.toISOString(),
    exportedBy: principal.username,
    unit: { id: String(unit.id), code: unit.code, name: unit.name },
    instance: {
      key: String(row.key),
      bpmnProcessId: row.bpmn_process_id as string,
      processName: (row.process_name as string | null) ?? null,
      version: Number(row.version),
      businessKey: (row.business_key as string | null) ?? null,
      state: row.state as string,
      startedAt: isoDate(row.started_at),
      endedAt: row.ended_at ? isoDate(row.ended_at) : null,
      startedBy: (row.started_by as string | null) ?? null,
    },
    processDefinition: {
      key: String(definition.key),
      bpmnProcessId: definition.bpmn_process_id,
      version: Number(definition.version),
      name: definition.name ?? null,
      resourceName: definition.resource_name,
      checksumAlgorithm: 'SHA-256',
      checksum: definition.checksum,
      xml: row.xml,
    },
    verification: {
      ...verification,
      eventCount: events.length,
      headHash: events.at(-1)?.hash ?? genesisHash,
    },
    actors: await actorNames(db, events, principal.username),
    elementNames: Object.fromEntries(names),
    elementLabels: {
      vi: Object.fromEntries(elementLabels(layout.elements, 'vi')),
      en: Object.fromEntries(elementLabels(layout.elements, 'en')),
    },
    diagram: diagramState(events, await openTaskElementIds(db, key)),
    approvals: await approvals(db, key, events, names),
    events: events.map(({ id: _id, ...event }) => event),
  };
}

/**
 * Finds the form version that each completed user task of a trail was submitted with, so that
 * the CSV and PDF label its data. The JSON export leaves the data as stored.
 */
export function loadTrailForms(db: Knex, trail: AuditTrail): Promise<SubmittedForms> {
  return loadSubmittedForms(db, trail.unit.id, trail.instance.key, trail.events);
}
