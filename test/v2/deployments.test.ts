import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brokenProcess, noteForm, noteProcess } from './fixtures.js';
import { basicAuth, callAs, multipartResources, startApp, type TestApp } from './helpers.js';

let testApp: TestApp;
let app: FastifyInstance;

beforeEach(async () => {
  testApp = await startApp();
  app = testApp.app;
});

afterEach(async () => {
  await testApp.close();
});

async function deploy(username: string, files: { name: string; content: string }[]) {
  const { body, contentType } = await multipartResources(files);
  return app.inject({
    method: 'POST',
    url: '/v2/deployments',
    payload: body,
    headers: { authorization: basicAuth(username), 'content-type': contentType },
  });
}

async function storedCounts() {
  const { db } = app.services;
  const count = async (table: string) => Number((await db(table).count({ count: '*' }))[0].count);
  return {
    deployments: await count('deployments'),
    forms: await count('forms'),
    processes: await count('process_definitions'),
  };
}

describe('POST /v2/deployments', () => {
  it('deploys a form and a model together', async () => {
    const files = [
      { name: 'note.form', content: noteForm },
      { name: 'note.bpmn', content: noteProcess },
    ];

    const response = await deploy('director', files);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      deploymentKey: expect.stringMatching(/^\d+$/),
      tenantId: '<default>',
      deployments: [
        {
          form: {
            formId: 'v2-note',
            version: 1,
            resourceName: 'note.form',
            tenantId: '<default>',
            formKey: expect.any(String),
          },
        },
        {
          processDefinition: {
            processDefinitionId: 'v2-note-process',
            processDefinitionVersion: 1,
            resourceName: 'note.bpmn',
            tenantId: '<default>',
          },
        },
      ],
    });
    const started = await callAs(app, 'director', 'POST', '/v2/process-instances', {
      processDefinitionId: 'v2-note-process',
    });
    expect(started.statusCode).toBe(200);
  });

  it('stores nothing when one resource is invalid', async () => {
    const before = await storedCounts();

    const response = await deploy('director', [
      { name: 'note.form', content: noteForm },
      { name: 'broken.bpmn', content: brokenProcess },
    ]);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'EISO_ERR_MODEL_INVALID',
      status: 400,
      detail: expect.stringContaining('broken.bpmn'),
    });
    expect(await storedCounts()).toEqual(before);
  });

  it('names the invalid form component in Vietnamese', async () => {
    const form = JSON.stringify({
      id: 'v2-broken',
      type: 'default',
      components: [{ id: 'Field_Note', type: 'textfield', label: 'Ghi chú' }],
    });

    const response = await deploy('director', [{ name: 'broken.form', content: form }]);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'EISO_ERR_FORM_SCHEMA_INVALID',
      detail:
        'Tệp biểu mẫu broken.form: Thành phần Field_Note (Ô nhập chữ, textfield) chưa có khóa. ' +
        'Hãy đặt "key" là tên biến mà trường ghi giá trị vào.',
    });
  });

  it('keeps the version of an unchanged resource', async () => {
    await deploy('director', [{ name: 'note.form', content: noteForm }]);

    const again = await deploy('director', [{ name: 'note.form', content: noteForm }]);

    expect(again.json().deployments).toMatchObject([{ form: { formId: 'v2-note', version: 1 } }]);
  });

  it('refuses everyone but the board, and sends the secretary to a draft', async () => {
    const staff = await deploy('staff.vp', [{ name: 'note.form', content: noteForm }]);
    const secretary = await deploy('secretary', [{ name: 'note.form', content: noteForm }]);

    expect(staff.statusCode).toBe(403);
    expect(staff.json()).toMatchObject({ code: 'EISO_ERR_FORBIDDEN' });
    expect(secretary.statusCode).toBe(403);
    expect(secretary.json().detail).toContain('/api/model-drafts');
  });

  it('rejects a model that fails the lint', async () => {
    const before = await storedCounts();
    const formless = noteProcess
      .replace(/<zeebe:formDefinition[^>]*\/>/, '')
      .replace(/candidateGroups="[^"]*"/, 'candidateGroups="no-such-group"');

    const response = await deploy('director', [
      { name: 'note.form', content: noteForm },
      { name: 'note.bpmn', content: formless },
    ]);

    expect(response.statusCode, response.body).toBe(400);
    const messages = (response.json().details as { message: string }[]).map((d) => d.message);
    expect(messages.some((m) => m.includes('chưa có biểu mẫu'))).toBe(true);
    expect(messages.some((m) => m.includes('nhóm "no-such-group"'))).toBe(true);
    expect(await storedCounts()).toEqual(before);
  });

  it('needs multipart with at least one file', async () => {
    const json = await callAs(app, 'director', 'POST', '/v2/deployments', { resources: [] });
    const empty = await deploy('director', []);

    expect(json.statusCode).toBe(400);
    expect(json.json().details).toMatchObject([{ path: '/content-type' }]);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details).toMatchObject([{ path: '/resources' }]);
  });
});
