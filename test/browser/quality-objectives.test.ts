import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chooseOption,
  completeTask,
  expectFieldValues,
  fillDate,
  fillField,
  formField,
  navigateTo,
  screenshot,
  stepByStepSession,
} from './helpers.js';

// The demo agency already has approved objectives for the current year, so the secretary
// drafts next year's, as in December.
const currentYear = new Date().getFullYear();
const year = currentYear + 1;
const returnComment =
  'Mục tiêu 2 cần có công thức tính cụ thể; thời hạn 1900-01-01 không hợp lý, @secretary sửa lại.';

const draftTask = 'Soạn thảo mục tiêu chất lượng';
const reviewTask = 'Phê duyệt mục tiêu chất lượng';
const disseminateTask = 'Phổ biến mục tiêu đến các phòng';
const acknowledgeTask = 'Xác nhận đã nhận mục tiêu';

interface ObjectiveInput {
  title: string;
  indicator: string;
  formula: string;
  targetValue: string;
  targetUnit: string;
  /** Index into the agency's departments, whose name the owner department select shows. */
  ownerDepartment: number;
  deadline: string;
}

interface Department {
  code: string;
  name: string;
}

const objectives: ObjectiveInput[] = [
  {
    title: 'Giải quyết thủ tục hành chính đúng hạn',
    indicator: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    formula: 'Số hồ sơ đúng hạn / Tổng số hồ sơ đã giải quyết × 100%',
    targetValue: '98',
    targetUnit: '%',
    ownerDepartment: 0,
    deadline: `${year}-12-31`,
  },
  {
    title: 'Nâng cao sự hài lòng của người dân',
    indicator: 'Tỷ lệ người dân hài lòng',
    formula: '',
    targetValue: '90',
    targetUnit: '%',
    ownerDepartment: 1,
    deadline: `${year}-11-30`,
  },
];

/** Reads the seeded departments through the signed-in page, so the test follows the seed data. */
async function readDepartments(page: Page): Promise<Department[]> {
  const body = await page.evaluate(async () => {
    const response = await fetch('/api/departments', { credentials: 'same-origin' });
    return (await response.json()) as { items: Department[] };
  });
  return body.items;
}

async function fillObjective(
  page: Page,
  index: number,
  objective: ObjectiveInput,
  departments: Department[],
): Promise<void> {
  const prefix = `objectives.${index}`;
  await fillField(page, `${prefix}.title`, objective.title);
  await fillField(page, `${prefix}.indicator`, objective.indicator);
  await fillField(page, `${prefix}.formula`, objective.formula);
  await fillField(page, `${prefix}.targetValue`, objective.targetValue);
  await fillField(page, `${prefix}.targetUnit`, objective.targetUnit);
  await chooseOption(
    page,
    `${prefix}.ownerDepartment`,
    departments[objective.ownerDepartment]!.name,
  );
  await fillDate(page, `${prefix}.deadline`, objective.deadline);
}

/** Checks that the text typed into an objective's fields is still there. */
async function confirmObjective(
  page: Page,
  index: number,
  objective: ObjectiveInput,
): Promise<void> {
  const prefix = `objectives.${index}`;
  const fields: [string, string][] = [
    [`${prefix}.title`, objective.title],
    [`${prefix}.indicator`, objective.indicator],
    [`${prefix}.formula`, objective.formula],
    [`${prefix}.targetValue`, objective.targetValue],
    [`${prefix}.targetUnit`, objective.targetUnit],
  ];
  await expectFieldValues(page, fields);
}

describe('quality objectives procedure through the web pages', () => {
  const session = stepByStepSession();
  let departments: Department[] = [];

  it('secretary starts the year and drafts two objectives', async () => {
    const { page } = session;
    await session.signIn('secretary');
    departments = await readDepartments(page);
    expect(departments.length).toBeGreaterThan(1);
    await screenshot(page, '01-secretary-inbox');
    await navigateTo(page, 'Khởi tạo quy trình');
    const card = page.locator('[data-procedure="quality-objectives"]');
    await card.waitFor();
    const yearInput = card.getByLabel('Năm áp dụng');
    expect(await yearInput.inputValue()).toBe(String(currentYear));
    await yearInput.fill(String(year));

    await card.getByRole('button', { name: 'Khởi tạo' }).click();
    await page.getByRole('heading', { level: 1, name: draftTask }).waitFor();
    // The starter's first task opens claimed, ready to fill in.
    await page.getByRole('button', { name: 'Hoàn thành' }).waitFor();
    expect(await page.getByRole('button', { name: 'Nhận việc', exact: true }).count()).toBe(0);
    await fillObjective(page, 0, objectives[0]!, departments);
    await page.locator('.fjs-repeat-render-add').click();
    await formField(page, 'objectives.1.title').waitFor();
    await fillObjective(page, 1, objectives[1]!, departments);
    await confirmObjective(page, 0, objectives[0]!);
    await confirmObjective(page, 1, objectives[1]!);
    await screenshot(page, '02-secretary-draft');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('director returns the draft with a comment', async () => {
    const { page } = session;
    await session.switchUser('director');
    await session.openTask(reviewTask);
    expect(await page.locator('.task-form').textContent()).toContain(objectives[1]!.title);

    await chooseOption(page, 'decision', 'Trả lại để chỉnh sửa');
    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Ý kiến');
    await screenshot(page, '03-director-return-needs-comment');

    await fillField(page, 'comment', returnComment);
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('secretary sees the comment, edits and resubmits', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await session.openTask(draftTask);

    expect(await page.locator('.task-form').textContent()).toContain(returnComment);
    const formula = formField(page, 'objectives.1.formula').locator('input');
    expect(await formField(page, 'objectives.1.title').locator('input').inputValue()).toBe(
      objectives[1]!.title,
    );
    await screenshot(page, '04-secretary-sees-comment');
    await formula.fill('Số phiếu hài lòng / Tổng số phiếu khảo sát × 100%');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('director approves', async () => {
    const { page } = session;
    await session.switchUser('director');
    await session.openTask(reviewTask);

    await chooseOption(page, 'decision', 'Phê duyệt');
    await fillField(page, 'comment', 'Đồng ý ban hành.');
    await screenshot(page, '05-director-approve');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('secretary disseminates the approved objectives', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await session.openTask(disseminateTask);

    await fillField(
      page,
      'disseminationNote',
      'Gửi văn bản qua hệ thống quản lý văn bản và phổ biến tại cuộc họp giao ban.',
    );
    await fillDate(page, 'disseminatedOn', `${year}-01-15`);
    await screenshot(page, '06-secretary-disseminate');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('each department head acknowledges', async () => {
    const { page } = session;
    const heads = departments.map((department) => `head.${department.code.toLowerCase()}`);
    for (const username of heads) {
      await session.switchUser(username);
      await session.openTask(acknowledgeTask);

      await formField(page, 'acknowledged').locator('input[type="checkbox"]').check();
      await fillField(page, 'acknowledgeNote', `Phòng đã triển khai (${username}).`);
      if (username === heads[0]) {
        await screenshot(page, '07-head-acknowledge');
      }
      await completeTask(page);
    }
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('register shows disseminated objectives and approvals', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await page.goto(`${session.url}/#/objectives?year=${year}`);
    const table = page.locator('.objectives-table');
    await table.waitFor();

    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    for (const [index, objective] of objectives.entries()) {
      const text = (await rows.nth(index).textContent()) ?? '';
      expect(text).toContain(objective.title);
      expect(text).toContain('Đã phổ biến');
    }
    const approvals = page.locator('.approval-list li');
    expect(await approvals.count()).toBe(2);
    expect(await approvals.nth(0).getAttribute('data-decision')).toBe('return');
    expect(await approvals.nth(0).textContent()).toContain(returnComment);
    expect(await approvals.nth(1).getAttribute('data-decision')).toBe('approve');
    for (const { code } of departments) {
      expect(await page.locator(`tr[data-department="${code}"]`).textContent()).toContain(
        'Đã xác nhận',
      );
    }
    await screenshot(page, '08-objectives-register');
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('instance page draws the finished procedure', async () => {
    const { page } = session;
    await page.locator('.instance-links a').first().click();
    await page.locator('.djs-container svg').waitFor();

    expect(await page.locator('[data-element-id="EndEvent_Done"].eiso-completed').count()).toBe(1);
    expect(await page.locator('[data-element-id="Flow_Returned"].eiso-taken').count()).toBe(1);
    expect(await page.locator('.eiso-active').count()).toBe(0);
    const history = page.locator('.history-table');
    expect(await history.textContent()).toContain('Hoàn thành công việc');
    expect(await history.textContent()).toContain(returnComment);
    await screenshot(page, '09-instance-diagram');
    expect(session.tab.pageErrors).toEqual([]);
  });
});
