import { describe, expect, it } from 'vitest';
import {
  chooseOption,
  completeTask,
  fillDate,
  fillField,
  navigateTo,
  screenshot,
  stepByStepSession,
} from './helpers.js';

const today = new Date().toISOString().slice(0, 10);
const answer =
  'Phòng đã kiểm tra: hồ sơ của Công ty đủ điều kiện, giấy chứng nhận được trả ngày làm việc tiếp theo.';

const receiveTask = 'Tiếp nhận phản ánh, kiến nghị';
const triageTask = 'Phân công người xử lý phản ánh';
const draftTask = 'Soạn nội dung trả lời phản ánh';
const approveTask = 'Phê duyệt nội dung trả lời phản ánh';
const sendTask = 'Gửi trả lời cho người phản ánh';

describe('complaint-handling procedure through the web pages', () => {
  const session = stepByStepSession();

  it('staff member files a complaint', async () => {
    const { page } = session;
    await session.signIn('staff.vp');
    await session.startProcedure('complaint-handling', receiveTask);

    await fillField(page, 'complainantName', 'Công ty Cổ phần Công nghệ Sông Hồng');
    await fillField(page, 'complainantContact', 'lienhe@songhong-tech.vn');
    await chooseOption(page, 'channel', 'Thư điện tử');
    await fillDate(page, 'receivedDate', today);
    await fillField(page, 'service', 'Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ');
    await chooseOption(page, 'department', 'Phòng Quản lý khoa học');
    await fillField(
      page,
      'complaintContent',
      'Hồ sơ nộp trực tuyến đã quá ngày hẹn trả kết quả nhưng chưa nhận được thông báo.',
    );
    await screenshot(page, 'complaint-handling-01-receive');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('head of the division assigns a handler', async () => {
    const { page } = session;
    await session.switchUser('head.qlkh');
    await session.openTask(triageTask);
    expect(await page.locator('.task-form').textContent()).toContain('Sông Hồng');

    await chooseOption(page, 'handler', 'Đặng Văn Khoa');
    await fillField(page, 'triageNote', 'Kiểm tra lại hồ sơ trên hệ thống một cửa.');
    await screenshot(page, 'complaint-handling-02-triage');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('handler drafts the answer', async () => {
    const { page } = session;
    await session.switchUser('staff.qlkh');
    await session.openTask(draftTask);
    expect(await page.locator('.task-form').textContent()).toContain(
      'Kiểm tra lại hồ sơ trên hệ thống một cửa.',
    );

    await fillField(page, 'answer', answer);
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('head approves the answer', async () => {
    const { page } = session;
    await session.switchUser('head.qlkh');
    await session.openTask(approveTask);
    expect(await page.locator('.task-form').textContent()).toContain(answer);

    await chooseOption(page, 'decision', 'Phê duyệt nội dung trả lời');
    await screenshot(page, 'complaint-handling-03-approve');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('handler sends the answer', async () => {
    const { page } = session;
    await session.switchUser('staff.qlkh');
    await session.openTask(sendTask);

    await fillDate(page, 'answeredOn', today);
    await chooseOption(page, 'answerChannel', 'Thư điện tử');
    await fillField(page, 'sendNote', 'Công văn số 125/SKHCN-QLKH');
    await screenshot(page, 'complaint-handling-04-send');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('register lists the answered complaint', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await page.goto(`${session.url}/#/registers/complaints?q=${encodeURIComponent('Sông Hồng')}`);
    const row = page.locator('tbody tr', { hasText: 'Sông Hồng' });
    await row.waitFor();

    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Đã trả lời');
    expect(text).toContain('Đặng Văn Khoa');
    await screenshot(page, 'complaint-handling-05-register');
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('summary view draws the charts', async () => {
    const { page } = session;
    await navigateTo(page, 'Sổ đăng ký');
    await page.getByRole('link', { name: 'Thống kê phản ánh và sự hài lòng' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Thống kê phản ánh và sự hài lòng' })
      .waitFor();

    const departments = page.locator('svg[data-chart="by-department"] g[data-bar]');
    const months = page.locator('svg[data-chart="by-month"] g[data-bar]');
    expect(await departments.count()).toBe(4);
    expect(await months.count()).toBe(12);
    const answered = page.locator('[data-table="complaints-by-status"] tr[data-status="answered"]');
    expect(Number(await answered.locator('td').nth(1).textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-figure="on-time-rate"]').textContent()).toContain('%');
    await screenshot(page, 'complaint-handling-06-summary');
    expect(session.tab.pageErrors).toEqual([]);
  });
});
