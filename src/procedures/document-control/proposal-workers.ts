import type { Variables } from '../../engine/process-engine.js';
import type { JobContext } from '../../jobs/job-worker.js';
import {
  changeTypeOptions,
  documentCodePattern,
  documentTypeOptions,
  maxDocumentCodeLength,
  optionLabel,
  versionStatusOptions,
} from './document-options.js';
import {
  departmentsByCode,
  displayDate,
  findIssuedVersion,
  inProgressStatuses,
  lastCompletion,
  listIssuedVersions,
  lockUnit,
  type VersionRow,
} from './document-store.js';

/** Returns a trimmed, upper-case document code, or null for a missing or blank one. */
export function normalizeCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = value.trim().toUpperCase();
  return code === '' ? null : code;
}

/**
 * Gives the proposal form the issued documents to choose from, the drafting department of the
 * person who started the change, and the document named by a corrective action, when that
 * document is issued. A code that is not issued stays visible as `requestedDocumentCode`.
 */
export async function prepareProposal(job: JobContext): Promise<Variables> {
  const issued = await listIssuedVersions(job.trx, job.unitId);
  const requested = normalizeCode(job.variables.documentCode);
  const isIssued = requested !== null && issued.some((version) => version.code === requested);
  const output: Variables = {
    documentOptions: issued.map((version) => ({
      value: version.code,
      label: `${version.code} – ${version.title} (lần ban hành ${version.issue_number})`,
    })),
    issuedDocuments: issued.map((version) => ({
      code: version.code,
      title: version.title,
      documentType: optionLabel(documentTypeOptions, version.document_type, 'vi'),
      issueNumber: version.issue_number,
      issueDate: displayDate(version.issue_date),
    })),
    documentCode: isIssued ? requested : null,
    requestedDocumentCode: requested !== null && !isIssued ? requested : null,
    sourceReference: stringOrNull(job.variables.sourceReference),
    changeReason: stringOrNull(job.variables.changeReason),
    proposalProblemText: null,
    returnComment: null,
  };
  if (isIssued && job.variables.changeType === undefined) output.changeType = 'revision';
  const department = await initiatorDepartment(job);
  if (department && job.variables.draftingDepartment === undefined)
    output.draftingDepartment = department;
  return output;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

async function initiatorDepartment(job: JobContext): Promise<string | null> {
  const initiator = job.variables.initiator;
  if (typeof initiator !== 'string') return null;
  const row = await job
    .trx('users')
    .join('units', 'units.id', 'users.department_id')
    .where({ 'users.username': initiator, 'units.agency_id': job.unitId })
    .first('units.code');
  return (row?.code as string | undefined) ?? null;
}

/** What a proposal changes: the change type and the document code it names. */
interface Proposal {
  changeType: 'new' | 'revision' | 'withdrawal';
  code: string;
}

/**
 * Checks a submitted proposal against the register: a new code must be unused, a revision or
 * withdrawal must name an issued document, and no other running change may hold the same code.
 * An accepted proposal claims its code through the `targetCode` variable and prepares the draft;
 * a rejected one goes back to the proposer with the problems in Vietnamese.
 */
export async function checkProposal(job: JobContext): Promise<Variables> {
  await lockUnit(job.trx, job.unitId);
  const problems: string[] = [];
  const proposal = await readProposal(job, problems);
  if (proposal) await checkNoOtherChange(job, proposal.code, problems);
  if (!proposal || problems.length > 0) {
    job.logger.info(
      { processInstanceKey: job.processInstanceKey, problems: problems.length },
      'document change proposal returned',
    );
    return {
      proposalAccepted: false,
      proposalProblems: problems,
      proposalProblemText: problems.map((problem) => `- ${problem}`).join('\n'),
    };
  }

  await cancelAbandonedDrafts(job, proposal.code);
  const current =
    proposal.changeType === 'new'
      ? null
      : await findIssuedVersion(job.trx, job.unitId, proposal.code);
  const drafter = await lastCompletion(job.trx, job.processInstanceKey, ['Task_Propose']);
  const departments = await departmentsByCode(job.trx, job.unitId);
  const draftingDepartment = String(job.variables.draftingDepartment ?? '');
  return {
    proposalAccepted: true,
    proposalProblems: [],
    proposalProblemText: null,
    requestedDocumentCode: null,
    returnComment: null,
    targetCode: proposal.code,
    changeLabel: optionLabel(changeTypeOptions, proposal.changeType, 'vi').toLowerCase(),
    nextIssueNumber: nextIssueNumber(proposal, current),
    currentIssueNumber: current?.issue_number ?? null,
    currentIssueDateText: displayDate(current?.issue_date ?? null),
    draftingDepartmentName: departments.get(draftingDepartment)?.name ?? draftingDepartment,
    draftedBy: drafter?.username ?? null,
    draftedByName: drafter?.displayName ?? null,
    ...prefilledDraft(job.variables, proposal, current, departments),
  };
}

async function readProposal(job: JobContext, problems: string[]): Promise<Proposal | null> {
  const changeType = job.variables.changeType;
  if (changeType === 'new') return readNewDocument(job, problems);
  if (changeType === 'revision' || changeType === 'withdrawal') {
    const code = normalizeCode(job.variables.documentCode);
    const action = changeType === 'revision' ? 'sửa đổi' : 'hủy bỏ';
    if (!code) {
      problems.push(`Chọn tài liệu đang ban hành cần ${action} ở mục "Tài liệu đang ban hành".`);
      return null;
    }
    if (!(await findIssuedVersion(job.trx, job.unitId, code))) {
      problems.push(
        `Tài liệu ${code} không còn ở trạng thái đang ban hành nên không thể ${action}; chọn tài liệu khác trong danh mục.`,
      );
      return null;
    }
    return { changeType, code };
  }
  problems.push('Chọn loại thay đổi: ban hành mới, sửa đổi hoặc hủy bỏ.');
  return null;
}

async function readNewDocument(job: JobContext, problems: string[]): Promise<Proposal | null> {
  const code = normalizeCode(job.variables.newDocumentCode);
  if (!code) {
    problems.push('Nhập mã của tài liệu mới ở mục "Mã tài liệu mới", ví dụ QT-08.');
    return null;
  }
  if (code.length > maxDocumentCodeLength || !new RegExp(documentCodePattern).test(code)) {
    problems.push(
      `Mã tài liệu ${code} không hợp lệ: chỉ dùng chữ in hoa, chữ số, dấu gạch ngang hoặc dấu chấm, tối đa ${maxDocumentCodeLength} ký tự.`,
    );
    return null;
  }
  const existing = await job
    .trx('controlled_documents')
    .where({ unit_id: job.unitId, code })
    .whereNotIn('status', ['cancelled', ...inProgressStatuses])
    .orderBy('issue_number', 'desc')
    .first('title', 'status', 'issue_number');
  if (existing) {
    const status = optionLabel(versionStatusOptions, existing.status, 'vi').toLowerCase();
    problems.push(
      `Mã ${code} đã được dùng cho tài liệu "${existing.title}" (lần ban hành ${existing.issue_number}, ${status}). Chọn "Sửa đổi, bổ sung" để thay đổi tài liệu này, hoặc nhập mã khác.`,
    );
    return null;
  }
  return { changeType: 'new', code };
}

// Another running instance that claimed the code would issue a version of the same document,
// so the second change waits until the first has ended.
async function checkNoOtherChange(job: JobContext, code: string, problems: string[]) {
  const other = await job
    .trx('process_instances')
    .where({ unit_id: job.unitId, bpmn_process_id: 'document-control', state: 'ACTIVE' })
    .whereNot('key', job.processInstanceKey)
    .whereRaw("variables->>'targetCode' = ?", [code])
    .first('key', 'business_key');
  if (other) {
    const name = other.business_key ?? `số ${other.key}`;
    problems.push(
      `Tài liệu ${code} đang được thay đổi theo hồ sơ ${name}; chờ hồ sơ đó kết thúc rồi đề xuất lại.`,
    );
  }
}

// A draft whose instance ended without approval (canceled by an administrator) would hold the
// code's draft slot forever, so the next change of the code marks it cancelled.
async function cancelAbandonedDrafts(job: JobContext, code: string): Promise<void> {
  const abandoned = await job
    .trx('controlled_documents as d')
    .join('process_instances as p', 'p.key', 'd.process_instance_key')
    .where({ 'd.unit_id': job.unitId, 'd.code': code })
    .whereIn('d.status', inProgressStatuses)
    .whereNot('p.state', 'ACTIVE')
    .pluck('d.id');
  if (abandoned.length === 0) return;
  await job
    .trx('controlled_documents')
    .whereIn('id', abandoned)
    .update({ status: 'cancelled', updated_at: job.now, updated_by: 'system' });
  job.logger.info({ code, versions: abandoned.map(String) }, 'abandoned document drafts cancelled');
}

function nextIssueNumber(proposal: Proposal, current: VersionRow | null): number {
  if (!current) return 1;
  return proposal.changeType === 'withdrawal' ? current.issue_number : current.issue_number + 1;
}

/**
 * Returns the draft fields for the chosen document: a revision starts from the current issue's
 * content, a withdrawal shows the current issue, a new document starts empty. The fields are
 * filled again only when the proposal names another document or change type, so a proposal that
 * comes back for changes keeps what the drafter wrote.
 */
function prefilledDraft(
  variables: Variables,
  proposal: Proposal,
  current: VersionRow | null,
  departments: Map<string, { name: string }>,
): Variables {
  const prefillKey = `${proposal.changeType}:${proposal.code}`;
  if (variables.prefilledFrom === prefillKey) return {};
  const fields: Variables = { prefilledFrom: prefillKey, changeSummary: null };
  if (!current) {
    return {
      ...fields,
      title: null,
      documentType: null,
      documentContent: null,
      link: null,
      retentionPeriod: null,
      departmentsConcerned: null,
    };
  }
  const concerned = current.departments.filter((code) => departments.has(code));
  const departmentsConcerned = concerned.length > 0 ? concerned : [...departments.keys()];
  return {
    ...fields,
    title: current.title,
    documentType: current.document_type,
    documentTypeLabel: optionLabel(documentTypeOptions, current.document_type, 'vi'),
    documentContent: current.content,
    link: current.link,
    retentionPeriod: current.retention_period,
    departmentsConcerned,
    departmentNames: departmentsConcerned
      .map((code) => departments.get(code)?.name ?? code)
      .join(', '),
  };
}
