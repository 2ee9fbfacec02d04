// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  formLinkDescription,
  formLinkOptions,
  type DeployedForms,
} from '../../src/web/models/form-link-options.js';

const loaded: DeployedForms = {
  status: 'loaded',
  forms: [
    { id: 'quality-objectives-draft', title: 'Soạn thảo mục tiêu' },
    { id: 'risk-management-identify', title: 'Nhận diện rủi ro và cơ hội' },
  ],
};

describe('form link options', () => {
  it('lists deployed forms by title and id', () => {
    expect(formLinkOptions(loaded, 'quality-objectives-draft')).toEqual([
      { value: 'quality-objectives-draft', label: 'Soạn thảo mục tiêu (quality-objectives-draft)' },
      {
        value: 'risk-management-identify',
        label: 'Nhận diện rủi ro và cơ hội (risk-management-identify)',
      },
    ]);
    expect(formLinkDescription(loaded, 'quality-objectives-draft')).toBeUndefined();
  });

  it('keeps an unknown id as not deployed', () => {
    const options = formLinkOptions(loaded, 'bieu-mau-la');
    expect(options[0]).toEqual({ value: 'bieu-mau-la', label: 'bieu-mau-la (chưa triển khai)' });
    expect(options).toHaveLength(3);
    expect(formLinkDescription(loaded, 'bieu-mau-la')).toContain(
      'Đơn vị chưa triển khai biểu mẫu “bieu-mau-la”',
    );
  });

  it('offers a disabled prompt for an empty id', () => {
    expect(formLinkOptions(loaded, '')[0]).toEqual({
      value: '',
      label: '— Chọn biểu mẫu —',
      disabled: true,
    });
    expect(formLinkDescription(loaded, '')).toBeUndefined();
  });

  it('shows a FEEL expression as an expression', () => {
    expect(formLinkOptions(loaded, '=formName')[0]?.label).toBe('Biểu thức: =formName');
    expect(formLinkDescription(loaded, '=formName')).toBeUndefined();
  });

  it('shows the id as it is until the list arrives', () => {
    const loading: DeployedForms = { status: 'loading' };
    expect(formLinkOptions(loading, 'bieu-mau-la')).toEqual([
      { value: 'bieu-mau-la', label: 'bieu-mau-la' },
    ]);
    expect(formLinkDescription(loading, 'bieu-mau-la')).toBe('Đang tải danh sách biểu mẫu…');
  });

  it('explains a failed list request', () => {
    const failed: DeployedForms = { status: 'failed' };
    expect(formLinkOptions(failed, '')[0]?.label).toContain('Không tải được danh sách biểu mẫu');
    expect(formLinkDescription(failed, 'quality-objectives-draft')).toContain(
      'Không tải được danh sách biểu mẫu',
    );
  });
});
