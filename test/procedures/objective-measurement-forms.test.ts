import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormSchema } from '../../src/forms/form-schema.js';
import {
  parseFormSchema,
  stripReadonlyFields,
  validateSubmission,
} from '../../src/forms/form-validator.js';
import formsEn from '../../src/web/i18n/forms/objective-measurement.en.json' with { type: 'json' };

function loadForm(formId: string): FormSchema {
  const fileName = `${formId}.form`;
  const json = readFileSync(path.join(import.meta.dirname, '../../forms', fileName), 'utf8');
  return parseFormSchema(json, fileName);
}

const assignment = {
  department: 'VP',
  departmentName: 'Văn phòng Sở',
  measurements: [
    { objectiveId: '1', title: 'Giải quyết hồ sơ đúng hạn', target: '≥ 98 %' },
    { objectiveId: '2', title: 'Hạn chế hồ sơ trễ hạn', target: '≤ 2 hồ sơ trễ hạn' },
  ],
};

function report(measurements: Record<string, unknown>[]) {
  return { assignment: { measurements } };
}

const value = (overrides: Record<string, unknown> = {}) => ({
  measuredValue: 98.5,
  evidence: 'Báo cáo thống kê tháng 01/2027',
  comment: null,
  ...overrides,
});

describe('objective-measurement-report form', () => {
  const schema = loadForm('objective-measurement-report');

  it('accepts one value per objective', () => {
    const errors = validateSubmission(schema, report([value(), value({ measuredValue: 1 })]));

    expect(errors).toEqual([]);
  });

  it('names a missing measured value', () => {
    const errors = validateSubmission(
      schema,
      report([value(), value({ measuredValue: undefined })]),
      { locale: 'vi' },
    );

    expect(errors.map((error) => error.path)).toEqual(['/assignment/measurements/1/measuredValue']);
    expect(errors[0].message).toContain('Giá trị đo được');
  });

  it('names a negative value, a text and a missing source', () => {
    const errors = validateSubmission(
      schema,
      report([value({ measuredValue: -1 }), value({ measuredValue: 'chín mươi', evidence: ' ' })]),
    );

    expect(errors.map((error) => error.path)).toEqual([
      '/assignment/measurements/0/measuredValue',
      '/assignment/measurements/1/measuredValue',
      '/assignment/measurements/1/evidence',
    ]);
  });

  it('drops the read-only objective and target', () => {
    const submitted = report([{ ...value(), title: 'Đã sửa', target: '≥ 1 %' }]);

    const stripped = stripReadonlyFields(schema, submitted, { variables: { assignment } });

    expect(stripped).toEqual(report([value()]));
  });
});

describe('objective-measurement-decide form', () => {
  const schema = loadForm('objective-measurement-decide');
  const variables = {
    missedOptions: [
      { value: '11', label: 'MT-01 Giải quyết hồ sơ đúng hạn' },
      { value: '12', label: 'MT-03 Sự hài lòng' },
    ],
  };

  it('accepts chosen missed objectives', () => {
    const errors = validateSubmission(
      schema,
      { correctiveActionFor: ['11'], decisionNote: 'Mở hành động khắc phục.' },
      { variables },
    );

    expect(errors).toEqual([]);
  });

  it('accepts no corrective action with a reason', () => {
    const errors = validateSubmission(
      schema,
      { correctiveActionFor: [], decisionNote: 'Không đạt do nghỉ Tết, không cần khắc phục.' },
      { variables },
    );

    expect(errors).toEqual([]);
  });

  it('rejects a measurement that did not miss', () => {
    const errors = validateSubmission(
      schema,
      { correctiveActionFor: ['99'], decisionNote: 'Mở.' },
      { variables },
    );

    expect(errors.map((error) => error.path)).toEqual(['/correctiveActionFor/0']);
  });

  it('requires the review', () => {
    const errors = validateSubmission(schema, { correctiveActionFor: ['11'] }, { variables });

    expect(errors.map((error) => error.path)).toEqual(['/decisionNote']);
  });
});

describe('English form texts', () => {
  it.each(['objective-measurement-report', 'objective-measurement-decide'])(
    '%s names only its own fields',
    (formId) => {
      const schema = loadForm(formId);
      const names = new Set<string>();
      const collect = (components: FormSchema['components']) => {
        for (const component of components) {
          for (const name of [component.id, component.key, component.path]) {
            if (name) names.add(name);
          }
          collect(component.components ?? []);
        }
      };
      collect(schema.components);

      const texts = (formsEn as Record<string, Record<string, unknown>>)[formId];

      expect(Object.keys(texts).filter((name) => !names.has(name))).toEqual([]);
    },
  );
});
