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
  linesSchema,
  textSchema,
  textsSchema,
  timeSchema,
  yearSchema,
} from './common.js';
import type { LetterFields } from './common.js';

/**
 * Data of the internal audit documents of ISO 9001:2015 clause 9.2, laid out as ISO 19011
 * describes them: the programme of the year, the plan of one audit and its report. The
 * internal audit procedure fills them.
 */

export interface AuditTeamMember {
  name: string;
  title: string;
  role: LabelKey<'auditRole'>;
}

const teamSchema: JSONSchemaType<AuditTeamMember[]> = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      name: lineSchema,
      title: lineSchema,
      role: { type: 'string', enum: labelKeys('auditRole') },
    },
    required: ['name', 'title', 'role'],
    additionalProperties: false,
  },
  minItems: 1,
  maxItems: MAX_ROWS,
};

/** Objectives, scope and criteria of an audit, which every audit document states. */
interface AuditTerms {
  objectives: string[];
  scope: string;
  criteria: string[];
}

const termProperties = {
  objectives: textsSchema(1),
  scope: textSchema,
  criteria: textsSchema(1),
} as const;

/** One audit of the year's programme. */
export interface ProgrammeAudit {
  /** Name of the audit, such as `Đợt 1`. */
  round: string;
  from: string;
  to: string;
  /** Departments and processes audited. */
  auditees: string[];
  /** Clauses of the standard covered, such as `4 - 10`. */
  clauses: string;
  auditors: string[];
}

export interface AuditProgrammeData extends LetterFields, AuditTerms {
  year: number;
  /** Methods, such as on-site interviews and review of records. */
  methods: string[];
  team: AuditTeamMember[];
  schedule: ProgrammeAudit[];
  /** Responsibilities for carrying the programme out. */
  responsibilities: string[];
}

const programmeAuditSchema: JSONSchemaType<ProgrammeAudit> = {
  type: 'object',
  properties: {
    round: lineSchema,
    from: dateSchema,
    to: dateSchema,
    auditees: linesSchema(1),
    clauses: lineSchema,
    auditors: linesSchema(1),
  },
  required: ['round', 'from', 'to', 'auditees', 'clauses', 'auditors'],
  additionalProperties: false,
};

export const auditProgrammeSchema: JSONSchemaType<AuditProgrammeData> = {
  type: 'object',
  properties: {
    ...letterProperties,
    ...termProperties,
    year: yearSchema,
    methods: textsSchema(1),
    team: teamSchema,
    schedule: { type: 'array', items: programmeAuditSchema, minItems: 1, maxItems: MAX_ROWS },
    responsibilities: textsSchema(1),
  },
  required: [
    ...letterRequired,
    'objectives',
    'scope',
    'criteria',
    'year',
    'methods',
    'team',
    'schedule',
    'responsibilities',
  ],
  additionalProperties: false,
};

/** One session of an audit plan: an activity at one auditee in a time slot. */
export interface PlanSession {
  date: string;
  start: string;
  end: string;
  auditee: string;
  /** Activity, such as the processes and clauses audited or the opening meeting. */
  activity: string;
  auditors: string[];
}

/** The audit round that a plan or a report covers. */
interface AuditRound {
  year: number;
  /** Name of the audit, such as `đợt 1`. */
  round: string;
  from: string;
  to: string;
}

const roundProperties = {
  year: yearSchema,
  round: lineSchema,
  from: dateSchema,
  to: dateSchema,
} as const;

export interface AuditPlanData extends LetterFields, AuditTerms, AuditRound {
  team: AuditTeamMember[];
  schedule: PlanSession[];
  notes: string[];
}

const planSessionSchema: JSONSchemaType<PlanSession> = {
  type: 'object',
  properties: {
    date: dateSchema,
    start: timeSchema,
    end: timeSchema,
    auditee: lineSchema,
    activity: textSchema,
    auditors: linesSchema(1),
  },
  required: ['date', 'start', 'end', 'auditee', 'activity', 'auditors'],
  additionalProperties: false,
};

export const auditPlanSchema: JSONSchemaType<AuditPlanData> = {
  type: 'object',
  properties: {
    ...letterProperties,
    ...termProperties,
    ...roundProperties,
    team: teamSchema,
    schedule: { type: 'array', items: planSessionSchema, minItems: 1, maxItems: MAX_ROWS },
    notes: textsSchema(),
  },
  required: [
    ...letterRequired,
    'objectives',
    'scope',
    'criteria',
    'year',
    'round',
    'from',
    'to',
    'team',
    'schedule',
    'notes',
  ],
  additionalProperties: false,
};

/** One audit finding: what was found, against which requirement and on what evidence. */
export interface AuditFinding {
  classification: LabelKey<'findingClass'>;
  department: string;
  /** Clause of the standard, such as `7.5.3`. */
  clause: string;
  requirement: string;
  evidence: string;
  /** Statement of the finding as the auditor words it. */
  statement: string;
}

export interface AuditReportData extends LetterFields, AuditTerms, AuditRound {
  team: AuditTeamMember[];
  summary: string;
  findings: AuditFinding[];
  conclusion: string;
  recommendations: string[];
}

const findingSchema: JSONSchemaType<AuditFinding> = {
  type: 'object',
  properties: {
    classification: { type: 'string', enum: labelKeys('findingClass') },
    department: lineSchema,
    clause: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)*$', maxLength: 20 },
    requirement: textSchema,
    evidence: textSchema,
    statement: textSchema,
  },
  required: ['classification', 'department', 'clause', 'requirement', 'evidence', 'statement'],
  additionalProperties: false,
};

export const auditReportSchema: JSONSchemaType<AuditReportData> = {
  type: 'object',
  properties: {
    ...letterProperties,
    ...termProperties,
    ...roundProperties,
    team: teamSchema,
    summary: textSchema,
    findings: { type: 'array', items: findingSchema, maxItems: MAX_ROWS },
    conclusion: textSchema,
    recommendations: textsSchema(),
  },
  required: [
    ...letterRequired,
    'objectives',
    'scope',
    'criteria',
    'year',
    'round',
    'from',
    'to',
    'team',
    'summary',
    'findings',
    'conclusion',
    'recommendations',
  ],
  additionalProperties: false,
};

/** Checks that a period does not end before it starts; ISO dates compare as strings. */
export function checkPeriod(from: string, to: string, path: string): FieldError[] {
  return from <= to ? [] : [{ path, message: `must not be before the start date ${from}` }];
}

export function checkProgramme(data: AuditProgrammeData): FieldError[] {
  return data.schedule.flatMap((audit, index) =>
    checkPeriod(audit.from, audit.to, `/schedule/${index}/to`),
  );
}

export function checkPlan(data: AuditPlanData): FieldError[] {
  const sessionErrors = data.schedule.flatMap((session, index): FieldError[] =>
    session.start < session.end
      ? []
      : [{ path: `/schedule/${index}/end`, message: `must be after the start ${session.start}` }],
  );
  return [...checkPeriod(data.from, data.to, '/to'), ...sessionErrors];
}

export function checkReport(data: AuditReportData): FieldError[] {
  return checkPeriod(data.from, data.to, '/to');
}
