import { describe, expect, it } from 'vitest';
import {
  chooseOption,
  completeTask,
  fillField,
  formField,
  screenshot,
  stepByStepSession,
} from './helpers.js';

const code = 'QT-08';
const title = 'Quy trình cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ';
const returnComment = 'Bổ sung thời hạn của bước thẩm định hồ sơ.';

const proposeTask = 'Đề xuất thay đổi tài liệu';
const draftTask = 'Soạn thảo tài liệu';
const reviewTask = 'Xem xét dự thảo tài liệu';
const approveTask = 'Phê duyệt ban hành tài liệu';
const acknowledgeTask = 'Xác nhận đã nhận tài liệu';

describe('document-control procedure through the web pages', () => {
  const session = stepByStepSession();

  it('staff member proposes a new procedure', async () => {
    const { page } = session;
    await session.signIn('staff.qlcn');
    await session.startProcedure('document-control', proposeTask);
    expect(await page.locator('.task-form').textContent()).toContain('QT-01');
    await chooseOption(page, 'changeType', 'Ban hành tài liệu mới');
    await fillField(page, 'newDocumentCode', code);
    await fillField(
      page,
      'changeReason',
      'Thủ tục cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ được đưa vào phạm vi áp dụng.',
    );
    await screenshot(page, 'document-control-01-propose');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('staff member drafts the procedure', async () => {
    const { page } = session;
    await session.openTask(draftTask);
    expect(await page.locator('.task-form').textContent()).toContain(`${code}, lần ban hành 1`);

    await fillField(page, 'title', title);
    await chooseOption(page, 'documentType', 'Quy trình');
    await chooseOption(page, 'retentionPeriod', '05 năm');
    await fillField(
      page,
      'documentContent',
      'Tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công, thẩm định điều kiện, trình Giám đốc Sở ký giấy chứng nhận.',
    );
    await fillField(page, 'link', 'https://iso.skhcn.example/tai-lieu/QT-08.pdf');
    const departments = formField(page, 'departmentsConcerned');
    await departments.getByLabel('Văn phòng Sở', { exact: true }).check();
    await departments.getByLabel('Phòng Quản lý công nghệ và Đổi mới sáng tạo').check();
    await fillField(page, 'changeSummary', 'Ban hành lần đầu.');
    await screenshot(page, 'document-control-02-draft');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('head of division returns the draft', async () => {
    const { page } = session;
    await session.switchUser('head.qlcn');
    await session.openTask(reviewTask);
    expect(await page.locator('.task-form').textContent()).toContain(title);

    await chooseOption(page, 'decision', 'Trả lại để chỉnh sửa');
    await fillField(page, 'comment', returnComment);
    await screenshot(page, 'document-control-03-review-return');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('staff member sees the comment and resubmits', async () => {
    const { page } = session;
    await session.switchUser('staff.qlcn');
    await session.openTask(draftTask);

    expect(await page.locator('.task-form').textContent()).toContain(returnComment);
    expect(await formField(page, 'title').locator('input').inputValue()).toBe(title);
    await fillField(
      page,
      'documentContent',
      'Tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công; thẩm định điều kiện trong 04 ngày làm việc; trình Giám đốc Sở ký giấy chứng nhận.',
    );
    await screenshot(page, 'document-control-04-redraft');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('head of division agrees and the director approves', async () => {
    const { page } = session;
    await session.switchUser('head.qlcn');
    await session.openTask(reviewTask);
    await chooseOption(page, 'decision', 'Đồng ý, trình Ban giám đốc phê duyệt');
    await completeTask(page);

    await session.switchUser('director');
    await session.openTask(approveTask);
    expect(await page.locator('.task-form').textContent()).toContain('04 ngày làm việc');
    await chooseOption(page, 'decision', 'Phê duyệt');
    await screenshot(page, 'document-control-05-approve');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('heads of the departments concerned acknowledge', async () => {
    const { page } = session;
    for (const username of ['head.vp', 'head.qlcn']) {
      await session.switchUser(username);
      await session.openTask(acknowledgeTask);

      expect(await page.locator('.task-form').textContent()).toContain('lần ban hành 1');
      await formField(page, 'acknowledged').locator('input[type="checkbox"]').check();
      if (username === 'head.vp') await screenshot(page, 'document-control-06-acknowledge');
      await completeTask(page);
    }
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('register lists the issued procedure', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await page.goto(`${session.url}/#/registers/controlled-documents?code=${code}`);
    const row = page.locator('tbody tr', { hasText: code });
    await row.waitFor();

    expect(await row.textContent()).toContain(title);
    expect(await row.textContent()).toContain('Trần Văn Minh');
    await screenshot(page, 'document-control-07-register');
    await page.goto(`${session.url}/#/registers/document-revisions?code=${code}`);
    const revision = page.locator('tbody tr', { hasText: code });
    await revision.waitFor();
    expect(await revision.textContent()).toContain('Ban hành mới');
    await screenshot(page, 'document-control-08-revision-log');
    expect(session.tab.pageErrors).toEqual([]);
  });
});
