import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormComponent, FormSchema } from '../../src/forms/form-schema.js';
import { parseFormSchema, validateSubmission } from '../../src/forms/form-validator.js';
import { complaintFiling } from '../helpers/complaint-handling.js';

const formIds = [
  'complaint-handling-receive',
  'complaint-handling-triage',
  'complaint-handling-answer',
  'complaint-handling-approval',
  'complaint-handling-send',
];

const root = path.join(import.meta.dirname, '../..');
const english = JSON.parse(
  readFileSync(path.join(root, 'src/web/i18n/forms/complaint-handling.en.json'), 'utf8'),
) as Record<string, Record<string, unknown>>;

function loadForm(formId: string): FormSchema {
  const fileName = `${formId}.form`;
  return parseFormSchema(readFileSync(path.join(root, 'forms', fileName), 'utf8'), fileName);
}

function componentsOf(form: FormSchema): FormComponent[] {
  const all: FormComponent[] = [];
  const visit = (components: FormComponent[]) => {
    for (const component of components) {
      all.push(component);
      visit(component.components ?? []);
    }
  };
  visit(form.components);
  return all;
}

const variables = {
  departmentOptions: [
    { value: 'VP', label: 'Văn phòng Sở' },
    { value: 'QLKH', label: 'Phòng Quản lý khoa học' },
  ],
  handlerOptions: [
    { value: 'head.qlkh', label: 'Bùi Thị Ngọc Anh (Trưởng phòng)' },
    { value: 'staff.qlkh', label: 'Đặng Văn Khoa (Chuyên viên)' },
  ],
};

describe('complaint-handling forms', () => {
  it.each(formIds)('%s has its id and English texts', (formId) => {
    const form = loadForm(formId);
    const texts = english[formId] ?? {};

    expect(form.id).toBe(formId);
    for (const component of componentsOf(form)) {
      const name = component.key ?? component.id ?? '';
      if (component.type === 'text' || component.key)
        expect(texts[name], `${formId}: English text of ${name}`).toBeDefined();
    }
  });

  it.each(formIds)('%s keeps clear of the engine envelope keys', (formId) => {
    // The embedded engine drops process variables with these names.
    const keys = componentsOf(loadForm(formId)).map((component) => component.key);

    for (const reserved of ['content', 'fields', 'properties'])
      expect(keys).not.toContain(reserved);
  });

  it('accepts a complete filing', () => {
    const errors = validateSubmission(
      loadForm('complaint-handling-receive'),
      complaintFiling('2027-03-01'),
      { variables },
    );

    expect(errors).toEqual([]);
  });

  it('offers only the department as handlers', () => {
    const form = loadForm('complaint-handling-triage');

    const valid = validateSubmission(form, { handler: 'staff.qlkh' }, { variables });
    const invalid = validateSubmission(form, { handler: 'staff.vp' }, { variables });

    expect(valid).toEqual([]);
    expect(invalid.map((error) => error.path)).toEqual(['/handler']);
  });

  it('requires a comment to return an answer', () => {
    const form = loadForm('complaint-handling-approval');

    const approve = validateSubmission(form, { decision: 'approve', openCorrectiveAction: true });
    const bare = validateSubmission(form, { decision: 'return' });

    expect(approve).toEqual([]);
    expect(bare.map((error) => error.path)).toEqual(['/comment']);
  });

  it('requires the date and channel of the answer', () => {
    const form = loadForm('complaint-handling-send');

    const errors = validateSubmission(form, { answerChannel: 'fax' });

    expect(errors.map((error) => error.path).sort()).toEqual(['/answerChannel', '/answeredOn']);
  });
});
