import type { Knex } from 'knex';
import { EisoError, notFound } from '../../errors.js';
import { appendUnitHistory } from '../../history/unit-history.js';
import type { Principal } from '../../identity/principal.js';
import { assertValidRecord } from './record-validation.js';
import {
  findRecord,
  idsWithStatus,
  insertRow,
  lockUnit,
  toRow,
  updateRow,
  type RegisterRecord,
} from './record-store.js';
import type { Language, RegisterDefinition, RegisterLifecycle } from './register-definition.js';
import { permissionsOf } from './register-registry.js';

/** The register, user, time and error language of one write. */
export interface WriteContext {
  definition: RegisterDefinition;
  principal: Principal;
  language: Language;
  now: Date;
}

type Changes = Record<string, { from: unknown; to: unknown }>;

function lifecycleOf(definition: RegisterDefinition): RegisterLifecycle {
  if (!definition.lifecycle)
    throw new EisoError('EISO_ERR_FORBIDDEN', `Register ${definition.name} is read-only.`);
  return definition.lifecycle;
}

function statusColumnName(definition: RegisterDefinition, lifecycle: RegisterLifecycle): string {
  const column = definition.columns.find((entry) => entry.key === lifecycle.statusColumn);
  return column?.column ?? lifecycle.statusColumn;
}

function isLocked(lifecycle: RegisterLifecycle, status: unknown): boolean {
  return status === lifecycle.approvedStatus || status === lifecycle.archivedStatus;
}

function assertMayApprove(context: WriteContext, status: unknown): void {
  const lifecycle = lifecycleOf(context.definition);
  if (!isLocked(lifecycle, status)) return;
  if (permissionsOf(context.principal, context.definition).approve) return;
  throw new EisoError(
    'EISO_ERR_FORBIDDEN',
    `Only the groups ${context.definition.access.approve.join(', ')} may set the status of a record of register ${context.definition.name} to ${String(status)}.`,
  );
}

function approvalRow(context: WriteContext): Record<string, unknown> {
  return {
    approved_at: context.now,
    approved_by: context.principal.username,
    approved_by_name: context.principal.displayName,
  };
}

function auditRow(context: WriteContext): Record<string, unknown> {
  return { updated_at: context.now, updated_by: context.principal.username };
}

async function appendRecordEvent(
  trx: Knex.Transaction,
  context: WriteContext,
  type: 'REGISTER_RECORD_CREATED' | 'REGISTER_RECORD_UPDATED',
  recordId: string,
  changes: Changes,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await appendUnitHistory(
    trx,
    context.principal.unitId,
    {
      type,
      actor: context.principal.username,
      data: {
        register: context.definition.name,
        recordId,
        changedFields: Object.keys(changes).sort(),
        changes,
        ...extra,
      },
    },
    context.now,
  );
}

// A unique index of the table, such as one policy version per unit, rejects a duplicate. The
// client then gets 409 with the constraint instead of a 500.
async function withConflictCheck<T>(definition: RegisterDefinition, write: () => Promise<T>) {
  try {
    return await write();
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code !== '23505') throw error;
    throw new EisoError(
      'EISO_ERR_CONFLICT',
      `Register ${definition.name} already has a record with these values (constraint ${constraint ?? 'unique'}); change them and try again.`,
    );
  }
}

/**
 * Archives the unit's approved records of a single-approved register, except `exceptId`, and
 * returns their ids. The caller appends their history events.
 */
async function archiveApproved(
  trx: Knex.Transaction,
  context: WriteContext,
  exceptId: string | null,
): Promise<string[]> {
  const { definition, principal } = context;
  const lifecycle = lifecycleOf(definition);
  if (!lifecycle.singleApproved) return [];
  const status = statusColumnName(definition, lifecycle);
  const ids = await idsWithStatus(
    trx,
    definition,
    principal.unitId,
    status,
    lifecycle.approvedStatus,
    exceptId,
  );
  for (const id of ids)
    await updateRow(trx, definition, principal.unitId, id, {
      [status]: lifecycle.archivedStatus,
      ...auditRow(context),
    });
  return ids;
}

async function appendSupersededEvents(
  trx: Knex.Transaction,
  context: WriteContext,
  archivedIds: string[],
  supersededBy: string,
): Promise<void> {
  const lifecycle = lifecycleOf(context.definition);
  const change = { from: lifecycle.approvedStatus, to: lifecycle.archivedStatus };
  for (const id of archivedIds)
    await appendRecordEvent(
      trx,
      context,
      'REGISTER_RECORD_UPDATED',
      id,
      { [lifecycle.statusColumn]: change },
      { supersededBy },
    );
}

async function reread(trx: Knex.Transaction, context: WriteContext, id: string) {
  return (await findRecord(
    trx,
    context.definition,
    context.principal.unitId,
    id,
  )) as RegisterRecord;
}

/** Validates and stores a new record of the principal's unit, with its history event. */
export async function createRegisterRecord(
  trx: Knex.Transaction,
  context: WriteContext,
  input: unknown,
): Promise<RegisterRecord> {
  const { definition, principal } = context;
  const lifecycle = lifecycleOf(definition);
  const values = { ...assertValidRecord(definition, input, 'create', context.language) };
  values[lifecycle.statusColumn] ??= lifecycle.initialStatus;
  const status = values[lifecycle.statusColumn];
  assertMayApprove(context, status);

  await lockUnit(trx, principal.unitId);
  const approved = status === lifecycle.approvedStatus;
  const archivedIds = approved ? await archiveApproved(trx, context, null) : [];
  const id = await withConflictCheck(definition, () =>
    insertRow(trx, definition, {
      ...toRow(definition, values),
      unit_id: principal.unitId,
      created_at: context.now,
      created_by: principal.username,
      ...auditRow(context),
      ...(approved ? approvalRow(context) : {}),
    }),
  );

  const changes: Changes = {};
  for (const [key, value] of Object.entries(values)) changes[key] = { from: null, to: value };
  await appendRecordEvent(trx, context, 'REGISTER_RECORD_CREATED', id, changes);
  await appendSupersededEvents(trx, context, archivedIds, id);
  return reread(trx, context, id);
}

function changedValues(record: RegisterRecord, values: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [key, value] of Object.entries(values)) {
    const before = record.values[key] ?? null;
    if (JSON.stringify(before) !== JSON.stringify(value))
      changes[key] = { from: before, to: value };
  }
  return changes;
}

// An approved or archived record is evidence of a decision, so its content stays as approved.
// The one change allowed is archiving an approved record, by a group that may approve.
function assertEditable(context: WriteContext, record: RegisterRecord, changes: Changes): void {
  const { definition } = context;
  const lifecycle = lifecycleOf(definition);
  const status = record.values[lifecycle.statusColumn];
  if (!isLocked(lifecycle, status)) return;

  const keys = Object.keys(changes);
  const archiving =
    status === lifecycle.approvedStatus &&
    keys.length === 1 &&
    changes[lifecycle.statusColumn]?.to === lifecycle.archivedStatus;
  if (archiving) return;
  const hint =
    status === lifecycle.approvedStatus
      ? `An approved record can only be archived; create a new record to change its content.`
      : `An archived record cannot change; create a new record instead.`;
  throw new EisoError(
    'EISO_ERR_CONFLICT',
    `Record ${record.id} of register ${definition.name} is ${String(status)} and cannot be edited. ${hint}`,
  );
}

/**
 * Validates and applies an update to a record of the principal's unit, with its history event.
 * An update that changes nothing stores nothing and returns the record as it is.
 */
export async function updateRegisterRecord(
  trx: Knex.Transaction,
  context: WriteContext,
  id: string,
  input: unknown,
): Promise<RegisterRecord> {
  const { definition, principal } = context;
  const lifecycle = lifecycleOf(definition);
  const values = assertValidRecord(definition, input, 'update', context.language);

  await lockUnit(trx, principal.unitId);
  const record = await findRecord(trx, definition, principal.unitId, id, { forUpdate: true });
  if (!record) throw notFound('Record', `${definition.name}/${id}`);
  const changes = changedValues(record, values);
  if (Object.keys(changes).length === 0) return record;
  assertEditable(context, record, changes);

  const statusChange = changes[lifecycle.statusColumn];
  if (statusChange) assertMayApprove(context, statusChange.to);
  const approved = statusChange?.to === lifecycle.approvedStatus;
  const archivedIds = approved ? await archiveApproved(trx, context, id) : [];
  const changedOnly = Object.fromEntries(
    Object.entries(changes).map(([key, change]) => [key, change.to]),
  );
  await withConflictCheck(definition, () =>
    updateRow(trx, definition, principal.unitId, id, {
      ...toRow(definition, changedOnly),
      ...auditRow(context),
      ...(approved ? approvalRow(context) : {}),
    }),
  );

  await appendRecordEvent(trx, context, 'REGISTER_RECORD_UPDATED', id, changes);
  await appendSupersededEvents(trx, context, archivedIds, id);
  return reread(trx, context, id);
}
