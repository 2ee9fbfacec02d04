import { defaultLocale, type Locale } from '../locale.js';
import { compiledForm } from './form-compiler.js';
import {
  componentIssue,
  FormSchemaError,
  formSchemaMessages,
  type FormSchemaIssue,
  type FormSchemaMessages,
} from './form-schema-messages.js';
import { knownComponentTypes } from './form-schema.js';
import type { FormComponent, FormSchema } from './form-schema.js';

/**
 * Parses the content of a `.form` file and checks that it is a form-js schema that eiso can
 * validate submissions against. Throws a `FormSchemaError` (EISO_ERR_FORM_SCHEMA_INVALID)
 * that names the problem, the component at fault and the fix in `locale`.
 */
export function parseFormSchema(
  json: string,
  resourceName: string,
  locale: Locale = defaultLocale,
): FormSchema {
  const fail = (issue: FormSchemaIssue) => schemaProblem(resourceName, issue, locale);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw fail(formIssue((say) => say.invalidJson(reason)));
  }
  const schema = checkFormRoot(parsed, fail);
  checkComponents(schema.components, fail);
  try {
    compiledForm(schema);
  } catch (error) {
    if (error instanceof FormSchemaError) throw fail(error.issue);
    throw error;
  }
  return schema;
}

type Fail = (issue: FormSchemaIssue) => FormSchemaError;

function schemaProblem(resourceName: string, issue: FormSchemaIssue, locale: Locale) {
  const say = formSchemaMessages(locale);
  return new FormSchemaError(issue, say.inFile(resourceName, issue.write(say)));
}

function formIssue(write: (messages: FormSchemaMessages) => string): FormSchemaIssue {
  return { componentId: null, write };
}

function checkFormRoot(parsed: unknown, fail: Fail): FormSchema {
  if (!isPlainObject(parsed)) {
    throw fail(formIssue((say) => say.notObject));
  }
  if (typeof parsed.id !== 'string' || parsed.id.trim() === '') {
    throw fail(formIssue((say) => say.noId));
  }
  if (parsed.type !== 'default') {
    const found = String(JSON.stringify(parsed.type));
    throw fail(formIssue((say) => say.wrongType(found)));
  }
  if (!Array.isArray(parsed.components)) {
    throw fail(formIssue((say) => say.noComponents));
  }
  if (parsed.schemaVersion !== undefined && typeof parsed.schemaVersion !== 'number') {
    throw fail(formIssue((say) => say.schemaVersionNotNumber));
  }
  return parsed as unknown as FormSchema;
}

function checkComponents(components: unknown[], fail: Fail): void {
  components.forEach((component, index) => {
    if (!isPlainObject(component) || typeof component.type !== 'string') {
      const id = isPlainObject(component) && typeof component.id === 'string' ? component.id : null;
      throw fail({ componentId: id, write: (say) => say.componentWithoutType(index + 1) });
    }
    const typed = component as unknown as FormComponent;
    if (!knownComponentTypes.has(typed.type) || typed.type === 'default') {
      throw fail(componentIssue(typed, (say, name) => say.notFormJsType(name)));
    }
    if (component.components !== undefined) {
      if (!Array.isArray(component.components)) {
        throw fail(componentIssue(typed, (say, name) => say.componentsNotArray(name)));
      }
      checkComponents(component.components, fail);
    }
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
