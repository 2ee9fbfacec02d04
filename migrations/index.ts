import type { Knex } from 'knex';
import * as createCoreTables from './20261204000000_create_core_tables.js';
import * as createContextRegisters from './20261204100000_create_context_registers.js';
import * as addProcedureSupport from './20261205000000_add_procedure_support.js';
import * as createManagementReviews from './20261205010000_create_management_reviews.js';
import * as createInternalAudits from './20261205020000_create_internal_audits.js';
import * as createRiskRegisters from './20261205030000_create_risk_registers.js';
import * as createControlledDocuments from './20261205040000_create_controlled_documents.js';
import * as createCorrectiveActions from './20261205050000_create_corrective_actions.js';
import * as createComplaints from './20261205060000_create_complaints.js';
import * as createObjectiveMeasurements from './20261205070000_create_objective_measurements.js';
import * as addSearchFolding from './20261206000000_add_search_folding.js';
import * as addTaskCollaboration from './20261207010000_add_task_collaboration.js';
import * as addInboxFilters from './20261207015000_add_inbox_filters.js';
import * as addNotificationDelivery from './20261207020000_add_notification_delivery.js';
import * as extendInboxAndNotifications from './20261208010000_extend_inbox_and_notifications.js';
import * as addModelDrafts from './20261208030000_add_model_drafts.js';
import * as protectHistory from './20261209010000_protect_history.js';
import * as addUnitSupervisions from './20261209020000_add_unit_supervisions.js';
import * as addAudienceOrder from './20261209040000_add_audience_order.js';

/** The migrations in order. A landed migration is never edited: add a new one. */
export const migrations: Record<string, Knex.Migration> = {
  '20261204000000_create_core_tables': createCoreTables,
  '20261204100000_create_context_registers': createContextRegisters,
  '20261205000000_add_procedure_support': addProcedureSupport,
  '20261205010000_create_management_reviews': createManagementReviews,
  '20261205020000_create_internal_audits': createInternalAudits,
  '20261205030000_create_risk_registers': createRiskRegisters,
  '20261205040000_create_controlled_documents': createControlledDocuments,
  '20261205050000_create_corrective_actions': createCorrectiveActions,
  '20261205060000_create_complaints': createComplaints,
  '20261205070000_create_objective_measurements': createObjectiveMeasurements,
  '20261206000000_add_search_folding': addSearchFolding,
  '20261207010000_add_task_collaboration': addTaskCollaboration,
  '20261207015000_add_inbox_filters': addInboxFilters,
  '20261207020000_add_notification_delivery': addNotificationDelivery,
  '20261208010000_extend_inbox_and_notifications': extendInboxAndNotifications,
  '20261208030000_add_model_drafts': addModelDrafts,
  '20261209010000_protect_history': protectHistory,
  '20261209020000_add_unit_supervisions': addUnitSupervisions,
  '20261209040000_add_audience_order': addAudienceOrder,
};
