import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { EisoError, type FieldError } from '../../errors.js';
import type { JsonSchema, Label, Language, RegisterDefinition } from './register-definition.js';

/** A create request sends a whole record; an update sends only the fields it changes. */
export type WriteMode = 'create' | 'update';

interface Validators {
  create: ValidateFunction;
  update: ValidateFunction;
}

// Strict: no type coercion and no silently removed properties, so what is stored is what the
// client sent, and a misspelt field is reported instead of dropped.
const ajv = new Ajv({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  coerceTypes: false,
  removeAdditional: false,
});
ajvFormats.default(ajv, { formats: ['date'] });

const compiled = new WeakMap<RegisterDefinition, Validators>();

function validatorsOf(definition: RegisterDefinition): Validators {
  const cached = compiled.get(definition);
  if (cached) return cached;
  const schema = definition.schema as JsonSchema;
  const validators = {
    create: ajv.compile(schema),
    update: ajv.compile({ ...schema, required: [], minProperties: 1 }),
  };
  compiled.set(definition, validators);
  return validators;
}

/**
 * Validates a create or update request against the register's schema and throws
 * EISO_ERR_VALIDATION with one field error per invalid field, in `language`.
 */
export function assertValidRecord(
  definition: RegisterDefinition,
  input: unknown,
  mode: WriteMode,
  language: Language,
): Record<string, unknown> {
  const validate = validatorsOf(definition)[mode];
  if (validate(input)) return input as Record<string, unknown>;

  const details = fieldErrors(definition, validate.errors ?? [], language);
  throw new EisoError(
    'EISO_ERR_VALIDATION',
    `Invalid record for register ${definition.name}: ${details.map((detail) => detail.message).join(' ')}`,
    details,
  );
}

/** Returns the JSON pointer of the field that an ajv error is about. */
export function pathOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required') return `${error.instancePath}/${params.missingProperty}`;
  if (error.keyword === 'additionalProperties')
    return `${error.instancePath}/${params.additionalProperty}`;
  return error.instancePath || '/';
}

// One message per field: a blank required text fails both `minLength` and `pattern`, and a union
// type reports each branch, but the user needs to read one reason.
function fieldErrors(
  definition: RegisterDefinition,
  errors: ErrorObject[],
  language: Language,
): FieldError[] {
  const byPath = new Map<string, FieldError>();
  for (const error of errors) {
    const path = pathOf(error);
    if (byPath.has(path)) continue;
    const label = fieldLabel(definition, path, language);
    const text = describeIssue(error, language);
    byPath.set(path, { path, message: label ? `${label}: ${text}` : text });
  }
  return [...byPath.values()];
}

/** Names the field of a JSON pointer such as `/exclusions/1/justification` in the user's words. */
function fieldLabel(definition: RegisterDefinition, path: string, language: Language): string {
  const [key, index, subkey] = path.split('/').slice(1);
  const column = definition.columns.find((entry) => entry.key === key);
  if (!column) return key ?? '';
  const parts = [column.label[language]];
  if (index !== undefined) {
    const row = Number(index) + 1;
    parts.push(language === 'vi' ? `mục ${row}` : `item ${row}`);
  }
  const subfield = column.fields?.find((field) => field.key === subkey);
  if (subfield) parts.push(subfield.label[language]);
  return parts.join(', ');
}

const typeNames: Record<string, Label> = {
  string: { vi: 'văn bản', en: 'a text' },
  boolean: { vi: 'đúng hoặc sai (true/false)', en: 'true or false' },
  integer: { vi: 'số nguyên', en: 'an integer' },
  number: { vi: 'số', en: 'a number' },
  array: { vi: 'danh sách', en: 'a list' },
  object: { vi: 'đối tượng JSON', en: 'a JSON object' },
  null: { vi: 'null', en: 'null' },
};

function typeName(type: unknown, language: Language): string {
  const names = (Array.isArray(type) ? type : [type]).map(
    (entry) => typeNames[String(entry)]?.[language] ?? String(entry),
  );
  return names.join(language === 'vi' ? ' hoặc ' : ' or ');
}

/** Describes an ajv error in `language`, without the field's name. */
export function describeIssue(error: ErrorObject, language: Language): string {
  const vi = language === 'vi';
  const limit = (error.params as { limit?: number }).limit;
  switch (error.keyword) {
    case 'required':
      return vi ? 'bắt buộc nhập.' : 'is required.';
    case 'pattern':
      return vi ? 'không được để trống.' : 'must not be blank.';
    case 'minLength':
      if (limit === 1) return vi ? 'không được để trống.' : 'must not be blank.';
      return vi ? `cần ít nhất ${limit} ký tự.` : `must have at least ${limit} characters.`;
    case 'maxLength':
      return vi ? `tối đa ${limit} ký tự.` : `must have at most ${limit} characters.`;
    case 'minItems':
      return vi ? `cần ít nhất ${limit} mục.` : `must have at least ${limit} items.`;
    case 'maxItems':
      return vi ? `tối đa ${limit} mục.` : `must have at most ${limit} items.`;
    case 'minimum':
      return vi ? `phải lớn hơn hoặc bằng ${limit}.` : `must be at least ${limit}.`;
    case 'maximum':
      return vi ? `phải nhỏ hơn hoặc bằng ${limit}.` : `must be at most ${limit}.`;
    case 'type': {
      const expected = typeName((error.params as { type?: unknown }).type, language);
      return vi ? `phải là ${expected}.` : `must be ${expected}.`;
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(
        ', ',
      );
      return vi ? `phải là một trong các giá trị: ${allowed}.` : `must be one of: ${allowed}.`;
    }
    case 'format':
      return vi
        ? 'phải là ngày hợp lệ theo dạng YYYY-MM-DD.'
        : 'must be a valid date in the form YYYY-MM-DD.';
    case 'additionalProperties':
      return vi
        ? 'không phải là trường của sổ này; hãy bỏ trường này.'
        : 'is not a field of this register; remove it.';
    case 'minProperties':
      return vi
        ? 'Yêu cầu cập nhật cần ít nhất một trường.'
        : 'An update needs at least one field.';
    default:
      return error.message ?? (vi ? 'không hợp lệ.' : 'is invalid.');
  }
}
