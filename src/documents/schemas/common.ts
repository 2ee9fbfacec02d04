import type { JSONSchemaType } from 'ajv';

/**
 * Data that every administrative document carries: who issues it, its number and date, who
 * signs it and who receives it. Limits on lengths and counts keep one request from producing
 * an unbounded document.
 */

/** Longest one-line value, such as a name or a title. */
const MAX_LINE = 500;
/** Longest narrative value, such as a section of a report. */
const MAX_TEXT = 20_000;
/** Most rows of a list or table. */
export const MAX_ROWS = 500;

export const lineSchema = { type: 'string', minLength: 1, maxLength: MAX_LINE } as const;
export const textSchema = { type: 'string', minLength: 1, maxLength: MAX_TEXT } as const;
export const dateSchema = { type: 'string', format: 'date' } as const;
export const timeSchema = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;
export const yearSchema = { type: 'integer', minimum: 2000, maximum: 2100 } as const;

export function linesSchema(minItems = 0): JSONSchemaType<string[]> {
  return { type: 'array', items: lineSchema, minItems, maxItems: MAX_ROWS };
}

export function textsSchema(minItems = 0): JSONSchemaType<string[]> {
  return { type: 'array', items: textSchema, minItems, maxItems: MAX_ROWS };
}

export interface AgencyData {
  /** Superior agency, such as `UBND tỉnh An Bình`; null when the agency has none. */
  superior?: string | null;
  /** Full name, used in the text, such as `Sở Khoa học và Công nghệ tỉnh An Bình`. */
  name: string;
  /** Name in the letterhead when it differs from `name`, such as `Sở Khoa học và Công nghệ`. */
  letterheadName?: string | null;
  /** Abbreviation in the document symbol, such as `SKHCN` in `12/QĐ-SKHCN`. */
  code: string;
  /** Place written before the date, such as `An Bình`. */
  place: string;
}

export const agencySchema: JSONSchemaType<AgencyData> = {
  type: 'object',
  properties: {
    superior: { ...lineSchema, nullable: true },
    name: lineSchema,
    letterheadName: { ...lineSchema, nullable: true },
    code: { type: 'string', pattern: '^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$', maxLength: 30 },
    place: lineSchema,
  },
  required: ['name', 'code', 'place'],
  additionalProperties: false,
};

export interface PersonData {
  name: string;
  title: string;
}

export const personSchema: JSONSchemaType<PersonData> = {
  type: 'object',
  properties: { name: lineSchema, title: lineSchema },
  required: ['name', 'title'],
  additionalProperties: false,
};

export interface SignerData {
  /**
   * Line of authority above the title when the signer signs for someone else, such as
   * `KT. Giám đốc` (on behalf of), `TM. Ủy ban nhân dân` or `TL. Giám đốc`.
   */
  authority?: string | null;
  /** Title of the signer, such as `Phó Giám đốc`. */
  title: string;
  name: string;
  /** Whether this copy is of a signed original, so it shows `(đã ký)`. */
  signed: boolean;
}

export const signerSchema: JSONSchemaType<SignerData> = {
  type: 'object',
  properties: {
    authority: { ...lineSchema, nullable: true },
    title: lineSchema,
    name: lineSchema,
    signed: { type: 'boolean' },
  },
  required: ['title', 'name', 'signed'],
  additionalProperties: false,
};

/** Fields of the letterhead, the signature and the recipients. */
export interface LetterFields {
  agency: AgencyData;
  /** Sequence number of the document in the year; null or absent on a draft. */
  number?: number | null;
  /** Date of issue, `YYYY-MM-DD`. */
  date: string;
  signer: SignerData;
  /** Recipients, such as `Như Điều 3;` and `Lưu: VT, VP.`. */
  recipients: string[];
}

export const letterProperties = {
  agency: agencySchema,
  number: { type: 'integer', minimum: 1, maximum: 999_999, nullable: true },
  date: dateSchema,
  signer: signerSchema,
  recipients: linesSchema(),
} as const;

export const letterRequired = ['agency', 'date', 'signer', 'recipients'] as const;
