import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { EisoError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import type { Locale } from '../locale.js';
import { formTitle } from '../forms/form-title.js';
import { parseFormSchema } from '../forms/form-validator.js';
import { validateModel } from '../engine/embedded/model-validator.js';
import type { Language } from '../registers/framework/register-definition.js';
import { lintFormSchema, lintProcessModel, type LintProblem } from './model-lint.js';
import type { EisoLintContext } from './eiso-lint-rules.js';
import { draftMessages } from './draft-messages.js';

type Database = Knex | Knex.Transaction;

/** A process model or a form. */
export type ModelKind = 'process' | 'form';

/** The states of a draft; the first three are open. */
export type DraftStatus = 'draft' | 'submitted' | 'returned' | 'deployed' | 'withdrawn';

export const openStatuses: DraftStatus[] = ['draft', 'submitted', 'returned'];

/** Groups that edit and submit the unit's procedures. */
export const modelEditorGroups = ['iso-secretary', 'board'];

/** A draft as the API returns it. */
export interface ModelDraft {
  id: string;
  kind: ModelKind;
  resourceId: string;
  name: string | null;
  baseVersion: number | null;
  status: DraftStatus;
  reason: string | null;
  decisionComment: string | null;
  processInstanceKey: string | null;
  deployedVersion: number | null;
  checksum: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** A draft with its content and the lint's findings. */
export interface ModelDraftWithContent extends ModelDraft {
  content: string;
  problems: LintProblem[];
}

/** Id and name that a model's content declares. */
export interface ModelIdentity {
  resourceId: string;
  name: string | null;
}

/** Throws 403, in `locale`, unless the principal is the ISO secretary or on the board. */
export function assertModelEditor(principal: Principal, locale: Locale = 'en'): void {
  if (!modelEditorGroups.some((group) => principal.groups.includes(group))) {
    throw new EisoError('EISO_ERR_FORBIDDEN', draftMessages(locale).forbidden);
  }
}

export function checksumOf(kind: ModelKind, content: string): string {
  // Forms are compared as the deployer stores them: parsed and serialized again.
  const text = kind === 'form' ? JSON.stringify(JSON.parse(content)) : content;
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads the id and name a model or form declares: the executable process of a
 * BPMN file, or the `id` of a form. Refuses content that cannot be read, with
 * the reason, so that a draft always belongs to one procedure or form.
 */
export async function identify(
  kind: ModelKind,
  content: string,
  locale: Locale = 'en',
): Promise<ModelIdentity> {
  const say = draftMessages(locale);
  if (kind === 'form') {
    const schema = parseFormSchema(content, 'draft.form', locale);
    return { resourceId: schema.id, name: formTitle(schema) };
  }
  try {
    const model = await validateModel(content, 'draft.bpmn', locale);
    const executable = model.processes.filter((process) => process.isExecutable);
    if (executable.length !== 1) {
      throw new EisoError('EISO_ERR_VALIDATION', say.executableCount(executable.length), [
        { path: '/content', message: say.keepOneExecutable },
      ]);
    }
    const process = executable[0]!;
    return { resourceId: process.bpmnProcessId, name: process.name };
  } catch (error) {
    // A model the engine cannot run yet is still a draft: its process id comes from the XML.
    if (error instanceof EisoError && error.code === 'EISO_ERR_MODEL_INVALID') {
      const match = /<(?:\w+:)?process\b[^>]*\bid="([^"]+)"(?:[^>]*\bname="([^"]*)")?/.exec(
        content,
      );
      // A process id that bpmn-moddle refuses would start a draft of a process that cannot exist.
      if (match?.[1] && !/^[a-z_][\w.-]*$/i.test(match[1])) {
        throw new EisoError('EISO_ERR_VALIDATION', say.invalidProcessId(match[1]), [
          { path: '/content', message: say.asciiProcessId },
        ]);
      }
      if (match?.[1]) return { resourceId: match[1], name: match[2] ?? null };
    }
    throw error;
  }
}

/** Reads the context of eiso's lint rules for one unit. */
export async function lintContext(
  db: Database,
  unitId: string,
  jobTypes: Iterable<string>,
  language: Language,
): Promise<EisoLintContext> {
  const [groups, forms] = await Promise.all([
    db('groups').where({ unit_id: unitId }).pluck('code'),
    db('forms').where({ unit_id: unitId }).distinct('form_id'),
  ]);
  return {
    groups: new Set(groups as string[]),
    forms: new Set(forms.map((row: { form_id: string }) => row.form_id)),
    jobTypes: new Set(jobTypes),
    language,
  };
}

/** Lints a model or a form with the unit's context. */
export async function lintContent(
  kind: ModelKind,
  content: string,
  context: EisoLintContext,
): Promise<LintProblem[]> {
  return kind === 'form'
    ? lintFormSchema(content, context.language)
    : lintProcessModel(content, context);
}

function iso(value: unknown): string | null {
  return value === null || value === undefined ? null : new Date(value as string).toISOString();
}

export function toDraft(row: Record<string, unknown>): ModelDraft {
  return {
    id: String(row.id),
    kind: row.kind as ModelKind,
    resourceId: row.resource_id as string,
    name: (row.name as string | null) ?? null,
    baseVersion: row.base_version === null ? null : Number(row.base_version),
    status: row.status as DraftStatus,
    reason: (row.reason as string | null) ?? null,
    decisionComment: (row.decision_comment as string | null) ?? null,
    processInstanceKey: row.process_instance_key === null ? null : String(row.process_instance_key),
    deployedVersion: row.deployed_version === null ? null : Number(row.deployed_version),
    checksum: row.checksum as string,
    createdBy: row.created_by as string,
    createdAt: iso(row.created_at)!,
    updatedBy: row.updated_by as string,
    updatedAt: iso(row.updated_at)!,
    submittedBy: (row.submitted_by as string | null) ?? null,
    submittedAt: iso(row.submitted_at),
    decidedBy: (row.decided_by as string | null) ?? null,
    decidedAt: iso(row.decided_at),
  };
}

/** Reads one draft of the unit, or throws 404 in `options.locale`. */
export async function loadDraft(
  db: Database,
  unitId: string,
  id: string,
  options: { forUpdate?: boolean; locale?: Locale } = {},
): Promise<Record<string, unknown>> {
  const missing = () =>
    new EisoError('EISO_ERR_NOT_FOUND', draftMessages(options.locale ?? 'en').draftNotFound(id));
  if (!/^\d{1,18}$/.test(id)) throw missing();
  const query = db('model_drafts').where({ id, unit_id: unitId }).first();
  if (options.forUpdate) query.forUpdate();
  const row = (await query) as Record<string, unknown> | undefined;
  if (!row) throw missing();
  return row;
}

/** The latest deployed version of a process or form, or null when it was never deployed. */
export async function latestVersion(
  db: Database,
  unitId: string,
  kind: ModelKind,
  resourceId: string,
): Promise<{ version: number; content: string } | null> {
  if (kind === 'process') {
    const row = await db('process_definitions')
      .where({ unit_id: unitId, bpmn_process_id: resourceId })
      .orderBy('version', 'desc')
      .first('version', 'xml');
    return row ? { version: Number(row.version), content: row.xml as string } : null;
  }
  const row = await db('forms')
    .where({ unit_id: unitId, form_id: resourceId })
    .orderBy('version', 'desc')
    .first('version', 'schema');
  return row ? { version: Number(row.version), content: formText(row.schema) } : null;
}

/** One stored version of a process or form, or null. */
export async function versionContent(
  db: Database,
  unitId: string,
  kind: ModelKind,
  resourceId: string,
  version: number,
): Promise<string | null> {
  if (kind === 'process') {
    const row = await db('process_definitions')
      .where({ unit_id: unitId, bpmn_process_id: resourceId, version })
      .first('xml');
    return row ? (row.xml as string) : null;
  }
  const row = await db('forms')
    .where({ unit_id: unitId, form_id: resourceId, version })
    .first('schema');
  return row ? formText(row.schema) : null;
}

function formText(schema: unknown): string {
  return JSON.stringify(typeof schema === 'string' ? JSON.parse(schema) : schema, null, 2);
}

/**
 * Creates a draft of a changed (or new) process or form. A unit has at most one
 * open draft per process or form, so a second one gets 409 naming the first.
 */
export async function createDraft(
  db: Knex,
  principal: Principal,
  input: { kind: ModelKind; content: string; baseVersion?: number | null },
  now: Date,
  locale: Locale = 'en',
): Promise<ModelDraft> {
  const say = draftMessages(locale);
  const identity = await identify(input.kind, input.content, locale);
  const latest = await latestVersion(db, principal.unitId, input.kind, identity.resourceId);
  const baseVersion = input.baseVersion ?? latest?.version ?? null;
  if (baseVersion !== null && (latest === null || baseVersion > latest.version)) {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      say.baseVersionMissing(baseVersion, identity.resourceId),
      [
        {
          path: '/baseVersion',
          message: latest ? say.baseVersionRange(latest.version) : say.neverDeployed,
        },
      ],
    );
  }
  return db.transaction(async (trx) => {
    const open = await trx('model_drafts')
      .where({ unit_id: principal.unitId, kind: input.kind, resource_id: identity.resourceId })
      .whereIn('status', openStatuses)
      .first('id', 'created_by');
    if (open) {
      throw new EisoError(
        'EISO_ERR_CONFLICT',
        say.openDraftExists(identity.resourceId, String(open.id), String(open.created_by)),
        [{ path: '/content', message: say.openThatDraft(String(open.id)) }],
      );
    }
    const [row] = await trx('model_drafts')
      .insert({
        unit_id: principal.unitId,
        kind: input.kind,
        resource_id: identity.resourceId,
        name: identity.name,
        base_version: baseVersion,
        content: input.content,
        checksum: checksumOf(input.kind, input.content),
        created_by: principal.username,
        created_at: now,
        updated_by: principal.username,
        updated_at: now,
      })
      .returning('*');
    return toDraft(row);
  });
}

/** Replaces the content of an open draft that is not waiting for the leader. */
export async function updateDraft(
  db: Knex,
  principal: Principal,
  id: string,
  content: string,
  now: Date,
  locale: Locale = 'en',
): Promise<ModelDraft> {
  const say = draftMessages(locale);
  return db.transaction(async (trx) => {
    const row = await loadDraft(trx, principal.unitId, id, { forUpdate: true, locale });
    assertEditable(row, locale);
    const identity = await identify(row.kind as ModelKind, content, locale);
    const draftResource = String(row.resource_id);
    if (identity.resourceId !== draftResource) {
      throw new EisoError(
        'EISO_ERR_VALIDATION',
        say.resourceMismatch(draftResource, identity.resourceId),
        [{ path: '/content', message: say.keepResource(draftResource, identity.resourceId) }],
      );
    }
    const [updated] = await trx('model_drafts')
      .where({ id: row.id })
      .update({
        content,
        name: identity.name,
        checksum: checksumOf(row.kind as ModelKind, content),
        updated_by: principal.username,
        updated_at: now,
      })
      .returning('*');
    return toDraft(updated);
  });
}

/** Throws 409, in `locale`, unless the draft is open and not waiting for the board. */
export function assertEditable(row: Record<string, unknown>, locale: Locale = 'en'): void {
  if (row.status === 'draft' || row.status === 'returned') return;
  const say = draftMessages(locale);
  const id = String(row.id);
  const message =
    row.status === 'submitted'
      ? say.waitsForBoard(id)
      : say.closedDraft(id, say.status(String(row.status)));
  throw new EisoError('EISO_ERR_CONFLICT', message);
}
