import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const formsDir = path.resolve(import.meta.dirname, '../../forms');

async function readForm(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(path.join(formsDir, name), 'utf8')) as Record<
    string,
    unknown
  >;
}

describe('POST /api/forms/preview-validation', () => {
  let test: TestApp & { drop: () => Promise<void> };

  beforeAll(async () => {
    test = await createTestApp();
  });

  afterAll(async () => {
    await test?.drop();
  });

  it('returns the field errors in the request language', async () => {
    const session = await test.login('secretary');
    const schema = await readForm('quality-objectives-approval.form');

    const response = await session.request(
      'POST',
      '/api/forms/preview-validation',
      { schema, data: {} },
      { 'accept-language': 'vi' },
    );

    expect(response.statusCode).toBe(200);
    const { errors } = response.json() as { errors: { path: string; message: string }[] };
    expect(errors.map((error) => error.path)).toContain('/decision');
    expect(errors.find((error) => error.path === '/decision')?.message).toMatch(/[ạảấầđ]/);
  });

  it('returns no errors for valid data', async () => {
    const session = await test.login('secretary');
    const schema = await readForm('quality-objectives-approval.form');

    const response = await session.request('POST', '/api/forms/preview-validation', {
      schema,
      data: { decision: 'approve' },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ errors: [] });
  });

  it('rejects a schema that is no form-js form', async () => {
    const session = await test.login('secretary');

    const response = await session.request('POST', '/api/forms/preview-validation', {
      schema: { id: 'x', type: 'default' },
      data: {},
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('EISO_ERR_FORM_SCHEMA_INVALID');
    expect(response.json().message).toContain('components');
  });

  it('rejects a schema in Vietnamese', async () => {
    const session = await test.login('secretary');

    const response = await session.request(
      'POST',
      '/api/forms/preview-validation',
      {
        schema: { id: 'x', type: 'default', components: [{ type: 'slider', id: 'Field_1' }] },
        data: {},
      },
      { 'accept-language': 'vi' },
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      'Tệp biểu mẫu schema: Biểu mẫu có thành phần Field_1 (slider), không phải loại thành ' +
        'phần của form-js 1.23. Hãy thay bằng một thành phần có trong trình soạn biểu mẫu.',
    );
  });

  it('rejects a request without data', async () => {
    const session = await test.login('secretary');

    const response = await session.request('POST', '/api/forms/preview-validation', {
      schema: { id: 'x', type: 'default', components: [] },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('data');
  });

  it('is closed to staff', async () => {
    const session = await test.login('staff.vp');

    const response = await session.request('POST', '/api/forms/preview-validation', {
      schema: { id: 'x', type: 'default', components: [] },
      data: {},
    });

    expect(response.statusCode).toBe(403);
  });
});
