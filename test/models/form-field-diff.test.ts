import { describe, expect, it } from 'vitest';
import { diffFormFields } from '../../src/web/model-versions/form-field-diff.js';

const base = {
  id: 'approval',
  type: 'default',
  schemaVersion: 19,
  components: [
    { type: 'text', id: 'Text_Intro', text: '### Phê duyệt\n\nXem dự thảo.' },
    {
      type: 'radio',
      id: 'Field_Decision',
      key: 'decision',
      label: 'Quyết định',
      values: [{ label: 'Phê duyệt', value: 'approve' }],
    },
    {
      type: 'group',
      id: 'Group_Notes',
      label: 'Ghi chú',
      components: [{ type: 'textarea', id: 'Field_Comment', key: 'comment', label: 'Ý kiến' }],
    },
  ],
};

function changed(mutate: (schema: typeof base & Record<string, unknown>) => void) {
  const copy = structuredClone(base) as typeof base & Record<string, unknown>;
  mutate(copy);
  return diffFormFields(JSON.stringify(base), JSON.stringify(copy));
}

describe('form field diff', () => {
  it('names a changed label', () => {
    const diff = changed((schema) => {
      schema.components[1]!.label = 'Quyết định của Ban Giám đốc';
    });

    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]!.after.label).toBe('Quyết định của Ban Giám đốc');
    expect(diff.changed[0]!.changes).toEqual([
      { property: 'label', before: 'Quyết định', after: 'Quyết định của Ban Giám đốc' },
    ]);
  });

  it('lists added and removed fields', () => {
    const diff = changed((schema) => {
      schema.components.splice(1, 1);
      schema.components.push({
        type: 'textfield',
        id: 'Field_Reference',
        key: 'reference',
        label: 'Số hiệu',
      } as never);
    });

    expect(diff.added.map((field) => [field.id, field.label, field.key])).toEqual([
      ['Field_Reference', 'Số hiệu', 'reference'],
    ]);
    expect(diff.removed.map((field) => [field.id, field.label])).toEqual([
      ['Field_Decision', 'Quyết định'],
    ]);
    expect(diff.changed).toEqual([]);
  });

  it('finds nested fields and moves', () => {
    const diff = changed((schema) => {
      const group = schema.components[2] as { components: unknown[] };
      const comment = group.components.pop();
      schema.components.push(comment as never);
    });

    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]!.after.id).toBe('Field_Comment');
    expect(diff.changed[0]!.changes).toEqual([
      { property: 'parent', before: 'Group_Notes', after: null },
    ]);
  });

  it('reports option and form changes', () => {
    const diff = changed((schema) => {
      schema.components[1]!.values!.push({ label: 'Trả lại', value: 'return' });
      schema.name = 'Phiếu phê duyệt';
      schema.schemaVersion = 20;
    });

    expect(diff.changed[0]!.changes.map((change) => change.property)).toEqual(['values']);
    expect(diff.form).toEqual([{ property: 'name', before: undefined, after: 'Phiếu phê duyệt' }]);
  });

  it('labels a text view by its heading', () => {
    const diff = diffFormFields(null, JSON.stringify(base));

    expect(diff.added.map((field) => field.label)).toEqual([
      'Phê duyệt',
      'Quyết định',
      'Ghi chú',
      'Ý kiến',
    ]);
    expect(diff.form).toEqual([]);
  });
});
