import type { JSONSchemaType } from 'ajv';

import type { FieldError } from '../../errors.js';
import { labelKeys } from '../labels.js';
import type { LabelKey } from '../labels.js';
import {
  MAX_ROWS,
  dateSchema,
  letterProperties,
  letterRequired,
  lineSchema,
  textSchema,
  yearSchema,
} from './common.js';
import type { LetterFields } from './common.js';

/**
 * Data of an extract of the register of risks (ISO 9001:2015 clause 6.1), scored on a 5 × 5
 * likelihood × severity matrix. The risk procedure fills it.
 */

/** Highest likelihood and severity of the matrix. */
const MAX_RATING = 5;

export interface RiskEntry {
  /** Register code, such as `RR-VP-01`. */
  code: string;
  description: string;
  /** Process or department the risk belongs to. */
  process: string;
  cause?: string | null;
  /** 1 (rare) to 5 (almost certain). */
  likelihood: number;
  /** 1 (negligible) to 5 (severe). */
  severity: number;
  /** Likelihood × severity. */
  score: number;
  level: LabelKey<'riskLevel'>;
  /** Action that treats the risk. */
  treatment: string;
  owner: string;
  /** Date of the next review, `YYYY-MM-DD`. */
  reviewDate: string;
}

/** An extract is not numbered, so it has no `number`. */
export interface RiskRegisterExtractData extends Omit<LetterFields, 'number'> {
  year: number;
  /** Selection of the risks in the extract, such as `các rủi ro mức Cao và Rất cao`. */
  selection: string;
  /** Date of the register state that the extract copies, `YYYY-MM-DD`. */
  asOf: string;
  risks: RiskEntry[];
}

const ratingSchema = { type: 'integer', minimum: 1, maximum: MAX_RATING } as const;

const riskSchema: JSONSchemaType<RiskEntry> = {
  type: 'object',
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 40 },
    description: textSchema,
    process: lineSchema,
    cause: { ...textSchema, nullable: true },
    likelihood: ratingSchema,
    severity: ratingSchema,
    score: { type: 'integer', minimum: 1, maximum: MAX_RATING * MAX_RATING },
    level: { type: 'string', enum: labelKeys('riskLevel') },
    treatment: textSchema,
    owner: lineSchema,
    reviewDate: dateSchema,
  },
  required: [
    'code',
    'description',
    'process',
    'likelihood',
    'severity',
    'score',
    'level',
    'treatment',
    'owner',
    'reviewDate',
  ],
  additionalProperties: false,
};

export const riskRegisterExtractSchema: JSONSchemaType<RiskRegisterExtractData> = {
  type: 'object',
  properties: {
    agency: letterProperties.agency,
    date: letterProperties.date,
    signer: letterProperties.signer,
    recipients: letterProperties.recipients,
    year: yearSchema,
    selection: textSchema,
    asOf: dateSchema,
    risks: { type: 'array', items: riskSchema, minItems: 1, maxItems: MAX_ROWS },
  },
  required: [...letterRequired, 'year', 'selection', 'asOf', 'risks'],
  additionalProperties: false,
};

/** Checks that each score is the product of its likelihood and severity. */
export function checkRiskScores(data: RiskRegisterExtractData): FieldError[] {
  return data.risks.flatMap((risk, index): FieldError[] => {
    const expected = risk.likelihood * risk.severity;
    if (risk.score === expected) return [];
    return [
      {
        path: `/risks/${index}/score`,
        message: `must be likelihood × severity = ${expected}, got ${risk.score}`,
      },
    ];
  });
}
