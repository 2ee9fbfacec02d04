import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectUserTaskForms, validateModel } from '../../src/engine/embedded/model-validator.js';
import type { FormSchema } from '../../src/forms/form-schema.js';
import { parseFormSchema, validateSubmission } from '../../src/forms/form-validator.js';
import {
  addMonths,
  vietnamDate,
  wakeUpTime,
} from '../../src/procedures/risk-management/review-dates.js';
import {
  MatrixGapError,
  ratingErrors,
  ratingOptions,
  scoreOf,
} from '../../src/procedures/risk-management/risk-matrix.js';
import { defaultUnitSettings } from '../../src/settings/unit-settings.js';
import { matrix4x4 } from '../helpers/risk-management.js';
import englishTexts from '../../src/web/i18n/forms/risk-management.en.json' with { type: 'json' };

const root = path.join(import.meta.dirname, '../..');
const formIds = [
  'risk-management-plan',
  'risk-management-identify',
  'risk-management-evaluate',
  'risk-management-treatment',
  'risk-management-approval',
  'risk-management-implement',
  'risk-management-report',
  'risk-management-review',
];

function loadForm(formId: string): FormSchema {
  const fileName = `${formId}.form`;
  return parseFormSchema(readFileSync(path.join(root, 'forms', fileName), 'utf8'), fileName);
}

const matrix5 = defaultUnitSettings.riskMatrix;

describe('risk matrix', () => {
  it.each([
    [1, 4, 'low'],
    [1, 5, 'medium'],
    [3, 3, 'medium'],
    [2, 5, 'high'],
    [4, 4, 'high'],
    [4, 5, 'critical'],
    [5, 5, 'critical'],
  ])('rates %i × %i as %s on 5 × 5', (likelihood, severity, level) => {
    expect(scoreOf(matrix5, likelihood, severity)).toEqual({ score: likelihood * severity, level });
  });

  it('rates the same product differently on 4 × 4', () => {
    expect(scoreOf(matrix4x4, 3, 3)).toEqual({ score: 9, level: 'high' });
    expect(scoreOf(matrix4x4, 2, 2)).toEqual({ score: 4, level: 'medium' });
  });

  it('names a score outside every band', () => {
    expect(() => scoreOf(matrix4x4, 5, 5)).toThrow(MatrixGapError);
  });

  it('offers one option per level', () => {
    const options = ratingOptions(matrix4x4);

    expect(options.likelihoodOptions).toEqual([
      { value: '1', label: '1 - Hiếm khi' },
      { value: '2', label: '2 - Có thể' },
      { value: '3', label: '3 - Thường xuyên' },
      { value: '4', label: '4 - Gần như chắc chắn' },
    ]);
    expect(ratingOptions({ ...matrix5, severityLevels: 7 }).severityOptions[6]).toEqual({
      value: '7',
      label: '7',
    });
  });

  it('reports ratings outside the scale with the range', () => {
    const labels = {
      likelihood: { vi: 'Khả năng xảy ra', en: 'Likelihood' },
      severity: { vi: 'Mức độ ảnh hưởng', en: 'Severity' },
      residualLikelihood: { vi: 'a', en: 'a' },
      residualSeverity: { vi: 'b', en: 'b' },
      benefit: { vi: 'c', en: 'c' },
      feasibility: { vi: 'd', en: 'd' },
    };

    const errors = ratingErrors(matrix4x4, { likelihood: 5, severity: 2.5 }, labels, 'en');

    expect(errors).toEqual([
      {
        path: '/likelihood',
        message:
          "Likelihood: must be a whole number from 1 to 4 (the unit's risk matrix is 4 × 4), got 5.",
      },
      {
        path: '/severity',
        message:
          "Severity: must be a whole number from 1 to 4 (the unit's risk matrix is 4 × 4), got 2.5.",
      },
    ]);
  });
});

describe('review dates', () => {
  it.each([
    ['2026-12-04', 12, '2027-12-04'],
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
  ])('adds to %s %i months', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  it('takes the day in Vietnam', () => {
    expect(vietnamDate(new Date('2026-12-04T16:59:00Z'))).toBe('2026-12-04');
    expect(vietnamDate(new Date('2026-12-04T17:00:00Z'))).toBe('2026-12-05');
    expect(wakeUpTime('2027-12-04')).toBe('2027-12-04T08:00:00+07:00');
  });
});

describe('risk-management model and forms', () => {
  it('deploys with a form for every user task', async () => {
    const xml = readFileSync(path.join(root, 'processes/risk-management.bpmn'), 'utf8');

    const model = await validateModel(xml, 'risk-management.bpmn');
    const [references] = collectUserTaskForms(model);

    expect(model.processes.map((process) => process.bpmnProcessId)).toEqual(['risk-management']);
    expect(model.warnings).toEqual([]);
    expect(references!.userTasks.map((task) => task.formId).sort()).toEqual([...formIds].sort());
  });

  it.each(formIds)('%s has English texts for its fields', (formId) => {
    const schema = loadForm(formId);
    const texts = (englishTexts as Record<string, Record<string, unknown>>)[formId] ?? {};
    const missing: string[] = [];
    const visit = (components: FormSchema['components']) => {
      for (const component of components) {
        const names = [component.key, component.path, component.id].filter(Boolean) as string[];
        const text = (component as { text?: string }).text;
        const labelled = component.label || text || component.dateLabel;
        if (labelled && !names.some((name) => name in texts)) missing.push(names.join('/'));
        if (component.components) visit(component.components);
      }
    };

    visit(schema.components);

    expect(schema.id).toBe(formId);
    expect(missing).toEqual([]);
  });

  it('offers only the ratings of the matrix', () => {
    const schema = loadForm('risk-management-identify');
    const variables = { ...ratingOptions(matrix4x4) };
    const risk = {
      process: 'Tiếp nhận hồ sơ',
      description: 'Hồ sơ bị thất lạc',
      likelihood: '5',
      severity: '4',
    };

    const errors = validateSubmission(schema, { identifiedRisks: [risk] }, { variables });

    expect(errors.map((error) => error.path)).toEqual(['/identifiedRisks/0/likelihood']);
  });

  it('requires what the workers use', () => {
    const schema = loadForm('risk-management-review');

    const errors = validateSubmission(
      schema,
      { reviewLikelihood: '2', reviewOutcome: 'later' },
      { variables: { ...ratingOptions(matrix5) } },
    );

    expect(errors.map((error) => error.path).sort()).toEqual([
      '/reviewNote',
      '/reviewOutcome',
      '/reviewSeverity',
    ]);
  });

  it('needs a comment to return the plan', () => {
    const schema = loadForm('risk-management-approval');

    expect(validateSubmission(schema, { decision: 'return', comment: ' ' })).toEqual([
      expect.objectContaining({ path: '/comment' }),
    ]);
    expect(validateSubmission(schema, { decision: 'approve' })).toEqual([]);
  });
});
