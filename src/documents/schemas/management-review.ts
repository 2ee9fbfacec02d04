import type { JSONSchemaType } from 'ajv';

import { labelKeys } from '../labels.js';
import type { LabelKey } from '../labels.js';
import {
  MAX_ROWS,
  dateSchema,
  letterProperties,
  letterRequired,
  lineSchema,
  linesSchema,
  personSchema,
  textSchema,
  textsSchema,
  timeSchema,
  yearSchema,
} from './common.js';
import type { LetterFields, PersonData } from './common.js';

/**
 * Data of the management review documents of ISO 9001:2015 clause 9.3: the notice that calls
 * the review meeting and the report of its inputs (9.3.2) and outputs (9.3.3). The management
 * review procedure fills them.
 */

export type ReviewInputKey = LabelKey<'reviewInput'>;

export interface ReviewMeeting {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Start time, `HH:MM`. */
  start: string;
  venue: string;
  chair: PersonData;
  /** Participants, each a person, a group or a department. */
  participants: string[];
}

const meetingSchema: JSONSchemaType<ReviewMeeting> = {
  type: 'object',
  properties: {
    date: dateSchema,
    start: timeSchema,
    venue: lineSchema,
    chair: personSchema,
    participants: linesSchema(1),
  },
  required: ['date', 'start', 'venue', 'chair', 'participants'],
  additionalProperties: false,
};

/** A department asked to report on one review input before the meeting. */
export interface ReviewPreparation {
  input: ReviewInputKey;
  department: string;
  /** Date by which the department sends its report, `YYYY-MM-DD`. */
  dueDate: string;
}

export interface ManagementReviewNoticeData extends LetterFields {
  year: number;
  /** Opening lines that state what the review carries out, such as a plan or a regulation. */
  bases: string[];
  meeting: ReviewMeeting;
  preparations: ReviewPreparation[];
  /** Closing requests to the participants, one paragraph each. */
  requests: string[];
}

const preparationSchema: JSONSchemaType<ReviewPreparation> = {
  type: 'object',
  properties: {
    input: { type: 'string', enum: labelKeys('reviewInput') },
    department: lineSchema,
    dueDate: dateSchema,
  },
  required: ['input', 'department', 'dueDate'],
  additionalProperties: false,
};

export const managementReviewNoticeSchema: JSONSchemaType<ManagementReviewNoticeData> = {
  type: 'object',
  properties: {
    ...letterProperties,
    year: yearSchema,
    bases: textsSchema(),
    meeting: meetingSchema,
    preparations: { type: 'array', items: preparationSchema, minItems: 1, maxItems: MAX_ROWS },
    requests: textsSchema(),
  },
  required: [...letterRequired, 'year', 'bases', 'meeting', 'preparations', 'requests'],
  additionalProperties: false,
};

/** The review inputs of clause 9.3.2, each a narrative that may hold several paragraphs. */
export type ReviewInputs = Record<ReviewInputKey, string>;

const reviewInputsSchema: JSONSchemaType<ReviewInputs> = {
  type: 'object',
  properties: {
    previousActions: textSchema,
    contextChanges: textSchema,
    customerSatisfaction: textSchema,
    objectives: textSchema,
    processPerformance: textSchema,
    nonconformities: textSchema,
    monitoring: textSchema,
    auditResults: textSchema,
    externalProviders: textSchema,
    resources: textSchema,
    risksAndOpportunities: textSchema,
    improvement: textSchema,
  },
  required: labelKeys('reviewInput'),
  additionalProperties: false,
};

/** How far one quality objective was met, for the objectives input (9.3.2 c 2). */
export interface ObjectiveResult {
  title: string;
  /** Target as set, such as `≥ 98%`. */
  target: string;
  /** Result reached, such as `98,6%`. */
  result: string;
  achievement: LabelKey<'achievement'>;
}

const objectiveResultSchema: JSONSchemaType<ObjectiveResult> = {
  type: 'object',
  properties: {
    title: textSchema,
    target: lineSchema,
    result: lineSchema,
    achievement: { type: 'string', enum: labelKeys('achievement') },
  },
  required: ['title', 'target', 'result', 'achievement'],
  additionalProperties: false,
};

/** A decision of the review (9.3.3) with who carries it out and by when. */
export interface ReviewOutput {
  category: LabelKey<'reviewOutput'>;
  action: string;
  owner: string;
  /** `YYYY-MM-DD`. */
  deadline: string;
}

const reviewOutputSchema: JSONSchemaType<ReviewOutput> = {
  type: 'object',
  properties: {
    category: { type: 'string', enum: labelKeys('reviewOutput') },
    action: textSchema,
    owner: lineSchema,
    deadline: dateSchema,
  },
  required: ['category', 'action', 'owner', 'deadline'],
  additionalProperties: false,
};

export interface ManagementReviewReportData extends LetterFields {
  year: number;
  meeting: ReviewMeeting;
  /** Minute taker, usually the ISO secretary. */
  secretary?: PersonData | null;
  inputs: ReviewInputs;
  objectiveResults: ObjectiveResult[];
  /** Conclusion on the suitability, adequacy and effectiveness of the quality management system. */
  conclusion: string;
  outputs: ReviewOutput[];
}

export const managementReviewReportSchema: JSONSchemaType<ManagementReviewReportData> = {
  type: 'object',
  properties: {
    ...letterProperties,
    year: yearSchema,
    meeting: meetingSchema,
    secretary: { ...personSchema, nullable: true },
    inputs: reviewInputsSchema,
    objectiveResults: {
      type: 'array',
      items: objectiveResultSchema,
      maxItems: MAX_ROWS,
    },
    conclusion: textSchema,
    outputs: { type: 'array', items: reviewOutputSchema, maxItems: MAX_ROWS },
  },
  required: [
    ...letterRequired,
    'year',
    'meeting',
    'inputs',
    'objectiveResults',
    'conclusion',
    'outputs',
  ],
  additionalProperties: false,
};
