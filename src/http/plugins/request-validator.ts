import type { FastifyInstance, FastifySchema } from 'fastify';
import { Ajv, type Options } from 'ajv';
import ajvFormats from 'ajv-formats';

// Fastify's default Ajv options (@fastify/ajv-compiler 4.0), without its URI resolver. Unlike
// Fastify, eiso rejects unknown properties instead of dropping them, so a misspelt field gets a
// 400 that names it.
const baseOptions: Options = {
  useDefaults: true,
  removeAdditional: false,
  addUsedSchema: false,
  allErrors: false,
};

function createAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...baseOptions, coerceTypes });
  ajvFormats.default(ajv);
  return ajv;
}

/**
 * Validates query strings, path parameters and headers with type coercion, because their values
 * are strings by nature. JSON bodies get no coercion, so `{"body": 123}` gets a 400 instead of
 * being stored as "123". Routes that `app` registers after this call inherit the validator.
 */
export function registerRequestValidator(app: FastifyInstance): void {
  const coercing = createAjv('array');
  const strict = createAjv(false);
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    const { $id } = schema as FastifySchema & { $id?: string };
    return ($id ? ajv.getSchema($id) : undefined) ?? ajv.compile(schema);
  });
}
