import type { JSONSchemaType } from 'ajv';

import { checkPlan, checkProgramme, checkReport } from './schemas/audit.js';
import { auditPlanSchema, auditProgrammeSchema, auditReportSchema } from './schemas/audit.js';
import type { AuditPlanData, AuditProgrammeData, AuditReportData } from './schemas/audit.js';
import {
  managementReviewNoticeSchema,
  managementReviewReportSchema,
} from './schemas/management-review.js';
import type {
  ManagementReviewNoticeData,
  ManagementReviewReportData,
} from './schemas/management-review.js';
import { objectivesDecisionSchema } from './schemas/objectives-decision.js';
import type { ObjectivesDecisionData } from './schemas/objectives-decision.js';
import { checkRiskScores, riskRegisterExtractSchema } from './schemas/risk-register.js';
import type { RiskRegisterExtractData } from './schemas/risk-register.js';
import { createValidator } from './validation.js';
import type { DataCheck, DataValidator } from './validation.js';

/** The data that each document kind takes. */
export interface DocumentDataByKind {
  'quality-objectives-decision': ObjectivesDecisionData;
  'management-review-notice': ManagementReviewNoticeData;
  'management-review-report': ManagementReviewReportData;
  'audit-programme': AuditProgrammeData;
  'audit-plan': AuditPlanData;
  'audit-report': AuditReportData;
  'risk-register-extract': RiskRegisterExtractData;
}

export type DocumentKind = keyof DocumentDataByKind;

/** A kind of document: its template in `templates/documents` and the validator of its data. */
export interface DocumentKindDefinition {
  /** Template file name without `.hbs.xml`. */
  template: string;
  /** Description of the document in English, for listings and logs. */
  description: string;
  validate: DataValidator;
}

function defineKind<T>(
  template: string,
  description: string,
  schema: JSONSchemaType<T>,
  check?: DataCheck<T>,
): DocumentKindDefinition {
  return { template, description, validate: createValidator(schema, check) };
}

/** The registry of document kinds. A kind's template has the kind's name. */
export const documentKinds: Record<DocumentKind, DocumentKindDefinition> = {
  'quality-objectives-decision': defineKind(
    'quality-objectives-decision',
    'Decision issuing the quality objectives of a year (ISO 9001 6.2)',
    objectivesDecisionSchema,
  ),
  'management-review-notice': defineKind(
    'management-review-notice',
    'Notice calling the management review meeting (ISO 9001 9.3)',
    managementReviewNoticeSchema,
  ),
  'management-review-report': defineKind(
    'management-review-report',
    'Report of the management review inputs and outputs (ISO 9001 9.3.2, 9.3.3)',
    managementReviewReportSchema,
  ),
  'audit-programme': defineKind(
    'audit-programme',
    'Internal audit programme of a year (ISO 9001 9.2)',
    auditProgrammeSchema,
    checkProgramme,
  ),
  'audit-plan': defineKind(
    'audit-plan',
    'Plan of one internal audit (ISO 9001 9.2)',
    auditPlanSchema,
    checkPlan,
  ),
  'audit-report': defineKind(
    'audit-report',
    'Report of one internal audit with its findings (ISO 9001 9.2)',
    auditReportSchema,
    checkReport,
  ),
  'risk-register-extract': defineKind(
    'risk-register-extract',
    'Extract of the register of risks (ISO 9001 6.1)',
    riskRegisterExtractSchema,
    checkRiskScores,
  ),
};

export function isDocumentKind(kind: string): kind is DocumentKind {
  return Object.hasOwn(documentKinds, kind);
}
