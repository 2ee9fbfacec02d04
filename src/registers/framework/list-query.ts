import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { EisoError, type FieldError } from '../../errors.js';
import { describeIssue, pathOf } from './record-validation.js';
import type {
  ColumnDefinition,
  FilterDefinition,
  JsonSchema,
  Language,
  RegisterDefinition,
} from './register-definition.js';

/** A list request after validation: filter values by filter key, the sort and the page. */
export interface ListQuery {
  filters: Record<string, string | number | boolean>;
  sort: { column: string; order: 'asc' | 'desc' };
  page: number;
  pageSize: number;
}

/** Largest page of a list request. */
export const maxPageSize = 200;

// Query strings carry only text, so this instance coerces `true` and `2` to their types. It
// rejects misspelt filters and those of another register, because a dropped filter would widen a
// list in silence.
const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: true, useDefaults: true });
ajvFormats.default(ajv, { formats: ['date'] });

const compiled = new WeakMap<RegisterDefinition, ValidateFunction>();

function filterSchema(filter: FilterDefinition, column: ColumnDefinition): JsonSchema {
  if (filter.kind === 'search') return { type: 'string', minLength: 1, maxLength: 200 };
  if (filter.kind === 'from' || filter.kind === 'to') return { type: 'string', format: 'date' };
  if (column.type === 'boolean') return { type: 'boolean' };
  if (column.type === 'integer') return { type: 'integer' };
  if (column.type === 'enum')
    return { type: 'string', enum: column.options?.map((option) => option.value) ?? [] };
  return { type: 'string', minLength: 1, maxLength: 500 };
}

/** Builds the JSON Schema of a register's list query string: paging, sort, language and filters. */
export function listQuerySchema(definition: RegisterDefinition): JsonSchema {
  const sortable = definition.columns
    .filter((column) => column.sortable)
    .map((column) => column.key);
  const filters = Object.fromEntries(
    definition.filters.map((filter) => {
      const column = definition.columns.find((entry) => entry.key === filter.columns[0]);
      return [filter.key, filterSchema(filter, column as ColumnDefinition)];
    }),
  );
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      page: { type: 'integer', minimum: 1, default: 1 },
      pageSize: { type: 'integer', minimum: 1, maximum: maxPageSize, default: 20 },
      sort: { type: 'string', enum: sortable },
      order: { type: 'string', enum: ['asc', 'desc'] },
      lang: { type: 'string', enum: ['vi', 'en'] },
      ...filters,
    },
  };
}

function validatorOf(definition: RegisterDefinition): ValidateFunction {
  let validate = compiled.get(definition);
  if (!validate) {
    validate = ajv.compile(listQuerySchema(definition));
    compiled.set(definition, validate);
  }
  return validate;
}

/** Validates a list or export query string and returns its filters, sort and page. */
export function parseListQuery(
  definition: RegisterDefinition,
  rawQuery: unknown,
  language: Language,
): ListQuery {
  const query = { ...(rawQuery as Record<string, unknown>) };
  const validate = validatorOf(definition);
  if (!validate(query)) {
    const details: FieldError[] = (validate.errors ?? []).map((error) => {
      const path = pathOf(error);
      return { path, message: `${path.slice(1)}: ${describeIssue(error, language)}` };
    });
    const summary = details.map((detail) => detail.message).join(' ');
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      language === 'vi'
        ? `Điều kiện lọc sổ "${definition.title.vi}" không hợp lệ: ${summary}`
        : `Invalid query for register ${definition.name}: ${summary}`,
      details,
    );
  }
  const filters: ListQuery['filters'] = {};
  for (const filter of definition.filters) {
    const value = query[filter.key];
    if (value !== undefined) filters[filter.key] = value as string | number | boolean;
  }
  const sortColumn = (query.sort as string | undefined) ?? definition.defaultSort.column;
  const defaultOrder =
    sortColumn === definition.defaultSort.column ? definition.defaultSort.order : 'asc';
  return {
    filters,
    sort: {
      column: sortColumn,
      order: (query.order as 'asc' | 'desc' | undefined) ?? defaultOrder,
    },
    page: query.page as number,
    pageSize: query.pageSize as number,
  };
}
