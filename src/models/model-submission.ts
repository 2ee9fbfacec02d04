import type { Knex } from 'knex';
import { EisoError } from '../errors.js';
import type { HistoryEventInput } from '../history/history-log.js';
import type { Principal } from '../identity/principal.js';
import type { Locale } from '../locale.js';
import type { Language } from '../registers/framework/register-definition.js';
import type { Runtime } from '../runtime/runtime.js';
import { nextBusinessKey, vietnamYear } from '../procedures/procedure-start.js';
import { procedureChangeProcessId } from '../procedures/procedure-change/workers.js';
import { hasErrors } from './model-lint.js';
import { diffModels, summarizeDiff } from './model-diff.js';
import { draftMessages } from './draft-messages.js';
import {
  assertEditable,
  lintContent,
  lintContext,
  loadDraft,
  toDraft,
  type ModelDraft,
  type ModelKind,
} from './model-drafts.js';

/** Services that a submission uses. */
export interface SubmissionServices {
  db: Knex;
  runtime: Runtime;
  jobTypes: Iterable<string>;
  now: () => Date;
}

const MAX_REASON = 2000;

/**
 * Submits a draft to the board with a reason: the lint must find no error, then
 * an instance of the change procedure starts, whose approval deploys the draft. The lint's
 * problems are in `language`, the errors in `locale`.
 */
export async function submitDraft(
  services: SubmissionServices,
  principal: Principal,
  id: string,
  reasonInput: unknown,
  language: Language,
  locale: Locale = 'en',
): Promise<ModelDraft> {
  const { db, runtime } = services;
  const say = draftMessages(locale);
  const reason = typeof reasonInput === 'string' ? reasonInput.trim() : '';
  if (reason === '' || reason.length > MAX_REASON) {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      reason === '' ? say.reasonMissing : say.reasonTooLong(reason.length, MAX_REASON),
      [{ path: '/reason', message: say.reasonFix(MAX_REASON) }],
    );
  }
  const row = await loadDraft(db, principal.unitId, id, { locale });
  assertEditable(row, locale);
  const kind = row.kind as ModelKind;
  await assertChanged(db, principal.unitId, row, locale);
  const context = await lintContext(db, principal.unitId, services.jobTypes, language);
  const problems = await lintContent(kind, row.content as string, context);
  if (hasErrors(problems)) {
    const errors = problems.filter((problem) => problem.severity === 'error');
    throw new EisoError(
      'EISO_ERR_MODEL_INVALID',
      say.blockingProblems(errors.length, errors[0]?.message ?? ''),
      errors.map((problem) => ({
        path: problem.elementId ?? '/content',
        message: problem.message,
      })),
    );
  }

  // The status moves first, so that a second submission of the same draft gets 409.
  const now = services.now();
  const previous = row.status as string;
  const claimed = await db('model_drafts')
    .where({ id: row.id, status: previous })
    .update({ status: 'submitted', reason, submitted_by: principal.username, submitted_at: now });
  if (claimed !== 1) {
    throw new EisoError('EISO_ERR_CONFLICT', say.changedMeanwhile(id));
  }
  try {
    const variables = await approvalVariables(db, principal, row, reason);
    const businessKey = await nextBusinessKey(db, principal.unitId, procedureChangeProcessId, {
      year: vietnamYear(now),
      date: now,
    });
    const instance = await runtime.startInstance({
      unitId: principal.unitId,
      bpmnProcessId: procedureChangeProcessId,
      variables,
      businessKey,
      actor: principal.username,
      startEvents: [draftedSignature(principal, row, reason, now)],
    });
    const [updated] = await db('model_drafts')
      .where({ id: row.id })
      .update({ process_instance_key: instance.key })
      .returning('*');
    return toDraft(updated);
  } catch (error) {
    await db('model_drafts')
      .where({ id: row.id })
      .update({ status: previous, submitted_by: null, submitted_at: null });
    throw error;
  }
}

// A draft equal to the version in force would take the board's time and deploy nothing. A form
// compares by content, because the database may store its JSON with the keys reordered.
async function assertChanged(
  db: Knex,
  unitId: string,
  row: Record<string, unknown>,
  locale: Locale,
): Promise<void> {
  const latest =
    row.kind === 'process'
      ? await db('process_definitions')
          .where({ unit_id: unitId, bpmn_process_id: row.resource_id })
          .orderBy('version', 'desc')
          .first('version', 'checksum')
      : await db('forms')
          .where({ unit_id: unitId, form_id: row.resource_id })
          .orderBy('version', 'desc')
          .first('version', 'schema');
  if (!latest) return;
  const unchanged =
    row.kind === 'process'
      ? latest.checksum === row.checksum
      : canonicalJson(JSON.parse(row.content as string)) ===
        canonicalJson(
          typeof latest.schema === 'string' ? JSON.parse(latest.schema) : latest.schema,
        );
  if (unchanged) {
    const say = draftMessages(locale);
    throw new EisoError('EISO_ERR_VALIDATION', say.unchanged(String(row.id), latest.version), [
      { path: '/content', message: say.changeBeforeSubmit },
    ]);
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a.localeCompare(b, 'en'),
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function approvalVariables(
  db: Knex,
  principal: Principal,
  row: Record<string, unknown>,
  reason: string,
): Promise<Record<string, unknown>> {
  const kind = row.kind as ModelKind;
  const baseVersion = row.base_version === null ? null : Number(row.base_version);
  let changeSummary = kind === 'form' ? 'Biểu mẫu được sửa.' : 'Quy trình mới.';
  let changeSummaryEn = kind === 'form' ? 'The form changes.' : 'A new process.';
  if (kind === 'process' && baseVersion !== null) {
    const before = await db('process_definitions')
      .where({ unit_id: principal.unitId, bpmn_process_id: row.resource_id, version: baseVersion })
      .first('xml');
    if (before) {
      const diff = await diffModels(before.xml, row.content as string);
      changeSummary = summarizeDiff(diff, 'vi');
      changeSummaryEn = summarizeDiff(diff, 'en');
    }
  }
  const name = typeof row.name === 'string' && row.name !== '' ? `${row.name} ` : '';
  // The approval form shows the `…En` texts in English (src/web/i18n/forms/procedure-change.en.json).
  return {
    draftId: String(row.id),
    resourceKind: kind,
    resourceKindLabel: kind === 'process' ? 'quy trình' : 'biểu mẫu',
    resourceKindLabelEn: kind,
    resourceLabel: `${name}(${String(row.resource_id)})`,
    reason,
    submittedBy: principal.username,
    submittedByName: principal.displayName,
    baseVersionText: baseVersion === null ? 'chưa triển khai' : `phiên bản ${baseVersion}`,
    baseVersionTextEn: baseVersion === null ? 'not deployed yet' : `version ${baseVersion}`,
    changeSummary,
    changeSummaryEn,
    diffLink: `#/models/drafts/${String(row.id)}`,
  };
}

/** Withdraws an open draft that does not wait for the board. */
export async function withdrawDraft(
  db: Knex,
  principal: Principal,
  id: string,
  now: Date,
  locale: Locale = 'en',
): Promise<ModelDraft> {
  return db.transaction(async (trx) => {
    const row = await loadDraft(trx, principal.unitId, id, { forUpdate: true, locale });
    assertEditable(row, locale);
    const [updated] = await trx('model_drafts')
      .where({ id: row.id })
      .update({ status: 'withdrawn', updated_by: principal.username, updated_at: now })
      .returning('*');
    return toDraft(updated);
  });
}

// The secretary's submission is the first signature on the change: who drafted it, when and why.
function draftedSignature(
  principal: Principal,
  row: Record<string, unknown>,
  reason: string,
  now: Date,
): HistoryEventInput {
  return {
    type: 'APPROVAL_RECORDED',
    actor: principal.username,
    data: {
      subject: `${String(row.kind)}:${String(row.resource_id)}`,
      draftId: String(row.id),
      decision: null,
      meaning: 'drafted',
      signer: principal.username,
      signerName: principal.displayName,
      comment: reason,
      signedAt: now.toISOString(),
    },
  };
}
