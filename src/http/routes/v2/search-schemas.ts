/** JSON Schema parts shared by the `/v2` routes, in the shapes of Camunda 8's REST API. */

/** A Camunda key: a long integer carried as a string. */
export const keySchema = { type: 'string', pattern: '^[0-9]{1,18}$' } as const;

/** Path parameters made of one key. */
export function keyParams(name: string) {
  return {
    type: 'object',
    required: [name],
    additionalProperties: false,
    properties: { [name]: keySchema },
  } as const;
}

/** Camunda's only tenant when multi-tenancy is off; every eiso unit is one. */
export const defaultTenantId = '<default>';

export const tenantSchema = { type: 'string', enum: [defaultTenantId] } as const;

const cursorSchema = {
  type: 'string',
  minLength: 2,
  maxLength: 300,
  pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=)?$',
} as const;

const listLimit = 1_000;

const pageSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1, maximum: listLimit },
    after: cursorSchema,
    before: cursorSchema,
  },
} as const;

function advancedFilter(value: object, extra: Record<string, object> = {}) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      $eq: value,
      $neq: value,
      $exists: { type: 'boolean' },
      $in: { type: 'array', items: value, maxItems: listLimit },
      $notIn: { type: 'array', items: value, maxItems: listLimit },
      ...extra,
    },
  };
}

const likeSchema = { type: 'string', maxLength: 1_000 } as const;
const textSchema = { type: 'string', maxLength: 1_000 } as const;

function ordered(value: object) {
  return { $gt: value, $gte: value, $lt: value, $lte: value };
}

/** `StringFilterProperty`: a value, or `$eq`, `$neq`, `$exists`, `$in`, `$notIn`, `$like`. */
export const stringFilter = {
  anyOf: [textSchema, advancedFilter(textSchema, { $like: likeSchema })],
} as const;

/** A key filter such as `ProcessInstanceKeyFilterProperty`. */
export const keyFilter = { anyOf: [keySchema, advancedFilter(keySchema)] } as const;

const integerSchema = { type: 'integer' } as const;

/** `IntegerFilterProperty`. */
export const integerFilter = {
  anyOf: [integerSchema, advancedFilter(integerSchema, ordered(integerSchema))],
} as const;

const dateTimeSchema = { type: 'string', format: 'date-time' } as const;

/** `DateTimeFilterProperty`. */
export const dateTimeFilter = {
  anyOf: [dateTimeSchema, advancedFilter(dateTimeSchema, ordered(dateTimeSchema))],
} as const;

/** Builds a filter on an enumeration, such as `UserTaskStateFilterProperty`. */
export function enumFilter(values: readonly string[]) {
  const value = { type: 'string', enum: values };
  return { anyOf: [value, advancedFilter(value, { $like: likeSchema })] } as const;
}

/** `VariableValueFilterProperty[]`: each value is the JSON text of the variable. */
export const variableFilters = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    required: ['name', 'value'],
    additionalProperties: false,
    properties: { name: { type: 'string', minLength: 1, maxLength: 255 }, value: stringFilter },
  },
} as const;

/** Builds the body of a `POST …/search` with `filter`, `sort` and `page`. A missing body searches everything. */
export function searchBody(
  filterProperties: Record<string, object>,
  sortFields: readonly string[],
) {
  return {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      filter: { type: 'object', additionalProperties: false, properties: filterProperties },
      sort: {
        type: 'array',
        maxItems: 10,
        items: {
          type: 'object',
          required: ['field'],
          additionalProperties: false,
          properties: {
            field: { type: 'string', enum: sortFields },
            order: { type: 'string', enum: ['ASC', 'DESC'] },
          },
        },
      },
      page: pageSchema,
    },
  } as const;
}
