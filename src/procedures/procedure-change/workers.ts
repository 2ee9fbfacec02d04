import type { Variables } from '../../engine/process-engine.js';
import type { JobContext, WorkerRegistry } from '../../jobs/job-worker.js';
import {
  insertNotifications,
  type NotificationInput,
} from '../../notifications/notification-store.js';
import { deployResources } from '../../runtime/deployer.js';
import { lintContext, loadDraft, type ModelKind } from '../../models/model-drafts.js';
import { changedGroups } from '../../models/model-changes.js';
import { lastCompletion } from '../document-control/document-store.js';

export const procedureChangeProcessId = 'procedure-change';

function draftIdOf(job: JobContext): string {
  const value = job.variables.draftId;
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new Error(`variable 'draftId' must be the id of a draft, got ${JSON.stringify(value)}`);
  return value;
}

async function decisionOf(job: JobContext) {
  const decision = await lastCompletion(job.trx, job.processInstanceKey, ['Task_Approve']);
  if (!decision) throw new Error('the draft has no decision of the board yet');
  const comment = decision.variables.comment;
  return {
    username: decision.username,
    displayName: decision.displayName,
    comment: typeof comment === 'string' && comment.trim() !== '' ? comment.trim() : null,
    at: decision.completedAt,
  };
}

function label(row: Record<string, unknown>): string {
  const name = typeof row.name === 'string' && row.name !== '' ? `${row.name} ` : '';
  return `${name}(${String(row.resource_id)})`;
}

/**
 * Deploys the approved draft as the next version, with the reason as its comment, and notifies the
 * departments whose tasks changed. The deployment commits with the job, so an approval never
 * leaves a draft half deployed.
 */
async function deployDraft(job: JobContext): Promise<Variables> {
  const row = await loadDraft(job.trx, job.unitId, draftIdOf(job), { forUpdate: true });
  if (row.status !== 'submitted')
    throw new Error(`draft ${String(row.id)} is ${String(row.status)}, not submitted`);
  const decision = await decisionOf(job);
  const kind = row.kind as ModelKind;
  const resourceName = `${String(row.resource_id)}.${kind === 'process' ? 'bpmn' : 'form'}`;
  const context = await lintContext(job.trx, job.unitId, [], 'vi');
  const result = await deployResources(
    job.trx,
    job.logger,
    job.unitId,
    [{ name: resourceName, content: row.content as string }],
    decision.username,
    {
      source: 'draft',
      comment: (row.reason as string | null) ?? null,
      lint: { groups: context.groups, jobTypes: null, language: 'vi' },
    },
  );
  const version =
    kind === 'process' ? result.processes[0]?.processDefinitionVersion : result.forms[0]?.version;
  await job
    .trx('model_drafts')
    .where({ id: row.id })
    .update({
      status: 'deployed',
      deployed_version: version ?? null,
      decided_by: decision.username,
      decided_at: decision.at,
      decision_comment: decision.comment,
    });

  const notifications: NotificationInput[] = [
    {
      unitId: job.unitId,
      kind: 'info',
      recipientUser: row.submitted_by as string,
      title: `${decision.displayName} đã phê duyệt thay đổi ${label(row)}: phiên bản ${version} có hiệu lực.`,
      titleEn: `${decision.displayName} approved the change of ${label(row)}: version ${version} is in force.`,
      link: `#/models/${kind}/${String(row.resource_id)}`,
      processInstanceKey: job.processInstanceKey,
    },
  ];
  if (kind === 'process' && row.base_version !== null) {
    const before = await job
      .trx('process_definitions')
      .where({ unit_id: job.unitId, bpmn_process_id: row.resource_id, version: row.base_version })
      .first('xml');
    const groups = await changedGroups(
      job.trx,
      job.unitId,
      before?.xml ?? null,
      row.content as string,
    );
    for (const group of groups) {
      notifications.push({
        unitId: job.unitId,
        kind: 'info',
        recipientGroup: group,
        title: `Quy trình ${label(row)} đã đổi (phiên bản ${version}): nhiệm vụ của phòng thay đổi từ các hồ sơ mới.`,
        titleEn: `The procedure ${label(row)} changed (version ${version}): your department's tasks change for new cases.`,
        link: null,
        processInstanceKey: job.processInstanceKey,
      });
    }
  }
  await insertNotifications(job.trx, notifications, job.now);
  job.logger.info({ draftId: row.id, version }, 'approved draft deployed');
  return { deployedVersion: version ?? null };
}

/** Gives the draft back to the secretary with the board's comment, to edit and submit again. */
async function returnDraft(job: JobContext): Promise<void> {
  const row = await loadDraft(job.trx, job.unitId, draftIdOf(job), { forUpdate: true });
  if (row.status !== 'submitted')
    throw new Error(`draft ${String(row.id)} is ${String(row.status)}, not submitted`);
  const decision = await decisionOf(job);
  await job.trx('model_drafts').where({ id: row.id }).update({
    status: 'returned',
    decided_by: decision.username,
    decided_at: decision.at,
    decision_comment: decision.comment,
  });
  await insertNotifications(
    job.trx,
    [
      {
        unitId: job.unitId,
        kind: 'info',
        recipientUser: row.submitted_by as string,
        title: `${decision.displayName} đã trả lại bản nháp ${label(row)}: ${decision.comment ?? ''}`,
        titleEn: `${decision.displayName} returned the draft of ${label(row)}: ${decision.comment ?? ''}`,
        link: `#/models/${String(row.kind)}/${String(row.resource_id)}?draft=${String(row.id)}`,
        processInstanceKey: job.processInstanceKey,
      },
    ],
    job.now,
  );
}

export function registerProcedureChangeWorkers(registry: WorkerRegistry): void {
  registry.register('eiso.models.deploy-draft', deployDraft);
  registry.register('eiso.models.return-draft', returnDraft);
}
