import type { Knex } from 'knex';
import type { DemoAgencyContext } from '../procedure-module.js';
import {
  demoDocuments,
  demoExternalDocuments,
  type DemoDocument,
  type DemoIssue,
} from './demo-documents.js';

interface Person {
  username: string;
  displayName: string;
}

/** Returns 9:00 in Vietnam (UTC+7) on `date`, the time the demo records were signed. */
function morningOf(date: string): string {
  return `${date}T02:00:00.000Z`;
}

async function secretaryOf(trx: Knex.Transaction, agency: DemoAgencyContext): Promise<Person> {
  const row = await trx('users').where({ username: agency.secretary }).first('display_name');
  return { username: agency.secretary, displayName: row?.display_name ?? agency.secretary };
}

/**
 * Writes the demo agency's controlled documents as the procedure would have: each issue
 * drafted, reviewed by the ISO secretary, approved by the director, with its revision log
 * entry. A later issue makes the one before obsolete; a withdrawal ends the last issue.
 */
export async function seedDocumentControl(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
): Promise<void> {
  const secretary = await secretaryOf(trx, agency);
  for (const document of demoDocuments) await seedDocument(trx, agency, secretary, document);
  await seedExternalDocuments(trx, agency, secretary);
}

async function seedDocument(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
  secretary: Person,
  document: DemoDocument,
): Promise<void> {
  let previousId: string | null = null;
  for (const [index, issue] of document.issues.entries()) {
    const drafter = issue.draftedByHeadOf ? agency.heads[issue.draftedByHeadOf] : secretary;
    const [row] = await trx('controlled_documents')
      .insert(versionRow(agency, document, issue, index + 1, drafter ?? secretary, secretary))
      .returning('id');
    const id = String(row.id);
    // The issue before leaves the issued state first, because one version of a code is issued.
    if (previousId) {
      await trx('controlled_documents')
        .where({ id: previousId })
        .update({ status: 'obsolete', obsolete_at: morningOf(issue.issueDate), superseded_by: id });
    }
    await trx('controlled_documents').where({ id }).update({ status: 'issued' });
    const people = { drafter: drafter ?? secretary, reviewer: secretary };
    await appendRevision(trx, agency, document, issue, index + 1, id, people);
    if (issue.withdrawnOn) await withdraw(trx, agency, document, issue, index + 1, id, secretary);
    previousId = id;
  }
}

function versionRow(
  agency: DemoAgencyContext,
  document: DemoDocument,
  issue: DemoIssue,
  issueNumber: number,
  drafter: Person,
  reviewer: Person,
) {
  const approvedAt = morningOf(issue.issueDate);
  return {
    unit_id: agency.unitId,
    code: document.code,
    title: document.title,
    document_type: document.documentType,
    issue_number: issueNumber,
    issue_date: issue.issueDate,
    status: 'pending-approval',
    change_type: issueNumber === 1 ? 'new' : 'revision',
    change_summary: issue.changeSummary,
    change_reason: issue.changeReason,
    content: issue.content,
    retention_period: document.retentionPeriod,
    drafting_department_id: agency.departmentIds[document.draftingDepartment] ?? null,
    departments: JSON.stringify(document.departments),
    drafted_by: drafter.username,
    drafted_by_name: drafter.displayName,
    reviewed_by: reviewer.username,
    reviewed_by_name: reviewer.displayName,
    reviewed_at: approvedAt,
    approved_by: agency.director.username,
    approved_by_name: agency.director.displayName,
    approved_at: approvedAt,
    created_at: approvedAt,
    created_by: drafter.username,
    updated_at: approvedAt,
    updated_by: agency.director.username,
  };
}

async function appendRevision(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
  document: DemoDocument,
  issue: DemoIssue,
  issueNumber: number,
  documentId: string,
  people: { drafter: Person; reviewer: Person },
): Promise<void> {
  await trx('document_revisions').insert({
    unit_id: agency.unitId,
    document_id: documentId,
    code: document.code,
    title: document.title,
    issue_number: issueNumber,
    change_type: issueNumber === 1 ? 'new' : 'revision',
    change_date: issue.issueDate,
    change_summary: issue.changeSummary,
    change_reason: issue.changeReason,
    drafted_by: people.drafter.username,
    drafted_by_name: people.drafter.displayName,
    reviewed_by: people.reviewer.username,
    reviewed_by_name: people.reviewer.displayName,
    approved_by: agency.director.username,
    approved_by_name: agency.director.displayName,
    created_at: morningOf(issue.issueDate),
  });
}

async function withdraw(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
  document: DemoDocument,
  issue: DemoIssue,
  issueNumber: number,
  documentId: string,
  secretary: Person,
): Promise<void> {
  const withdrawnOn = issue.withdrawnOn as string;
  await trx('controlled_documents')
    .where({ id: documentId })
    .update({
      status: 'withdrawn',
      withdrawn_at: morningOf(withdrawnOn),
      withdrawal_reason: issue.withdrawalReason ?? null,
    });
  await trx('document_revisions').insert({
    unit_id: agency.unitId,
    document_id: documentId,
    code: document.code,
    title: document.title,
    issue_number: issueNumber,
    change_type: 'withdrawal',
    change_date: withdrawnOn,
    change_summary: 'Hủy bỏ tài liệu, ngừng áp dụng.',
    change_reason: issue.withdrawalReason ?? null,
    drafted_by: secretary.username,
    drafted_by_name: secretary.displayName,
    reviewed_by: secretary.username,
    reviewed_by_name: secretary.displayName,
    approved_by: agency.director.username,
    approved_by_name: agency.director.displayName,
    created_at: morningOf(withdrawnOn),
  });
}

async function seedExternalDocuments(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
  secretary: Person,
): Promise<void> {
  const recordedAt = agency.now.toISOString();
  await trx('external_documents').insert(
    demoExternalDocuments.map((document) => ({
      unit_id: agency.unitId,
      document_number: document.documentNumber,
      document_kind: document.documentKind,
      title: document.title,
      issuing_body: document.issuingBody,
      issue_date: document.issueDate,
      effective_date: document.effectiveDate,
      notes: document.notes,
      status: document.inForce ? 'approved' : 'archived',
      created_at: recordedAt,
      created_by: secretary.username,
      updated_at: recordedAt,
      updated_by: secretary.username,
      approved_at: recordedAt,
      approved_by: secretary.username,
      approved_by_name: secretary.displayName,
    })),
  );
}
