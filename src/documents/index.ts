export { buildDocumentModel, documentMediaTypes, renderDocument } from './render-document.js';
export type { DocumentFormat } from './render-document.js';
export { documentKinds, isDocumentKind } from './document-kinds.js';
export type { DocumentDataByKind, DocumentKind } from './document-kinds.js';
export type { DocumentModel } from './document-model.js';
export type { AgencyData, LetterFields, PersonData, SignerData } from './schemas/common.js';
export type { DecisionObjective, ObjectivesDecisionData } from './schemas/objectives-decision.js';
export type {
  ManagementReviewNoticeData,
  ManagementReviewReportData,
  ObjectiveResult,
  ReviewInputKey,
  ReviewMeeting,
  ReviewOutput,
  ReviewPreparation,
} from './schemas/management-review.js';
export type {
  AuditFinding,
  AuditPlanData,
  AuditProgrammeData,
  AuditReportData,
  AuditTeamMember,
  PlanSession,
  ProgrammeAudit,
} from './schemas/audit.js';
export type { RiskEntry, RiskRegisterExtractData } from './schemas/risk-register.js';
