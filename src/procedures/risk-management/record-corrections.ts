import type { Knex } from 'knex';
import { EisoError, notFound, type FieldError } from '../../errors.js';
import { appendUnitHistory } from '../../history/unit-history.js';
import type { Principal } from '../../identity/principal.js';
import {
  enumOf,
  optionalDate,
  optionalText,
  recordSchema,
  requiredDate,
  requiredText,
} from '../../registers/framework/definition-helpers.js';
import { assertValidRecord } from '../../registers/framework/record-validation.js';
import type {
  Language,
  Label,
  RegisterDefinition,
} from '../../registers/framework/register-definition.js';
import { loadUnitSettings } from '../../settings/unit-settings.js';
import { opportunitiesRegister } from './opportunity-register.js';
import {
  MatrixGapError,
  ratingErrors,
  scoreOf,
  type RatingField,
  type RiskMatrix,
} from './risk-matrix.js';
import { findOpportunity, findRisk } from './risk-records.js';
import { priorityOptions, risksRegister, treatmentOptions } from './risk-register.js';

/** The user, time and error language of one correction. */
export interface CorrectionContext {
  principal: Principal;
  language: Language;
  now: Date;
}

const rating = { type: 'integer' } as const;

// The ranges of the ratings depend on the unit's matrix, so the schema checks the type only and
// `ratingErrors` checks the range.
const riskCorrection: RegisterDefinition = {
  ...risksRegister,
  schema: recordSchema([], {
    process: requiredText(500),
    description: requiredText(4000),
    cause: optionalText(4000),
    consequence: optionalText(4000),
    likelihood: rating,
    severity: rating,
    priority: {
      type: ['string', 'null'],
      enum: [...priorityOptions.map((option) => option.value), null],
    },
    treatmentOption: enumOf(treatmentOptions),
    treatmentActions: optionalText(4000),
    treatmentDue: optionalDate(),
    residualLikelihood: rating,
    residualSeverity: rating,
    // NOTE: a new review date does not move the timer of a running assessment: the owner is
    // woken at the next wake-up of that assessment, when the due risks are read again.
    reviewDate: requiredDate(),
  }),
};

const opportunityCorrection: RegisterDefinition = {
  ...opportunitiesRegister,
  schema: recordSchema([], {
    process: requiredText(500),
    description: requiredText(4000),
    benefit: rating,
    feasibility: rating,
    action: optionalText(4000),
    actionDue: optionalDate(),
    resultNote: optionalText(4000),
  }),
};

/** Keys that the server computes. A request that sends one gets an error that names it. */
const computedKeys: Record<string, Label> = {
  score: { vi: 'Điểm rủi ro', en: 'Score' },
  level: { vi: 'Mức rủi ro', en: 'Level' },
  residualScore: { vi: 'Điểm sau xử lý', en: 'Residual score' },
  residualLevel: { vi: 'Mức rủi ro còn lại', en: 'Residual level' },
  priority: { vi: 'Mức ưu tiên', en: 'Priority' },
};

function computedKeyErrors(
  input: Record<string, unknown>,
  keys: string[],
  language: Language,
): FieldError[] {
  return keys
    .filter((key) => Object.hasOwn(input, key))
    .map((key) => ({
      path: `/${key}`,
      message:
        language === 'vi'
          ? `${computedKeys[key]!.vi}: do hệ thống tính từ ma trận rủi ro của đơn vị, không nhập được; hãy bỏ trường này.`
          : `${computedKeys[key]!.en}: is computed from the unit's risk matrix and cannot be set; remove it.`,
    }));
}

function labelsOf(definition: RegisterDefinition): Record<RatingField, Label> {
  const label = (key: string): Label =>
    definition.columns.find((column) => column.key === key)?.label ?? { vi: key, en: key };
  return {
    likelihood: label('likelihood'),
    severity: label('severity'),
    residualLikelihood: label('residualLikelihood'),
    residualSeverity: label('residualSeverity'),
    benefit: label('benefit'),
    feasibility: label('feasibility'),
  };
}

function invalid(definition: RegisterDefinition, details: FieldError[]): EisoError {
  return new EisoError(
    'EISO_ERR_VALIDATION',
    `Invalid record for register ${definition.name}: ${details.map((detail) => detail.message).join(' ')}`,
    details,
  );
}

/**
 * Validates a correction: its shape against the schema, then each rating against the unit's
 * matrix, so that a rating outside the matrix is rejected with the allowed range.
 */
function validateCorrection(
  definition: RegisterDefinition,
  input: unknown,
  computed: string[],
  matrix: RiskMatrix,
  language: Language,
): Record<string, unknown> {
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const computedErrors = computedKeyErrors(body, computed, language);
  if (computedErrors.length > 0) throw invalid(definition, computedErrors);
  const values = assertValidRecord(definition, input, 'update', language);
  const rangeErrors = ratingErrors(matrix, values, labelsOf(definition), language);
  if (rangeErrors.length > 0) throw invalid(definition, rangeErrors);
  return values;
}

// A record may keep ratings of an earlier, larger matrix: recomputing its score on the current
// matrix needs ratings on the current scales. `scales` gives the maximum of each rating.
function scoreOrReject(
  definition: RegisterDefinition,
  matrix: RiskMatrix,
  ratings: [number, number],
  scales: [number, number],
) {
  const [first, second] = ratings;
  const outside = first > scales[0] || second > scales[1];
  try {
    if (!outside) return scoreOf(matrix, first, second);
  } catch (error) {
    if (!(error instanceof MatrixGapError)) throw error;
  }
  throw new EisoError(
    'EISO_ERR_CONFLICT',
    `Register ${definition.name}: the ratings ${first} × ${second} lie outside the unit's ${matrix.likelihoodLevels} × ${matrix.severityLevels} risk matrix; send both ratings again on the current matrix.`,
  );
}

const columnOf = (definition: RegisterDefinition, key: string) =>
  definition.columns.find((column) => column.key === key)?.column ?? key;

function toColumns(definition: RegisterDefinition, values: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [columnOf(definition, key), value]),
  );
}

// Stores only what changed, with a history event that lists each change; a correction that
// changes nothing stores nothing.
async function saveCorrection(
  trx: Knex.Transaction,
  context: CorrectionContext,
  definition: RegisterDefinition,
  id: string,
  before: object,
  next: Record<string, unknown>,
): Promise<void> {
  const changes = changesBetween(before as Record<string, unknown>, next);
  if (Object.keys(changes).length === 0) return;

  await trx(definition.table)
    .where({ id, unit_id: context.principal.unitId })
    .update({
      ...toColumns(definition, next),
      updated_at: context.now,
      updated_by: context.principal.username,
    });
  await appendUnitHistory(
    trx,
    context.principal.unitId,
    {
      type: 'REGISTER_RECORD_UPDATED',
      actor: context.principal.username,
      data: {
        register: definition.name,
        recordId: id,
        changedFields: Object.keys(changes).sort(),
        changes,
      },
    },
    context.now,
  );
}

function changesBetween(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value))
      changes[key] = { from: before[key] ?? null, to: value };
  }
  return changes;
}

function assertOpen(definition: RegisterDefinition, id: string, status: string): void {
  if (status !== 'closed') return;
  throw new EisoError(
    'EISO_ERR_CONFLICT',
    `Record ${id} of register ${definition.name} is closed and cannot change; a new assessment records the risk again.`,
  );
}

/**
 * Corrects a risk outside the procedure, such as a rating agreed after the assessment. The
 * score, the level and their residual counterparts are recomputed from the unit's matrix.
 */
export async function correctRisk(
  trx: Knex.Transaction,
  context: CorrectionContext,
  id: string,
  input: unknown,
): Promise<void> {
  const { unitId } = context.principal;
  const matrix = (await loadUnitSettings(trx, unitId)).riskMatrix;
  const values = validateCorrection(
    riskCorrection,
    input,
    ['score', 'level', 'residualScore', 'residualLevel'],
    matrix,
    context.language,
  );
  const risk = await findRisk(trx, unitId, id, { forUpdate: true });
  if (!risk) throw notFound('Record', `risks/${id}`);
  assertOpen(riskCorrection, id, risk.status);

  const merged = { ...risk, ...values } as typeof risk & Record<string, unknown>;
  const next: Record<string, unknown> = { ...values };
  const scales: [number, number] = [matrix.likelihoodLevels, matrix.severityLevels];
  const initial = scoreOrReject(
    riskCorrection,
    matrix,
    [merged.likelihood, merged.severity],
    scales,
  );
  next.score = initial.score;
  next.level = initial.level;
  if ('residualLikelihood' in values || 'residualSeverity' in values) {
    if (merged.residualLikelihood === null || merged.residualSeverity === null) {
      const missing =
        merged.residualLikelihood === null ? 'residualLikelihood' : 'residualSeverity';
      const label = labelsOf(riskCorrection)[missing][context.language];
      throw invalid(riskCorrection, [
        {
          path: `/${missing}`,
          message:
            context.language === 'vi'
              ? `${label}: cần nhập cùng với giá trị còn lại của cặp đánh giá sau xử lý.`
              : `${label}: is required together with the other residual rating.`,
        },
      ]);
    }
    const residual = scoreOrReject(
      riskCorrection,
      matrix,
      [merged.residualLikelihood, merged.residualSeverity],
      scales,
    );
    next.residualScore = residual.score;
    next.residualLevel = residual.level;
  }

  await saveCorrection(trx, context, riskCorrection, id, risk, next);
}

/** Corrects an opportunity outside the procedure; its score and priority are recomputed. */
export async function correctOpportunity(
  trx: Knex.Transaction,
  context: CorrectionContext,
  id: string,
  input: unknown,
): Promise<void> {
  const { unitId } = context.principal;
  const matrix = (await loadUnitSettings(trx, unitId)).riskMatrix;
  const values = validateCorrection(
    opportunityCorrection,
    input,
    ['score', 'priority'],
    matrix,
    context.language,
  );
  const opportunity = await findOpportunity(trx, unitId, id, { forUpdate: true });
  if (!opportunity) throw notFound('Record', `opportunities/${id}`);

  const merged = { ...opportunity, ...values } as typeof opportunity;
  const { score, level } = scoreOrReject(
    opportunityCorrection,
    matrix,
    [merged.benefit, merged.feasibility],
    [matrix.severityLevels, matrix.likelihoodLevels],
  );
  const next = { ...values, score, priority: level };
  await saveCorrection(trx, context, opportunityCorrection, id, opportunity, next);
}
