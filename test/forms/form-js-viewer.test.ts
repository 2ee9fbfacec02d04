// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Form, formFields, schemaVersion } from '@bpmn-io/form-js';
import { afterEach, describe, expect, it } from 'vitest';

import { knownComponentTypes } from '../../src/forms/form-schema.js';
import type { FormSchema } from '../../src/forms/form-schema.js';
import { parseFormSchema, validateSubmission } from '../../src/forms/form-validator.js';

const formIds = [
  'quality-objectives-draft',
  'quality-objectives-approval',
  'quality-objectives-disseminate',
  'quality-objectives-acknowledge',
];

function loadForm(formId: string): FormSchema {
  const fileName = `${formId}.form`;
  const json = readFileSync(path.join(import.meta.dirname, '../../forms', fileName), 'utf8');
  return parseFormSchema(json, fileName);
}

const departmentOptions = [
  { value: 'VP', label: 'Văn phòng' },
  { value: 'TTRA', label: 'Thanh tra' },
];

const objective = {
  title: 'Giải quyết thủ tục hành chính đúng hạn',
  indicator: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
  formula: 'Số hồ sơ đúng hạn / Tổng số hồ sơ × 100%',
  targetValue: 98,
  targetUnit: '%',
  ownerDepartment: 'TTRA',
  deadline: '2026-12-31',
  resources: 'Cán bộ một cửa',
  evaluationMethod: 'Thống kê hằng quý',
};

const processVariables = { year: 2026, departmentOptions, objectives: [objective] };

let forms: Form[] = [];

interface RenderedForm {
  form: Form;
  text: string;
}

async function render(formId: string, data: Record<string, unknown>): Promise<RenderedForm> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const form = new Form({ container });
  forms.push(form);
  await form.importSchema(loadForm(formId), data);
  return { form, text: container.textContent ?? '' };
}

afterEach(() => {
  forms.forEach((form) => form.destroy());
  forms = [];
  document.body.innerHTML = '';
});

describe('form-js component types', () => {
  it('match the viewer registry', () => {
    const registered = formFields.map((field) => field.config.type);

    expect(new Set(registered)).toEqual(knownComponentTypes);
  });

  it.each(formIds)('%s uses the viewer schemaVersion', (formId) => {
    expect(loadForm(formId).schemaVersion).toBe(schemaVersion);
  });
});

describe('form-js viewer import', () => {
  it.each(formIds)('%s imports without warnings', async (formId) => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    const form = new Form({ container });
    forms.push(form);

    const result: { warnings: unknown[] } = await form.importSchema(
      loadForm(formId),
      processVariables,
    );

    expect(result.warnings).toEqual([]);
  });
});

describe('draft form in form-js', () => {
  it('shows the return comment', async () => {
    const { text } = await render('quality-objectives-draft', {
      ...processVariables,
      decision: 'return',
      comment: 'Bổ sung chỉ tiêu về cải cách hành chính',
    });

    expect(text).toContain('Bổ sung chỉ tiêu về cải cách hành chính');
  });

  it('hides the comment before review', async () => {
    const { text } = await render('quality-objectives-draft', processVariables);

    expect(text).not.toContain('Ý kiến của lãnh đạo');
  });

  it('submits data the server accepts', async () => {
    const { form } = await render('quality-objectives-draft', processVariables);

    const { data, errors } = form.submit();

    expect(errors).toEqual({});
    expect(data).toEqual({ objectives: [objective] });
    expect(
      validateSubmission(loadForm('quality-objectives-draft'), data, {
        variables: processVariables,
      }),
    ).toEqual([]);
  });

  it('empty draft fails both checks', async () => {
    const { form } = await render('quality-objectives-draft', { year: 2026, departmentOptions });

    const { data, errors } = form.submit();

    expect(Object.keys(errors).length).toBeGreaterThan(0);
    expect(validateSubmission(loadForm('quality-objectives-draft'), data).length).toBeGreaterThan(
      0,
    );
  });
});

describe('approval form in form-js', () => {
  it('shows objectives with department names', async () => {
    const { text } = await render('quality-objectives-approval', processVariables);

    expect(text).toContain('Giải quyết thủ tục hành chính đúng hạn');
    expect(text).toContain('Thanh tra');
    expect(text).toContain('Trả lại để chỉnh sửa');
  });

  it('submits only the decision', async () => {
    const { form } = await render('quality-objectives-approval', {
      ...processVariables,
      decision: 'return',
      comment: 'Bổ sung nguồn lực',
    });

    const { data } = form.submit();

    expect(data).toEqual({ decision: 'return', comment: 'Bổ sung nguồn lực' });
    expect(validateSubmission(loadForm('quality-objectives-approval'), data)).toEqual([]);
  });

  it('return without comment fails on the server', async () => {
    const { form } = await render('quality-objectives-approval', {
      ...processVariables,
      decision: 'return',
    });

    const { data } = form.submit();

    expect(validateSubmission(loadForm('quality-objectives-approval'), data)).toHaveLength(1);
  });
});

describe('disseminate form in form-js', () => {
  it('submits data the server accepts', async () => {
    const { form } = await render('quality-objectives-disseminate', {
      ...processVariables,
      disseminationNote: 'Phổ biến tại họp giao ban',
      disseminatedOn: '2026-01-15',
    });

    const { data, errors } = form.submit();

    expect(errors).toEqual({});
    expect(validateSubmission(loadForm('quality-objectives-disseminate'), data)).toEqual([]);
  });
});

describe('acknowledge form in form-js', () => {
  it('names the department', async () => {
    const { text } = await render('quality-objectives-acknowledge', {
      ...processVariables,
      department: 'VP',
    });

    expect(text).toContain('Phòng: Văn phòng');
  });

  it('falls back to the department code', async () => {
    const { text } = await render('quality-objectives-acknowledge', {
      ...processVariables,
      department: 'QLCN',
    });

    expect(text).toContain('Phòng: QLCN');
  });

  it('submits data the server accepts', async () => {
    const { form } = await render('quality-objectives-acknowledge', {
      ...processVariables,
      department: 'VP',
      acknowledged: true,
    });

    const { data, errors } = form.submit();

    expect(errors).toEqual({});
    expect(data).toEqual({ acknowledged: true, acknowledgeNote: '' });
    expect(validateSubmission(loadForm('quality-objectives-acknowledge'), data)).toEqual([]);
  });

  it('unchecked box fails both checks', async () => {
    const { form } = await render('quality-objectives-acknowledge', {
      ...processVariables,
      department: 'VP',
    });

    const { data, errors } = form.submit();

    expect(Object.keys(errors)).toEqual(['Field_Acknowledged']);
    expect(validateSubmission(loadForm('quality-objectives-acknowledge'), data)).toHaveLength(1);
  });
});
