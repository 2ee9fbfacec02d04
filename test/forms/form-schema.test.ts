import { describe, expect, it } from 'vitest';

import { EisoError } from '../../src/errors.js';
import {
  DEFAULT_MAX_ITEMS,
  DEFAULT_MAX_TEXT_LENGTH,
  JSON_SCHEMA_DIALECT,
  RETURN_NEEDS_COMMENT_RULE,
  deriveFormModel,
  formFormatNames,
} from '../../src/forms/form-schema.js';
import type { FormComponent, FormSchema, JsonSchema } from '../../src/forms/form-schema.js';

function form(...components: FormComponent[]): FormSchema {
  return { id: 'test-form', type: 'default', schemaVersion: 19, components };
}

function derive(...components: FormComponent[]): JsonSchema {
  return deriveFormModel(form(...components)).jsonSchema;
}

function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  return schema.properties as Record<string, JsonSchema>;
}

function deriveError(...components: FormComponent[]): EisoError {
  try {
    deriveFormModel(form(...components));
  } catch (error) {
    if (error instanceof EisoError) {
      return error;
    }
    throw error;
  }
  throw new Error('deriveFormModel accepted the form');
}

describe('deriveFormModel root', () => {
  it('describes a closed object', () => {
    const schema = derive({ type: 'textfield', key: 'name' });

    expect(schema.$schema).toBe(JSON_SCHEMA_DIALECT);
    expect(schema.title).toBe('test-form');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(propertiesOf(schema))).toEqual(['name']);
  });

  it('lists required fields', () => {
    const schema = derive(
      { type: 'textfield', key: 'name', validate: { required: true } },
      { type: 'textfield', key: 'nickname' },
    );

    expect(schema.required).toEqual(['name']);
  });

  it('omits required when nothing is required', () => {
    const schema = derive({ type: 'textfield', key: 'nickname' });

    expect(schema.required).toBeUndefined();
  });
});

describe('deriveFormModel presentation components', () => {
  it.each([
    'text',
    'html',
    'image',
    'iframe',
    'table',
    'separator',
    'spacer',
    'button',
    'documentPreview',
  ])('%s carries no data', (type) => {
    const schema = derive({ type, key: 'ignored', id: 'Component_1' });

    expect(propertiesOf(schema)).toEqual({});
  });
});

describe('deriveFormModel text fields', () => {
  it.each(['textfield', 'textarea'])('%s is a capped string', (type) => {
    const schema = derive({ type, key: 'note' });

    expect(propertiesOf(schema).note).toEqual({
      type: ['string', 'null'],
      maxLength: DEFAULT_MAX_TEXT_LENGTH,
    });
  });

  it('required text rejects blank values', () => {
    const schema = derive({ type: 'textfield', key: 'name', validate: { required: true } });

    expect(propertiesOf(schema).name).toEqual({
      type: 'string',
      maxLength: DEFAULT_MAX_TEXT_LENGTH,
      not: { type: 'string', pattern: '^\\s*$' },
    });
  });

  it('maps maxLength and minLength', () => {
    const schema = derive({
      type: 'textfield',
      key: 'code',
      validate: { required: true, minLength: 2, maxLength: 8 },
    });

    expect(propertiesOf(schema).code).toMatchObject({ minLength: 2, maxLength: 8 });
  });

  it('checks optional constraints only on non-empty text', () => {
    const schema = derive({
      type: 'textfield',
      key: 'code',
      validate: { minLength: 2, pattern: '^[A-Z]+$' },
    });

    expect(propertiesOf(schema).code).toEqual({
      type: ['string', 'null'],
      maxLength: DEFAULT_MAX_TEXT_LENGTH,
      if: { type: 'string', minLength: 1 },
      then: { type: 'string', minLength: 2, pattern: '^[A-Z]+$' },
    });
  });

  it('maps email and phone validation types', () => {
    const schema = derive(
      { type: 'textfield', key: 'email', validate: { required: true, validationType: 'email' } },
      { type: 'textfield', key: 'phone', validate: { required: true, validationType: 'phone' } },
    );

    expect(propertiesOf(schema).email.format).toBe(formFormatNames.email);
    expect(propertiesOf(schema).phone.format).toBe(formFormatNames.phone);
  });

  it('ignores FEEL length limits', () => {
    const schema = derive({
      type: 'textfield',
      key: 'note',
      validate: { minLength: '=minimum', maxLength: '=maximum' },
    });

    expect(propertiesOf(schema).note).toEqual({
      type: ['string', 'null'],
      maxLength: DEFAULT_MAX_TEXT_LENGTH,
    });
  });
});

describe('deriveFormModel number', () => {
  it('is a number with limits', () => {
    const schema = derive({
      type: 'number',
      key: 'target',
      validate: { required: true, min: 0, max: 100 },
    });

    expect(propertiesOf(schema).target).toEqual({ type: 'number', minimum: 0, maximum: 100 });
  });

  it('is nullable when optional', () => {
    const schema = derive({ type: 'number', key: 'target' });

    expect(propertiesOf(schema).target).toEqual({ type: ['number', 'null'] });
  });

  it('is an integer without decimal digits', () => {
    const schema = derive({ type: 'number', key: 'count', decimalDigits: 0 });

    expect(propertiesOf(schema).count.type).toEqual(['integer', 'null']);
  });

  it('accepts numeric strings when serialized', () => {
    const schema = derive({
      type: 'number',
      key: 'amount',
      serializeToString: true,
      validate: { required: true, min: 1 },
    });

    expect(propertiesOf(schema).amount).toEqual({
      type: ['number', 'string'],
      minimum: 1,
      if: { type: 'string' },
      then: { type: 'string', format: formFormatNames.decimal, formatMinimum: '1' },
    });
  });
});

describe('deriveFormModel choices', () => {
  it('checkbox is a boolean', () => {
    const schema = derive({ type: 'checkbox', key: 'agreed' });

    expect(propertiesOf(schema).agreed).toEqual({ type: ['boolean', 'null'] });
  });

  it('required checkbox must be true', () => {
    const schema = derive({ type: 'checkbox', key: 'agreed', validate: { required: true } });

    expect(propertiesOf(schema).agreed).toEqual({ type: 'boolean', const: true });
  });

  it.each(['radio', 'select'])('%s enumerates static values', (type) => {
    const schema = derive({
      type,
      key: 'color',
      values: [
        { label: 'Đỏ', value: 'red' },
        { label: 'Xanh', value: 'blue' },
      ],
      validate: { required: true },
    });

    expect(propertiesOf(schema).color).toEqual({ enum: ['red', 'blue'] });
  });

  it('optional select also accepts null', () => {
    const schema = derive({
      type: 'select',
      key: 'color',
      values: [{ label: 'Đỏ', value: 'red' }],
    });

    expect(propertiesOf(schema).color).toEqual({ enum: ['red', null] });
  });

  it.each([{ valuesKey: 'departmentOptions' }, { valuesExpression: '=departmentOptions' }])(
    'dynamic options accept a string',
    (options) => {
      const schema = derive({ type: 'select', key: 'department', ...options });

      expect(propertiesOf(schema).department).toEqual({
        type: ['string', 'null'],
        maxLength: DEFAULT_MAX_TEXT_LENGTH,
      });
    },
  );

  it.each(['checklist', 'taglist'])('%s is an array of strings', (type) => {
    const schema = derive({ type, key: 'tags', valuesKey: 'tagOptions' });

    expect(propertiesOf(schema).tags).toEqual({
      type: ['array', 'null'],
      items: { type: 'string', maxLength: DEFAULT_MAX_TEXT_LENGTH },
      uniqueItems: true,
      maxItems: DEFAULT_MAX_ITEMS,
    });
  });

  it('required checklist needs one value', () => {
    const schema = derive({
      type: 'checklist',
      key: 'tags',
      values: [{ label: 'A', value: 'a' }],
      validate: { required: true },
    });

    expect(propertiesOf(schema).tags).toMatchObject({
      type: 'array',
      items: { enum: ['a'] },
      minItems: 1,
    });
  });
});

describe('deriveFormModel datetime', () => {
  it.each([
    { subtype: 'date', format: 'date' },
    { subtype: undefined, format: 'date' },
    { subtype: 'time', format: formFormatNames.time },
    { subtype: 'datetime', format: formFormatNames.dateTime },
  ])('subtype $subtype uses format $format', ({ subtype, format }) => {
    const schema = derive({ type: 'datetime', key: 'when', subtype, validate: { required: true } });

    expect(propertiesOf(schema).when).toEqual({ type: 'string', format });
  });

  it('optional date may be empty', () => {
    const schema = derive({ type: 'datetime', key: 'when', subtype: 'date' });

    expect(propertiesOf(schema).when).toMatchObject({
      type: ['string', 'null'],
      then: { type: 'string', format: 'date' },
    });
  });
});

describe('deriveFormModel other fields', () => {
  it('filepicker is a file reference', () => {
    const schema = derive({ type: 'filepicker', key: 'attachment', validate: { required: true } });

    expect(propertiesOf(schema).attachment).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: DEFAULT_MAX_TEXT_LENGTH,
    });
  });

  it('expression accepts any value', () => {
    const schema = derive({ type: 'expression', key: 'total' });

    expect(propertiesOf(schema).total).toEqual({ maxLength: DEFAULT_MAX_TEXT_LENGTH });
  });
});

describe('deriveFormModel group', () => {
  it('without path flattens its fields', () => {
    const schema = derive({
      type: 'group',
      components: [{ type: 'textfield', key: 'street', validate: { required: true } }],
    });

    expect(Object.keys(propertiesOf(schema))).toEqual(['street']);
    expect(schema.required).toEqual(['street']);
  });

  it('with path nests an object', () => {
    const schema = derive({
      type: 'group',
      path: 'address',
      components: [{ type: 'textfield', key: 'street', validate: { required: true } }],
    });

    const address = propertiesOf(schema).address;
    expect(address.type).toBe('object');
    expect(address.additionalProperties).toBe(false);
    expect(address.required).toEqual(['street']);
    expect(schema.required).toEqual(['address']);
  });

  it('dotted keys nest objects', () => {
    const schema = derive(
      { type: 'textfield', key: 'address.street' },
      { type: 'textfield', key: 'address.city' },
    );

    const address = propertiesOf(schema).address;
    expect(Object.keys(propertiesOf(address))).toEqual(['street', 'city']);
  });

  it('groups may share a path', () => {
    const schema = derive(
      { type: 'group', path: 'address', components: [{ type: 'textfield', key: 'street' }] },
      { type: 'group', path: 'address', components: [{ type: 'textfield', key: 'city' }] },
    );

    expect(Object.keys(propertiesOf(propertiesOf(schema).address))).toEqual(['street', 'city']);
  });
});

describe('deriveFormModel dynamiclist', () => {
  const list: FormComponent = {
    type: 'dynamiclist',
    path: 'items',
    validate: { minItems: 1 },
    components: [
      { type: 'textfield', key: 'name', validate: { required: true } },
      { type: 'number', key: 'size.width' },
    ],
  };

  it('is an array of objects', () => {
    const schema = derive(list);

    const items = propertiesOf(schema).items;
    expect(items.type).toBe('array');
    expect(items.minItems).toBe(1);
    expect(items.maxItems).toBe(DEFAULT_MAX_ITEMS);
    expect(schema.required).toEqual(['items']);
  });

  it('items hold the nested fields', () => {
    const schema = derive(list);

    const item = propertiesOf(schema).items.items as JsonSchema;
    expect(item.additionalProperties).toBe(false);
    expect(item.required).toEqual(['name']);
    expect(Object.keys(propertiesOf(propertiesOf(item).size))).toEqual(['width']);
  });

  it('honours a dotted path', () => {
    const schema = derive({ ...list, path: 'plan.items' });

    expect(propertiesOf(propertiesOf(schema).plan).items.type).toBe('array');
  });

  it('without minItems is optional', () => {
    const schema = derive({ ...list, validate: undefined });

    expect(propertiesOf(schema).items.type).toEqual(['array', 'null']);
    expect(schema.required).toBeUndefined();
  });

  it('required means one item', () => {
    const schema = derive({ ...list, validate: { required: true } });

    expect(propertiesOf(schema).items.minItems).toBe(1);
  });
});

describe('deriveFormModel optional scopes', () => {
  it('conditional field is optional', () => {
    const schema = derive({
      type: 'textfield',
      key: 'reason',
      conditional: { hide: '=decision = "approve"' },
      validate: { required: true },
    });

    expect(schema.required).toBeUndefined();
  });

  it('field in hidden group is optional', () => {
    const schema = derive({
      type: 'group',
      conditional: { hide: '=true' },
      components: [{ type: 'textfield', key: 'reason', validate: { required: true } }],
    });

    expect(schema.required).toBeUndefined();
  });

  it.each([{ readonly: true }, { readonly: '=locked' }, { disabled: true }])(
    'read-only field is optional',
    (flags) => {
      const schema = derive({
        type: 'textfield',
        key: 'name',
        validate: { required: true },
        ...flags,
      });

      expect(schema.required).toBeUndefined();
    },
  );
});

describe('deriveFormModel approval rule', () => {
  const decision: FormComponent = {
    type: 'radio',
    key: 'decision',
    values: [
      { label: 'Phê duyệt', value: 'approve' },
      { label: 'Trả lại', value: 'return' },
    ],
  };

  it('requires comment on return', () => {
    const schema = derive(decision, { type: 'textarea', key: 'comment' });

    expect(schema.if).toEqual({
      type: 'object',
      required: ['decision'],
      properties: { decision: { const: 'return' } },
    });
    expect(schema.then).toMatchObject({
      $comment: RETURN_NEEDS_COMMENT_RULE,
      required: ['comment'],
    });
  });

  it('needs both fields', () => {
    const schema = derive(decision);

    expect(schema.if).toBeUndefined();
  });

  it('needs the return value', () => {
    const schema = derive(
      { ...decision, values: [{ label: 'Phê duyệt', value: 'approve' }] },
      { type: 'textarea', key: 'comment' },
    );

    expect(schema.if).toBeUndefined();
  });
});

describe('deriveFormModel invalid forms', () => {
  it('rejects an unknown type', () => {
    const error = deriveError({ type: 'slider', id: 'Field_1', key: 'level' });

    expect(error.code).toBe('EISO_ERR_FORM_SCHEMA_INVALID');
    expect(error.message).toContain('Field_1 (slider)');
  });

  it('rejects a field without key', () => {
    const error = deriveError({ type: 'textfield', id: 'Field_1' });

    expect(error.message).toContain('has no key');
  });

  it('rejects a list without path', () => {
    const error = deriveError({ type: 'dynamiclist', id: 'List_1', components: [] });

    expect(error.message).toContain('has no path');
  });

  it('rejects a duplicate key', () => {
    const error = deriveError(
      { type: 'textfield', id: 'Field_1', key: 'name' },
      { type: 'textarea', id: 'Field_2', key: 'name' },
    );

    expect(error.message).toContain('Field_2 (textarea) writes to "name"');
    expect(error.message).toContain('Field_1 (textfield)');
  });

  it('rejects a field under a field', () => {
    const error = deriveError(
      { type: 'textfield', id: 'Field_1', key: 'name' },
      { type: 'textfield', id: 'Field_2', key: 'name.first' },
    );

    expect(error.message).toContain('writes to "name.first"');
  });

  it.each(['__proto__', 'a..b', 'constructor'])('rejects key %s', (key) => {
    const error = deriveError({ type: 'textfield', id: 'Field_1', key });

    expect(error.message).toContain('invalid key or path');
  });

  it('rejects an invalid pattern', () => {
    const error = deriveError({
      type: 'textfield',
      id: 'Field_1',
      key: 'code',
      validate: { pattern: '([a-z' },
    });

    expect(error.message).toContain('invalid validate.pattern');
  });
});
