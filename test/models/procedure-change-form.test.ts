import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormComponent } from '../../src/forms/form-schema.js';
import { parseFormSchema } from '../../src/forms/form-validator.js';

const root = path.join(import.meta.dirname, '../..');
const formId = 'procedure-change-approval';

interface EnglishTexts {
  label?: string;
  description?: string;
  text?: string;
  values?: Record<string, string>;
}

function componentsOf(components: FormComponent[]): FormComponent[] {
  return components.flatMap((component) => [
    component,
    ...componentsOf(component.components ?? []),
  ]);
}

describe('procedure-change approval form in English', () => {
  const form = parseFormSchema(
    readFileSync(path.join(root, 'forms', `${formId}.form`), 'utf8'),
    `${formId}.form`,
  );
  const catalog = JSON.parse(
    readFileSync(path.join(root, 'src/web/i18n/forms/procedure-change.en.json'), 'utf8'),
  ) as Record<string, Record<string, EnglishTexts>>;
  const texts = catalog[formId] ?? {};

  it('has English text for every field', () => {
    for (const component of componentsOf(form.components)) {
      const name = component.key ?? component.id ?? '';
      if (component.type !== 'text' && !component.key) continue;
      expect(texts[name], `English text of ${name}`).toBeDefined();
    }
  });

  it('labels every decision option', () => {
    const decision = componentsOf(form.components).find((c) => c.key === 'decision');
    const values = (decision?.values ?? []) as { value: string }[];

    expect(values.length).toBeGreaterThan(0);
    for (const option of values) expect(texts.decision?.values?.[option.value]).toBeTruthy();
  });

  it('shows no Vietnamese text or variable', () => {
    const english = JSON.stringify(texts);

    expect(english).not.toMatch(/[À-ỹ]/u);
    // The submission sets English versions of the Vietnamese variables.
    expect(english).not.toContain('{{resourceKindLabel}}');
    expect(english).not.toContain('{{baseVersionText}}');
    expect(english).not.toContain('{{changeSummary}}');
  });
});
