import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstanceReplay } from '../../src/history/replay.js';
import { login as apiLogin } from '../helpers/test-app.js';
import {
  completeTask,
  departmentHeads,
  draftedObjectives,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';
import { runAxe, seriousViolations } from './axe.js';
import {
  buildWebApp,
  launchBrowser,
  login,
  openPage,
  screenshot,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers.js';

const password = 'demo-password-1';
const markKinds = ['completed', 'taken', 'active', 'open-task'] as const;
type Marks = Record<(typeof markKinds)[number], string[]>;

/** Reads the ids of the diagram elements that carry each replay mark. */
async function readMarks(page: Page): Promise<Marks> {
  const marks = {} as Marks;
  for (const kind of markKinds) {
    const ids = await page
      .locator(`.replay-diagram .djs-element.replay-${kind}`)
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id') ?? ''));
    marks[kind] = ids.sort();
  }
  return marks;
}

async function waitForStep(page: Page, step: number, total: number): Promise<void> {
  await page.locator(`.replay-diagram[data-step="${step}"]`).waitFor();
  await page.getByRole('heading', { level: 2, name: `Bước ${step}/${total}:` }).waitFor();
}

describe('instance replay page', () => {
  let browser: Browser;
  let server: TestServer;
  let tab: TestPage;
  let key = '';
  let canceledKey = '';
  let replay: InstanceReplay;
  let total = 0;
  // Steps of the three states the test checks on the diagram.
  let draftOpenStep = 0;
  let recordJobStep = 0;
  let decisionStep = 0;

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer();
    const secretary = await apiLogin(server.app, 'secretary');
    const director = await apiLogin(server.app, 'director');
    key = await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    await completeTask(director, 'Task_ReviewObjectives', {
      decision: 'return',
      comment: 'Bổ sung chỉ tiêu',
    });
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    await completeTask(director, 'Task_ReviewObjectives', { decision: 'approve' });
    await completeTask(secretary, 'Task_Disseminate', {
      disseminationNote: 'Đã gửi công văn',
      disseminatedOn: '2027-01-20',
    });
    for (const head of departmentHeads)
      await completeTask(await apiLogin(server.app, head), 'Task_Acknowledge', {
        acknowledged: true,
      });
    canceledKey = await startQualityObjectives(secretary, 2028);
    const cancellation = await director.request(
      'POST',
      `/v2/process-instances/${canceledKey}/cancellation`,
    );
    expect(cancellation.statusCode, cancellation.body).toBe(204);
    const response = await director.request('GET', `/api/process-instances/${key}/replay`);
    replay = response.json() as InstanceReplay;
    total = replay.events.length;
    const stepOf = (type: string, elementId: string | null) =>
      replay.events.findIndex((event) => event.type === type && event.elementId === elementId) + 1;
    draftOpenStep = stepOf('USER_TASK_CREATED', 'Task_DraftObjectives');
    recordJobStep = stepOf('ELEMENT_ACTIVATED', 'Task_RecordObjectives');
    decisionStep = replay.events.findIndex(
      (event) => event.type === 'VARIABLE_UPDATED' && event.data.name === 'decision',
    );
    decisionStep += 1;

    browser = await launchBrowser();
    tab = await openPage(browser);
    await login(tab.page, server.url, 'director', password);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('shows names on the instance page', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/#/instances/${key}`);
    const history = page.locator('.history-table tbody');
    await history.locator('tr').first().waitFor();
    const details = await page.locator('dl.details').innerText();
    const elements = await history.locator('td:nth-child(3)').allInnerTexts();
    const actors = await history.locator('td:nth-child(4)').allInnerTexts();
    const gateway = history.getByText('Cổng rẽ nhánh trước «Soạn thảo mục tiêu chất lượng»');
    const tasks = await page.locator('#instance-tasks-title ~ * tbody').innerText();

    expect(details).toContain('Nguyễn Thu Hà');
    expect(details).not.toContain('secretary');
    for (const text of elements) expect(text).not.toMatch(/^(Flow|Gateway|Task)_/);
    expect(elements).toContain(
      'Luồng từ «Bắt đầu xây dựng mục tiêu chất lượng» đến «Cổng rẽ nhánh»',
    );
    expect(await gateway.first().getAttribute('title')).toBe('Gateway_JoinDraftObjectives');
    expect(actors).toContain('Trần Văn Minh');
    expect(actors).not.toContain('director');
    // The tasks were completed without a claim, so each shows who completed it.
    expect(tasks).not.toContain('Chưa có người nhận');
    expect(tasks).toContain('Phạm Quốc Huy');
  });

  it('names the canceled state alike on every page', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/#/instances/${canceledKey}`);
    const state = page.locator('dl.details').getByText('Đã hủy');
    await state.waitFor();

    await page.goto(`${server.url}/#/instances`);
    const row = page.locator('tr', { hasText: 'quality-objectives-2028' });
    await row.waitFor();

    expect(await row.innerText()).toContain('Đã hủy');
    expect(await row.innerText()).not.toContain('Đã chấm dứt');
  });

  it('opens from the instance page at the first step', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/#/instances/${key}`);
    await page.getByRole('link', { name: 'Xem lại diễn biến' }).click();

    await waitForStep(page, 1, total);
    expect(page.url()).toContain(`#/instances/${key}/replay?step=1`);
    expect(await page.getByRole('button', { name: 'Bước trước' }).isDisabled()).toBe(true);
    expect(draftOpenStep).toBeGreaterThan(1);
    expect(recordJobStep).toBeGreaterThan(draftOpenStep);
    expect(decisionStep).toBeGreaterThan(draftOpenStep);
  });

  it('steps with buttons and arrow keys', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Bước sau' }).click();
    await waitForStep(page, 2, total);
    await page.keyboard.press('ArrowRight');
    await waitForStep(page, 3, total);
    await page.keyboard.press('ArrowLeft');
    await waitForStep(page, 2, total);

    await page.getByRole('button', { name: 'Bước cuối' }).click();
    await waitForStep(page, total, total);
    const marks = await readMarks(page);
    await screenshot(page, 'replay-03-last-step');

    expect(page.url()).toContain(`replay?step=${total}`);
    expect(marks.completed).toContain('EndEvent_Done');
    expect(marks.completed).toContain('Task_RecordAcknowledgements');
    expect(marks.taken).toContain('Flow_RecordToEnd');
    expect(marks.taken).toContain('Flow_Returned');
    expect(marks.active).toEqual([]);
    expect(marks['open-task']).toEqual([]);
    expect(await page.getByRole('button', { name: 'Bước sau' }).isDisabled()).toBe(true);
  });

  it('moves to a step with the slider', async () => {
    const { page } = tab;
    await page.getByLabel('Chọn bước').fill(String(recordJobStep));
    await waitForStep(page, recordJobStep, total);
    const marks = await readMarks(page);
    await screenshot(page, 'replay-02-record-job');

    expect(marks.active).toEqual(['Task_RecordObjectives']);
    expect(marks['open-task']).toEqual([]);
    expect(marks.completed).toEqual(
      expect.arrayContaining(['Gateway_Decision', 'Task_ReviewObjectives']),
    );
    expect(marks.completed).not.toContain('Task_Disseminate');
    expect(marks.taken).toContain('Flow_Approved');
    const panel = page.locator('.replay-panel');
    expect(await panel.getByText('Ghi nhận vào sổ mục tiêu').count()).toBeGreaterThan(0);
  });

  it('opens a deep link to a step', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/#/instances/${key}/replay?step=${draftOpenStep}`);
    await waitForStep(page, draftOpenStep, total);
    const marks = await readMarks(page);
    await screenshot(page, 'replay-01-draft-open');

    expect(marks.active).toEqual(['Task_DraftObjectives']);
    expect(marks['open-task']).toEqual(['Task_DraftObjectives']);
    // The first draft passes the gateway that also takes a returned draft back to the task.
    expect(marks.completed).toEqual(['Gateway_JoinDraftObjectives', 'StartEvent_Started']);
    expect(marks.taken).toEqual(['Flow_JoinDraftObjectives', 'Flow_StartToDraft']);
    const openTasks = page.locator('.replay-open-tasks');
    expect(await openTasks.innerText()).toContain('Soạn thảo mục tiêu chất lượng');
    const timeline = page.locator('.replay-timeline-element');
    const elements = await timeline.allInnerTexts();
    for (const text of elements) expect(text).not.toMatch(/^(Flow|Gateway|Task)_/);
    const gateway = timeline.filter({
      hasText: 'Cổng rẽ nhánh trước «Soạn thảo mục tiêu chất lượng»',
    });
    expect(await gateway.first().getAttribute('title')).toBe('Gateway_JoinDraftObjectives');
    expect(elements).toContain('Luồng từ «Cổng rẽ nhánh» đến «Soạn thảo mục tiêu chất lượng»');
  });

  it('shows the chosen option labels in form data', async () => {
    const { page } = tab;
    const draft = replay.events.findIndex(
      (event) => event.type === 'USER_TASK_COMPLETED' && event.elementId === 'Task_DraftObjectives',
    );
    await page.goto(`${server.url}/#/instances/${key}/replay?step=${draft + 1}`);
    await waitForStep(page, draft + 1, total);
    const form = page.locator('.replay-form-data');
    const office = form.getByText('Văn phòng Sở', { exact: true });

    expect(await office.getAttribute('title')).toBe('VP');
    expect(await form.innerText()).toContain('Phòng Quản lý khoa học');
    expect(await form.innerText()).not.toMatch(/\bVP\b/);
  });

  it.each(['1e1', '2.5', '0', '-3', '0x10', 'abc'])(
    'falls back to the first step for step=%s',
    async (value) => {
      const { page } = tab;
      await page.goto(`${server.url}/#/instances/${key}/replay?step=${encodeURIComponent(value)}`);
      await waitForStep(page, 1, total);
      const notice = page.locator('.replay-step-notice');

      expect(await notice.innerText()).toBe(
        `Bước “${value}” trong địa chỉ không phải số nguyên từ 1 đến ${total}, nên trang hiện bước đầu.`,
      );
      expect(page.url()).toContain('replay?step=1');
    },
  );

  it('falls back to the last step after the end', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/#/instances/${key}/replay?step=${total + 5}`);
    await waitForStep(page, total, total);
    const notice = page.locator('.replay-step-notice');

    expect(await notice.innerText()).toBe(
      `Quy trình này chỉ có ${total} bước, nên trang hiện bước cuối thay cho bước ${total + 5}.`,
    );
    await page.getByRole('button', { name: 'Bước đầu' }).click();
    await waitForStep(page, 1, total);
    expect(await notice.count()).toBe(0);
  });

  it('shortens a long step in its notice', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/#/instances/${key}/replay?step=${'7'.repeat(40)}x`);
    await waitForStep(page, 1, total);

    expect(await page.locator('.replay-step-notice').innerText()).toContain(
      `Bước “${'7'.repeat(12)}…”`,
    );
  });

  it('shows the actor, form data and changed variables', async () => {
    const { page } = tab;
    const completion = replay.events.findIndex(
      (event) => event.type === 'USER_TASK_COMPLETED' && event.actor === 'director',
    );
    await page.goto(`${server.url}/#/instances/${key}/replay?step=${completion + 1}`);
    await waitForStep(page, completion + 1, total);
    const panel = page.locator('.replay-panel');

    expect(await panel.innerText()).toContain('Trần Văn Minh (director)');
    expect(await panel.innerText()).toContain('Dữ liệu biểu mẫu đã gửi');
    expect(await panel.locator('.replay-form-data').innerText()).toContain('Bổ sung chỉ tiêu');

    await page.goto(`${server.url}/#/instances/${key}/replay?step=${decisionStep}`);
    await waitForStep(page, decisionStep, total);
    const decision = page.locator('tr[data-variable="decision"]');
    expect(await decision.getAttribute('class')).toContain('replay-variable-changed');
    expect(await decision.innerText()).toContain('return → approve');
    const unchanged = page.locator('tr[data-variable="year"]');
    expect(await unchanged.getAttribute('class')).toBeNull();
  });

  it('shows the approval signature', async () => {
    const { page } = tab;
    const signatures = replay.events.filter((event) => event.type === 'APPROVAL_RECORDED');
    const [returned, approved] = signatures;
    const stepOf = (position: number) =>
      replay.events.findIndex((event) => event.position === position) + 1;

    await page.goto(`${server.url}/#/instances/${key}/replay?step=${stepOf(returned!.position)}`);
    await waitForStep(page, stepOf(returned!.position), total);
    const signature = page.locator('.replay-approval');
    const returnedText = await signature.innerText();
    const returnedTime = await signature.locator('time').getAttribute('datetime');
    await screenshot(page, 'replay-05-approval-returned');

    expect(signatures).toHaveLength(2);
    expect(returnedText).toContain('Người ký');
    expect(returnedText).toContain('Trần Văn Minh (director)');
    expect(returnedText).toContain('Trả lại');
    expect(returnedText).toContain('Bổ sung chỉ tiêu');
    expect(returnedTime).toBe(returned!.data.signedAt);
    expect(returnedText).toMatch(/\d{2}\/\d{2}\/\d{4}/);

    await page.goto(`${server.url}/#/instances/${key}/replay?step=${stepOf(approved!.position)}`);
    await waitForStep(page, stepOf(approved!.position), total);
    const approvedText = await page.locator('.replay-approval').innerText();

    expect(approvedText).toContain('Phê duyệt');
    expect(approvedText).toContain('Không có ý kiến.');
    expect(approvedText).not.toContain('Trả lại');
  });

  it('words the approval meaning in English', async () => {
    const { page } = tab;
    const returned = replay.events.find((event) => event.type === 'APPROVAL_RECORDED')!;
    const step = replay.events.indexOf(returned) + 1;
    await page.goto(`${server.url}/#/instances/${key}/replay?step=${step}`);
    await waitForStep(page, step, total);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 3, name: 'Approval signature' }).waitFor();
    const text = await page.locator('.replay-approval').innerText();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await waitForStep(page, step, total);

    expect(text).toContain('Signer');
    expect(text).toContain('Returned');
    expect(text).toContain('Bổ sung chỉ tiêu');
  });

  it('lists form fields in schema order', async () => {
    const { page } = tab;
    const completionStep = (elementId: string) =>
      replay.events.findIndex(
        (event) => event.type === 'USER_TASK_COMPLETED' && event.elementId === elementId,
      ) + 1;
    const labelsAt = async (step: number): Promise<string[]> => {
      await page.goto(`${server.url}/#/instances/${key}/replay?step=${step}`);
      await waitForStep(page, step, total);
      return page.locator('.replay-form-data > dl > .field > dt').allInnerTexts();
    };

    const review = await labelsAt(completionStep('Task_ReviewObjectives'));
    const dissemination = await labelsAt(completionStep('Task_Disseminate'));
    const draft = await labelsAt(completionStep('Task_DraftObjectives'));
    const itemLabels = await page
      .locator('.replay-list-items > li')
      .first()
      .locator('dt')
      .allInnerTexts();

    expect(review).toEqual(['Quyết định', 'Ý kiến']);
    expect(dissemination).toEqual(['Hình thức phổ biến', 'Ngày phổ biến']);
    expect(draft).toEqual(['Danh sách mục tiêu chất lượng']);
    expect(itemLabels.slice(0, 4)).toEqual([
      'Tên mục tiêu',
      'Chỉ số đo lường',
      'Công thức tính',
      'Chỉ tiêu',
    ]);
  });

  it('names event types in words', async () => {
    const { page } = tab;
    const items = await page.locator('.replay-timeline-type').allInnerTexts();

    expect(items.length).toBeGreaterThan(10);
    for (const text of items) expect(text).not.toMatch(/[A-Z]+_[A-Z_]+/);
    expect(items).toContain('Hoàn thành công việc');
  });

  it('passes axe without serious violations', async () => {
    const violations = seriousViolations(await runAxe(tab.page));

    expect(violations).toEqual([]);
    expect(tab.pageErrors).toEqual([]);
  });

  it('puts the diagram above the panel at 360 px', async () => {
    const narrow = await openPage(browser, { width: 360, height: 740 });
    try {
      const { page } = narrow;
      await login(page, server.url, 'director', password);
      await page.goto(`${server.url}/#/instances/${key}/replay?step=${recordJobStep}`);
      await waitForStep(page, recordJobStep, total);
      const diagram = await page.locator('.replay-diagram').boundingBox();
      const panel = await page.locator('.replay-panel').boundingBox();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      await screenshot(page, 'replay-04-narrow');

      expect(diagram!.y + diagram!.height).toBeLessThanOrEqual(panel!.y);
      expect(diagram!.width).toBeLessThanOrEqual(360);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(seriousViolations(await runAxe(page))).toEqual([]);
      expect(narrow.pageErrors).toEqual([]);
    } finally {
      await narrow.context.close();
    }
  });
});
