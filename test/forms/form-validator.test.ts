import { describe, expect, it } from 'vitest';

import { EisoError } from '../../src/errors.js';
import type { FieldError } from '../../src/errors.js';
import { DEFAULT_MAX_TEXT_LENGTH } from '../../src/forms/form-schema.js';
import type { FormComponent, FormSchema } from '../../src/forms/form-schema.js';
import {
  assertValidSubmission,
  parseFormSchema,
  stripReadonlyFields,
  validateSubmission,
} from '../../src/forms/form-validator.js';

function form(...components: FormComponent[]): FormSchema {
  return { id: 'test-form', type: 'default', schemaVersion: 19, components };
}

function errorAt(errors: FieldError[], path: string): FieldError | undefined {
  return errors.find((error) => error.path === path);
}

function thrown(action: () => unknown): EisoError {
  try {
    action();
  } catch (error) {
    if (error instanceof EisoError) {
      return error;
    }
    throw error;
  }
  throw new Error('no EisoError was thrown');
}

const nameField: FormComponent = {
  type: 'textfield',
  key: 'name',
  label: 'Họ và tên',
  validate: { required: true },
};

describe('validateSubmission basics', () => {
  it('accepts valid data', () => {
    const errors = validateSubmission(form(nameField), { name: 'Nguyễn Văn An' });

    expect(errors).toEqual([]);
  });

  it('rejects a non-object', () => {
    const errors = validateSubmission(form(nameField), ['Nguyễn Văn An']);

    expect(errors).toEqual([
      {
        path: '',
        code: 'type',
        message: "The submission must be a JSON object whose keys are the form's fields.",
      },
    ]);
  });

  it('rejects an unknown field', () => {
    const errors = validateSubmission(form(nameField), { name: 'An', role: 'admin' });

    expect(errors).toEqual([
      {
        path: '/role',
        code: 'unknownField',
        message: '"role" is not a field of form test-form. Remove it from the submission.',
      },
    ]);
  });

  it('escapes pointer segments', () => {
    const errors = validateSubmission(form(nameField), { name: 'An', 'a/b~c': 1 });

    expect(errors[0].path).toBe('/a~1b~0c');
  });

  it('reports one error per field', () => {
    const errors = validateSubmission(
      form({ ...nameField, validate: { required: true, minLength: 3 } }),
      {
        name: '',
      },
    );

    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe(
      'Name (Họ và tên) is required and must not be blank. Enter a value.',
    );
  });

  it('sorts errors in form order', () => {
    const schema = form(
      { type: 'textfield', key: 'first', validate: { required: true } },
      { type: 'number', key: 'second', validate: { required: true } },
    );

    const errors = validateSubmission(schema, { extra: 1, second: 'x' });

    expect(errors.map((error) => error.path)).toEqual(['/first', '/second', '/extra']);
  });
});

describe('validateSubmission required', () => {
  it('rejects a missing field', () => {
    const errors = validateSubmission(form(nameField), {});

    expect(errors).toEqual([
      { path: '/name', code: 'required', message: 'Name (Họ và tên) is required. Enter a value.' },
    ]);
  });

  it('rejects a blank string', () => {
    const errors = validateSubmission(form(nameField), { name: '   ' });

    expect(errorAt(errors, '/name')?.message).toContain('must not be blank');
  });

  it('rejects null', () => {
    const errors = validateSubmission(form(nameField), { name: null });

    expect(errorAt(errors, '/name')?.message).toBe('Name (Họ và tên) must be text.');
  });

  it('accepts empty optional values', () => {
    const schema = form(
      { type: 'textfield', key: 'note', validate: { minLength: 5, validationType: 'email' } },
      { type: 'number', key: 'count' },
      { type: 'datetime', key: 'day', subtype: 'date' },
      { type: 'select', key: 'color', values: [{ label: 'Đỏ', value: 'red' }] },
      { type: 'checkbox', key: 'agreed' },
      { type: 'checklist', key: 'tags', values: [{ label: 'A', value: 'a' }] },
    );

    const errors = validateSubmission(schema, {
      note: '',
      count: null,
      day: null,
      color: null,
      agreed: false,
      tags: [],
    });

    expect(errors).toEqual([]);
  });

  it('required checkbox must be checked', () => {
    const schema = form({
      type: 'checkbox',
      key: 'agreed',
      label: 'Đồng ý',
      validate: { required: true },
    });

    const errors = validateSubmission(schema, { agreed: false });

    expect(errors).toEqual([
      { path: '/agreed', code: 'required', message: 'Agreed (Đồng ý) must be checked.' },
    ]);
  });

  it('required select needs a choice', () => {
    const schema = form({
      type: 'select',
      key: 'color',
      values: [{ label: 'Đỏ', value: 'red' }],
      validate: { required: true },
    });

    const errors = validateSubmission(schema, {});

    expect(errors[0].message).toBe('Color is required. Choose one of the options.');
  });

  it('required checklist needs a value', () => {
    const schema = form({
      type: 'checklist',
      key: 'tags',
      values: [{ label: 'A', value: 'a' }],
      validate: { required: true },
    });

    const errors = validateSubmission(schema, { tags: [] });

    expect(errors[0].message).toBe('Tags is required. Choose at least one option.');
  });
});

describe('validateSubmission conditionally hidden fields', () => {
  const whyField: FormComponent = {
    type: 'textarea',
    key: 'why',
    label: 'Vì sao',
    validate: { required: true },
    conditional: { hide: '=method != "five-whys"' },
  };
  const methodField: FormComponent = {
    type: 'select',
    key: 'method',
    values: [
      { label: '5 Whys', value: 'five-whys' },
      { label: 'Ishikawa', value: 'fishbone' },
    ],
  };

  it('requires a shown field', () => {
    const errors = validateSubmission(form(methodField, whyField), { method: 'five-whys' });

    expect(errors).toEqual([
      { path: '/why', code: 'required', message: 'Why (Vì sao) is required. Enter a value.' },
    ]);
  });

  it('lets a hidden field stay empty', () => {
    const errors = validateSubmission(form(methodField, whyField), { method: 'fishbone' });

    expect(errors).toEqual([]);
  });

  it('evaluates the condition against task variables', () => {
    const errors = validateSubmission(
      form(whyField),
      { why: '  ' },
      { variables: { method: 'five-whys' } },
    );

    expect(errorAt(errors, '/why')).toMatchObject({ code: 'required' });
  });

  it('evaluates a condition inside a list item and on the list', () => {
    const schema = form({
      type: 'dynamiclist',
      path: 'scores',
      label: 'Điểm',
      conditional: { hide: '=count(scores) = 0' },
      components: [
        {
          type: 'textfield',
          key: 'reason',
          label: 'Lý do',
          validate: { required: true },
          conditional: { hide: '=score < 3' },
        },
        { type: 'number', key: 'score' },
      ],
    });

    const errors = validateSubmission(schema, {
      scores: [{ score: 1 }, { score: 4 }, { score: 5, reason: 'Cao' }],
    });

    expect(errors.map((error) => error.path)).toEqual(['/scores/1/reason']);
  });

  it('treats a condition that fails to evaluate as hidden', () => {
    const broken = { ...whyField, conditional: { hide: '=method +* 1' } };

    expect(validateSubmission(form(broken), {})).toEqual([]);
  });
});

describe('validateSubmission text rules', () => {
  const code: FormComponent = {
    type: 'textfield',
    key: 'code',
    label: 'Mã',
    validate: { required: true, minLength: 3, maxLength: 5, pattern: '^[A-Z]+$' },
  };

  it('checks minLength', () => {
    const errors = validateSubmission(form(code), { code: 'AB' });

    expect(errors).toEqual([
      {
        path: '/code',
        code: 'minLength',
        limit: 3,
        message: 'Code (Mã) must be at least 3 characters long.',
      },
    ]);
  });

  it('checks maxLength', () => {
    const errors = validateSubmission(form(code), { code: 'ABCDEFG' });

    expect(errors[0].message).toBe(
      'Code (Mã) must be at most 5 characters long, but it has 7. Shorten it.',
    );
  });

  it('checks pattern', () => {
    const errors = validateSubmission(form(code), { code: 'abc' });

    expect(errors[0].message).toBe('Code (Mã) must match the pattern ^[A-Z]+$.');
  });

  it('uses patternErrorMessage', () => {
    const schema = form({
      ...code,
      validate: { pattern: '^[A-Z]+$', patternErrorMessage: 'Chỉ dùng chữ in hoa.' },
    });

    const errors = validateSubmission(schema, { code: 'abc' });

    expect(errors[0].message).toBe(
      'Code (Mã) does not have the expected format: Chỉ dùng chữ in hoa.',
    );
  });

  it('counts Vietnamese characters once', () => {
    const schema = form({ type: 'textfield', key: 'word', validate: { maxLength: 4 } });

    const errors = validateSubmission(schema, { word: 'Việt' });

    expect(errors).toEqual([]);
  });

  it('checks email', () => {
    const schema = form({ type: 'textfield', key: 'email', validate: { validationType: 'email' } });

    const valid = validateSubmission(schema, { email: 'an.nguyen@skhcn.gov.vn' });
    const invalid = validateSubmission(schema, { email: 'an.nguyen@' });

    expect(valid).toEqual([]);
    expect(invalid[0].message).toBe('Email must be an email address, such as name@example.gov.vn.');
  });

  it('checks phone', () => {
    const schema = form({ type: 'textfield', key: 'phone', validate: { validationType: 'phone' } });

    const valid = validateSubmission(schema, { phone: '+84912345678' });
    const invalid = validateSubmission(schema, { phone: '0912 345 678' });

    expect(valid).toEqual([]);
    expect(invalid[0].message).toContain('must be an international phone number');
  });

  it('caps text without maxLength', () => {
    const schema = form({ type: 'textarea', key: 'note' });

    const atCap = validateSubmission(schema, { note: 'a'.repeat(DEFAULT_MAX_TEXT_LENGTH) });
    const oneMegabyte = validateSubmission(schema, { note: 'a'.repeat(1024 * 1024) });

    expect(atCap).toEqual([]);
    expect(oneMegabyte).toEqual([
      {
        path: '/note',
        code: 'maxLength',
        limit: DEFAULT_MAX_TEXT_LENGTH,
        message: `Note must be at most ${DEFAULT_MAX_TEXT_LENGTH} characters long, but it has 1048576. Shorten it.`,
      },
    ]);
  });

  it('rejects a number for text', () => {
    const errors = validateSubmission(form(nameField), { name: 42 });

    expect(errors[0].message).toBe('Name (Họ và tên) must be text.');
  });
});

describe('validateSubmission numbers', () => {
  const target: FormComponent = {
    type: 'number',
    key: 'targetValue',
    label: 'Chỉ tiêu',
    validate: { required: true, min: 0, max: 100 },
  };

  it('rejects a string', () => {
    const errors = validateSubmission(form(target), { targetValue: 'abc' });

    expect(errors).toEqual([
      {
        path: '/targetValue',
        code: 'type',
        message: 'Target value (Chỉ tiêu) must be a number, such as 98 or 12.5.',
      },
    ]);
  });

  it('checks min', () => {
    const errors = validateSubmission(form(target), { targetValue: -1 });

    expect(errors[0].message).toBe('Target value (Chỉ tiêu) must be at least 0.');
  });

  it('checks max', () => {
    const errors = validateSubmission(form(target), { targetValue: 100.5 });

    expect(errors[0].message).toBe('Target value (Chỉ tiêu) must be at most 100.');
  });

  it('rejects a numeric string by default', () => {
    const errors = validateSubmission(form(target), { targetValue: '50' });

    expect(errors).toHaveLength(1);
  });

  it('accepts a numeric string when serialized', () => {
    const schema = form({ ...target, serializeToString: true });

    const errors = validateSubmission(schema, { targetValue: '50.5' });

    expect(errors).toEqual([]);
  });

  it('checks limits of a numeric string', () => {
    const schema = form({ ...target, serializeToString: true });

    const tooLarge = validateSubmission(schema, { targetValue: '150' });
    const notNumeric = validateSubmission(schema, { targetValue: 'abc' });

    expect(tooLarge[0].message).toBe('Target value (Chỉ tiêu) must be at most 100.');
    expect(notNumeric[0].message).toBe(
      'Target value (Chỉ tiêu) must be a number, such as 98 or 12.5.',
    );
  });

  it('requires a whole number without decimals', () => {
    const schema = form({ type: 'number', key: 'count', decimalDigits: 0 });

    const errors = validateSubmission(schema, { count: 1.5 });

    expect(errors[0].message).toBe('Count must be a whole number, such as 5.');
  });
});

describe('validateSubmission dates', () => {
  it.each(['2026-12-31', '2028-02-29'])('accepts date %s', (value) => {
    const schema = form({
      type: 'datetime',
      key: 'day',
      subtype: 'date',
      validate: { required: true },
    });

    const errors = validateSubmission(schema, { day: value });

    expect(errors).toEqual([]);
  });

  it.each(['2026-02-30', '31/12/2026', '2026-12-31T00:00'])('rejects date %s', (value) => {
    const schema = form({ type: 'datetime', key: 'day', subtype: 'date', dateLabel: 'Ngày' });

    const errors = validateSubmission(schema, { day: value });

    expect(errors).toEqual([
      {
        path: '/day',
        code: 'format',
        message: 'Day (Ngày) must be a date in the form YYYY-MM-DD, such as 2026-12-31.',
      },
    ]);
  });

  it.each(['14:30', '14:30Z', '14:30+07:00', '08:05:30'])('accepts time %s', (value) => {
    const schema = form({ type: 'datetime', key: 'at', subtype: 'time' });

    const errors = validateSubmission(schema, { at: value });

    expect(errors).toEqual([]);
  });

  it.each(['25:00', '2pm'])('rejects time %s', (value) => {
    const schema = form({ type: 'datetime', key: 'at', subtype: 'time' });

    const errors = validateSubmission(schema, { at: value });

    expect(errors[0].message).toContain('must be a time in the form HH:mm');
  });

  it.each(['2026-12-31T14:30', '2026-12-31T14:30Z', '2026-12-31T14:30+07:00'])(
    'accepts datetime %s',
    (value) => {
      const schema = form({ type: 'datetime', key: 'at', subtype: 'datetime' });

      const errors = validateSubmission(schema, { at: value });

      expect(errors).toEqual([]);
    },
  );

  it.each(['2026-12-31', '2026-13-01T10:00'])('rejects datetime %s', (value) => {
    const schema = form({ type: 'datetime', key: 'at', subtype: 'datetime' });

    const errors = validateSubmission(schema, { at: value });

    expect(errors[0].message).toContain('must be a date and time');
  });
});

describe('validateSubmission options', () => {
  const color: FormComponent = {
    type: 'radio',
    key: 'color',
    label: 'Màu',
    values: [
      { label: 'Đỏ', value: 'red' },
      { label: 'Xanh', value: 'blue' },
    ],
  };
  const department: FormComponent = {
    type: 'select',
    key: 'department',
    label: 'Phòng',
    valuesKey: 'departmentOptions',
  };
  const variables = {
    departmentOptions: [
      { value: 'VP', label: 'Văn phòng' },
      { value: 'TTRA', label: 'Thanh tra' },
    ],
  };

  it('rejects a value outside static values', () => {
    const errors = validateSubmission(form(color), { color: 'green' });

    expect(errors[0].message).toBe('Color (Màu) must be one of: "red" (Đỏ), "blue" (Xanh).');
  });

  it('accepts any string without context', () => {
    const errors = validateSubmission(form(department), { department: 'XYZ' });

    expect(errors).toEqual([]);
  });

  it('checks the options variable', () => {
    const valid = validateSubmission(form(department), { department: 'VP' }, { variables });
    const invalid = validateSubmission(form(department), { department: 'XYZ' }, { variables });

    expect(valid).toEqual([]);
    expect(invalid).toEqual([
      {
        path: '/department',
        code: 'enum',
        message:
          'Department (Phòng) must be one of the options in departmentOptions: "VP" (Văn phòng), "TTRA" (Thanh tra).',
      },
    ]);
  });

  it('checks each checklist value', () => {
    const schema = form({ type: 'checklist', key: 'departments', valuesKey: 'departmentOptions' });

    const errors = validateSubmission(schema, { departments: ['VP', 'XYZ'] }, { variables });

    expect(errors.map((error) => error.path)).toEqual(['/departments/1']);
    expect(errors[0].message).toContain('Value 2 of Departments');
  });

  it('accepts primitive options', () => {
    const schema = form({ type: 'taglist', key: 'tags', valuesKey: 'tagOptions' });

    const errors = validateSubmission(
      schema,
      { tags: ['a'] },
      { variables: { tagOptions: ['a', 'b'] } },
    );

    expect(errors).toEqual([]);
  });

  it('rejects duplicate values', () => {
    const schema = form({ type: 'taglist', key: 'tags' });

    const errors = validateSubmission(schema, { tags: ['a', 'a'] });

    expect(errors[0].message).toBe('Tags contains the same value twice. Remove the duplicate.');
  });
});

describe('validateSubmission nested data', () => {
  const schema = form({
    type: 'dynamiclist',
    path: 'objectives',
    label: 'Mục tiêu',
    validate: { minItems: 1 },
    components: [
      { type: 'number', key: 'targetValue', label: 'Chỉ tiêu', validate: { required: true } },
      {
        type: 'group',
        path: 'owner',
        components: [
          { type: 'textfield', key: 'name', label: 'Tên', validate: { required: true } },
        ],
      },
    ],
  });

  it('points into list items', () => {
    const errors = validateSubmission(schema, {
      objectives: [
        { targetValue: 1, owner: { name: 'An' } },
        { targetValue: 'abc', owner: { name: 'Bình' } },
      ],
    });

    expect(errors).toEqual([
      {
        path: '/objectives/1/targetValue',
        code: 'type',
        message:
          'Target value (Chỉ tiêu) in item 2 of Objectives (Mục tiêu) must be a number, such as 98 or 12.5.',
      },
    ]);
  });

  it('points into groups', () => {
    const errors = validateSubmission(schema, { objectives: [{ targetValue: 1, owner: {} }] });

    expect(errors[0].path).toBe('/objectives/0/owner/name');
    expect(errors[0].message).toBe(
      'Name (Tên) in item 1 of Objectives (Mục tiêu) is required. Enter a value.',
    );
  });

  it('requires minItems', () => {
    const errors = validateSubmission(schema, { objectives: [] });

    expect(errors).toEqual([
      {
        path: '/objectives',
        code: 'minItems',
        limit: 1,
        message: 'Objectives (Mục tiêu) must have at least 1 item. Add one.',
      },
    ]);
  });

  it('requires the list', () => {
    const errors = validateSubmission(schema, {});

    expect(errors[0].message).toBe('Objectives (Mục tiêu) is required. Add at least 1 item.');
  });

  it('rejects unknown item fields', () => {
    const errors = validateSubmission(schema, {
      objectives: [{ targetValue: 1, owner: { name: 'An' }, secret: true }],
    });

    expect(errors[0].message).toBe(
      '"secret" in item 1 of Objectives (Mục tiêu) is not a field of form test-form. Remove it from the submission.',
    );
  });
});

describe('validateSubmission approval rule', () => {
  const schema = form(
    {
      type: 'radio',
      key: 'decision',
      label: 'Quyết định',
      values: [
        { label: 'Phê duyệt', value: 'approve' },
        { label: 'Trả lại để chỉnh sửa', value: 'return' },
      ],
      validate: { required: true },
    },
    { type: 'textarea', key: 'comment', label: 'Ý kiến' },
  );
  const message =
    'Comment (Ý kiến) is required when the decision is "return". Explain what must be changed.';

  it.each([{}, { comment: '' }, { comment: '  \n ' }, { comment: null }])(
    'return needs a comment',
    (comment) => {
      const errors = validateSubmission(schema, { decision: 'return', ...comment });

      expect(errors).toEqual([{ path: '/comment', code: 'commentRequiredOnReturn', message }]);
    },
  );

  it('return with comment passes', () => {
    const errors = validateSubmission(schema, { decision: 'return', comment: 'Bổ sung chỉ tiêu.' });

    expect(errors).toEqual([]);
  });

  it('approve needs no comment', () => {
    const errors = validateSubmission(schema, { decision: 'approve', comment: '' });

    expect(errors).toEqual([]);
  });
});

describe('assertValidSubmission', () => {
  it('throws EISO_ERR_FORM_INVALID', () => {
    const error = thrown(() => assertValidSubmission(form(nameField), {}));

    expect(error.code).toBe('EISO_ERR_FORM_INVALID');
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe(
      'Form test-form has 1 invalid field: Name (Họ và tên) is required. Enter a value.',
    );
    expect(error.details).toEqual([
      { path: '/name', code: 'required', message: 'Name (Họ và tên) is required. Enter a value.' },
    ]);
  });

  it('passes valid data', () => {
    expect(() => assertValidSubmission(form(nameField), { name: 'An' })).not.toThrow();
  });
});

describe('stripReadonlyFields', () => {
  it('removes read-only and disabled values', () => {
    const schema = form(
      nameField,
      { type: 'textfield', key: 'code', readonly: true },
      { type: 'textfield', key: 'status', disabled: true },
    );

    const stripped = stripReadonlyFields(schema, { name: 'An', code: 'X', status: 'done' });

    expect(stripped).toEqual({ name: 'An' });
  });

  it('leaves the input unchanged', () => {
    const schema = form({ type: 'textfield', key: 'code', readonly: true });
    const data = { code: 'X' };

    stripReadonlyFields(schema, data);

    expect(data).toEqual({ code: 'X' });
  });

  it('evaluates a FEEL readonly expression', () => {
    const schema = form({ type: 'number', key: 'amount', readonly: '=locked' });

    const locked = stripReadonlyFields(schema, { amount: 5 }, { variables: { locked: true } });
    const unlocked = stripReadonlyFields(schema, { amount: 5 }, { variables: { locked: false } });

    expect(locked).toEqual({});
    expect(unlocked).toEqual({ amount: 5 });
  });

  it('ignores a submitted unlock value', () => {
    const schema = form(
      { type: 'number', key: 'amount', readonly: '=locked' },
      { type: 'checkbox', key: 'locked' },
    );

    const stripped = stripReadonlyFields(
      schema,
      { amount: 5, locked: false },
      { variables: { locked: true } },
    );

    expect(stripped).toEqual({ locked: false });
  });

  it('removes on a broken expression', () => {
    const schema = form({ type: 'number', key: 'amount', readonly: '=(((' });

    const stripped = stripReadonlyFields(schema, { amount: 5 });

    expect(stripped).toEqual({});
  });

  it('removes values under a read-only group', () => {
    const schema = form({
      type: 'group',
      readonly: true,
      components: [{ type: 'textfield', key: 'approvedBy' }],
    });

    const stripped = stripReadonlyFields(schema, { approvedBy: 'director' });

    expect(stripped).toEqual({});
  });

  it('removes a read-only list', () => {
    const schema = form({
      type: 'dynamiclist',
      path: 'objectives',
      readonly: true,
      components: [{ type: 'textfield', key: 'title' }],
    });

    const stripped = stripReadonlyFields(schema, { objectives: [{ title: 'Changed' }] });

    expect(stripped).toEqual({});
  });

  it('removes read-only values in list items', () => {
    const schema = form({
      type: 'dynamiclist',
      path: 'objectives',
      components: [
        { type: 'textfield', key: 'title', readonly: true },
        { type: 'textarea', key: 'note' },
      ],
    });

    const stripped = stripReadonlyFields(schema, {
      objectives: [{ title: 'Changed', note: 'Ghi chú' }],
    });

    expect(stripped).toEqual({ objectives: [{ note: 'Ghi chú' }] });
  });

  it('keeps unknown fields for validation', () => {
    const schema = form(nameField);

    const stripped = stripReadonlyFields(schema, { name: 'An', extra: 1 });

    expect(stripped).toEqual({ name: 'An', extra: 1 });
  });
});

describe('parseFormSchema', () => {
  const valid = JSON.stringify(form(nameField));

  it('returns the schema', () => {
    const schema = parseFormSchema(valid, 'test.form');

    expect(schema.id).toBe('test-form');
    expect(schema.components).toHaveLength(1);
  });

  it.each([
    ['{', 'is not valid JSON'],
    ['[]', 'must contain a JSON object'],
    ['{"type":"default","components":[]}', 'has no "id"'],
    ['{"id":"x","components":[]}', 'has "type" undefined'],
    ['{"id":"x","type":"default"}', 'has no "components" array'],
    ['{"id":"x","type":"default","components":[{}]}', 'component 1 without a string "type"'],
    [
      '{"id":"x","type":"default","components":[{"type":"slider","id":"Field_1"}]}',
      'component Field_1 (slider), which is not a form-js 1.23 component type',
    ],
    [
      '{"id":"x","type":"default","components":[{"type":"group","components":[{"type":"textfield"}]}]}',
      'has no key',
    ],
  ])('rejects %s', (json, problem) => {
    const error = thrown(() => parseFormSchema(json, 'broken.form'));

    expect(error.code).toBe('EISO_ERR_FORM_SCHEMA_INVALID');
    expect(error.message).toContain('Form file broken.form');
    expect(error.message).toContain(problem);
  });
});

describe('validateSubmission cache', () => {
  it('reuses an equal schema', () => {
    const first = form(nameField);
    const second = structuredClone(first);

    const firstErrors = validateSubmission(first, {});
    const secondErrors = validateSubmission(second, {});

    expect(secondErrors).toEqual(firstErrors);
  });

  it('separates different schemas', () => {
    const strict = form(nameField);
    const lenient = form({ ...nameField, validate: {} });

    const strictErrors = validateSubmission(strict, {});
    const lenientErrors = validateSubmission(lenient, {});

    expect(strictErrors).toHaveLength(1);
    expect(lenientErrors).toEqual([]);
  });
});
