import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chooseOption,
  completeTask,
  expectFieldValues,
  fillDate,
  fillField,
  formField,
  screenshot,
  stepByStepSession,
} from './helpers.js';
import { daysFromToday } from '../helpers/risk-management.js';

const year = new Date().getFullYear();

const planTask = 'Lập kế hoạch đánh giá rủi ro';
const identifyTask = 'Nhận diện rủi ro và cơ hội';
const evaluateTask = 'Đánh giá và xếp ưu tiên rủi ro';
const treatmentTask = 'Lập kế hoạch xử lý rủi ro';
const approvalTask = 'Phê duyệt kế hoạch xử lý rủi ro';
const carryOutTask = 'Thực hiện biện pháp xử lý';
const reportTask = 'Báo cáo và đánh giá lại rủi ro';

const risk = {
  process: 'Tiếp nhận và trả kết quả hồ sơ',
  description: 'Hồ sơ giấy bị thất lạc khi chuyển từ bộ phận một cửa sang phòng chuyên môn',
  cause: 'Chuyển hồ sơ bằng tay, không có sổ giao nhận',
};
const opportunity = {
  process: 'Tiếp nhận và trả kết quả hồ sơ',
  description: 'Tiếp nhận hồ sơ trực tuyến toàn trình trên Cổng dịch vụ công',
  action: 'Tái cấu trúc quy trình, tích hợp thanh toán trực tuyến',
};

/** Checks that every typed text is still in its field, then completes the task. */
async function completeWithText(page: Page, fields: [string, string][]): Promise<void> {
  await expectFieldValues(page, fields);
  await completeTask(page);
}

describe('risk management through the web pages', () => {
  const session = stepByStepSession();

  it('secretary starts an assessment of the office', async () => {
    const { page } = session;
    await session.signIn('secretary');
    await session.startProcedure('risk-management', planTask);

    expect(await page.locator('.task-form').textContent()).toContain('5 × 5');
    await fillField(page, 'assessmentScope', 'Quá trình tiếp nhận và trả kết quả hồ sơ năm nay');
    await fillField(page, 'assessmentMethod', 'Phỏng vấn lãnh đạo phòng, phân tích hồ sơ trễ hạn');
    await formField(page, 'assessmentDepartments')
      .getByLabel('Văn phòng Sở', { exact: true })
      .check();
    await fillDate(page, 'identificationDeadline', daysFromToday(15));
    await screenshot(page, 'risk-01-plan');
    await completeWithText(page, [
      ['assessmentScope', 'Quá trình tiếp nhận và trả kết quả hồ sơ năm nay'],
      ['assessmentMethod', 'Phỏng vấn lãnh đạo phòng, phân tích hồ sơ trễ hạn'],
    ]);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('head of the office identifies a risk and an opportunity', async () => {
    const { page } = session;
    await session.switchUser('head.vp');
    await session.openTask(identifyTask);

    expect(await page.locator('.task-form').textContent()).toContain('Văn phòng Sở');
    await fillField(page, 'identifiedRisks.0.process', risk.process);
    await fillField(page, 'identifiedRisks.0.description', risk.description);
    await fillField(page, 'identifiedRisks.0.cause', risk.cause);
    await chooseOption(page, 'identifiedRisks.0.likelihood', '2 - Ít khi');
    await chooseOption(page, 'identifiedRisks.0.severity', '5 - Nghiêm trọng');
    await page.locator('.fjs-repeat-render-add').nth(1).click();
    await formField(page, 'identifiedOpportunities.0.description').waitFor();
    await fillField(page, 'identifiedOpportunities.0.process', opportunity.process);
    await fillField(page, 'identifiedOpportunities.0.description', opportunity.description);
    await chooseOption(page, 'identifiedOpportunities.0.benefit', '4 - Lớn');
    await chooseOption(page, 'identifiedOpportunities.0.feasibility', '4 - Dễ');
    await fillField(page, 'identifiedOpportunities.0.action', opportunity.action);
    await screenshot(page, 'risk-02-identify');
    await completeWithText(page, [
      ['identifiedRisks.0.process', risk.process],
      ['identifiedRisks.0.description', risk.description],
      ['identifiedRisks.0.cause', risk.cause],
      ['identifiedOpportunities.0.process', opportunity.process],
      ['identifiedOpportunities.0.description', opportunity.description],
      ['identifiedOpportunities.0.action', opportunity.action],
    ]);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('secretary scores, prioritises and plans the treatment', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await session.openTask(evaluateTask);

    const code = formField(page, 'riskScores.0.code').locator('input');
    expect(await code.inputValue()).toBe('RR-VP-04');
    await chooseOption(page, 'riskScores.0.priority', 'Xử lý ngay');
    await screenshot(page, 'risk-03-evaluate');
    await completeTask(page);

    await session.openTask(treatmentTask);
    const score = formField(page, 'treatmentPlans.0.scoreLabel').locator('input');
    expect(await score.inputValue()).toBe('10 (Cao)');
    await chooseOption(page, 'treatmentPlans.0.treatmentOption', 'Giảm thiểu rủi ro');
    const actions = 'Lập sổ giao nhận hồ sơ và chuyển hồ sơ qua phần mềm một cửa';
    await fillField(page, 'treatmentPlans.0.treatmentActions', actions);
    await fillDate(page, 'treatmentPlans.0.treatmentDue', `${year + 1}-01-31`);
    await chooseOption(page, 'opportunityPlans.0.pursue', 'Thực hiện');
    await screenshot(page, 'risk-04-treatment');
    await completeWithText(page, [['treatmentPlans.0.treatmentActions', actions]]);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('director approves the treatment of the high risk', async () => {
    const { page } = session;
    await session.switchUser('director');
    await session.openTask(approvalTask);

    expect(await page.locator('.task-form').textContent()).toContain(risk.description);
    await chooseOption(page, 'decision', 'Phê duyệt');
    await screenshot(page, 'risk-05-approval');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('head carries out the treatment and the secretary re-scores', async () => {
    const { page } = session;
    await session.switchUser('head.vp');
    await session.openTask(carryOutTask);
    const report = 'Đã lập sổ giao nhận và chuyển toàn bộ hồ sơ qua phần mềm một cửa';
    await fillField(page, 'implementationReport', report);
    await fillDate(page, 'implementedOn', `${year + 1}-01-20`);
    await screenshot(page, 'risk-06-carry-out');
    await completeWithText(page, [['implementationReport', report]]);

    await session.switchUser('secretary');
    await session.openTask(reportTask);
    await chooseOption(page, 'residualScores.0.residualLikelihood', '1 - Hiếm khi');
    await chooseOption(page, 'residualScores.0.residualSeverity', '4 - Lớn');
    await chooseOption(page, 'opportunityResults.0.result', 'Đã mang lại kết quả');
    const summary = 'Rủi ro thất lạc hồ sơ đã giảm xuống mức Thấp.';
    await fillField(page, 'reportSummary', summary);
    await screenshot(page, 'risk-07-report');
    await completeWithText(page, [['reportSummary', summary]]);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('heat map counts the risk before and after treatment', async () => {
    const { page } = session;
    await page.goto(`${session.url}/#/registers`);
    await page.getByRole('link', { name: 'Bản đồ nhiệt rủi ro' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bản đồ nhiệt rủi ro' }).waitFor();

    // The demo register already has one risk rated 2 × 5 and two rated 1 × 4 after treatment.
    const before = page.locator(
      'svg[data-kind="before"] .heat-cell[data-likelihood="2"][data-severity="5"]',
    );
    const after = page.locator(
      'svg[data-kind="after"] .heat-cell[data-likelihood="1"][data-severity="4"]',
    );
    expect(await before.getAttribute('data-count')).toBe('2');
    expect(await before.getAttribute('data-level')).toBe('high');
    expect(await after.getAttribute('data-count')).toBe('3');
    expect(await after.getAttribute('data-level')).toBe('low');
    expect(
      await page
        .getByRole('link', { name: 'Tải trích sổ đăng ký rủi ro (PDF)' })
        .getAttribute('href'),
    ).toBe('/api/risks/extract?format=pdf');
    await screenshot(page, 'risk-08-heat-map');

    await page.getByRole('link', { name: 'Khả năng 2, mức độ 5: 2 rủi ro' }).click();
    await page.locator('.register-table').waitFor();
    const rows = page.locator('.register-table tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await page.locator('.register-table').textContent()).toContain(risk.description);
    await screenshot(page, 'risk-09-register-cell');
    expect(session.tab.pageErrors).toEqual([]);
  });
});
