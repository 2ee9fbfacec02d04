import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  inputFieldName,
  reviewInputKeys,
} from '../../src/procedures/management-review/review-inputs.js';
import { ensureCorrectiveActionProcess } from '../helpers/management-review.js';
import {
  chooseOption,
  completeTask,
  fillDate,
  fillField,
  formField,
  screenshot,
  stepByStepSession,
} from './helpers.js';

const draftTask = 'Soạn thông báo xem xét của lãnh đạo';
const approveNoticeTask = 'Phê duyệt thông báo xem xét';
const reportTask = 'Báo cáo đầu vào xem xét của lãnh đạo';
const consolidateTask = 'Tổng hợp đầu vào xem xét của lãnh đạo';
const meetingTask = 'Ghi nhận cuộc họp xem xét';
const approveReportTask = 'Kết luận và phê duyệt báo cáo xem xét';

const returnComment = 'Giao thêm Thanh tra Sở báo cáo kết quả đánh giá nội bộ.';
const improvement = 'Số hóa toàn bộ hồ sơ lưu trữ của Bộ phận Một cửa';

// The server runs on the real clock, so the notice's dates follow today: the reports are due in
// a week and the meeting is a week later.
function isoDate(daysFromToday: number): string {
  const date = new Date(Date.now() + daysFromToday * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(date);
}

const dates = {
  periodFrom: isoDate(-180),
  periodTo: isoDate(-1),
  reportDue: isoDate(7),
  meeting: isoDate(14),
  deadline: isoDate(120),
};

/** The inputs of clause 9.3.2 that each department of the notice reports on, by their labels. */
const assignments: { department: string; inputs: [string, string][] }[] = [
  {
    department: 'Văn phòng Sở',
    inputs: [
      ['previousActions', 'Tình trạng của các hành động từ các lần xem xét của lãnh đạo trước đó'],
      ['objectives', 'Mức độ đạt được các mục tiêu chất lượng'],
    ],
  },
  {
    department: 'Thanh tra Sở',
    inputs: [
      ['nonconformities', 'Sự không phù hợp và hành động khắc phục'],
      ['auditResults', 'Kết quả đánh giá'],
    ],
  },
];

async function fillAssignment(page: Page, index: number): Promise<void> {
  const assignment = assignments[index]!;
  await chooseOption(page, `assignments.${index}.department`, assignment.department);
  for (const [, label] of assignment.inputs) {
    await formField(page, `assignments.${index}.inputs`).getByLabel(label, { exact: true }).check();
  }
}

describe('management review through the web pages', () => {
  // The meeting's output opens a corrective action, so its process must be deployed.
  const session = stepByStepSession({
    prepare: async (app, db) => {
      const unit = await db('units').where({ code: 'SKHCN' }).first('id');
      await ensureCorrectiveActionProcess(db, String(unit.id));
    },
  });

  it('secretary drafts the notice for one department', async () => {
    const { page } = session;
    await session.signIn('secretary');
    await session.startProcedure('management-review', draftTask);

    await fillDate(page, 'periodFrom', dates.periodFrom);
    await fillDate(page, 'periodTo', dates.periodTo);
    await fillDate(page, 'meetingDate', dates.meeting);
    await fillField(page, 'meetingStart', '08:00');
    await fillField(page, 'venue', 'Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ');
    await fillField(page, 'participants', 'Ban Giám đốc Sở\nLãnh đạo các phòng, đơn vị thuộc Sở');
    await fillDate(page, 'reportDueDate', dates.reportDue);
    await fillAssignment(page, 0);
    await screenshot(page, 'management-review-01-notice-draft');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('director returns the notice with a comment', async () => {
    const { page } = session;
    await session.switchUser('director');
    await session.openTask(approveNoticeTask);
    expect(await page.locator('.task-form').textContent()).toContain('Văn phòng Sở');

    await chooseOption(page, 'decision', 'Trả lại để chỉnh sửa');
    await fillField(page, 'comment', returnComment);
    await screenshot(page, 'management-review-02-notice-return');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('secretary adds the inspectorate and resubmits', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await session.openTask(draftTask);
    expect(await page.locator('.task-form').textContent()).toContain(returnComment);

    await page.locator('.fjs-repeat-render-add').first().click();
    await formField(page, 'assignments.1.department').waitFor();
    await fillAssignment(page, 1);
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('director approves the notice', async () => {
    const { page } = session;
    await session.switchUser('director');
    await session.openTask(approveNoticeTask);
    expect(await page.locator('.task-form').textContent()).toContain('Thanh tra Sở');

    await chooseOption(page, 'decision', 'Phê duyệt');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('each department head reports', async () => {
    const { page } = session;
    for (const [index, username] of ['head.vp', 'head.ttra'].entries()) {
      await session.switchUser(username);
      await session.openTask(reportTask);

      const assigned = assignments[index]!.inputs;
      for (const [key] of assigned) {
        await fillField(page, `report.${key}`, `Số liệu về ${key} trong kỳ, đạt yêu cầu.`);
      }
      expect(await formField(page, 'report.resources').count()).toBe(0);
      if (index === 0) await screenshot(page, 'management-review-03-department-report');
      await completeTask(page);
    }

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('secretary cannot consolidate an empty input', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await session.openTask(consolidateTask);
    const prefilled = formField(page, inputFieldName('auditResults')).locator('textarea');
    expect(await prefilled.inputValue()).toBe(
      'Thanh tra Sở: Số liệu về auditResults trong kỳ, đạt yêu cầu.',
    );

    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Kết quả theo dõi và đo lường');
    await screenshot(page, 'management-review-04-consolidation-refused');

    for (const key of reviewInputKeys) {
      const field = formField(page, inputFieldName(key)).locator('textarea');
      if ((await field.inputValue()).trim() === '')
        await field.fill(`Tổng hợp về ${key}: kết quả thực hiện trong kỳ xem xét.`);
    }
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('secretary records the meeting and its decisions', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await session.openTask(meetingTask);
    expect(await formField(page, 'heldVenue').locator('input').inputValue()).toBe(
      'Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ',
    );

    await fillField(
      page,
      'minutes',
      'Thư ký ISO trình bày báo cáo tổng hợp; các phòng thống nhất.',
    );
    await fillField(
      page,
      'conclusion',
      'Hệ thống quản lý chất lượng phù hợp, thỏa đáng và có hiệu lực.',
    );
    await chooseOption(page, 'outputs.0.outputType', 'Cơ hội cải tiến');
    await fillField(page, 'outputs.0.description', improvement);
    await chooseOption(page, 'outputs.0.ownerDepartment', 'Văn phòng Sở');
    await fillField(page, 'outputs.0.ownerName', 'Phạm Quốc Huy');
    await fillDate(page, 'outputs.0.deadline', dates.deadline);
    await formField(page, 'outputs.0.openCorrectiveAction')
      .locator('input[type="checkbox"]')
      .check();
    await screenshot(page, 'management-review-05-meeting');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('director approves the report', async () => {
    const { page } = session;
    await session.switchUser('director');
    await session.openTask(approveReportTask);
    expect(await page.locator('.task-form').textContent()).toContain(improvement);

    await chooseOption(page, 'decision', 'Phê duyệt');
    await screenshot(page, 'management-review-06-report-approval');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('review page shows documents and actions', async () => {
    const { page } = session;
    await session.switchUser('head.vp');
    await page.goto(`${session.url}/#/views/management-reviews`);
    const row = page.locator('.review-table tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Đã phê duyệt báo cáo');
    await row.locator('a').click();
    await page.locator('.review-actions-table').waitFor();

    expect(await page.locator('[data-document="report-pdf"]').count()).toBe(1);
    const action = page.locator('.review-actions-table tbody tr[data-action]', {
      hasText: improvement,
    });
    expect(await action.textContent()).toMatch(/Đang thực hiện/);
    const correctiveAction = await action.locator('td').nth(6).textContent();
    expect(correctiveAction?.trim()).not.toBe('—');
    const approvals = page.locator('.approval-list li');
    expect(await approvals.count()).toBe(3);
    expect(await approvals.nth(0).textContent()).toContain(returnComment);
    await screenshot(page, 'management-review-07-review-page');

    const form = page.locator(`form[data-action="${await action.getAttribute('data-action')}"]`);
    await form.locator('input[type="date"]').fill(isoDate(0));
    await form.locator('textarea').fill('Đã số hóa 100% hồ sơ lưu trữ.');
    await form.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
    const done = page.locator('.review-actions-table tbody tr[data-action]', {
      hasText: improvement,
    });
    await done.getByText('Đã hoàn thành').waitFor();
    expect(await done.textContent()).toContain('Đã số hóa 100% hồ sơ lưu trữ.');
    await screenshot(page, 'management-review-08-action-done');
    expect(session.tab.pageErrors).toEqual([]);
  });
});
