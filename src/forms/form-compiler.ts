import { createHash } from 'node:crypto';

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

import { deriveFormModel, formFormats, formSchemaError } from './form-schema.js';
import type { FormModel, FormSchema } from './form-schema.js';

/** A form's data shape with the ajv function that validates its submissions. */
export interface CompiledForm {
  model: FormModel;
  validate: ValidateFunction;
}

/** Maximum number of compiled forms cached by checksum. A live schema object stays cached too. */
const MAX_CACHED_FORMS = 200;

const ajv = createAjv();
const compiledBySchema = new WeakMap<FormSchema, CompiledForm>();
const compiledByChecksum = new Map<string, CompiledForm>();

function createAjv(): Ajv2020 {
  const instance = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    allowUnionTypes: true,
    // form-js compiles `validate.pattern` with `new RegExp(pattern)`, without the `u` flag.
    unicodeRegExp: false,
  });
  ajvFormats.default(instance, { formats: ['date'], keywords: true });
  for (const [name, definition] of Object.entries(formFormats)) {
    instance.addFormat(name, definition);
  }
  return instance;
}

/** Returns the compiled form of a schema from the cache, compiling it on first use. */
export function compiledForm(formSchema: FormSchema): CompiledForm {
  const cached = compiledBySchema.get(formSchema);
  if (cached !== undefined) {
    return cached;
  }
  const checksum = createHash('sha256').update(JSON.stringify(formSchema)).digest('hex');
  let compiled = compiledByChecksum.get(checksum);
  if (compiled === undefined) {
    compiled = compileForm(formSchema);
    rememberCompiledForm(checksum, compiled);
  }
  compiledBySchema.set(formSchema, compiled);
  return compiled;
}

function compileForm(formSchema: FormSchema): CompiledForm {
  const model = deriveFormModel(formSchema);
  try {
    return { model, validate: ajv.compile(model.jsonSchema) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw formSchemaError(formSchema.id, {
      componentId: null,
      write: (say) => say.notCompiling(reason),
    });
  }
}

function rememberCompiledForm(checksum: string, compiled: CompiledForm): void {
  compiledByChecksum.set(checksum, compiled);
  if (compiledByChecksum.size <= MAX_CACHED_FORMS) {
    return;
  }
  const [oldestChecksum, oldest] = compiledByChecksum.entries().next().value ?? [];
  if (oldestChecksum !== undefined && oldest !== undefined) {
    compiledByChecksum.delete(oldestChecksum);
    ajv.removeSchema(oldest.model.jsonSchema);
  }
}
