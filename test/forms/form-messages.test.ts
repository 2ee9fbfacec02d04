import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { EisoError } from '../../src/errors.js';
import { DEFAULT_MAX_TEXT_LENGTH } from '../../src/forms/form-schema.js';
import type { FormComponent, FormSchema } from '../../src/forms/form-schema.js';
import {
  assertValidSubmission,
  parseFormSchema,
  validateSubmission,
} from '../../src/forms/form-validator.js';

function form(...components: FormComponent[]): FormSchema {
  return { id: 'test-form', type: 'default', schemaVersion: 19, components };
}

function loadForm(formId: string): FormSchema {
  const fileName = `${formId}.form`;
  const json = readFileSync(path.join(import.meta.dirname, '../../forms', fileName), 'utf8');
  return parseFormSchema(json, fileName);
}

/** Words of the English messages that a Vietnamese message must not contain. */
const englishWords =
  /\b(the|is|are|must|required|enter|choose|value|values|field|fields|item|items|of|at|least|most|such|as|number|whole|text|option|options|remove|add|characters|long|shorten|match|pattern|format|date|time|email|address|phone|list|object|submission|invalid|blank|checked|duplicate|twice|same|contains|file|reference|decision|explain|changed|and|or|in|more|one|but|has|it|starts|with|country|code|international|optionally|followed|offset)\b/i;

const nameField: FormComponent = {
  type: 'textfield',
  key: 'name',
  label: 'Họ và tên',
  validate: { required: true },
};
const codeField: FormComponent = {
  type: 'textfield',
  key: 'code',
  label: 'Mã',
  validate: { required: true, minLength: 3, maxLength: 5, pattern: '^[A-Z]+$' },
};
const agreedField: FormComponent = {
  type: 'checkbox',
  key: 'agreed',
  label: 'Đồng ý',
  validate: { required: true },
};
const targetField: FormComponent = {
  type: 'number',
  key: 'targetValue',
  label: 'Chỉ tiêu',
  validate: { required: true, min: 0, max: 99.5 },
};
const departmentField: FormComponent = {
  type: 'select',
  key: 'department',
  label: 'Phòng',
  valuesKey: 'departmentOptions',
  validate: { required: true },
};
const departmentsField: FormComponent = {
  type: 'checklist',
  key: 'departments',
  label: 'Các phòng phối hợp',
  valuesKey: 'departmentOptions',
};
const objectivesList: FormComponent = {
  type: 'dynamiclist',
  path: 'objectives',
  label: 'Mục tiêu',
  validate: { minItems: 1, maxItems: 2 },
  components: [
    { type: 'number', key: 'targetValue', label: 'Chỉ tiêu', validate: { required: true } },
    {
      type: 'group',
      path: 'owner',
      label: 'Người phụ trách',
      components: [{ type: 'textfield', key: 'name', label: 'Tên', validate: { required: true } }],
    },
  ],
};
const departmentOptions = [
  { value: 'VP', label: 'Văn phòng' },
  { value: 'TTRA', label: 'Thanh tra' },
];

interface RuleCase {
  rule: string;
  schema: FormSchema;
  data: unknown;
  variables?: Record<string, unknown>;
  path: string;
  code: string;
  label: string;
}

/** One submission that fails each rule once, with the label that its message must name. */
const ruleCases: RuleCase[] = [
  {
    rule: 'missing text',
    schema: form(nameField),
    data: {},
    path: '/name',
    code: 'required',
    label: 'Họ và tên',
  },
  {
    rule: 'blank text',
    schema: form(nameField),
    data: { name: '  ' },
    path: '/name',
    code: 'required',
    label: 'Họ và tên',
  },
  {
    rule: 'null text',
    schema: form(nameField),
    data: { name: null },
    path: '/name',
    code: 'type',
    label: 'Họ và tên',
  },
  {
    rule: 'missing checkbox',
    schema: form(agreedField),
    data: {},
    path: '/agreed',
    code: 'required',
    label: 'Đồng ý',
  },
  {
    rule: 'unchecked checkbox',
    schema: form(agreedField),
    data: { agreed: false },
    path: '/agreed',
    code: 'required',
    label: 'Đồng ý',
  },
  {
    rule: 'missing select',
    schema: form(departmentField),
    data: {},
    path: '/department',
    code: 'required',
    label: 'Phòng',
  },
  {
    rule: 'select of the wrong type',
    schema: form(departmentField),
    data: { department: 5 },
    path: '/department',
    code: 'type',
    label: 'Phòng',
  },
  {
    rule: 'missing checklist',
    schema: form({ ...departmentsField, validate: { required: true } }),
    data: {},
    path: '/departments',
    code: 'required',
    label: 'Các phòng phối hợp',
  },
  {
    rule: 'empty required checklist',
    schema: form({ ...departmentsField, validate: { required: true } }),
    data: { departments: [] },
    path: '/departments',
    code: 'required',
    label: 'Các phòng phối hợp',
  },
  {
    rule: 'checklist that is not a list',
    schema: form(departmentsField),
    data: { departments: 'VP' },
    path: '/departments',
    code: 'type',
    label: 'Các phòng phối hợp',
  },
  {
    rule: 'checklist value of the wrong type',
    schema: form(departmentsField),
    data: { departments: ['VP', 7] },
    path: '/departments/1',
    code: 'type',
    label: 'Các phòng phối hợp',
  },
  {
    rule: 'checklist value outside the options',
    schema: form(departmentsField),
    data: { departments: ['VP', 'XYZ'] },
    variables: { departmentOptions },
    path: '/departments/1',
    code: 'enum',
    label: 'Các phòng phối hợp',
  },
  {
    rule: 'duplicate checklist values',
    schema: form(departmentsField),
    data: { departments: ['VP', 'VP'] },
    path: '/departments',
    code: 'uniqueItems',
    label: 'Các phòng phối hợp',
  },
  {
    rule: 'select value outside the options',
    schema: form(departmentField),
    data: { department: 'XYZ' },
    variables: { departmentOptions },
    path: '/department',
    code: 'enum',
    label: 'Phòng',
  },
  {
    rule: 'minLength',
    schema: form(codeField),
    data: { code: 'AB' },
    path: '/code',
    code: 'minLength',
    label: 'Mã',
  },
  {
    rule: 'maxLength',
    schema: form(codeField),
    data: { code: 'ABCDEFG' },
    path: '/code',
    code: 'maxLength',
    label: 'Mã',
  },
  {
    rule: 'pattern',
    schema: form(codeField),
    data: { code: 'abc' },
    path: '/code',
    code: 'pattern',
    label: 'Mã',
  },
  {
    rule: 'email',
    schema: form({
      type: 'textfield',
      key: 'email',
      label: 'Thư điện tử',
      validate: { validationType: 'email' },
    }),
    data: { email: 'an.nguyen@' },
    path: '/email',
    code: 'format',
    label: 'Thư điện tử',
  },
  {
    rule: 'phone',
    schema: form({
      type: 'textfield',
      key: 'phone',
      label: 'Số điện thoại',
      validate: { validationType: 'phone' },
    }),
    data: { phone: '0912 345 678' },
    path: '/phone',
    code: 'format',
    label: 'Số điện thoại',
  },
  {
    rule: 'number of the wrong type',
    schema: form(targetField),
    data: { targetValue: 'abc' },
    path: '/targetValue',
    code: 'type',
    label: 'Chỉ tiêu',
  },
  {
    rule: 'whole number',
    schema: form({ type: 'number', key: 'count', label: 'Số lượng', decimalDigits: 0 }),
    data: { count: 1.5 },
    path: '/count',
    code: 'type',
    label: 'Số lượng',
  },
  {
    rule: 'minimum',
    schema: form(targetField),
    data: { targetValue: -1 },
    path: '/targetValue',
    code: 'minimum',
    label: 'Chỉ tiêu',
  },
  {
    rule: 'maximum',
    schema: form(targetField),
    data: { targetValue: 100 },
    path: '/targetValue',
    code: 'maximum',
    label: 'Chỉ tiêu',
  },
  {
    rule: 'numeric string',
    schema: form({ ...targetField, serializeToString: true }),
    data: { targetValue: 'abc' },
    path: '/targetValue',
    code: 'format',
    label: 'Chỉ tiêu',
  },
  {
    rule: 'numeric string above the maximum',
    schema: form({ ...targetField, serializeToString: true }),
    data: { targetValue: '150' },
    path: '/targetValue',
    code: 'maximum',
    label: 'Chỉ tiêu',
  },
  {
    rule: 'date',
    schema: form({ type: 'datetime', key: 'day', subtype: 'date', dateLabel: 'Hạn hoàn thành' }),
    data: { day: '31/12/2026' },
    path: '/day',
    code: 'format',
    label: 'Hạn hoàn thành',
  },
  {
    rule: 'time',
    schema: form({ type: 'datetime', key: 'at', subtype: 'time', timeLabel: 'Giờ họp' }),
    data: { at: '25:00' },
    path: '/at',
    code: 'format',
    label: 'Giờ họp',
  },
  {
    rule: 'date and time',
    schema: form({ type: 'datetime', key: 'at', subtype: 'datetime', dateLabel: 'Thời điểm' }),
    data: { at: '2026-12-31' },
    path: '/at',
    code: 'format',
    label: 'Thời điểm',
  },
  {
    rule: 'date of the wrong type',
    schema: form({
      type: 'datetime',
      key: 'day',
      subtype: 'date',
      dateLabel: 'Hạn hoàn thành',
      validate: { required: true },
    }),
    data: { day: 20261231 },
    path: '/day',
    code: 'type',
    label: 'Hạn hoàn thành',
  },
  {
    rule: 'file reference',
    schema: form({ type: 'filepicker', key: 'attachment', label: 'Tệp đính kèm' }),
    data: { attachment: 42 },
    path: '/attachment',
    code: 'type',
    label: 'Tệp đính kèm',
  },
  {
    rule: 'missing list',
    schema: form(objectivesList),
    data: {},
    path: '/objectives',
    code: 'required',
    label: 'Mục tiêu',
  },
  {
    rule: 'list of the wrong type',
    schema: form(objectivesList),
    data: { objectives: 'x' },
    path: '/objectives',
    code: 'type',
    label: 'Mục tiêu',
  },
  {
    rule: 'minItems',
    schema: form(objectivesList),
    data: { objectives: [] },
    path: '/objectives',
    code: 'minItems',
    label: 'Mục tiêu',
  },
  {
    rule: 'maxItems',
    schema: form(objectivesList),
    data: {
      objectives: [1, 2, 3].map((targetValue) => ({ targetValue, owner: { name: 'An' } })),
    },
    path: '/objectives',
    code: 'maxItems',
    label: 'Mục tiêu',
  },
  {
    rule: 'list item of the wrong type',
    schema: form(objectivesList),
    data: { objectives: ['x'] },
    path: '/objectives/0',
    code: 'type',
    label: 'Mục tiêu',
  },
  {
    rule: 'group of the wrong type',
    schema: form(objectivesList),
    data: { objectives: [{ targetValue: 1, owner: 'An' }] },
    path: '/objectives/0/owner',
    code: 'type',
    label: 'Người phụ trách',
  },
  {
    rule: 'missing field in a group',
    schema: form(objectivesList),
    data: { objectives: [{ targetValue: 1, owner: {} }] },
    path: '/objectives/0/owner/name',
    code: 'required',
    label: 'Tên',
  },
];

describe('Vietnamese messages of each rule', () => {
  it.each(ruleCases)('$rule', ({ schema, data, variables, path: errorPath, code, label }) => {
    const errors = validateSubmission(schema, data, { variables, locale: 'vi' });

    expect(errors.map((error) => error.path)).toEqual([errorPath]);
    expect(errors[0].code).toBe(code);
    expect(errors[0].message).toContain(label);
    expect(errors[0].message).not.toMatch(englishWords);
  });

  it.each(ruleCases)('$rule has the same code in English', (ruleCase) => {
    const context = { variables: ruleCase.variables };
    const english = validateSubmission(ruleCase.schema, ruleCase.data, context);
    const vietnamese = validateSubmission(ruleCase.schema, ruleCase.data, {
      ...context,
      locale: 'vi',
    });

    expect(english.map((error) => error.code)).toEqual([ruleCase.code]);
    expect(english[0].message).toMatch(englishWords);
    expect(english[0].message).not.toBe(vietnamese[0].message);
  });
});

describe('Vietnamese messages exactly', () => {
  it('names a list item as in the draft form', () => {
    const schema = loadForm('quality-objectives-draft');
    const objective = {
      title: 'Giải quyết hồ sơ đúng hạn',
      indicator: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
      targetValue: 'chín mươi',
      targetUnit: '%',
      ownerDepartment: 'VP',
      deadline: '2026-12-31',
    };

    const errors = validateSubmission(schema, { objectives: [objective] }, { locale: 'vi' });

    expect(errors).toEqual([
      {
        path: '/objectives/0/targetValue',
        code: 'type',
        message:
          'Chỉ tiêu (mục 1 của Danh sách mục tiêu chất lượng) phải là một số, ví dụ 98 hoặc 12,5.',
      },
    ]);
  });

  it('missing text', () => {
    const errors = validateSubmission(form(nameField), {}, { locale: 'vi' });

    expect(errors[0].message).toBe('Họ và tên là bắt buộc. Vui lòng nhập giá trị.');
  });

  it('blank text', () => {
    const errors = validateSubmission(form(nameField), { name: ' ' }, { locale: 'vi' });

    expect(errors[0].message).toBe(
      'Họ và tên là bắt buộc và không được để trống. Vui lòng nhập giá trị.',
    );
  });

  it('maxLength with the current length', () => {
    const errors = validateSubmission(form(codeField), { code: 'ABCDEFG' }, { locale: 'vi' });

    expect(errors).toEqual([
      {
        path: '/code',
        code: 'maxLength',
        limit: 5,
        message: 'Mã chỉ được có tối đa 5 ký tự, hiện có 7 ký tự. Vui lòng rút gọn nội dung.',
      },
    ]);
  });

  it('default maxLength without grouping', () => {
    const schema = form({ type: 'textarea', key: 'note', label: 'Ghi chú' });

    const errors = validateSubmission(
      schema,
      { note: 'a'.repeat(DEFAULT_MAX_TEXT_LENGTH + 1) },
      { locale: 'vi' },
    );

    expect(errors[0].message).toBe(
      'Ghi chú chỉ được có tối đa 10000 ký tự, hiện có 10001 ký tự. Vui lòng rút gọn nội dung.',
    );
  });

  it('maximum with a decimal comma', () => {
    const errors = validateSubmission(form(targetField), { targetValue: 100 }, { locale: 'vi' });

    expect(errors[0]).toEqual({
      path: '/targetValue',
      code: 'maximum',
      limit: 99.5,
      message: 'Chỉ tiêu phải nhỏ hơn hoặc bằng 99,5.',
    });
  });

  it('minimum', () => {
    const errors = validateSubmission(form(targetField), { targetValue: -1 }, { locale: 'vi' });

    expect(errors[0].message).toBe('Chỉ tiêu phải lớn hơn hoặc bằng 0.');
  });

  it('date', () => {
    const schema = form({ type: 'datetime', key: 'day', subtype: 'date', dateLabel: 'Hạn' });

    const errors = validateSubmission(schema, { day: '31/12/2026' }, { locale: 'vi' });

    expect(errors[0].message).toBe('Hạn phải là ngày theo định dạng YYYY-MM-DD, ví dụ 2026-12-31.');
  });

  it('static options', () => {
    const schema = form({
      type: 'radio',
      key: 'color',
      label: 'Màu',
      values: [
        { label: 'Đỏ', value: 'red' },
        { label: 'Xanh', value: 'blue' },
      ],
    });

    const errors = validateSubmission(schema, { color: 'green' }, { locale: 'vi' });

    expect(errors).toEqual([
      {
        path: '/color',
        code: 'enum',
        message: 'Màu phải là một trong các phương án: "red" (Đỏ), "blue" (Xanh).',
      },
    ]);
  });

  it('dynamic options without the variable name', () => {
    const errors = validateSubmission(
      form(departmentField),
      { department: 'XYZ' },
      { variables: { departmentOptions }, locale: 'vi' },
    );

    expect(errors[0].message).toBe(
      'Phòng phải là một trong các phương án: "VP" (Văn phòng), "TTRA" (Thanh tra).',
    );
  });

  it('counts the options left out', () => {
    const options = Array.from({ length: 25 }, (_, index) => `P${index + 1}`);

    const errors = validateSubmission(
      form(departmentField),
      { department: 'XYZ' },
      { variables: { departmentOptions: options }, locale: 'vi' },
    );

    expect(errors[0].message).toMatch(/"P20" và 5 phương án khác\.$/);
  });

  it('pattern error message of the form', () => {
    const schema = form({
      ...codeField,
      validate: { pattern: '^[A-Z]+$', patternErrorMessage: 'Chỉ dùng chữ in hoa.' },
    });

    const errors = validateSubmission(schema, { code: 'abc' }, { locale: 'vi' });

    expect(errors[0].message).toBe('Mã không đúng định dạng yêu cầu: Chỉ dùng chữ in hoa.');
  });

  it('checkbox of the wrong type', () => {
    const errors = validateSubmission(form(agreedField), { agreed: 'có' }, { locale: 'vi' });

    expect(errors[0].message).toBe('Đồng ý phải là true (đã chọn) hoặc false (chưa chọn).');
  });

  it('unknown field', () => {
    const errors = validateSubmission(form(nameField), { name: 'An', role: 1 }, { locale: 'vi' });

    expect(errors).toEqual([
      {
        path: '/role',
        code: 'unknownField',
        message:
          'Trường "role" không có trong biểu mẫu test-form. Vui lòng xóa trường này khỏi dữ liệu gửi lên.',
      },
    ]);
  });

  it('field without a label', () => {
    const schema = form({ type: 'number', key: 'count', decimalDigits: 0 });

    const errors = validateSubmission(schema, { count: 1.5 }, { locale: 'vi' });

    expect(errors[0].message).toBe('Trường "count" phải là số nguyên, ví dụ 5.');
  });

  it('submission that is not an object', () => {
    const errors = validateSubmission(form(nameField), [], { locale: 'vi' });

    expect(errors).toEqual([
      {
        path: '',
        code: 'type',
        message:
          'Dữ liệu gửi lên phải là một đối tượng JSON có các khóa là các trường của biểu mẫu.',
      },
    ]);
  });

  it('missing list', () => {
    const errors = validateSubmission(form(objectivesList), {}, { locale: 'vi' });

    expect(errors[0].message).toBe('Mục tiêu là bắt buộc. Vui lòng thêm ít nhất 1 mục.');
  });

  it('list item of the wrong type', () => {
    const errors = validateSubmission(
      form(objectivesList),
      { objectives: ['x'] },
      { locale: 'vi' },
    );

    expect(errors[0].message).toBe('Mục 1 của Mục tiêu phải là một đối tượng gồm các trường.');
  });

  it('field in a group of a list item', () => {
    const errors = validateSubmission(
      form(objectivesList),
      {
        objectives: [
          { targetValue: 1, owner: { name: 'An' } },
          { targetValue: 2, owner: {} },
        ],
      },
      { locale: 'vi' },
    );

    expect(errors[0].message).toBe('Tên (mục 2 của Mục tiêu) là bắt buộc. Vui lòng nhập giá trị.');
  });

  it('value of a checklist', () => {
    const errors = validateSubmission(
      form(departmentsField),
      { departments: ['VP', 'XYZ'] },
      { variables: { departmentOptions }, locale: 'vi' },
    );

    expect(errors[0].message).toBe(
      'Giá trị 2 của Các phòng phối hợp phải là một trong các phương án: "VP" (Văn phòng), "TTRA" (Thanh tra).',
    );
  });

  it('nested lists name every enclosing item', () => {
    const schema = form({
      type: 'dynamiclist',
      path: 'delegations',
      label: 'Danh sách đoàn',
      components: [
        {
          type: 'dynamiclist',
          path: 'members',
          label: 'Thành viên',
          components: [
            { type: 'textfield', key: 'name', label: 'Tên', validate: { required: true } },
          ],
        },
      ],
    });
    const data = { delegations: [{ members: [{ name: 'An' }, { name: 'Bình' }, {}] }] };

    const errors = validateSubmission(schema, data, { locale: 'vi' });

    expect(errors[0].path).toBe('/delegations/0/members/2/name');
    expect(errors[0].message).toBe(
      'Tên (mục 3 của Thành viên thuộc mục 1 của Danh sách đoàn) là bắt buộc. Vui lòng nhập giá trị.',
    );
  });
});

describe('Vietnamese approval rule', () => {
  const schema = loadForm('quality-objectives-approval');

  it('return needs a comment', () => {
    const errors = validateSubmission(
      schema,
      { decision: 'return', comment: ' ' },
      { locale: 'vi' },
    );

    expect(errors).toEqual([
      {
        path: '/comment',
        code: 'commentRequiredOnReturn',
        message:
          'Ý kiến là bắt buộc khi Quyết định là "Trả lại để chỉnh sửa". Vui lòng nêu rõ nội dung cần chỉnh sửa.',
      },
    ]);
  });
});

describe('message locale option', () => {
  it('defaults to English', () => {
    const byDefault = validateSubmission(form(nameField), {});
    const english = validateSubmission(form(nameField), {}, { locale: 'en' });

    expect(byDefault).toEqual(english);
    expect(byDefault[0].message).toBe('Name (Họ và tên) is required. Enter a value.');
  });

  it('assertValidSubmission words its message in Vietnamese', () => {
    let thrown: unknown;
    try {
      assertValidSubmission(form(nameField), {}, { locale: 'vi' });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(EisoError);
    const error = thrown as EisoError;
    expect(error.message).toBe(
      'Biểu mẫu có 1 trường chưa hợp lệ: Họ và tên là bắt buộc. Vui lòng nhập giá trị.',
    );
    expect(error.details).toEqual([
      {
        path: '/name',
        code: 'required',
        message: 'Họ và tên là bắt buộc. Vui lòng nhập giá trị.',
      },
    ]);
  });
});
