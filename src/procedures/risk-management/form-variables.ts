import type { EnumOption } from '../../registers/framework/register-definition.js';
import { opportunityStatusOptions } from './opportunity-register.js';
import { formatShortDay } from './review-dates.js';
import { describeScore, levelLabels } from './risk-matrix.js';
import type { OpportunityRecord, RiskRecord } from './risk-records.js';
import { priorityOptions, riskStatusOptions, treatmentOptions } from './risk-register.js';

// The forms of the procedure show Vietnamese wording; the English interface translates the
// labels of their fields, not these values.
function labelOf(options: EnumOption[], value: string | null): string | null {
  if (value === null) return null;
  return options.find((option) => option.value === value)?.label.vi ?? value;
}

function residualLabel(risk: RiskRecord): string | null {
  if (risk.residualScore === null || risk.residualLevel === null) return null;
  return describeScore(risk.residualScore, risk.residualLevel);
}

/** Describes a risk for the tables of the forms: its scores and options as words. */
export function riskItem(risk: RiskRecord) {
  return {
    id: risk.id,
    code: risk.code,
    departmentCode: risk.departmentCode,
    departmentName: risk.departmentName,
    process: risk.process,
    description: risk.description,
    cause: risk.cause,
    consequence: risk.consequence,
    likelihood: risk.likelihood,
    severity: risk.severity,
    score: risk.score,
    level: risk.level,
    scoreLabel: describeScore(risk.score, risk.level),
    priorityLabel: labelOf(priorityOptions, risk.priority),
    treatmentOptionLabel: labelOf(treatmentOptions, risk.treatmentOption),
    treatmentActions: risk.treatmentActions,
    treatmentDue: risk.treatmentDue,
    treatmentDueText: risk.treatmentDue ? formatShortDay(risk.treatmentDue) : null,
    ownerName: risk.ownerName,
    implementationNote: risk.implementationNote,
    residualLabel: residualLabel(risk),
    reviewDate: risk.reviewDate,
    statusLabel: labelOf(riskStatusOptions, risk.status),
  };
}

/** Describes an opportunity for the tables of the forms. */
export function opportunityItem(opportunity: OpportunityRecord) {
  return {
    id: opportunity.id,
    code: opportunity.code,
    departmentCode: opportunity.departmentCode,
    departmentName: opportunity.departmentName,
    process: opportunity.process,
    description: opportunity.description,
    benefit: opportunity.benefit,
    feasibility: opportunity.feasibility,
    score: opportunity.score,
    scoreLabel: describeScore(opportunity.score, opportunity.priority),
    priorityLabel: levelLabels[opportunity.priority].vi,
    action: opportunity.action,
    actionDue: opportunity.actionDue,
    actionDueText: opportunity.actionDue ? formatShortDay(opportunity.actionDue) : null,
    ownerName: opportunity.ownerName,
    implementationNote: opportunity.implementationNote,
    status: opportunity.status,
    statusLabel: labelOf(opportunityStatusOptions, opportunity.status),
  };
}

// The rating selects of the forms take text values (see RatingOption).
const ratingText = (value: number | null): string | null => (value === null ? null : String(value));

/** Rows of the secretary's scoring list, one per risk, with the ratings the heads proposed. */
export function riskScoreRows(risks: RiskRecord[]) {
  return risks.map((risk) => ({
    code: risk.code,
    departmentName: risk.departmentName,
    description: risk.description,
    likelihood: ratingText(risk.likelihood),
    severity: ratingText(risk.severity),
    priority: risk.priority,
  }));
}

/** Rows of the secretary's scoring list of opportunities. */
export function opportunityScoreRows(opportunities: OpportunityRecord[]) {
  return opportunities.map((opportunity) => ({
    code: opportunity.code,
    departmentName: opportunity.departmentName,
    description: opportunity.description,
    benefit: ratingText(opportunity.benefit),
    feasibility: ratingText(opportunity.feasibility),
  }));
}

/** Rows of the treatment plan, with the plan entered so far. */
export function treatmentPlanRows(risks: RiskRecord[]) {
  return risks.map((risk) => ({
    code: risk.code,
    description: risk.description,
    scoreLabel: describeScore(risk.score, risk.level),
    treatmentOption: risk.treatmentOption,
    treatmentActions: risk.treatmentActions,
    treatmentDue: risk.treatmentDue,
  }));
}

/** Rows of the plan of opportunities: whether each is pursued, and how. */
export function opportunityPlanRows(opportunities: OpportunityRecord[]) {
  return opportunities.map((opportunity) => ({
    code: opportunity.code,
    description: opportunity.description,
    scoreLabel: describeScore(opportunity.score, opportunity.priority),
    pursue: pursueChoice(opportunity.status),
    action: opportunity.action,
    actionDue: opportunity.actionDue,
  }));
}

function pursueChoice(status: string): 'pursue' | 'defer' | null {
  if (status === 'deferred') return 'defer';
  if (status === 'identified' || status === 'assessed') return null;
  return 'pursue';
}

/** Rows of the re-scoring after treatment, with the treatment that was carried out. */
export function residualScoreRows(risks: RiskRecord[]) {
  return risks.map((risk) => ({
    code: risk.code,
    description: risk.description,
    scoreLabel: describeScore(risk.score, risk.level),
    implementationNote: risk.implementationNote,
    residualLikelihood: ratingText(risk.residualLikelihood),
    residualSeverity: ratingText(risk.residualSeverity),
  }));
}

/** Rows of the results of the pursued opportunities. */
export function opportunityResultRows(opportunities: OpportunityRecord[]) {
  return opportunities.map((opportunity) => ({
    code: opportunity.code,
    description: opportunity.description,
    implementationNote: opportunity.implementationNote,
    result: null,
    resultNote: null,
  }));
}

/** Describes a risk that is due for review, for the review task of its owner. */
export function reviewItem(risk: RiskRecord) {
  return {
    id: risk.id,
    code: risk.code,
    departmentCode: risk.departmentCode,
    departmentName: risk.departmentName,
    process: risk.process,
    description: risk.description,
    treatmentActions: risk.treatmentActions,
    residualLabel: residualLabel(risk) ?? describeScore(risk.score, risk.level),
    reviewDate: risk.reviewDate,
    reviewDateText: risk.reviewDate ? formatShortDay(risk.reviewDate) : null,
  };
}
