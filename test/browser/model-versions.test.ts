import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoPassword } from '../helpers/test-app.js';
import { runAxe, seriousViolations } from './axe.js';
import {
  buildWebApp,
  launchBrowser,
  login,
  openPage,
  openTaskFromInbox,
  screenshot,
  startTestServer,
} from './helpers.js';
import type { TestPage, TestServer } from './helpers.js';

const processId = 'quality-objectives';
const versionsUrl = `#/models/process/${processId}/versions`;
const originalName = 'Phê duyệt mục tiêu chất lượng';
const renamed = 'Phê duyệt mục tiêu (phiên bản 2)';
const formId = 'quality-objectives-approval';

function basicAuth(username: string): string {
  return `Basic ${Buffer.from(`${username}:${demoPassword}`).toString('base64')}`;
}

describe('model versions pages', () => {
  let server: TestServer;
  let browser: Browser;
  let secretary: TestPage;
  let runningKey: string;
  let runningBusinessKey: string;
  let draftId: string;
  // Each step builds on the one before, so after a failure the rest are skipped.
  let failedStep: string | undefined;

  beforeEach((context) => {
    if (failedStep) context.skip(`an earlier step failed: ${failedStep}`);
  });

  afterEach((context) => {
    if (context.task.result?.state === 'fail') failedStep = context.task.name;
  });

  async function api(
    username: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
  ): Promise<{ statusCode: number; body: string; json: () => unknown }> {
    const response = await server.app.inject({
      method,
      url,
      headers: { authorization: basicAuth(username) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    return { statusCode: response.statusCode, body: response.body, json: () => response.json() };
  }

  async function deployAsDirector(xml: string): Promise<void> {
    const form = new FormData();
    form.append('resources', new Blob([xml]), `${processId}.bpmn`);
    const encoded = new Response(form);
    const response = await server.app.inject({
      method: 'POST',
      url: '/v2/deployments',
      payload: Buffer.from(await encoded.arrayBuffer()),
      headers: {
        authorization: basicAuth('director'),
        'content-type': encoded.headers.get('content-type') ?? '',
      },
    });
    expect(response.statusCode, response.body).toBe(200);
  }

  async function expectAccessible(page: Page): Promise<void> {
    expect(seriousViolations(await runAxe(page))).toEqual([]);
  }

  async function screenshots(page: Page, name: string): Promise<void> {
    await screenshot(page, `${name}-1280`);
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, `${name}-360`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  function versionRow(page: Page, version: number) {
    return page.locator(`tr[data-version="${version}"]`);
  }

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer();

    // The instance starts on version 1, before version 2 exists.
    const started = await api('secretary', 'POST', `/api/procedures/${processId}/instances`, {
      year: 2031,
    });
    expect(started.statusCode, started.body).toBe(201);
    runningKey = (started.json() as { processInstanceKey: string }).processInstanceKey;
    const row = await server.app.services
      .db('process_instances')
      .where({ key: runningKey })
      .first('business_key');
    runningBusinessKey = row.business_key as string;

    const original = await api('secretary', 'GET', `/api/models/process/${processId}/versions/1`);
    expect(original.statusCode).toBe(200);
    expect(original.body).toContain(`name="${originalName}"`);
    await deployAsDirector(original.body.replace(`name="${originalName}"`, `name="${renamed}"`));

    browser = await launchBrowser();
    secretary = await openPage(browser);
    await login(secretary.page, server.url, 'secretary', demoPassword);
  });

  afterAll(async () => {
    await secretary?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('lists versions with source and instances', async () => {
    const { page } = secretary;
    await page.goto(`${server.url}/${versionsUrl}`);
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Các phiên bản của quy trình Xây dựng và phổ biến mục tiêu chất lượng',
      })
      .waitFor();

    await expect.poll(() => page.locator('tbody tr[data-version]').count()).toBe(2);
    const latest = versionRow(page, 2);
    const first = versionRow(page, 1);
    expect(await latest.innerText()).toContain('Triển khai qua API');
    expect(await latest.innerText()).toContain('Đang dùng');
    expect(await first.innerText()).toContain('Bản gốc của eiso');
    expect(await first.locator('.mv-running-count').innerText()).toBe('1');
    expect(await latest.locator('.mv-running-count').innerText()).toBe('0');
    expect(await first.locator('time').innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const checksum = first.locator('.mv-checksum');
    expect(await checksum.getAttribute('title')).toMatch(/^[0-9a-f]{64}$/);
    expect(await checksum.innerText()).toHaveLength(13);
    expect(await first.getByRole('link', { name: 'Tải về' }).getAttribute('href')).toBe(
      `/api/models/process/${processId}/versions/1?download=1`,
    );
    expect(await first.getByRole('button', { name: 'Khôi phục thành bản nháp' }).count()).toBe(1);
    expect(await latest.getByRole('button', { name: 'Khôi phục thành bản nháp' }).count()).toBe(0);
    expect(await first.getByRole('link', { name: 'Chuyển hồ sơ đang chạy' }).count()).toBe(1);
    expect(await latest.getByRole('link', { name: 'Chuyển hồ sơ đang chạy' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshots(page, 'model-versions');
  });

  it('compares versions on both diagrams', async () => {
    const { page } = secretary;
    await page.getByLabel('Phiên bản trước').selectOption('1');
    await page.getByLabel('Phiên bản sau').selectOption('2');
    await page.getByRole('button', { name: 'So sánh', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^So sánh phiên bản 1 và 2/ }).waitFor();

    const marked = (side: string) =>
      page.locator(
        `.mv-pane-${side} .djs-element[data-element-id="Task_ReviewObjectives"].eiso-diff-changed`,
      );
    await marked('before').waitFor();
    await marked('after').waitFor();
    expect(await page.locator('.mv-pane-after .eiso-diff-added').count()).toBe(0);
    expect(await page.locator('.mv-pane-before .eiso-diff-removed').count()).toBe(0);

    const row = page.locator('.mv-changes tr[data-element-id="Task_ReviewObjectives"]');
    expect(await page.locator('.mv-changes tbody tr').count()).toBe(1);
    expect(await row.innerText()).toContain('Sửa đổi');
    expect(await row.innerText()).toContain('Công việc của người dùng');
    expect(await row.locator('dt').innerText()).toBe('Tên');
    expect(await row.locator('del').innerText()).toBe(originalName);
    expect(await row.locator('ins').innerText()).toBe(renamed);

    await row.getByRole('button', { name: renamed }).click();
    for (const side of ['before', 'after']) {
      await page
        .locator(`.mv-pane-${side} .djs-element[data-element-id="Task_ReviewObjectives"].selected`)
        .waitFor();
    }
    expect(await row.getAttribute('class')).toContain('mv-row-current');
    // The selected element shows at 100 % instead of the fitted overview.
    const transform = await page.locator('.mv-pane-after .viewport').getAttribute('transform');
    expect(transform).toMatch(/^matrix\(1,0,0,1,/);

    // Back to the whole diagram, a click on an unchanged element selects it in both diagrams.
    await page.getByRole('button', { name: 'Xem toàn bộ sơ đồ: Phiên bản 2' }).click();
    expect(await page.locator('.mv-pane-after .viewport').getAttribute('transform')).not.toMatch(
      /^matrix\(1,0,0,1,/,
    );
    await page
      .locator('.mv-pane-after .djs-element[data-element-id="Task_DraftObjectives"]')
      .click();
    for (const side of ['before', 'after']) {
      await page
        .locator(`.mv-pane-${side} .djs-element[data-element-id="Task_DraftObjectives"].selected`)
        .waitFor();
    }
    expect(await page.locator('.mv-row-current').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'model-versions-diff-1280');

    // At 360 px one diagram shows at a time, and the toggle switches to the other.
    await page.setViewportSize({ width: 360, height: 800 });
    const toggle = page.getByRole('group', { name: 'Sơ đồ hiển thị' });
    await toggle.waitFor();
    expect(await page.locator('.mv-pane-before').isVisible()).toBe(false);
    expect(await page.locator('.mv-pane-after').isVisible()).toBe(true);
    await toggle.getByRole('button', { name: 'Phiên bản 1' }).click();
    expect(await page.locator('.mv-pane-before').isVisible()).toBe(true);
    expect(await page.locator('.mv-pane-after').isVisible()).toBe(false);
    expect(
      await toggle.getByRole('button', { name: 'Phiên bản 1' }).getAttribute('aria-pressed'),
    ).toBe('true');
    await screenshot(page, 'model-versions-diff-360');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('migrates running instance to version 2', async () => {
    const { page } = secretary;
    await page.goto(`${server.url}/${versionsUrl}`);
    await versionRow(page, 1).getByRole('link', { name: 'Chuyển hồ sơ đang chạy' }).click();
    await page.getByRole('heading', { level: 1, name: /^Chuyển hồ sơ đang chạy/ }).waitFor();

    const row = page.locator(`tr[data-instance="${runningKey}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(runningBusinessKey);
    expect(await row.innerText()).toContain('Soạn thảo mục tiêu chất lượng');
    expect(await row.innerText()).toContain('Chuyển được');
    const submit = page.getByRole('button', { name: /^Chuyển \d+ hồ sơ đã chọn/ });
    expect(await submit.isDisabled()).toBe(true);
    await expectAccessible(page);
    await screenshots(page, 'model-versions-migration');

    await row.getByRole('checkbox').check();
    expect(await submit.innerText()).toBe('Chuyển 1 hồ sơ đã chọn sang phiên bản 2');
    page.once('dialog', (dialog) => void dialog.accept());
    await submit.click();
    await row.getByText('Đã chuyển sang phiên bản 2').waitFor();
    expect(await page.locator('.mv-progress-text').innerText()).toBe('Đã xử lý 1/1 hồ sơ.');
    expect(await page.locator('.mv-progress progress').getAttribute('value')).toBe('1');
    await page.getByText('Đã chuyển 1/1 hồ sơ; 0 hồ sơ không chuyển được.').waitFor();
    expect(await row.getByRole('checkbox').isDisabled()).toBe(true);

    const instance = await server.app.services
      .db('process_instances')
      .where({ key: runningKey })
      .first('version');
    expect(instance.version).toBe(2);
    await expectAccessible(page);
  });

  it('restores version 1 as a draft', async () => {
    const { page } = secretary;
    await page.goto(`${server.url}/${versionsUrl}`);
    await versionRow(page, 1).waitFor();
    expect(await versionRow(page, 1).locator('.mv-running-count').innerText()).toBe('0');
    expect(await versionRow(page, 2).locator('.mv-running-count').innerText()).toBe('1');

    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await versionRow(page, 1).getByRole('button', { name: 'Khôi phục thành bản nháp' }).click();
    await page.getByRole('heading', { level: 1, name: /^Bản nháp của quy trình/ }).waitFor();
    expect(question).toContain('phiên bản 1');
    draftId = /#\/models\/drafts\/(\d+)/.exec(page.url())?.[1] ?? '';
    expect(draftId).not.toBe('');

    await page.getByText('Đã tạo bản nháp từ phiên bản 1.').waitFor();
    expect(await page.locator('.details').innerText()).toContain('Bản nháp');
    expect(await page.getByRole('link', { name: 'Chỉnh sửa bản nháp' }).getAttribute('href')).toBe(
      `#/models/process/${processId}?draft=${draftId}`,
    );
    await page.getByRole('heading', { level: 2, name: 'Thay đổi so với phiên bản 2' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kết quả kiểm tra' }).waitFor();
    const row = page.locator('.mv-changes tr[data-element-id="Task_ReviewObjectives"]');
    expect(await row.locator('del').innerText()).toBe(renamed);
    expect(await row.locator('ins').innerText()).toBe(originalName);
    await page
      .locator(
        '.mv-pane-after .djs-element[data-element-id="Task_ReviewObjectives"].eiso-diff-changed',
      )
      .waitFor();
    await expectAccessible(page);
    await screenshots(page, 'model-versions-draft');

    // The versions page now names the open draft and blocks a second restore.
    await page.goto(`${server.url}/${versionsUrl}`);
    await page.getByText('Đang có một bản nháp (Bản nháp).').waitFor();
    expect(
      await versionRow(page, 1)
        .getByRole('button', { name: 'Khôi phục thành bản nháp' })
        .isDisabled(),
    ).toBe(true);
  });

  it('opens draft review from approval task', async () => {
    const reason = 'Trả lại tên bước phê duyệt như phiên bản đầu';
    const submitted = await api('secretary', 'POST', `/api/model-drafts/${draftId}/submit`, {
      reason,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    const director = await openPage(browser);
    try {
      const { page } = director;
      await login(page, server.url, 'director', demoPassword);
      await openTaskFromInbox(page, server.url, 'Duyệt thay đổi quy trình:');
      const link = page.getByRole('link', { name: 'Xem so sánh trên sơ đồ' });
      expect(await link.getAttribute('href')).toBe(`#/models/drafts/${draftId}`);
      await link.click();
      await page.getByRole('heading', { level: 1, name: /^Bản nháp của quy trình/ }).waitFor();
      const details = await page.locator('.details').innerText();
      expect(details).toContain('Đã trình, chờ phê duyệt');
      expect(details).toContain(reason);
      expect(details).toContain('Nguyễn Thu Hà · ');
      expect(details).not.toContain('secretary');
      expect(await page.getByRole('link', { name: 'Chỉnh sửa bản nháp' }).count()).toBe(0);
      await page.locator('.mv-changes tr[data-element-id="Task_ReviewObjectives"]').waitFor();
      await expectAccessible(page);
    } finally {
      await director.context.close();
    }
  });

  it('shows form draft as field diff', async () => {
    const form = await api('secretary', 'GET', `/api/models/form/${formId}/versions/1`);
    expect(form.statusCode).toBe(200);
    const schema = JSON.parse(form.body) as { components: { label?: string }[] };
    const field = schema.components.find((component) => component.label === 'Quyết định');
    expect(field).toBeDefined();
    field!.label = 'Quyết định của Ban Giám đốc';
    const created = await api('secretary', 'POST', '/api/model-drafts', {
      kind: 'form',
      content: JSON.stringify(schema),
    });
    expect(created.statusCode, created.body).toBe(201);
    const formDraftId = (created.json() as { id: string }).id;

    const { page } = secretary;
    await page.goto(`${server.url}/#/models/drafts/${formDraftId}`);
    await page.getByRole('heading', { level: 1, name: /^Bản nháp của biểu mẫu/ }).waitFor();
    const diff = page.getByRole('region', { name: /So sánh nội dung biểu mẫu/ });
    await diff.waitFor();
    const changed = diff.locator('.mv-form-field-changed');
    expect(await changed.count()).toBe(1);
    expect(await changed.locator('strong').textContent()).toBe('Quyết định của Ban Giám đốc');
    expect(await changed.locator('tbody th').allInnerTexts()).toEqual(['Nhãn']);
    expect(await changed.locator('del').allInnerTexts()).toEqual(['Quyết định']);
    expect(await changed.locator('ins').allInnerTexts()).toEqual(['Quyết định của Ban Giám đốc']);
    expect(await diff.locator('.mv-form-added, .mv-form-removed').count()).toBe(0);

    // The line diff of the JSON stays one click away.
    await diff.getByText('Xem so sánh nội dung JSON theo dòng').click();
    const json = diff.getByRole('region', { name: 'So sánh nội dung JSON của biểu mẫu theo dòng' });
    expect(await json.locator('del').allInnerTexts()).toEqual([
      expect.stringContaining('"label": "Quyết định"'),
    ]);
    expect(await json.locator('ins').allInnerTexts()).toEqual([
      expect.stringContaining('"label": "Quyết định của Ban Giám đốc"'),
    ]);
    expect(await json.locator('.mv-line-folded').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshots(page, 'model-versions-form-draft');
  });

  it('hides editing actions from staff', async () => {
    const staff = await openPage(browser);
    try {
      const { page } = staff;
      await login(page, server.url, 'staff.vp', demoPassword);
      await page.goto(`${server.url}/${versionsUrl}`);
      await versionRow(page, 1).waitFor();
      expect(await page.getByRole('link', { name: 'Tải về' }).count()).toBe(2);
      expect(await page.getByRole('button', { name: 'Khôi phục thành bản nháp' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Chuyển hồ sơ đang chạy' }).count()).toBe(0);
      expect(await versionRow(page, 2).innerText()).toContain('Trần Văn Minh');
      expect(await versionRow(page, 1).innerText()).toContain('Hệ thống eiso');

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: /^Versions of the process/ }).waitFor();
      expect(await versionRow(page, 1).innerText()).toContain('Shipped with eiso');
      expect(await versionRow(page, 2).innerText()).toContain('Deployed through the API');
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();

      await page.goto(`${server.url}/#/models/drafts/${draftId}`);
      await page
        .getByText('Chỉ Thư ký ISO và Ban Giám đốc được xem bản nháp và chuyển hồ sơ đang chạy.')
        .waitFor();
    } finally {
      await staff.context.close();
    }
  });
});
