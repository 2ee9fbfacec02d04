import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import type { FormSchema } from '../../src/forms/form-schema.js';
import {
  parseFormSchema,
  stripReadonlyFields,
  validateSubmission,
} from '../../src/forms/form-validator.js';

function loadForm(formId: string): FormSchema {
  const fileName = `${formId}.form`;
  const json = readFileSync(path.join(import.meta.dirname, '../../forms', fileName), 'utf8');
  return parseFormSchema(json, fileName);
}

const variables = {
  year: 2026,
  departments: ['VP', 'TTRA', 'KHTC', 'QLKH', 'QLCN'],
  departmentOptions: [
    { value: 'VP', label: 'Văn phòng' },
    { value: 'TTRA', label: 'Thanh tra' },
    { value: 'KHTC', label: 'Phòng Kế hoạch - Tài chính' },
    { value: 'QLKH', label: 'Phòng Quản lý khoa học' },
    { value: 'QLCN', label: 'Phòng Quản lý công nghệ và đổi mới sáng tạo' },
  ],
};

function objective(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Giải quyết thủ tục hành chính đúng hạn',
    indicator: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    formula: 'Số hồ sơ đúng hạn / Tổng số hồ sơ đã giải quyết × 100%',
    targetValue: 98,
    targetUnit: '%',
    ownerDepartment: 'VP',
    deadline: '2026-12-31',
    resources: 'Cán bộ một cửa, phần mềm dịch vụ công',
    evaluationMethod: 'Thống kê hằng quý từ hệ thống một cửa điện tử',
    ...overrides,
  };
}

describe('form files', () => {
  it.each([
    'quality-objectives-draft',
    'quality-objectives-approval',
    'quality-objectives-disseminate',
    'quality-objectives-acknowledge',
  ])('%s has matching id', (formId) => {
    const schema = loadForm(formId);

    expect(schema.id).toBe(formId);
    expect(schema.type).toBe('default');
    expect(schema.schemaVersion).toBe(19);
  });
});

describe('quality-objectives-draft', () => {
  const schema = loadForm('quality-objectives-draft');

  it('accepts a realistic draft', () => {
    const data = {
      objectives: [
        objective(),
        objective({
          title: 'Nghiệm thu đề tài khoa học đúng tiến độ',
          indicator: 'Tỷ lệ đề tài được nghiệm thu đúng hạn',
          targetValue: 90,
          ownerDepartment: 'QLKH',
          deadline: '2026-11-30',
        }),
      ],
    };

    const errors = validateSubmission(schema, data, { variables });

    expect(errors).toEqual([]);
  });

  it('accepts empty optional fields', () => {
    const data = { objectives: [objective({ formula: '', resources: '', evaluationMethod: '' })] };

    const errors = validateSubmission(schema, data, { variables });

    expect(errors).toEqual([]);
  });

  it('rejects a missing targetValue', () => {
    const { targetValue, ...withoutTarget } = objective();

    const errors = validateSubmission(schema, { objectives: [withoutTarget] });

    expect(targetValue).toBe(98);
    expect(errors).toEqual([
      {
        path: '/objectives/0/targetValue',
        code: 'required',
        message:
          'Target value (Chỉ tiêu) in item 1 of Objectives (Danh sách mục tiêu chất lượng) is required. Enter a value.',
      },
    ]);
  });

  it('rejects a text targetValue', () => {
    const errors = validateSubmission(schema, {
      objectives: [objective(), objective({ targetValue: 'abc' })],
    });

    expect(errors).toEqual([
      {
        path: '/objectives/1/targetValue',
        code: 'type',
        message:
          'Target value (Chỉ tiêu) in item 2 of Objectives (Danh sách mục tiêu chất lượng) must be a number, such as 98 or 12.5.',
      },
    ]);
  });

  it('rejects an unknown field', () => {
    const errors = validateSubmission(schema, { objectives: [objective()], decision: 'approve' });

    expect(errors.map((error) => error.path)).toEqual(['/decision']);
  });

  it('rejects an unknown item field', () => {
    const errors = validateSubmission(schema, { objectives: [objective({ weight: 2 })] });

    expect(errors.map((error) => error.path)).toEqual(['/objectives/0/weight']);
  });

  it('rejects an empty list', () => {
    const errors = validateSubmission(schema, { objectives: [] });

    expect(errors.map((error) => error.path)).toEqual(['/objectives']);
  });

  it('rejects an unknown department', () => {
    const errors = validateSubmission(
      schema,
      { objectives: [objective({ ownerDepartment: 'SXYZ' })] },
      { variables },
    );

    expect(errors.map((error) => error.path)).toEqual(['/objectives/0/ownerDepartment']);
    expect(errors[0].message).toContain('"VP" (Văn phòng)');
  });

  it('rejects an impossible deadline', () => {
    const errors = validateSubmission(schema, {
      objectives: [objective({ deadline: '2026-02-30' })],
    });

    expect(errors.map((error) => error.path)).toEqual(['/objectives/0/deadline']);
  });

  it.each(['title', 'indicator', 'targetUnit', 'ownerDepartment', 'deadline'])(
    'requires %s',
    (key) => {
      const item = objective();
      delete item[key];

      const errors = validateSubmission(schema, { objectives: [item] });

      expect(errors.map((error) => error.path)).toEqual([`/objectives/0/${key}`]);
    },
  );
});

describe('quality-objectives-approval', () => {
  const schema = loadForm('quality-objectives-approval');

  it('accepts an approval', () => {
    const errors = validateSubmission(schema, { decision: 'approve', comment: '' });

    expect(errors).toEqual([]);
  });

  it('accepts a return with comment', () => {
    const data = { decision: 'return', comment: 'Bổ sung mục tiêu về cải cách hành chính.' };

    const errors = validateSubmission(schema, data);

    expect(errors).toEqual([]);
  });

  it('rejects a return without comment', () => {
    const errors = validateSubmission(schema, { decision: 'return', comment: ' ' });

    expect(errors.map((error) => error.path)).toEqual(['/comment']);
  });

  it('rejects a missing decision', () => {
    const errors = validateSubmission(schema, { comment: 'Đồng ý' });

    expect(errors.map((error) => error.path)).toEqual(['/decision']);
  });

  it('rejects edited objectives', () => {
    const errors = validateSubmission(schema, {
      decision: 'approve',
      objectives: [objective({ targetValue: 10 })],
    });

    expect(errors.map((error) => error.path)).toEqual(['/objectives']);
  });
});

describe('quality-objectives-disseminate', () => {
  const schema = loadForm('quality-objectives-disseminate');
  const good = {
    disseminationNote: 'Gửi văn bản qua hệ thống quản lý văn bản và phổ biến tại họp giao ban.',
    disseminatedOn: '2026-01-15',
  };

  it('accepts a dissemination record', () => {
    const errors = validateSubmission(schema, good);

    expect(errors).toEqual([]);
  });

  it('rejects a missing date', () => {
    const errors = validateSubmission(schema, { ...good, disseminatedOn: null });

    expect(errors.map((error) => error.path)).toEqual(['/disseminatedOn']);
  });

  it('rejects a blank note', () => {
    const errors = validateSubmission(schema, { ...good, disseminationNote: '' });

    expect(errors.map((error) => error.path)).toEqual(['/disseminationNote']);
  });

  it('rejects an unknown field', () => {
    const errors = validateSubmission(schema, { ...good, year: 2030 });

    expect(errors.map((error) => error.path)).toEqual(['/year']);
  });
});

describe('quality-objectives-acknowledge', () => {
  const schema = loadForm('quality-objectives-acknowledge');

  it('accepts an acknowledgement', () => {
    const data = { acknowledged: true, acknowledgeNote: 'Triển khai tại họp phòng tháng 1.' };

    const errors = validateSubmission(schema, data);

    expect(errors).toEqual([]);
  });

  it('accepts no note', () => {
    const errors = validateSubmission(schema, { acknowledged: true, acknowledgeNote: '' });

    expect(errors).toEqual([]);
  });

  it('rejects an unchecked box', () => {
    const errors = validateSubmission(schema, { acknowledged: false });

    expect(errors.map((error) => error.path)).toEqual(['/acknowledged']);
  });

  it('rejects a changed department', () => {
    const errors = validateSubmission(schema, { acknowledged: true, department: 'TTRA' });

    expect(errors.map((error) => error.path)).toEqual(['/department']);
  });

  it('strips nothing', () => {
    const data = { acknowledged: true, acknowledgeNote: '' };

    const stripped = stripReadonlyFields(schema, data);

    expect(stripped).toEqual(data);
  });
});
