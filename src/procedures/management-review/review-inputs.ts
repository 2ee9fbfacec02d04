import { labels } from '../../documents/labels.js';
import type { ReviewInputKey } from '../../documents/index.js';
import type { Label } from '../../registers/framework/register-definition.js';

/** One input of a management review (ISO 9001:2015 clause 9.3.2) and where it is stored. */
export interface ReviewInput {
  /** Key in forms, process variables and document data, such as `previousActions`. */
  key: ReviewInputKey;
  /** Column of `management_reviews` that stores the consolidated text. */
  column: string;
  label: Label;
}

function input(key: ReviewInputKey, column: string, en: string): ReviewInput {
  return { key, column, label: { vi: labels.reviewInput[key], en } };
}

/**
 * The twelve inputs of clause 9.3.2 in the order of the standard. The Vietnamese wording is the
 * documents' wording after TCVN ISO 9001:2015, so forms, registers and the report agree.
 */
export const reviewInputs: readonly ReviewInput[] = [
  input(
    'previousActions',
    'input_previous_actions',
    'Status of actions from previous management reviews',
  ),
  input(
    'contextChanges',
    'input_context_changes',
    'Changes in external and internal issues relevant to the quality management system',
  ),
  input(
    'customerSatisfaction',
    'input_customer_satisfaction',
    'Customer satisfaction and feedback from relevant interested parties',
  ),
  input('objectives', 'input_objectives', 'Extent to which quality objectives have been met'),
  input(
    'processPerformance',
    'input_process_performance',
    'Process performance and conformity of products and services',
  ),
  input('nonconformities', 'input_nonconformities', 'Nonconformities and corrective actions'),
  input('monitoring', 'input_monitoring', 'Monitoring and measurement results'),
  input('auditResults', 'input_audit_results', 'Audit results'),
  input('externalProviders', 'input_external_providers', 'Performance of external providers'),
  input('resources', 'input_resources', 'Adequacy of resources'),
  input(
    'risksAndOpportunities',
    'input_risks_and_opportunities',
    'Effectiveness of actions taken to address risks and opportunities',
  ),
  input('improvement', 'input_improvement', 'Opportunities for improvement'),
];

/** The keys of the twelve inputs, in the order of the standard. */
export const reviewInputKeys: readonly ReviewInputKey[] = reviewInputs.map((entry) => entry.key);

/**
 * Returns the name of an input's field in the consolidation form, its process variable and its register
 * column, such as `inputPreviousActions`. Flat names let the form name each empty input.
 */
export function inputFieldName(key: ReviewInputKey): string {
  return `input${key[0].toUpperCase()}${key.slice(1)}`;
}

/** True when `value` names one of the twelve inputs. */
export function isReviewInputKey(value: unknown): value is ReviewInputKey {
  return typeof value === 'string' && (reviewInputKeys as readonly string[]).includes(value);
}
