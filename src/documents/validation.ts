import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, JSONSchemaType, ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

import { EisoError } from '../errors.js';
import type { FieldError } from '../errors.js';

/** Maximum number of field messages that the message of EISO_ERR_VALIDATION repeats. */
const MAX_ERRORS_IN_MESSAGE = 5;

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajvFormats.default(ajv, { formats: ['date'] });

/** Checks data that a schema cannot express, such as a score that must be a product. */
export type DataCheck<T> = (data: T) => FieldError[];

/** Validates unknown data, returning one FieldError per invalid field or an empty array. */
export type DataValidator = (data: unknown) => FieldError[];

/**
 * Returns a validator for `schema`, compiled on first use, that runs `check` on data that
 * passed the schema.
 */
export function createValidator<T>(schema: JSONSchemaType<T>, check?: DataCheck<T>): DataValidator {
  let validate: ValidateFunction<T> | undefined;
  return (data) => {
    validate ??= ajv.compile(schema);
    if (!validate(data)) return toFieldErrors(validate.errors ?? []);
    return check ? check(data) : [];
  };
}

function toFieldErrors(errors: ErrorObject[]): FieldError[] {
  return errors.map((error) => {
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      return {
        path: `${error.instancePath}/${String(params.missingProperty)}`,
        message: 'is missing',
      };
    }
    if (error.keyword === 'additionalProperties') {
      const property = String(params.additionalProperty);
      return { path: `${error.instancePath}/${property}`, message: 'is not a known field' };
    }
    if (error.keyword === 'enum') {
      const allowed = (params.allowedValues as unknown[]).map((value) => JSON.stringify(value));
      return { path: error.instancePath, message: `must be one of ${allowed.join(', ')}` };
    }
    return { path: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  });
}

/** Returns the EISO_ERR_VALIDATION error for invalid data of a document kind. */
export function invalidDocumentData(kind: string, errors: FieldError[]): EisoError {
  const listed = errors
    .slice(0, MAX_ERRORS_IN_MESSAGE)
    .map((error) => `${error.path || '/'} ${error.message}`);
  const more =
    errors.length > MAX_ERRORS_IN_MESSAGE
      ? ` (and ${errors.length - MAX_ERRORS_IN_MESSAGE} more)`
      : '';
  return new EisoError(
    'EISO_ERR_VALIDATION',
    `Invalid data for document kind ${kind}: ${listed.join('; ')}${more}. Correct these fields and render again.`,
    errors,
  );
}
