import { describe, expect, it } from 'vitest';
import { formTitle } from '../../src/forms/form-title.js';

function form(components: unknown[], name?: string) {
  return { id: 'f', type: 'default', components, ...(name ? { name } : {}) };
}

describe('form title', () => {
  it('prefers the schema name', () => {
    expect(formTitle(form([{ type: 'text', text: '### Heading' }], 'Phiếu đề xuất'))).toBe(
      'Phiếu đề xuất',
    );
  });

  it('takes the first heading', () => {
    const schema = form([
      { type: 'textfield', key: 'title', label: 'Tên' },
      { type: 'text', text: 'Lời dẫn không phải tiêu đề' },
      {
        type: 'group',
        components: [{ type: 'text', text: '#### Phê duyệt mục tiêu\n\nNội dung' }],
      },
    ]);

    expect(formTitle(schema)).toBe('Phê duyệt mục tiêu');
  });

  it('marks template expressions', () => {
    const schema = form([
      {
        type: 'text',
        text: '### {{if kind = "new" then "Soạn tài liệu mới" else "Sửa tài liệu"}} {{code}}, lần {{issue}}',
      },
    ]);

    expect(formTitle(schema)).toBe('Soạn tài liệu mới …, lần …');
  });

  it('fills in bare variables', () => {
    const schema = form([
      { type: 'text', text: '### Mục tiêu năm {{year}} của {{ unit }}, {{a.b}}' },
    ]);

    expect(formTitle(schema, { year: 2027, unit: 'Văn phòng' })).toBe(
      'Mục tiêu năm 2027 của Văn phòng, …',
    );
    expect(formTitle(schema)).toBe('Mục tiêu năm … của …, …');
  });

  it('returns null without a heading', () => {
    expect(formTitle(form([{ type: 'text', text: '### {{title}}' }]))).toBeNull();
    expect(formTitle(form([{ type: 'textfield', key: 'a' }]))).toBeNull();
    expect(formTitle('not a schema')).toBeNull();
  });
});
