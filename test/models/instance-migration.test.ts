import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeStep, findOpenTask } from '../helpers/document-control.js';
import { draftedObjectivesOf } from '../helpers/quality-objectives.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { basicAuth, multipartResources } from '../v2/helpers.js';

interface Plan {
  processInstanceKey: string;
  migratable: boolean;
  problems: string[];
  elements: { elementId: string; active: boolean; problem: string | null }[];
}

describe('migrating running instances', () => {
  let current: TestApp & { drop: () => Promise<void> };
  let secretary: TestSession;
  let director: TestSession;
  let original: string;

  beforeAll(async () => {
    current = await createTestApp({ config: { loginRateLimit: 1000 } });
    secretary = await current.login('secretary');
    director = await current.login('director');
    original = (await secretary.request('GET', '/api/models/process/quality-objectives/versions/1'))
      .body;
  });
  afterAll(async () => {
    await current?.drop();
  });

  async function deployAsDirector(xml: string): Promise<string> {
    const { body, contentType } = await multipartResources([
      { name: 'quality-objectives.bpmn', content: xml },
    ]);
    const response = await current.app.inject({
      method: 'POST',
      url: '/v2/deployments',
      payload: body,
      headers: { authorization: basicAuth('director'), 'content-type': contentType },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().deployments[0].processDefinition.processDefinitionKey as string;
  }

  async function start(year: number): Promise<string> {
    const response = await secretary.request(
      'POST',
      '/api/procedures/quality-objectives/instances',
      { year },
    );
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { processInstanceKey: string }).processInstanceKey;
  }

  async function plans(fromVersion: number, toVersion: number, language = 'en'): Promise<Plan[]> {
    const response = await secretary.request(
      'POST',
      '/api/models/process/quality-objectives/migration-plan',
      { fromVersion, toVersion },
      { 'accept-language': language },
    );
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: Plan[] }).items;
  }

  function migrate(
    username: string,
    key: string,
    targetProcessDefinitionKey: string,
    mappingInstructions: { sourceElementId: string; targetElementId: string }[] = [],
    language = 'en',
  ) {
    return current.app.inject({
      method: 'POST',
      url: `/v2/process-instances/${key}/migration`,
      payload: { targetProcessDefinitionKey, mappingInstructions },
      headers: { authorization: basicAuth(username), 'accept-language': language },
    });
  }

  it('moves an instance with unchanged ids', async () => {
    const key = await start(2033);
    const renamed = original.replace(
      'name="Phê duyệt mục tiêu chất lượng"',
      'name="Phê duyệt mục tiêu (phiên bản 2)"',
    );
    const version2 = await deployAsDirector(renamed);

    const [plan] = (await plans(1, 2)).filter((item) => item.processInstanceKey === key);
    expect(plan).toMatchObject({ migratable: true, problems: [] });
    expect(plan?.elements).toContainEqual(
      expect.objectContaining({ elementId: 'Task_DraftObjectives', active: true, problem: null }),
    );

    const staff = await migrate('staff.vp', key, version2);
    expect(staff.statusCode).toBe(403);
    const moved = await migrate('secretary', key, version2);
    expect(moved.statusCode, moved.body).toBe(204);

    const row = await current.db('process_instances').where({ key }).first('version');
    expect(row.version).toBe(2);
    await completeStep(secretary, key, 'Task_DraftObjectives', {
      objectives: draftedObjectivesOf(2034),
    });
    const review = await findOpenTask(director, key, 'Task_ReviewObjectives');
    const task = await current.db('user_tasks').where({ key: review.key }).first('name');
    expect(task.name).toBe('Phê duyệt mục tiêu (phiên bản 2)');
    const history = await current
      .db('history_events')
      .where({ process_instance_key: key, type: 'PROCESS_INSTANCE_MIGRATED' })
      .first('actor');
    expect(history.actor).toBe('secretary');
  });

  it('refuses an instance whose waiting element is gone, with the reason', async () => {
    // New instances start on version 2, the latest.
    const key = await start(2034);
    const withoutDraft = original.replaceAll('Task_DraftObjectives', 'Task_WriteObjectives');
    const version3 = await deployAsDirector(withoutDraft);

    const [plan] = (await plans(2, 3)).filter((item) => item.processInstanceKey === key);
    const refused = await migrate('secretary', key, version3);
    const mapped = await migrate('secretary', key, version3, [
      { sourceElementId: 'Task_DraftObjectives', targetElementId: 'Task_WriteObjectives' },
    ]);

    expect(plan?.migratable).toBe(false);
    expect(plan?.problems).toContain('Task_DraftObjectives does not exist in version 3.');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details[0].message).toContain('Task_DraftObjectives');
    expect(mapped.statusCode).toBe(409);
    expect(mapped.json().detail).toContain('only to the element with the same id');
    const row = await current.db('process_instances').where({ key }).first('version');
    expect(row.version).toBe(2);
  });

  it('gives the reasons in Vietnamese when asked', async () => {
    // The instance that the previous test could not move still runs version 2.
    const plan = (await plans(2, 3, 'vi')).find((item) => !item.migratable);
    const key = plan?.processInstanceKey ?? '';
    const target = await current
      .db('process_definitions')
      .where({ bpmn_process_id: 'quality-objectives', version: 3 })
      .first('key');

    const refused = await migrate('secretary', key, String(target.key), [], 'vi');
    const staff = await migrate('staff.vp', key, String(target.key), [], 'vi');

    expect(plan?.problems).toContain('Task_DraftObjectives không còn trong phiên bản 3.');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('Không chuyển được hồ sơ');
    expect(staff.statusCode).toBe(403);
    expect(staff.json().detail).toContain('Chỉ thư ký ISO và Ban Giám đốc');
  });

  it('answers 404 for an unknown target and 400 for a bad body', async () => {
    const key = await start(2035);

    const unknown = await migrate('secretary', key, '999999999');
    const bad = await current.app.inject({
      method: 'POST',
      url: `/v2/process-instances/${key}/migration`,
      payload: { targetProcessDefinitionKey: 'abc' },
      headers: { authorization: basicAuth('secretary') },
    });

    expect(unknown.statusCode).toBe(404);
    expect(bad.statusCode).toBe(400);
  });

  it('answers 404 in Vietnamese for unknown keys', async () => {
    const key = await start(2036);

    const definition = await migrate('secretary', key, '999999999', [], 'vi');
    const instance = await migrate('secretary', '888888888', '999999999', [], 'vi');
    const english = await migrate('secretary', '888888888', '999999999', [], 'en');

    expect(definition.statusCode).toBe(404);
    expect(definition.json().detail).toBe(
      'Không tìm thấy phiên bản quy trình 999999999 trong đơn vị; hãy chọn một phiên bản trong danh sách của quy trình.',
    );
    expect(instance.statusCode).toBe(404);
    expect(instance.json().detail).toBe(
      'Không tìm thấy hồ sơ 888888888 trong đơn vị; hãy kiểm tra lại mã hồ sơ.',
    );
    expect(english.json().detail).toBe(
      'Process instance 888888888 was not found in this unit; check the instance key.',
    );
  });
});
