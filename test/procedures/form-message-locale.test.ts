import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  draftedObjectives,
  findTask,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';

const vietnameseMessage =
  'Chỉ tiêu (mục 1 của Danh sách mục tiêu chất lượng) phải là một số, ví dụ 98 hoặc 12,5.';
const englishMessage =
  'Target value (Chỉ tiêu) in item 1 of Objectives (Danh sách mục tiêu chất lượng) must be a number, such as 98 or 12.5.';

describe('form message language', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let secretary: TestSession;
  let draftKey: string;

  beforeAll(async () => {
    current = await createTestApp();
    secretary = await current.login('secretary');
    await startQualityObjectives(secretary);
    draftKey = (await findTask(secretary, 'Task_DraftObjectives')).key;
  });

  afterAll(async () => {
    await current?.drop();
  });

  async function completeWithTextTarget(headers: Record<string, string>) {
    const variables = { objectives: [{ ...draftedObjectives[0], targetValue: 'chín mươi' }] };
    return secretary.request('POST', `/api/tasks/${draftKey}/complete`, { variables }, headers);
  }

  it.each([
    ['vi-VN,vi;q=0.9', vietnameseMessage],
    ['en-US,en;q=0.9,vi;q=0.8', englishMessage],
    ['fr-FR,vi;q=0.5', vietnameseMessage],
  ])('accept-language %s picks the message', async (acceptLanguage, message) => {
    const response = await completeWithTextTarget({ 'accept-language': acceptLanguage });

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().code).toBe('EISO_ERR_FORM_INVALID');
    expect(response.json().details).toEqual([
      { path: '/objectives/0/targetValue', code: 'type', message },
    ]);
  });

  it('no accept-language gets English', async () => {
    const response = await completeWithTextTarget({});

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().details).toEqual([
      { path: '/objectives/0/targetValue', code: 'type', message: englishMessage },
    ]);
  });

  it.each([
    [
      'vi',
      `Biểu mẫu "Soạn thảo mục tiêu chất lượng năm 2027" có 1 trường chưa hợp lệ: ${vietnameseMessage}`,
    ],
    ['en', `Form "Draft the quality objectives for 2027" has 1 invalid field: ${englishMessage}`],
  ])('top-level message follows accept-language %s', async (acceptLanguage, message) => {
    const response = await completeWithTextTarget({ 'accept-language': acceptLanguage });

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toBe(message);
  });
});
