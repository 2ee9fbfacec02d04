import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAxe, seriousViolations } from './axe.js';
import {
  buildWebApp,
  launchBrowser,
  login,
  navigateTo,
  openPage,
  screenshot,
  startTestServer,
  webDir,
} from './helpers.js';
import type { TestPage, TestServer } from './helpers.js';

const password = 'demo-password-1';

/** A model whose ids bpmn-moddle refuses: Vietnamese letters in a task id and a flow id. */
const nonAsciiModel = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="quy-trinh-thu" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
    <bpmn:userTask id="Duyệt_mục_tiêu" name="Duyệt mục tiêu" />
    <bpmn:sequenceFlow id="Luồng_1" sourceRef="StartEvent_1" targetRef="Duyệt_mục_tiêu" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="quy-trinh-thu">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="150" y="100" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

/** Finds the chunks that bundle the modeler or the form editor by the sources in their maps. */
async function editorChunks(): Promise<string[]> {
  const assets = path.join(webDir, 'assets');
  const markers = ['bpmn-js/lib/Modeler.js', 'bpmn-js-properties-panel', 'form-js-editor'];
  const chunks: string[] = [];
  for (const file of await fs.readdir(assets)) {
    if (!file.endsWith('.js.map')) continue;
    const map = JSON.parse(await fs.readFile(path.join(assets, file), 'utf8')) as {
      sources: string[];
    };
    if (map.sources.some((source) => markers.some((marker) => source.includes(marker)))) {
      chunks.push(file.replace(/\.map$/, ''));
    }
  }
  return chunks;
}

async function openModeler(page: Page, url: string, bpmnProcessId: string): Promise<void> {
  await page.goto(`${url}/#/models/process/${bpmnProcessId}`);
  await page.locator('.modeler-canvas .djs-container').waitFor();
  await page.locator('.modeler-canvas [data-element-id]').first().waitFor();
}

async function selectElement(page: Page, elementId: string): Promise<void> {
  await page.locator(`.modeler-canvas [data-element-id="${elementId}"]`).click();
  await page.locator('.modeler-properties .bio-properties-panel-header').waitFor();
}

async function openGroup(page: Page, groupId: string): Promise<void> {
  const group = page.locator(`.modeler-properties [data-group-id="${groupId}"]`);
  const header = group.locator('.bio-properties-panel-group-header');
  if (!((await header.getAttribute('class')) ?? '').includes('open')) {
    await header.click();
  }
}

/** Appends a task after `elementId` through the context pad and returns its id. */
async function appendTask(page: Page, elementId: string): Promise<string> {
  const before = await page
    .locator('.modeler-canvas [data-element-id]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id')));
  await selectElement(page, elementId);
  await page.locator('.djs-context-pad [data-action="append.append-task"]').click();
  await page.keyboard.press('Escape');
  const after = await page
    .locator('.modeler-canvas [data-element-id]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id')));
  const added = after.find((id) => id && !before.includes(id) && id.startsWith('Activity_'));
  if (!added) throw new Error('appending a task added no activity');
  return added;
}

async function downloadText(page: Page, buttonName: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: buttonName }).click();
  const file = await (await download).path();
  return fs.readFile(file, 'utf8');
}

/** Opens `content` as the file `name` through the file button `buttonName`. */
async function openFile(
  page: Page,
  buttonName: string,
  name: string,
  content: string,
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: buttonName }).click();
  const mimeType = name.endsWith('.bpmn') ? 'application/xml' : 'application/json';
  await (await chooser).setFiles({ name, mimeType, buffer: Buffer.from(content) });
}

/** Cuts the XML of the BPMN element with `id`, extension elements included, out of `xml`. */
function elementXml(xml: string, id: string): string {
  const match = new RegExp(`<bpmn:(\\w+) id="${id}"[\\s\\S]*?</bpmn:\\1>`).exec(xml);
  return match?.[0] ?? '';
}

async function fulfillJson(route: Route, status: number, body: unknown): Promise<void> {
  await route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
}

describe('models list, BPMN modeler and form editor', () => {
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

  it('list shows processes to the secretary and passes axe', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);

    await navigateTo(page, 'Quy trình & biểu mẫu');
    await page.getByRole('heading', { level: 1, name: 'Quy trình & biểu mẫu' }).waitFor();
    const row = page.locator('tr[data-model-id="quality-objectives"]');
    await row.waitFor();

    expect(await row.textContent()).toContain('Xây dựng và phổ biến mục tiêu chất lượng');
    // eiso deploys its bundled models itself, with the same words as the versions page.
    expect(await row.locator('.muted').last().textContent()).toMatch(/^Hệ thống eiso, /);
    // A form shows its title, with its id below it.
    const formRow = page.locator('tr[data-model-id="risk-management-identify"]');
    expect(await formRow.locator('a').first().textContent()).toBe('Nhận diện rủi ro và cơ hội');
    expect(await formRow.locator('.muted').first().textContent()).toBe('risk-management-identify');
    expect(await row.getByRole('link', { name: /Chỉnh sửa/ }).getAttribute('href')).toBe(
      '#/models/process/quality-objectives',
    );
    expect(seriousViolations(await runAxe(page))).toEqual([]);
    await screenshot(page, 'models-list-vi-1280');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Processes & forms' }).waitFor();
    expect(await row.locator('.muted').last().textContent()).toMatch(/^eiso system, /);
    expect(seriousViolations(await runAxe(page))).toEqual([]);
    await screenshot(page, 'models-list-en-1280');
  });

  it('list is not offered to staff', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'staff.vp', password);

    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(await nav.getByRole('link', { name: 'Quy trình & biểu mẫu' }).count()).toBe(0);

    await page.goto(`${server.url}/#/models/process/quality-objectives`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Chỉ Thư ký ISO và Ban Giám đốc');
    expect(await page.locator('.djs-container').count()).toBe(0);
  });

  it('inbox does not load the editor chunks', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    const chunks = await editorChunks();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(path.basename(new URL(request.url()).pathname)));

    await login(page, server.url, 'secretary', password);
    await page.locator('.table, .empty-state').first().waitFor();

    expect(chunks.length).toBeGreaterThan(1);
    expect(requested.filter((file) => chunks.includes(file))).toEqual([]);

    await openModeler(page, server.url, 'quality-objectives');
    expect(requested.filter((file) => chunks.includes(file)).length).toBeGreaterThan(0);
  });

  it('user task gets a form and a candidate group', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');

    const taskId = await appendTask(page, 'Task_Disseminate');
    await page.locator('.djs-context-pad [data-action="replace"]').click();
    await page.locator('.djs-popup [data-id="replace-with-user-task"]').click();
    await page
      .locator('.modeler-properties .bio-properties-panel-header-type', {
        hasText: 'Công việc của người dùng',
      })
      .waitFor();
    await openGroup(page, 'group-general');
    await page.locator('#bio-properties-panel-name').fill('Kiểm tra việc phổ biến');
    await openGroup(page, 'group-form');
    await page.locator('#bio-properties-panel-formType').selectOption('camunda-form-linked');
    await page.locator('#bio-properties-panel-formId').fill('quality-objectives-approval');
    await openGroup(page, 'group-assignmentDefinition');
    await page.locator('#bio-properties-panel-assignmentDefinitionCandidateGroups').fill('board');
    await page.locator('#bio-properties-panel-assignmentDefinitionCandidateGroups').blur();
    await expect
      .poll(() => page.locator('.draft-status').textContent())
      .toContain('Có thay đổi chưa lưu.');

    const xml = await downloadText(page, 'Tải về .bpmn');

    const task = elementXml(xml, taskId);
    expect(task).toMatch(/^<bpmn:userTask /);
    expect(task).toContain('name="Kiểm tra việc phổ biến"');
    expect(task).toContain('<zeebe:userTask />');
    expect(task).toContain('<zeebe:formDefinition formId="quality-objectives-approval" />');
    expect(task).toContain('<zeebe:assignmentDefinition candidateGroups="board" />');
    expect(xml).toContain('xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"');
    await screenshot(page, 'modeler-user-task-vi-1280');
  });

  it('properties panel names types and groups in Vietnamese', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');
    const headerType = page.locator('.modeler-properties .bio-properties-panel-header-type');
    const groupTitles = () =>
      page.locator('.modeler-properties .bio-properties-panel-group-header-title').allInnerTexts();
    const typeOf = async (elementId: string | null) => {
      // The mouse clicks the middle of the element's hit area, which for a straight sequence flow
      // is a line that Playwright does not count as visible.
      // A click on the empty corner selects the process and closes the previous element's
      // context pad, which could cover the next element.
      const canvas = await page.locator('.modeler-canvas').boundingBox();
      if (canvas) await page.mouse.click(canvas.x + 8, canvas.y + canvas.height - 8);
      if (elementId === null) return (await headerType.textContent()) ?? '';
      const hit = page.locator(`.modeler-canvas [data-element-id="${elementId}"] .djs-hit`);
      const box = await hit.first().boundingBox();
      if (!box) throw new Error(`${elementId} is not on the canvas`);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.locator('.modeler-properties .bio-properties-panel-header').waitFor();
      return (await headerType.textContent()) ?? '';
    };

    expect(await typeOf(null)).toBe('Quy trình');
    expect(await typeOf('Task_DraftObjectives')).toBe('Công việc của người dùng');
    const userTaskGroups = await groupTitles();
    expect(await typeOf('Flow_Approved')).toBe('Luồng');
    expect(await typeOf('StartEvent_Started')).toBe('Sự kiện bắt đầu');
    expect(await typeOf('Gateway_Decision')).toBe('Cổng chọn một nhánh');
    expect(await typeOf('Task_RecordObjectives')).toBe('Việc tự động');

    expect(userTaskGroups).toContain('Chung');
    expect(userTaskGroups).toContain('Phân công');
    expect(userTaskGroups).toContain('Biểu mẫu');
    // No group keeps the English title of the properties panel.
    const english = ['General', 'Assignment', 'Form', 'Inputs', 'Outputs', 'Task schedule'];
    for (const title of userTaskGroups) expect(english).not.toContain(title);
    await screenshot(page, 'modeler-panel-types-vi-1280');
  });

  it('element template sets the job type', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');

    const taskId = await appendTask(page, 'Task_Acknowledge');
    await page.locator('.modeler-properties .bio-properties-panel-select-template-button').click();
    const chooser = page.locator('.djs-popup.element-template-chooser');
    await chooser.waitFor();
    expect(await chooser.textContent()).toContain('Chọn mẫu phần tử');
    await chooser.locator('input').fill('Gửi thông báo');
    await chooser.locator('.entry', { hasText: 'Gửi thông báo' }).first().click();
    await openGroup(page, 'group-ElementTemplates__CustomProperties-notification');
    const panel = page.locator('.modeler-properties');
    expect(await panel.textContent()).toContain('Đã áp dụng');
    await panel.getByLabel('Người nhận').fill('group:board');
    await panel.getByLabel('Tiêu đề (tiếng Việt)').fill('Mục tiêu {{year}} đã được phổ biến');
    await panel.getByLabel('Loại thông báo').selectOption('reminder');
    await panel.getByLabel('Người nhận').blur();

    const xml = await downloadText(page, 'Tải về .bpmn');

    const task = elementXml(xml, taskId);
    expect(task).toMatch(/^<bpmn:serviceTask /);
    expect(task).toContain('zeebe:modelerTemplate="eiso.notify"');
    expect(task).toContain('<zeebe:taskDefinition type="eiso.notify" retries="3" />');
    expect(task).toContain('<zeebe:header key="recipients" value="group:board" />');
    expect(task).toContain(
      '<zeebe:header key="title" value="Mục tiêu {{year}} đã được phổ biến" />',
    );
    expect(task).toContain('<zeebe:header key="kind" value="reminder" />');
  });

  it('model with non-ASCII ids shows why it cannot open', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');

    await openFile(page, 'Mở tệp .bpmn', 'quy-trinh-thu.bpmn', nonAsciiModel);

    const alert = page.locator('.import-messages [role="alert"]');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Không mở tệp quy-trinh-thu.bpmn.');
    expect(text).toContain('“Duyệt_mục_tiêu”');
    expect(text).toContain('“Luồng_1”');
    expect(text).toContain('ngoài bảng mã ASCII');
    // The diagram that was open stays, instead of an empty or partial one.
    await page.locator('.modeler-canvas [data-element-id="Task_DraftObjectives"]').waitFor();
    expect(await page.locator('.modeler-canvas [data-element-id="StartEvent_1"]').count()).toBe(0);
  });

  it('model whose definitions id is non-ASCII shows why it cannot open', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');

    await openFile(
      page,
      'Mở tệp .bpmn',
      'dinh-nghia.bpmn',
      nonAsciiModel.replace('id="Definitions_1"', 'id="Định_nghĩa"'),
    );

    const alert = page.locator('.import-messages [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('“Định_nghĩa”');
    await page.locator('.modeler-canvas [data-element-id="Task_DraftObjectives"]').waitFor();
  });

  it('downloads the diagram as SVG', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');

    const svg = await downloadText(page, 'Tải ảnh SVG');

    expect(svg).toMatch(/<svg[\s\S]*<\/svg>/);
    expect(svg).toContain('data-element-id="Task_DraftObjectives"');
  });

  it('lint panel lists, marks and selects problems', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    const lintRequests: { kind: string; content: string }[] = [];
    // The lint's contract: POST /api/models/lint { kind, content } → { problems }.
    await page.route('**/api/models/lint', async (route) => {
      lintRequests.push(route.request().postDataJSON() as { kind: string; content: string });
      await fulfillJson(route, 200, {
        problems: [
          {
            elementId: 'Task_ReviewObjectives',
            message: 'Nhóm “ban-giam-doc” không có trong đơn vị.',
            rule: 'eiso/candidate-group',
            severity: 'error',
          },
          {
            elementId: null,
            message: 'Quy trình chưa có mô tả.',
            rule: 'eiso/process-documentation',
            severity: 'warning',
          },
        ],
      });
    });
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');

    const summary = page.locator('.lint-summary');
    await expect.poll(() => summary.textContent()).toBe('1 lỗi, 1 cảnh báo');
    expect(lintRequests[0]?.kind).toBe('process');
    expect(lintRequests[0]?.content).toContain('<bpmn:process id="quality-objectives"');
    const marked = page.locator('.modeler-canvas [data-element-id="Task_ReviewObjectives"]');
    expect(await marked.getAttribute('class')).toContain('eiso-lint-error');
    expect(await page.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).isDisabled()).toBe(
      true,
    );

    await page.locator('.lint-row-button').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.locator('.modeler-properties .bio-properties-panel-header-label').textContent(),
      )
      .toBe('Phê duyệt mục tiêu chất lượng');
    expect(await marked.getAttribute('class')).toContain('selected');

    await selectElement(page, 'Task_Disseminate');
    await openGroup(page, 'group-general');
    await page.locator('#bio-properties-panel-name').fill('Phổ biến mục tiêu');
    await expect.poll(() => lintRequests.length, { timeout: 10_000 }).toBeGreaterThan(1);
    expect(lintRequests.at(-1)?.content).toContain('name="Phổ biến mục tiêu"');
    await screenshot(page, 'modeler-lint-vi-1280');
  });

  it('draft saves and goes to approval with a reason', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    const calls: { method: string; path: string; body: Record<string, unknown> | null }[] = [];
    const draft = (status: string, content: string): Record<string, unknown> => ({
      id: '7',
      kind: 'process',
      resourceId: 'quality-objectives',
      name: 'Xây dựng và phổ biến mục tiêu chất lượng',
      baseVersion: 1,
      content,
      status,
      problems: [],
      updatedAt: '2026-12-05T03:00:00.000Z',
      updatedBy: 'secretary',
    });
    // The drafts' contract: POST /api/model-drafts, PUT /api/model-drafts/<id>, POST …/submit.
    await page.route('**/api/model-drafts**', async (route) => {
      const request = route.request();
      const body = request.postDataJSON() as Record<string, unknown> | null;
      calls.push({ method: request.method(), path: new URL(request.url()).pathname, body });
      if (request.url().endsWith('/submit')) {
        return fulfillJson(route, 200, draft('submitted', String(calls.at(-2)?.body?.content)));
      }
      return fulfillJson(
        route,
        request.method() === 'POST' ? 201 : 200,
        draft('draft', String(body?.content)),
      );
    });
    await page.route('**/api/models/lint', (route) => fulfillJson(route, 200, { problems: [] }));
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');
    await expect
      .poll(() => page.locator('.lint-summary').textContent())
      .toBe('Không có lỗi hay cảnh báo.');

    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.locator('.draft-messages .alert-success').waitFor();

    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.path).toBe('/api/model-drafts');
    expect(calls[0]?.body).toMatchObject({ kind: 'process', baseVersion: 1 });
    expect(calls[0]?.body?.content).toContain('<bpmn:process id="quality-objectives"');
    expect(await page.locator('.draft-status').textContent()).toContain(
      'Bản nháp số 7: đang soạn.',
    );
    expect(page.url()).toContain('#/models/process/quality-objectives?draft=7');

    await page.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trình lãnh đạo duyệt thay đổi' });
    await dialog.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).click();
    expect(await dialog.getByRole('alert').textContent()).toContain('Nhập lý do thay đổi');
    expect(calls).toHaveLength(1);
    await dialog.getByLabel('Lý do thay đổi').fill('Thêm bước kiểm tra việc phổ biến.');
    await dialog.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).click();
    await expect
      .poll(() => page.locator('.draft-status').textContent())
      .toContain('đang chờ lãnh đạo duyệt');

    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /api/model-drafts',
      'PUT /api/model-drafts/7',
      'POST /api/model-drafts/7/submit',
    ]);
    expect(calls[2]?.body).toEqual({ reason: 'Thêm bước kiểm tra việc phổ biến.' });
    expect(await page.getByRole('button', { name: 'Lưu bản nháp' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).isDisabled()).toBe(
      true,
    );
  });

  it('keyboard reaches the canvas, panel and lint rows', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    // The shipped model lints clean, so the lint reports one warning for its rows to exist.
    await page.route('**/api/models/lint', (route) =>
      fulfillJson(route, 200, {
        problems: [
          {
            elementId: 'Task_DraftObjectives',
            message: 'Phần tử cần có tên hiển thị.',
            detail: 'Element is missing label/name',
            rule: 'bpmnlint/label-required',
            severity: 'warning',
          },
        ],
      }),
    );
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');
    await page.locator('.lint-row-button').first().waitFor();
    const reached = new Set<string>();

    await page.getByRole('button', { name: 'Mở tệp .bpmn' }).focus();
    for (let step = 0; step < 80 && !reached.has('lint'); step += 1) {
      await page.keyboard.press('Tab');
      const area = await page.evaluate(() => {
        const active = document.activeElement;
        if (active?.closest('.modeler-canvas')) return 'canvas';
        if (active?.closest('.modeler-properties')) return 'panel';
        if (active?.closest('.lint-panel')) return 'lint';
        return active?.textContent?.trim() ?? '';
      });
      reached.add(area);
    }

    expect(reached).toContain('Tải ảnh SVG');
    expect(reached).toContain('Lưu bản nháp');
    expect(reached).toContain('Trình lãnh đạo duyệt');
    expect(reached).toContain('canvas');
    expect(reached).toContain('panel');
    expect(reached).toContain('lint');
  });

  it('modeler screenshots in Vietnamese and English', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');
    await selectElement(page, 'Task_ReviewObjectives');
    await openGroup(page, 'group-assignmentDefinition');

    expect(await page.locator('.modeler-properties').textContent()).toContain('Nhóm có thể nhận');
    await screenshot(page, 'modeler-vi-1280');

    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('.modeler-canvas [data-element-id="Task_ReviewObjectives"]').waitFor();
    await selectElement(page, 'Task_ReviewObjectives');
    await openGroup(page, 'group-assignmentDefinition');
    expect(await page.locator('.modeler-properties').textContent()).toContain('Candidate groups');
    expect(await page.getByRole('button', { name: 'Save draft' }).count()).toBe(1);
    await screenshot(page, 'modeler-en-1280');
  });

  it('phone shows a read-only diagram and the reason', async () => {
    tab = await openPage(browser, { width: 360, height: 740 });
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await page.goto(`${server.url}/#/models/process/quality-objectives`);

    await page.locator('.modeler-readonly [data-element-id="Task_DraftObjectives"]').waitFor();
    expect(await page.locator('.model-editor').textContent()).toContain('Màn hình này quá hẹp');
    expect(await page.locator('.djs-palette').count()).toBe(0);
    expect(await page.locator('.bio-properties-panel').count()).toBe(0);
    await screenshot(page, 'modeler-vi-360');
  });

  it('form editor validates the preview as the server does', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await page.goto(`${server.url}/#/models/form/quality-objectives-approval`);
    await page.locator('.fjs-editor-container').waitFor();
    await page.locator('.fjs-editor-container [data-id="Field_Decision"]').waitFor();
    await expect
      .poll(() => page.locator('.lint-summary').textContent(), { timeout: 10_000 })
      .toMatch(/^\d+ lỗi, \d+ cảnh báo$|^Không có lỗi hay cảnh báo\.$/);
    expect(await page.getByRole('heading', { name: 'Kiểm tra biểu mẫu' }).count()).toBe(1);
    await screenshot(page, 'form-editor-vi-1280');

    await page.getByRole('tab', { name: 'Xem thử' }).click();
    await page.getByRole('button', { name: 'Kiểm tra như khi hoàn thành việc' }).click();
    const result = page.locator('.preview-result');
    await result.locator('.alert').waitFor();
    expect(await result.textContent()).toContain('Máy chủ sẽ từ chối dữ liệu này');
    expect(await result.textContent()).toContain('Quyết định');

    await page.locator('.form-preview').getByLabel('Phê duyệt', { exact: true }).check();
    await page.getByRole('button', { name: 'Kiểm tra như khi hoàn thành việc' }).click();
    await expect.poll(() => result.textContent()).toContain('Dữ liệu hợp lệ');
    await screenshot(page, 'form-editor-preview-vi-1280');
  });

  it('server lint flags an unknown job type', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');
    await expect.poll(() => page.locator('.lint-summary').textContent()).not.toBe('Đang kiểm tra…');

    await selectElement(page, 'Task_RecordObjectives');
    await openGroup(page, 'group-taskDefinition');
    await page.locator('#bio-properties-panel-taskDefinitionType').fill('eiso.unknown-job');

    const row = page.locator('.lint-row-button[data-element-id="Task_RecordObjectives"]');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('Lỗi');
    expect(await page.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).isDisabled()).toBe(
      true,
    );
  });

  it('server draft saves, reopens and is submitted', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'objective-measurement');
    await selectElement(page, 'StartEvent_MeasurementDue');
    await openGroup(page, 'group-general');
    await page.locator('#bio-properties-panel-name').fill('Đầu kỳ đo lường');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.locator('.draft-messages .alert-success').waitFor();
    const draftId = /draft=(\d+)/.exec(page.url())?.[1];
    expect(draftId).toBeDefined();
    expect(await page.locator('.draft-status').textContent()).toMatch(/bởi Nguyễn Thu Hà\./);

    await page.goto(`${server.url}/#/models`);
    const row = page.locator('tr[data-model-id="objective-measurement"]');
    await row.getByRole('link', { name: `Bản nháp số ${draftId}` }).waitFor();
    expect(await row.textContent()).toContain('đang soạn');

    // The approval task of a procedure change links to the draft's review page, which leads to
    // the editor.
    await page.goto(`${server.url}/#/models/drafts/${draftId}`);
    const details = await page.locator('.details').innerText();
    expect(details).toContain('Nguyễn Thu Hà · ');
    expect(details).not.toContain('secretary');
    await page.getByRole('link', { name: 'Chỉnh sửa bản nháp' }).click();
    await page.waitForURL(`**/#/models/process/objective-measurement?draft=${draftId}`);
    await page.locator('.modeler-canvas .djs-container').waitFor();
    await expect
      .poll(() =>
        page
          .locator('.modeler-canvas [data-element-id="StartEvent_MeasurementDue_label"]')
          .textContent(),
      )
      .toContain('Đầu kỳ đo lường');
    expect(await page.locator('.draft-status').textContent()).toContain(
      `Bản nháp số ${draftId}: đang soạn.`,
    );
    await page.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lý do thay đổi').fill('Đổi tên sự kiện bắt đầu.');
    await dialog.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).click();

    await expect
      .poll(() => page.locator('.draft-status').textContent())
      .toContain('đang chờ lãnh đạo duyệt');

    // A second change of the same process points to the open draft instead of starting another.
    await openModeler(page, server.url, 'objective-measurement');
    expect(await page.locator('.model-editor .alert-info').first().textContent()).toContain(
      `đang có bản nháp số ${draftId}`,
    );
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    const conflict = page.locator('.draft-messages [role="alert"]');
    await conflict.waitFor();
    expect(
      await conflict.getByRole('link', { name: 'Mở bản nháp đang có' }).getAttribute('href'),
    ).toBe(`#/models/process/objective-measurement?draft=${draftId}`);
  });

  it('form draft is saved from an opened file', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await page.goto(`${server.url}/#/models/form/quality-objectives-acknowledge`);
    await page.locator('.fjs-editor-container .fjs-form-field').first().waitFor();
    const form = JSON.parse(await downloadText(page, 'Tải về .form')) as {
      id: string;
      components: { id: string; label?: string }[];
    };
    expect(form.id).toBe('quality-objectives-acknowledge');
    const note = form.components.find((component) => component.id === 'Field_AcknowledgeNote');
    expect(note).toBeDefined();
    if (note) note.label = 'Ghi chú của phòng';

    await openFile(
      page,
      'Mở tệp .form',
      'quality-objectives-acknowledge.form',
      JSON.stringify(form),
    );
    await page.locator('.fjs-editor-container', { hasText: 'Ghi chú của phòng' }).waitFor();
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.locator('.draft-messages .alert-success').waitFor();

    const draftId = /#\/models\/form\/quality-objectives-acknowledge\?draft=(\d+)$/.exec(
      page.url(),
    )?.[1];
    expect(draftId).toBeDefined();
    expect(await page.locator('.draft-status').textContent()).toContain(
      `Bản nháp số ${draftId}: đang soạn.`,
    );
    const saved = await page.evaluate(
      async (id) => (await (await fetch(`/api/model-drafts/${id}`)).json()) as { content: string },
      draftId,
    );
    expect(saved.content).toContain('"label": "Ghi chú của phòng"');
  });

  it('form lint names the invalid field in Vietnamese', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await page.goto(`${server.url}/#/models/form/quality-objectives-acknowledge`);
    await page.locator('.fjs-editor-container .fjs-form-field').first().waitFor();
    const form = JSON.parse(await downloadText(page, 'Tải về .form')) as {
      components: { id: string; validate?: Record<string, unknown> }[];
    };
    const note = form.components.find((component) => component.id === 'Field_AcknowledgeNote');
    expect(note).toBeDefined();
    if (note) note.validate = { ...note.validate, pattern: '(' };

    await openFile(
      page,
      'Mở tệp .form',
      'quality-objectives-acknowledge.form',
      JSON.stringify(form),
    );
    const row = page.locator('.lint-row-button[data-element-id="Field_AcknowledgeNote"]');
    await row.waitFor({ timeout: 15_000 });

    const text = await row.locator('.lint-message').textContent();
    expect(text).toContain('Biểu mẫu không hợp lệ: Thành phần Field_AcknowledgeNote (');
    expect(text).toContain('có biểu thức chính quy validate.pattern không hợp lệ');
    expect(text).toContain('Hãy sửa biểu thức.');
    expect(await page.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).isDisabled()).toBe(
      true,
    );
  });

  it('explains in Vietnamese a form file that cannot be opened', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await page.goto(`${server.url}/#/models/form/quality-objectives-acknowledge`);
    await page.locator('.fjs-editor-container .fjs-form-field').first().waitFor();
    const form = {
      id: 'quality-objectives-acknowledge',
      type: 'default',
      components: [{ id: 'Field_Unknown', key: 'unknown', type: 'nosuch' }],
    };

    await openFile(page, 'Mở tệp .form', 'bad.form', JSON.stringify(form));
    const alert = page.locator('.alert-error', { hasText: 'Không mở tệp bad.form.' });
    await alert.waitFor();

    const text = await alert.textContent();
    expect(text).toContain('Field_Unknown');
    expect(text).toContain('nosuch');
    expect(text).not.toContain('not supported');
  });

  it('new process is drawn and saved as a draft', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await page.goto(`${server.url}/#/models`);
    await page.getByRole('link', { name: 'Vẽ quy trình mới' }).click();
    await page.locator('.modeler-canvas [data-element-id="StartEvent_1"]').waitFor();
    expect(await page.locator('.draft-status').textContent()).toContain('Mô hình mới, chưa lưu.');

    await selectElement(page, 'StartEvent_1');
    await page.locator('.djs-context-pad [data-action="append.end-event"]').click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.locator('.draft-messages .alert-success').waitFor();

    const match = /#\/models\/process\/(Process_\w+)\?draft=(\d+)$/.exec(page.url());
    expect(match).not.toBeNull();
    const [, processId, draftId] = match ?? [];
    await page.goto(`${server.url}/#/models`);
    const row = page.locator(`tr[data-model-id="${processId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Chưa triển khai');
    await row.getByRole('link', { name: processId, exact: true }).click();
    await page.waitForURL(`**/#/models/process/${processId}?draft=${draftId}`);
    await page.locator('.modeler-canvas [data-element-id="StartEvent_1"]').waitFor();
    expect(await page.locator('.draft-status').textContent()).toContain(
      `Bản nháp số ${draftId}: đang soạn.`,
    );
  });

  it('language switch keeps unsaved diagram edits', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');
    const taskId = await appendTask(page, 'Task_Disseminate');
    await expect
      .poll(() => page.locator('.draft-status').textContent())
      .toContain('Có thay đổi chưa lưu.');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Save draft' }).waitFor();
    await page.locator('.modeler-canvas [data-element-id="Task_Disseminate"]').waitFor();

    expect(await page.locator(`.modeler-canvas [data-element-id="${taskId}"]`).count()).toBe(1);
    expect(await page.locator('.draft-status').textContent()).toContain('Unsaved changes.');
    const xml = await downloadText(page, 'Download .bpmn');
    expect(xml).toContain(`id="${taskId}"`);
  });

  it('language switch keeps unsaved form edits', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await page.goto(`${server.url}/#/models/form/quality-objectives-acknowledge`);
    await page.locator('.fjs-editor-container .fjs-form-field').first().waitFor();
    const form = JSON.parse(await downloadText(page, 'Tải về .form')) as {
      components: { id: string; label?: string }[];
    };
    const note = form.components.find((component) => component.id === 'Field_AcknowledgeNote');
    if (note) note.label = 'Ghi chú trước khi đổi ngôn ngữ';
    await openFile(
      page,
      'Mở tệp .form',
      'quality-objectives-acknowledge.form',
      JSON.stringify(form),
    );
    await page
      .locator('.fjs-editor-container', { hasText: 'Ghi chú trước khi đổi ngôn ngữ' })
      .waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Save draft' }).waitFor();
    await page.locator('.fjs-editor-container .fjs-form-field').first().waitFor();

    expect(note).toBeDefined();
    expect(await page.locator('.fjs-editor-container').textContent()).toContain(
      'Ghi chú trước khi đổi ngôn ngữ',
    );
    expect(await page.locator('.draft-status').textContent()).toContain('Unsaved changes.');
  });
});
