import { complaintHandlingProcedure } from './complaint-handling/module.js';
import { correctiveActionProcedure } from './corrective-action/module.js';
import { documentControlProcedure } from './document-control/module.js';
import { internalAuditProcedure } from './internal-audit/module.js';
import { managementReviewProcedure } from './management-review/module.js';
import { objectiveMeasurementProcedure } from './objective-measurement/module.js';
import type { ProcedureModule } from './procedure-module.js';
import { qualityObjectivesProcedure } from './quality-objectives/module.js';
import { riskManagementProcedure } from './risk-management/module.js';
import { procedureChangeProcedure } from './procedure-change/module.js';

/** Every ISO procedure that eiso ships, in the order of the ISO 9001 clauses. */
export const procedureModules: readonly ProcedureModule[] = [
  riskManagementProcedure,
  qualityObjectivesProcedure,
  objectiveMeasurementProcedure,
  documentControlProcedure,
  procedureChangeProcedure,
  complaintHandlingProcedure,
  internalAuditProcedure,
  managementReviewProcedure,
  correctiveActionProcedure,
];

/** The module of a procedure, or undefined for a procedure deployed without one. */
export function procedureModule(bpmnProcessId: string): ProcedureModule | undefined {
  return procedureModules.find((module) => module.id === bpmnProcessId);
}
