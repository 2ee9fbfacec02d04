import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWebApp,
  chooseOption,
  claimIfNeeded,
  completeTask,
  launchBrowser,
  login,
  logout,
  openPage,
  openTaskFromInbox,
  screenshot,
  startTestServer,
} from './helpers.js';
import type { TestPage, TestServer } from './helpers.js';

const password = 'demo-password-1';
const newTaskName = 'Rà soát kết quả năm trước';

async function openGroup(page: Page, groupId: string): Promise<void> {
  const group = page.locator(`.modeler-properties [data-group-id="${groupId}"]`);
  const header = group.locator('.bio-properties-panel-group-header');
  if (!((await header.getAttribute('class')) ?? '').includes('open')) await header.click();
}

async function lintMessages(page: Page): Promise<string> {
  return (await page.locator('.lint-panel').textContent()) ?? '';
}

// Drops a new task from the palette onto the flow, which bpmn-js splits to insert it.
async function insertTaskOnFlow(page: Page, flowId: string): Promise<string> {
  const ids = () =>
    page
      .locator('.modeler-canvas [data-element-id]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id')));
  const before = await ids();
  const flow = await page
    .locator(`.modeler-canvas [data-element-id="${flowId}"] .djs-hit`)
    .first()
    .boundingBox();
  if (!flow) throw new Error(`flow ${flowId} is not on the canvas`);
  await page.locator('.djs-palette [data-action="create.task"]').click();
  await page.mouse.move(flow.x + flow.width / 2, flow.y + flow.height / 2, { steps: 5 });
  await page.mouse.click(flow.x + flow.width / 2, flow.y + flow.height / 2);
  const added = (await ids()).find(
    (id) => id && !before.includes(id) && id.startsWith('Activity_'),
  );
  if (!added) throw new Error('dropping a task on the flow added no activity');
  return added;
}

describe('a procedure change from the modeler to the inbox', () => {
  let browser: Browser;
  let server: TestServer;
  let tab: TestPage;

  beforeAll(async () => {
    await buildWebApp();
    browser = await launchBrowser();
    server = await startTestServer();
  });

  afterEach(async () => {
    expect(tab.pageErrors).toEqual([]);
    await tab.context.close();
  });

  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });

  it('secretary changes, director approves, the new task reaches the inbox', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await page.goto(`${server.url}/#/models/process/quality-objectives`);
    await page
      .locator('.modeler-canvas [data-element-id="Flow_StartToDraft"]')
      .waitFor({ state: 'attached' });

    // A new user task at the start, with a group but no form yet.
    const taskId = await insertTaskOnFlow(page, 'Flow_StartToDraft');
    // bpmn-js selects the new task and opens its label editor; Escape closes the editor only.
    expect(taskId).toMatch(/^Activity_/);
    await page.keyboard.press('Escape');
    await page.locator('.djs-context-pad [data-action="replace"]').click();
    await page.locator('.djs-popup [data-id="replace-with-user-task"]').click();
    await openGroup(page, 'group-general');
    await page.locator('#bio-properties-panel-name').fill(newTaskName);
    await openGroup(page, 'group-assignmentDefinition');
    const groups = page.locator('#bio-properties-panel-assignmentDefinitionCandidateGroups');
    await groups.fill('iso-secretary');
    await groups.blur();

    await expect.poll(() => lintMessages(page), { timeout: 20_000 }).toContain('chưa có biểu mẫu');
    const submit = page.getByRole('button', { name: 'Trình lãnh đạo duyệt' });
    expect(await submit.isDisabled()).toBe(true);
    await screenshot(page, 'procedure-change-lint-vi-1280');

    await openGroup(page, 'group-form');
    await page.locator('#bio-properties-panel-formType').selectOption('camunda-form-linked');
    const formId = page.locator('#bio-properties-panel-formId');
    await formId.fill('quality-objectives-draft');
    await formId.blur();
    await expect
      .poll(() => lintMessages(page), { timeout: 20_000 })
      .not.toContain('chưa có biểu mẫu');
    expect(await lintMessages(page)).not.toContain(newTaskName + '" (');

    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.locator('.draft-messages .alert-success').waitFor();
    await expect.poll(() => submit.isDisabled(), { timeout: 20_000 }).toBe(false);
    await submit.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lý do thay đổi').fill('Rà soát kết quả năm trước trước khi soạn.');
    await dialog.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).click();
    await expect
      .poll(() => page.locator('.draft-status').textContent())
      .toContain('đang chờ lãnh đạo duyệt');
    await screenshot(page, 'procedure-change-submitted-vi-1280');
    await logout(page);

    // The director reads the change and approves it.
    await login(page, server.url, 'director', password);
    // The inbox row names the procedure that changes.
    await openTaskFromInbox(
      page,
      server.url,
      'Duyệt thay đổi quy trình: Xây dựng và phổ biến mục tiêu chất lượng',
    );
    await claimIfNeeded(page);
    expect(await page.locator('.task-form').textContent()).toContain(newTaskName);
    await chooseOption(page, 'decision', 'Phê duyệt và triển khai');
    await screenshot(page, 'procedure-change-approval-vi-1280');
    await completeTask(page);
    await logout(page);

    // Version 2 is in force: a new instance opens the new task for the secretary.
    await login(page, server.url, 'secretary', password);
    const started = await page.evaluate(async () => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch('/api/procedures/quality-objectives/instances', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ year: 2036 }),
      });
      return { status: response.status, body: await response.json() };
    });
    expect(started.status).toBe(201);
    await openTaskFromInbox(page, server.url, newTaskName);
    await screenshot(page, 'procedure-change-new-task-vi-1280');
    const versions = await page.evaluate(async () => (await fetch('/api/models')).json());
    const objectives = versions.processes.find(
      (process: { id: string }) => process.id === 'quality-objectives',
    );
    expect(objectives.latestVersion).toBe(2);
  });

  it('board returns and approves on the draft page', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    // The secretary drafts a changed label of the approval form and submits it.
    const draftId = await page.evaluate(async () => {
      const session = await (await fetch('/api/session')).json();
      const headers = { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
      const form = await (
        await fetch('/api/models/form/quality-objectives-approval/versions/1')
      ).json();
      const decision = form.components.find((c: { key?: string }) => c.key === 'decision');
      decision.label = 'Quyết định của Ban Giám đốc';
      const created = await fetch('/api/model-drafts', {
        method: 'POST',
        headers,
        body: JSON.stringify({ kind: 'form', content: JSON.stringify(form) }),
      });
      const draft = await created.json();
      const submitted = await fetch(`/api/model-drafts/${draft.id}/submit`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ reason: 'Ghi rõ người quyết định' }),
      });
      if (!submitted.ok) throw new Error(await submitted.text());
      return String(draft.id);
    });
    const draftUrl = `${server.url}/#/models/drafts/${draftId}`;

    // The secretary holds no approval task, so the page offers no decision.
    await page.goto(draftUrl);
    await page.getByRole('heading', { level: 1, name: /^Bản nháp của biểu mẫu/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Phê duyệt và triển khai' }).count()).toBe(0);
    await logout(page);

    await login(page, server.url, 'director', password);
    await page.goto(draftUrl);
    const decision = page.getByRole('region', { name: 'Quyết định của lãnh đạo' });
    await decision.waitFor();

    // A return needs a comment, as in the inbox form.
    await decision.getByRole('button', { name: 'Trả lại để chỉnh sửa' }).click();
    await decision.locator('[role="alert"]').waitFor();
    expect(await decision.locator('[role="alert"]').textContent()).toContain('Ý kiến là bắt buộc');
    await screenshot(page, 'procedure-change-draft-decision-vi-1280');

    await decision.getByLabel('Ý kiến (bắt buộc khi trả lại)').fill('Giữ nguyên nhãn cũ');
    await decision.getByRole('button', { name: 'Trả lại để chỉnh sửa' }).click();
    await page.getByText('Đã trả lại bản nháp cho thư ký ISO.').waitFor();
    await page.getByText('Bị trả lại để sửa').first().waitFor();
    expect(await page.getByRole('region', { name: 'Quyết định của lãnh đạo' }).count()).toBe(0);
    await logout(page);

    // Submitted again, the director approves it on the same page and it deploys.
    await login(page, server.url, 'secretary', password);
    const resubmitted = await page.evaluate(async (id) => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch(`/api/model-drafts/${id}/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ reason: 'Ghi rõ người quyết định, đã cân nhắc' }),
      });
      return response.status;
    }, draftId);
    expect(resubmitted).toBe(200);
    await logout(page);

    await login(page, server.url, 'director', password);
    await page.goto(draftUrl);
    await page
      .getByRole('region', { name: 'Quyết định của lãnh đạo' })
      .getByRole('button', { name: 'Phê duyệt và triển khai' })
      .click();
    await page.getByText('Đã phê duyệt bản nháp.').waitFor();
    const draft = await page.evaluate(
      async (id) => (await fetch(`/api/model-drafts/${id}`)).json(),
      draftId,
    );
    expect(draft).toMatchObject({ status: 'deployed', deployedVersion: 2 });
  });
});
