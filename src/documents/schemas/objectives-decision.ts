import type { JSONSchemaType } from 'ajv';

import {
  MAX_ROWS,
  dateSchema,
  letterProperties,
  letterRequired,
  lineSchema,
  linesSchema,
  textSchema,
  yearSchema,
} from './common.js';
import type { LetterFields } from './common.js';

/**
 * One objective, in the shape of an item of the objectives register (`readObjectiveRegister`),
 * so the register's items can be passed as they are. Other register fields are allowed and
 * ignored.
 */
export interface DecisionObjective {
  title: string;
  indicator: string;
  formula?: string | null;
  targetValue: number;
  targetUnit?: string | null;
  ownerDepartment?: { code: string; name: string } | null;
  /** `YYYY-MM-DD`, or null for an objective that runs all year. */
  deadline?: string | null;
}

/** The decision that issues the quality objectives of a year (ISO 9001:2015 clause 6.2). */
export interface ObjectivesDecisionData extends LetterFields {
  year: number;
  /** Issuing authority, such as `Giám đốc Sở Khoa học và Công nghệ tỉnh An Bình`. */
  authority: string;
  /** Legal bases, each a `Căn cứ …;` line. */
  legalBases: string[];
  /** Proposer of the decision, such as `Chánh Văn phòng Sở`. */
  proposer: string;
  /** Units and people that carry the decision out, listed in its last article. */
  implementers: string;
  /** Date from which the decision applies; null when it applies from signing. */
  effectiveFrom?: string | null;
  objectives: DecisionObjective[];
}

const objectiveSchema: JSONSchemaType<DecisionObjective> = {
  type: 'object',
  properties: {
    title: textSchema,
    indicator: textSchema,
    formula: { ...textSchema, nullable: true },
    targetValue: { type: 'number' },
    targetUnit: { type: 'string', maxLength: 50, nullable: true },
    ownerDepartment: {
      type: 'object',
      properties: { code: lineSchema, name: lineSchema },
      required: ['code', 'name'],
      additionalProperties: true,
      nullable: true,
    },
    deadline: { ...dateSchema, nullable: true },
  },
  required: ['title', 'indicator', 'targetValue'],
  additionalProperties: true,
};

export const objectivesDecisionSchema: JSONSchemaType<ObjectivesDecisionData> = {
  type: 'object',
  properties: {
    ...letterProperties,
    year: yearSchema,
    authority: lineSchema,
    legalBases: linesSchema(1),
    proposer: lineSchema,
    implementers: textSchema,
    effectiveFrom: { ...dateSchema, nullable: true },
    objectives: { type: 'array', items: objectiveSchema, minItems: 1, maxItems: MAX_ROWS },
  },
  required: [
    ...letterRequired,
    'year',
    'authority',
    'legalBases',
    'proposer',
    'implementers',
    'objectives',
  ],
  additionalProperties: false,
};
