import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAxe, seriousViolations } from './axe.js';
import {
  buildWebApp,
  launchBrowser,
  login,
  openPage,
  screenshot,
  startTestServer,
} from './helpers.js';
import type { TestPage, TestServer } from './helpers.js';

const password = 'demo-password-1';
const unknownFormId = 'bieu-mau-chua-co';

/** A process whose only user task links a form that the demo unit has not deployed. */
const unknownFormModel = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="quality-objectives" name="Thử biểu mẫu" isExecutable="true">
    <bpmn:userTask id="Task_Unknown" name="Việc dùng biểu mẫu lạ">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="${unknownFormId}" />
      </bpmn:extensionElements>
    </bpmn:userTask>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="quality-objectives">
      <bpmndi:BPMNShape id="Task_Unknown_di" bpmnElement="Task_Unknown">
        <dc:Bounds x="200" y="100" width="100" height="80" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

const formSelect = '.modeler-properties #bio-properties-panel-eisoFormLink';

async function openModeler(page: Page, url: string, bpmnProcessId: string): Promise<void> {
  await page.goto(`${url}/#/models/process/${bpmnProcessId}`);
  await page.locator('.modeler-canvas [data-element-id]').first().waitFor();
}

/** Selects a task on the canvas and opens the Form group of the properties panel. */
async function openFormGroup(page: Page, elementId: string): Promise<void> {
  await page.locator(`.modeler-canvas [data-element-id="${elementId}"]`).click();
  const group = page.locator('.modeler-properties [data-group-id="group-form"]');
  const header = group.locator('.bio-properties-panel-group-header');
  await header.waitFor();
  if (!((await header.getAttribute('class')) ?? '').includes('open')) {
    await header.click();
  }
  await page.locator(formSelect).waitFor();
}

/** Returns the text of the select's chosen option. */
function chosenLabel(page: Page): Promise<string> {
  return page
    .locator(formSelect)
    .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
}

async function downloadBpmn(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải về .bpmn' }).click();
  return fs.readFile(await (await download).path(), 'utf8');
}

/** Cuts the XML of the BPMN element with `id`, extension elements included, out of `xml`. */
function elementXml(xml: string, id: string): string {
  const match = new RegExp(`<bpmn:(\\w+) id="${id}"[\\s\\S]*?</bpmn:\\1>`).exec(xml);
  return match?.[0] ?? '';
}

describe('form link select of the BPMN modeler', () => {
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

  it('picks a deployed form and undoes it', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    const listRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/models') listRequests.push(request.url());
    });
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');
    await openFormGroup(page, 'Task_DraftObjectives');

    const select = page.locator(formSelect);
    await expect.poll(() => chosenLabel(page)).toContain('(quality-objectives-draft)');
    const requestsAfterLoad = listRequests.length;
    expect(await select.inputValue()).toBe('quality-objectives-draft');
    const labels = await select.locator('option').allTextContents();
    // The demo unit deploys forms of several processes; each shows its title, then its id.
    expect(labels.length).toBeGreaterThan(10);
    expect(labels.some((label) => label.endsWith('(quality-objectives-approval)'))).toBe(true);
    expect(labels.some((label) => label.endsWith('(risk-management-identify)'))).toBe(true);
    expect(labels.join('\n')).toContain('Nhận diện rủi ro và cơ hội (risk-management-identify)');
    expect(labels.join('\n')).not.toContain('chưa triển khai');

    await select.selectOption('quality-objectives-approval');
    await expect
      .poll(() => page.locator('.draft-status').textContent())
      .toContain('Có thay đổi chưa lưu.');
    // The Form ID field and the select edit the same attribute.
    expect(
      await page.locator('.modeler-properties #bio-properties-panel-formId').inputValue(),
    ).toBe('quality-objectives-approval');
    const changed = elementXml(await downloadBpmn(page), 'Task_DraftObjectives');
    expect(changed).toContain('<zeebe:formDefinition formId="quality-objectives-approval" />');

    // A click on the empty corner of the canvas gives it the keyboard focus for the undo.
    const canvas = await page.locator('.modeler-canvas').boundingBox();
    if (!canvas) throw new Error('the canvas has no size');
    await page.mouse.click(canvas.x + 8, canvas.y + canvas.height - 8);
    await page.keyboard.press('Control+z');
    const undone = elementXml(await downloadBpmn(page), 'Task_DraftObjectives');
    expect(undone).toContain('<zeebe:formDefinition formId="quality-objectives-draft" />');
    await openFormGroup(page, 'Task_DraftObjectives');
    expect(await page.locator(formSelect).inputValue()).toBe('quality-objectives-draft');

    // Another selection renders the select again from the list that the page fetched already.
    await openFormGroup(page, 'Task_ReviewObjectives');
    expect(await page.locator(formSelect).inputValue()).toBe('quality-objectives-approval');
    expect(listRequests).toHaveLength(requestsAfterLoad);
  });

  it('marks an unknown form as not deployed', async () => {
    tab = await openPage(browser);
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await openModeler(page, server.url, 'quality-objectives');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Mở tệp .bpmn' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'bieu-mau-la.bpmn',
      mimeType: 'application/xml',
      buffer: Buffer.from(unknownFormModel),
    });
    await page.locator('.modeler-canvas [data-element-id="Task_Unknown"]').waitFor();
    await openFormGroup(page, 'Task_Unknown');

    const select = page.locator(formSelect);
    await expect.poll(() => chosenLabel(page)).toBe(`${unknownFormId} (chưa triển khai)`);
    expect(await select.inputValue()).toBe(unknownFormId);
    const entry = page.locator('.modeler-properties [data-entry-id="eisoFormLink"]');
    expect(await entry.textContent()).toContain(
      `Đơn vị chưa triển khai biểu mẫu “${unknownFormId}”`,
    );
    const lint = page.locator('.lint-panel');
    await expect.poll(() => lint.textContent()).toContain(`"${unknownFormId}"`);
    expect(seriousViolations(await runAxe(page))).toEqual([]);
    await screenshot(page, 'modeler-form-link-unknown-vi-1280');

    // Picking a deployed form clears the lint problem and drops the not-deployed option.
    await select.selectOption('quality-objectives-draft');
    await expect.poll(() => lint.textContent()).not.toContain(`"${unknownFormId}"`);
    expect(await select.locator('option').allTextContents()).not.toContain(
      `${unknownFormId} (chưa triển khai)`,
    );
    expect(seriousViolations(await runAxe(page))).toEqual([]);

    // The language switch keeps the opened, unsaved model and labels the select in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('.modeler-canvas [data-element-id="Task_Unknown"]').waitFor();
    await openFormGroup(page, 'Task_Unknown');
    await page.locator(formSelect).waitFor();
    await expect
      .poll(() => page.locator('.modeler-properties [data-entry-id="eisoFormLink"]').textContent())
      .toContain('Deployed form');
    expect(seriousViolations(await runAxe(page))).toEqual([]);
  });
});
