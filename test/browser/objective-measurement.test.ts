import { describe, expect, it } from 'vitest';
import {
  deployCorrectiveActionStandIn,
  insertApprovedObjectives,
  twoDepartmentObjectives,
} from '../helpers/objective-measurement.js';
import {
  completeTask,
  expectFieldValues,
  fillField,
  formField,
  screenshot,
  stepByStepSession,
} from './helpers.js';
import type { TestPage } from './helpers.js';

const reportTask = 'Báo cáo kết quả đo lường mục tiêu';
const decideTask = 'Xem xét mục tiêu không đạt';

// The server seeds its demo year on 4 December 2026, then its clock moves to 1 February 2027,
// 08:00 in Vietnam, when the default monthly cycle starts the measurement of January.
const clock = { now: new Date('2026-12-04T03:00:00Z') };

/**
 * Types the values key by key, as a user does: the measured value, Tab, then the evidence right
 * away. `delay` is the time between keys in milliseconds.
 */
async function reportValues(
  tab: TestPage,
  values: { measuredValue: string; evidence: string; comment?: string }[],
  delay: number,
): Promise<void> {
  const { page } = tab;
  for (const [index, value] of values.entries()) {
    const prefix = `assignment.measurements.${index}`;
    await formField(page, `${prefix}.measuredValue`).locator('input').click();
    await page.keyboard.type(value.measuredValue, { delay });
    await page.keyboard.press('Tab');
    await page.keyboard.type(value.evidence, { delay });
    if (value.comment) {
      await formField(page, `${prefix}.comment`).locator('textarea').click();
      await page.keyboard.type(value.comment, { delay });
    }
  }
  // A delayed form-js commit, such as the number field's 300 ms after Tab, would have reset the
  // typed text by the end of this wait.
  await page.waitForTimeout(600);
  for (const [index, value] of values.entries()) {
    const prefix = `assignment.measurements.${index}`;
    await expectFieldValues(page, [
      [`${prefix}.measuredValue`, value.measuredValue],
      [`${prefix}.evidence`, value.evidence],
      [`${prefix}.comment`, value.comment ?? ''],
    ]);
  }
}

describe('objective measurement through the web pages', () => {
  const session = stepByStepSession({
    now: () => clock.now,
    startScheduler: false,
    prepare: async (app, db) => {
      await insertApprovedObjectives(db, 2027, twoDepartmentObjectives);
      await deployCorrectiveActionStandIn(db);
    },
  });

  it('scheduler starts the measurement of January', async () => {
    clock.now = new Date('2027-02-01T01:00:00Z');
    const result = await session.app.services.scheduler.tick();

    expect(result.startsByProcess['objective-measurement']).toBe(1);
    const instance = await session
      .db('process_instances')
      .where({ bpmn_process_id: 'objective-measurement' })
      .first('business_key');
    expect(instance.business_key).toBe('objective-measurement-2027-01');
  });

  it('office head reports two objectives', async () => {
    const { page } = session;
    await session.signIn('head.vp');
    await session.openTask(reportTask);

    const form = page.locator('.task-form');
    expect(await form.textContent()).toContain('tháng 01/2027');
    expect(await form.textContent()).toContain('Văn phòng Sở');
    const target = formField(page, 'assignment.measurements.1.target').locator('input');
    expect(await target.inputValue()).toBe('≤ 2 hồ sơ trễ hạn');
    expect(await target.isEditable()).toBe(false);
    await reportValues(
      session.tab,
      [
        { measuredValue: '98.6', evidence: 'Báo cáo thống kê Hệ thống một cửa tháng 01/2027' },
        {
          measuredValue: '3',
          evidence: 'Danh sách hồ sơ trễ hạn tháng 01/2027',
          comment: 'Ba hồ sơ trễ do cán bộ nghỉ phép, chưa bố trí người thay.',
        },
      ],
      30,
    );
    await screenshot(page, 'objective-measurement-01-office-report');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('science head reports one objective', async () => {
    const { page } = session;
    await session.switchUser('head.qlkh');
    await session.openTask(reportTask);

    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Giá trị đo được');
    await screenshot(page, 'objective-measurement-02-missing-value');

    await reportValues(
      session.tab,
      [{ measuredValue: '92', evidence: 'Kết quả khảo sát trên Cổng dịch vụ công' }],
      120,
    );
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('secretary opens a corrective action', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await session.openTask(decideTask);

    const form = page.locator('.task-form');
    expect(await form.textContent()).toContain('Hạn chế hồ sơ trễ hạn');
    expect(await form.textContent()).toContain('3 hồ sơ trễ hạn');
    expect(await form.textContent()).toContain('Ba hồ sơ trễ do cán bộ nghỉ phép');
    await formField(page, 'correctiveActionFor').locator('input[type="checkbox"]').first().check();
    await fillField(
      page,
      'decisionNote',
      'Nguyên nhân do thiếu người thay thế khi cán bộ nghỉ phép; cần hành động khắc phục.',
    );
    await screenshot(page, 'objective-measurement-03-secretary-decides');
    await completeTask(page);

    const opened = await session
      .db('process_instances')
      .where({ bpmn_process_id: 'corrective-action' })
      .first('variables');
    expect(opened.variables.source).toBe('objective');
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('chart shows values against targets', async () => {
    const { page } = session;
    await page.goto(`${session.url}/#/registers`);
    const link = page.locator('.view-links a', { hasText: 'Kết quả đo lường mục tiêu chất lượng' });
    await link.waitFor();
    await link.click();
    await page.locator('.measurement-chart').first().waitFor();
    await page.locator('#measurement-year').selectOption('2027');
    await page.locator('.measurement-chart svg').first().waitFor();

    expect(await page.locator('.measurement-chart').count()).toBe(3);
    expect(await page.locator('.measurement-chart svg').count()).toBe(3);
    expect(await page.locator('.target-line').count()).toBe(3);
    const missed = page.locator('circle.point-missed');
    expect(await missed.count()).toBe(1);
    expect(await missed.getAttribute('data-period')).toBe('2027-01');
    expect(await page.locator('circle.point-achieved').count()).toBe(2);
    const late = page.locator('[data-objective-position="2"]');
    expect(await late.textContent()).toContain('Chỉ tiêu: ≤ 2 hồ sơ trễ hạn');
    expect(await page.locator('.measurement-summary').textContent()).toContain(
      '3 mục tiêu · 3 lượt đo · 1 lượt không đạt',
    );
    await screenshot(page, 'objective-measurement-04-chart');
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('register lists the missed target', async () => {
    const { page } = session;
    await page.goto(`${session.url}/#/registers/objective-measurements?year=2027&achieved=false`);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();

    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Hạn chế hồ sơ trễ hạn');
    await screenshot(page, 'objective-measurement-05-register');
    expect(session.tab.pageErrors).toEqual([]);
  });
});
