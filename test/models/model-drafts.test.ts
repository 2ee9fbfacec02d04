import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundledResources } from '../../src/app.js';
import { deployChangedResources } from '../../src/runtime/deployer.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { completeStep, findOpenTask, submitTask } from '../helpers/document-control.js';
import { draftedObjectivesOf } from '../helpers/quality-objectives.js';

interface Draft {
  id: string;
  status: string;
  baseVersion: number | null;
  processInstanceKey: string | null;
  deployedVersion: number | null;
  decisionComment: string | null;
  problems: { rule: string; severity: string; elementId: string | null }[];
}

interface ModelList {
  processes: {
    id: string;
    latestVersion: number;
    openDraft: { id: string; status: string } | null;
    versions: {
      version: number;
      comment: string | null;
      source: string;
      runningInstances: number;
      deployedByName: string | null;
    }[];
  }[];
}

const renamed = 'Phê duyệt mục tiêu chất lượng (sửa)';

describe('changing a procedure through an approved draft', () => {
  let current: TestApp & { drop: () => Promise<void> };
  let secretary: TestSession;
  let director: TestSession;
  let original: string;

  beforeAll(async () => {
    current = await createTestApp({ config: { loginRateLimit: 1000 } });
    secretary = await current.login('secretary');
    director = await current.login('director');
    const response = await secretary.request(
      'GET',
      '/api/models/process/quality-objectives/versions/1',
    );
    expect(response.statusCode, response.body).toBe(200);
    original = response.body;
  });
  afterAll(async () => {
    await current?.drop();
  });

  async function models(): Promise<ModelList> {
    const response = await secretary.request('GET', '/api/models');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ModelList;
  }

  async function startObjectives(year: number): Promise<string> {
    const response = await secretary.request(
      'POST',
      '/api/procedures/quality-objectives/instances',
      {
        year,
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { processInstanceKey: string }).processInstanceKey;
  }

  it('keeps staff out of drafts and lint', async () => {
    const staff = await current.login('staff.vp');

    const lint = await staff.request('POST', '/api/models/lint', {
      kind: 'process',
      content: original,
    });
    const draft = await staff.request('POST', '/api/model-drafts', {
      kind: 'process',
      content: original,
    });

    expect(lint.statusCode).toBe(403);
    expect(draft.statusCode).toBe(403);
  });

  it('answers errors in Vietnamese when asked', async () => {
    const vi = { 'accept-language': 'vi-VN,vi;q=0.9' };
    const staff = await current.login('staff.vp');
    const created = await secretary.request(
      'POST',
      '/api/model-drafts',
      { kind: 'process', content: original.replace('Xây dựng', 'Xây dựng lại') },
      vi,
    );
    expect(created.statusCode, created.body).toBe(201);

    const forbidden = await staff.request('GET', '/api/model-drafts', undefined, vi);
    const missing = await secretary.request('GET', '/api/model-drafts/999999', undefined, vi);
    const second = await secretary.request(
      'POST',
      '/api/model-drafts',
      { kind: 'process', content: original },
      vi,
    );
    const noVersion = await secretary.request(
      'GET',
      '/api/models/process/quality-objectives/versions/99',
      undefined,
      vi,
    );
    const withdrawn = await secretary.request(
      'DELETE',
      `/api/model-drafts/${created.json().id}`,
      undefined,
      vi,
    );
    const closed = await secretary.request(
      'DELETE',
      `/api/model-drafts/${created.json().id}`,
      undefined,
      vi,
    );

    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().detail).toContain('Chỉ thư ký ISO và Ban Giám đốc');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('Không tìm thấy bản nháp 999999.');
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toContain('đang có bản nháp');
    expect(noVersion.statusCode).toBe(404);
    expect(noVersion.json().detail).toContain('Không tìm thấy phiên bản 99');
    expect(withdrawn.statusCode).toBe(200);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toContain('đã bị rút');
  });

  it('shows engine findings of a draft in Vietnamese', async () => {
    const vi = { 'accept-language': 'vi' };
    const scripted = original.replace(
      /<bpmn:sequenceFlow id="Flow_Approved"([^>]*)>\s*<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">[^<]*</,
      '<bpmn:sequenceFlow id="Flow_Approved"$1><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">decision == 1<',
    );
    expect(scripted).toContain('decision == 1');

    const lint = await secretary.request(
      'POST',
      '/api/models/lint',
      { kind: 'process', content: scripted },
      vi,
    );

    const engine = (
      lint.json() as { problems: { rule: string; message: string; detail: string }[] }
    ).problems.find((problem) => problem.rule === 'engine');
    expect(engine?.message).toContain('phải là biểu thức FEEL bắt đầu bằng "="');
    expect(engine?.detail).toContain('must be a FEEL expression');
  });

  it('names the component of a form problem', async () => {
    const form = JSON.stringify({
      id: 'broken-form',
      type: 'default',
      components: [
        { id: 'Field_Name', key: 'name', type: 'textfield', label: 'Họ tên' },
        { id: 'Field_Note', type: 'textarea', label: 'Ghi chú' },
      ],
    });
    const lint = (language: string) =>
      secretary.request(
        'POST',
        '/api/models/lint',
        { kind: 'form', content: form },
        { 'accept-language': language },
      );

    const inVietnamese = await lint('vi');
    const inEnglish = await lint('en');

    expect(inVietnamese.statusCode, inVietnamese.body).toBe(200);
    expect(inVietnamese.json().problems).toEqual([
      {
        elementId: 'Field_Note',
        message:
          'Biểu mẫu không hợp lệ: Thành phần Field_Note (Ô nhập đoạn văn, textarea) chưa có ' +
          'khóa. Hãy đặt "key" là tên biến mà trường ghi giá trị vào.',
        detail:
          'Component Field_Note (textarea) has no key. Set "key" to the variable that the ' +
          'field writes.',
        rule: 'form',
        severity: 'error',
      },
    ]);
    expect(inEnglish.json().problems[0].message).toBe(
      'Component Field_Note (textarea) has no key. Set "key" to the variable that the field ' +
        'writes.',
    );
  });

  it('translates a form without components', async () => {
    const content = JSON.stringify({ id: 'empty-form', type: 'default' });

    const lint = await secretary.request(
      'POST',
      '/api/models/lint',
      { kind: 'form', content },
      { 'accept-language': 'vi' },
    );

    expect(lint.json().problems).toEqual([
      {
        elementId: null,
        message:
          'Biểu mẫu không hợp lệ: Biểu mẫu chưa có mảng "components". Hãy thêm các trường của ' +
          'biểu mẫu vào đó.',
        detail: 'The form has no "components" array. Add the form fields there.',
        rule: 'form',
        severity: 'error',
      },
    ]);
  });

  it('lists the seeded procedures as first approved versions', async () => {
    const list = await models();
    const objectives = list.processes.find((process) => process.id === 'quality-objectives');

    expect(objectives?.latestVersion).toBe(1);
    expect(objectives?.versions[0]).toMatchObject({ version: 1, source: 'bundled' });
  });

  it('names each form by its title', async () => {
    const response = await secretary.request('GET', '/api/models');
    const forms = (response.json() as { forms: { id: string; name: string | null }[] }).forms;

    expect(forms.find((form) => form.id === 'quality-objectives-draft')?.name).toBe(
      'Soạn thảo mục tiêu chất lượng năm …',
    );
    expect(forms.find((form) => form.id === 'risk-management-identify')?.name).toBe(
      'Nhận diện rủi ro và cơ hội',
    );
  });

  it('runs a change through return, approval and deployment', async () => {
    const runningKey = await startObjectives(2031);

    // A user task without a form is a lint error, which blocks the submission.
    const formless = original
      .replace('name="Phê duyệt mục tiêu chất lượng"', `name="${renamed}"`)
      .replace('<zeebe:formDefinition formId="quality-objectives-approval" />', '');
    const created = await secretary.request('POST', '/api/model-drafts', {
      kind: 'process',
      content: formless,
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json() as Draft;
    expect(draft).toMatchObject({ status: 'draft', baseVersion: 1 });
    expect(draft.problems).toContainEqual(
      expect.objectContaining({ rule: 'eiso/user-task-form', severity: 'error' }),
    );

    const second = await secretary.request('POST', '/api/model-drafts', {
      kind: 'process',
      content: original,
    });
    expect(second.statusCode).toBe(409);

    const noReason = await secretary.request('POST', `/api/model-drafts/${draft.id}/submit`, {
      reason: '  ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details).toMatchObject([{ path: '/reason' }]);

    const blocked = await secretary.request('POST', `/api/model-drafts/${draft.id}/submit`, {
      reason: 'Đổi tên bước phê duyệt',
    });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().code).toBe('EISO_ERR_MODEL_INVALID');

    const fixedContent = original.replace(
      'name="Phê duyệt mục tiêu chất lượng"',
      `name="${renamed}"`,
    );
    expect(fixedContent).not.toBe(original);
    const fixed = await secretary.request('PUT', `/api/model-drafts/${draft.id}`, {
      content: fixedContent,
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((fixed.json() as Draft).problems.filter((p) => p.severity === 'error')).toEqual([]);

    const submitted = await secretary.request('POST', `/api/model-drafts/${draft.id}/submit`, {
      reason: 'Đổi tên bước phê duyệt cho rõ',
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const changeKey = (submitted.json() as Draft).processInstanceKey!;
    expect((submitted.json() as Draft).status).toBe('submitted');
    const locked = await secretary.request('PUT', `/api/model-drafts/${draft.id}`, {
      content: fixedContent,
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().detail).toContain('ask the board to return the draft');
    const tooLong = await secretary.request('POST', `/api/model-drafts/${draft.id}/submit`, {
      reason: 'x'.repeat(2001),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().details[0].path).toContain('reason');

    // The director reads the change summary, then returns the draft; a return needs a comment.
    const task = await findOpenTask(director, changeKey, 'Task_Approve');
    // The inbox row names the procedure that changes.
    const taskRow = await current.db('user_tasks').where({ key: task.key }).first('name');
    expect(taskRow.name).toBe(
      'Duyệt thay đổi quy trình: Xây dựng và phổ biến mục tiêu chất lượng (quality-objectives)',
    );
    const opened = await director.request('GET', `/api/tasks/${task.key}`);
    expect(opened.json().variables.changeSummary).toContain(renamed);
    expect(opened.json().variables).toMatchObject({
      resourceKindLabelEn: 'process',
      baseVersionTextEn: 'version 1',
    });
    expect(opened.json().variables.changeSummaryEn).toContain(`Changed: ${renamed}`);
    const silent = await submitTask(director, changeKey, 'Task_Approve', { decision: 'return' });
    expect(silent.statusCode).toBe(400);
    expect(silent.json().details).toMatchObject([{ path: '/comment' }]);
    await completeStep(director, changeKey, 'Task_Approve', {
      decision: 'return',
      comment: 'Ghi rõ căn cứ',
    });
    const returned = (await secretary.request('GET', `/api/model-drafts/${draft.id}`)).json();
    expect(returned).toMatchObject({ status: 'returned', decisionComment: 'Ghi rõ căn cứ' });
    expect(returned).toMatchObject({
      createdBy: 'secretary',
      createdByName: 'Nguyễn Thu Hà',
      updatedByName: 'Nguyễn Thu Hà',
      submittedByName: 'Nguyễn Thu Hà',
      decidedBy: 'director',
      decidedByName: 'Trần Văn Minh',
    });
    expect(
      (await models()).processes.find((p) => p.id === 'quality-objectives')?.latestVersion,
    ).toBe(1);

    // Submitted again and approved, the draft deploys as version 2.
    const again = await secretary.request('POST', `/api/model-drafts/${draft.id}/submit`, {
      reason: 'Đổi tên bước phê duyệt, có căn cứ',
    });
    expect(again.statusCode, again.body).toBe(200);
    const approvalKey = (again.json() as Draft).processInstanceKey!;
    await completeStep(director, approvalKey, 'Task_Approve', { decision: 'approve' });

    const deployed = (await secretary.request('GET', `/api/model-drafts/${draft.id}`)).json();
    expect(deployed).toMatchObject({ status: 'deployed', deployedVersion: 2 });
    const objectives = (await models()).processes.find((p) => p.id === 'quality-objectives');
    expect(objectives?.versions[0]).toMatchObject({
      version: 2,
      source: 'draft',
      comment: 'Đổi tên bước phê duyệt, có căn cứ',
      deployedByName: 'Trần Văn Minh',
    });
    expect(objectives?.versions[1]).toMatchObject({ version: 1, runningInstances: 1 });
    expect(objectives?.openDraft).toBeNull();

    // The department heads acknowledge objectives, so their groups are notified only if their
    // task changed. The board's review task changed, so the board is notified.
    const notices = await current
      .db('notifications')
      .where({ process_instance_key: approvalKey })
      .select('recipient_user', 'recipient_group');
    expect(notices).toContainEqual({ recipient_user: 'secretary', recipient_group: null });
    expect(notices).toContainEqual({ recipient_user: null, recipient_group: 'board' });

    // The instance that started on version 1 stays on it; a new one runs version 2.
    await completeStep(secretary, runningKey, 'Task_DraftObjectives', {
      objectives: draftedObjectivesOf(2031),
    });
    const oldTask = await findOpenTask(director, runningKey, 'Task_ReviewObjectives');
    const oldTaskName = await current.db('user_tasks').where({ key: oldTask.key }).first('name');
    expect(oldTaskName.name).toBe('Phê duyệt mục tiêu chất lượng');
    const newKey = await startObjectives(2032);
    const instance = await current.db('process_instances').where({ key: newKey }).first('version');
    expect(instance.version).toBe(2);
  });

  it('never overwrites an approved version with the bundled file', async () => {
    const unitId = String(
      (await current.db('units').where({ kind: 'agency' }).first('id')).id as string,
    );
    const result = await deployChangedResources(
      current.db,
      current.app.services.logger,
      unitId,
      readBundledResources(current.app.services.config),
      'system',
    );

    expect(result).toBeNull();
    const list = await models();
    expect(list.processes.find((p) => p.id === 'quality-objectives')?.latestVersion).toBe(2);
  });

  it('diffs, downloads and restores versions', async () => {
    const diff = await secretary.request(
      'GET',
      '/api/models/process/quality-objectives/diff?from=1&to=2',
    );
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json().diff.changed).toEqual([
      expect.objectContaining({
        id: 'Task_ReviewObjectives',
        changes: [{ property: 'name', before: 'Phê duyệt mục tiêu chất lượng', after: renamed }],
      }),
    ]);

    const download = await secretary.request(
      'GET',
      '/api/models/process/quality-objectives/versions/1?download=1',
    );
    expect(download.headers['content-disposition']).toContain('quality-objectives-v1.bpmn');

    const restored = await secretary.request(
      'POST',
      '/api/models/process/quality-objectives/versions/1/restore',
    );
    expect(restored.statusCode, restored.body).toBe(201);
    expect(restored.json()).toMatchObject({ status: 'draft', baseVersion: 2, content: original });

    const withdrawn = await secretary.request('DELETE', `/api/model-drafts/${restored.json().id}`);
    expect(withdrawn.json().status).toBe('withdrawn');
  });

  it('refuses to submit a draft equal to the version in force', async () => {
    const form = (
      await secretary.request('GET', '/api/models/form/quality-objectives-draft/versions/1')
    ).body;
    const created = await secretary.request('POST', '/api/model-drafts', {
      kind: 'form',
      content: form,
    });
    expect(created.statusCode, created.body).toBe(201);

    const submitted = await secretary.request(
      'POST',
      `/api/model-drafts/${created.json().id}/submit`,
      { reason: 'Không đổi gì' },
    );

    expect(submitted.statusCode).toBe(400);
    expect(submitted.json().detail).toContain('equals version 1');
    expect(submitted.json().details).toMatchObject([{ path: '/content' }]);
    const row = await current.db('model_drafts').where({ id: created.json().id }).first('status');
    expect(row.status).toBe('draft');
  });

  it('answers 400 and 404 with the field for bad input', async () => {
    const wrongKind = await secretary.request('POST', '/api/model-drafts', {
      kind: 'dmn',
      content: 'x',
    });
    const garbage = await secretary.request('POST', '/api/model-drafts', {
      kind: 'process',
      content: '<not-bpmn',
    });
    const missing = await secretary.request('GET', '/api/model-drafts/999999');
    const badVersion = await secretary.request(
      'GET',
      '/api/models/process/quality-objectives/versions/99',
    );

    const vietnameseId = await secretary.request('POST', '/api/model-drafts', {
      kind: 'process',
      content: original.replaceAll('quality-objectives', 'mục-tiêu'),
    });
    expect(vietnameseId.statusCode).toBe(400);
    expect(vietnameseId.json().detail).toContain('"mục-tiêu" is invalid');
    expect(wrongKind.statusCode).toBe(400);
    expect(garbage.statusCode).toBe(400);
    expect(missing.statusCode).toBe(404);
    expect(badVersion.statusCode).toBe(404);
  });
});
