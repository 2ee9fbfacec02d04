import { afterEach, describe, expect, it } from 'vitest';
import { plainText, readPdfLines } from '../documents/pdf-text.js';
import { readDocxText } from '../documents/docx-text.js';
import { createTestApp, login, type TestApp } from '../helpers/test-app.js';
import {
  completeTask,
  departmentHeads,
  draftedObjectives,
  findTask,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';

interface Register {
  items: {
    title: string;
    status: string;
    targetValue: number;
    ownerDepartment: { code: string } | null;
    approvedBy: string | null;
  }[];
  approvals: { decision: string; comment: string | null; actor: string; actorName: string }[];
  acknowledgements: { department: { code: string }; actor: string }[];
}

describe('quality-objectives procedure', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  it('runs the approve path to the register', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    const director = await current.login('director');
    const key = await startQualityObjectives(secretary);

    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    await completeTask(director, 'Task_ReviewObjectives', { decision: 'approve' });
    await completeTask(secretary, 'Task_Disseminate', {
      disseminationNote: 'Đã gửi công văn',
      disseminatedOn: '2027-01-20',
    });
    for (const head of departmentHeads)
      await completeTask(await current.login(head), 'Task_Acknowledge', { acknowledged: true });

    const instance = (await secretary.request('GET', `/api/process-instances/${key}`)).json() as {
      state: string;
    };
    expect(instance.state).toBe('COMPLETED');
    const register = (
      await secretary.request('GET', '/api/objectives?year=2027')
    ).json() as Register;
    expect(register.items.map((item) => item.title)).toEqual(
      draftedObjectives.map((objective) => objective.title),
    );
    expect(register.items.every((item) => item.status === 'disseminated')).toBe(true);
    expect(register.items[0].ownerDepartment?.code).toBe('VP');
    expect(register.items[0].approvedBy).toBe('director');
    expect(register.approvals).toEqual([
      expect.objectContaining({
        decision: 'approve',
        actor: 'director',
        actorName: 'Trần Văn Minh',
      }),
    ]);
    expect(register.acknowledgements.map((entry) => entry.department.code).sort()).toEqual([
      'QLCN',
      'QLKH',
      'TTRA',
      'VP',
    ]);
  });

  it('issues the decision of approved objectives', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    const director = await current.login('director');
    await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    const beforeApproval = await secretary.request('GET', '/api/objectives/decision?year=2027');
    await completeTask(director, 'Task_ReviewObjectives', { decision: 'approve' });

    const pdf = await secretary.request('GET', '/api/objectives/decision?year=2027&format=pdf');
    const docx = await secretary.request('GET', '/api/objectives/decision?year=2027&format=docx');

    expect(beforeApproval.statusCode).toBe(404);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = plainText(await readPdfLines(pdf.rawPayload));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('UBND TỈNH AN BÌNH');
    expect(text).toContain('Giải quyết hồ sơ');
    expect(text).toContain('Trần Văn Minh');
    const cells = readDocxText(docx.rawPayload).rows.flat();
    expect(cells).toContain('Sự hài lòng của người dân');
  });

  it('dates the decision in Vietnam time', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    await completeTask(await current.login('director'), 'Task_ReviewObjectives', {
      decision: 'approve',
    });
    // 23:30 UTC on 14 January is 06:30 on 15 January in Vietnam.
    await current.db('objectives').where({ year: 2027 }).update({
      approved_at: '2027-01-14T23:30:00Z',
    });

    const pdf = await secretary.request('GET', '/api/objectives/decision?year=2027&format=pdf');

    const text = plainText(await readPdfLines(pdf.rawPayload));
    expect(text).toContain('ngày 15 tháng 01 năm 2027');
  });

  it('returns to drafting with the comment, then approves', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    const director = await current.login('director');
    await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', {
      objectives: draftedObjectives.slice(0, 1),
    });

    await completeTask(director, 'Task_ReviewObjectives', {
      decision: 'return',
      comment: 'Bổ sung mục tiêu về sự hài lòng',
    });
    const redraft = await findTask(secretary, 'Task_DraftObjectives');
    const shown = (await secretary.request('GET', `/api/tasks/${redraft.key}`)).json() as {
      variables: Record<string, unknown>;
    };
    expect(shown.variables.comment).toBe('Bổ sung mục tiêu về sự hài lòng');
    expect(shown.variables.decision).toBe('return');
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    await completeTask(director, 'Task_ReviewObjectives', { decision: 'approve' });

    const register = (
      await secretary.request('GET', '/api/objectives?year=2027')
    ).json() as Register;
    expect(register.items).toHaveLength(2);
    expect(register.items.every((item) => item.status === 'approved')).toBe(true);
    expect(register.approvals.map((entry) => entry.decision)).toEqual(['return', 'approve']);
    expect(register.approvals[0].comment).toBe('Bổ sung mục tiêu về sự hài lòng');
  });

  it.each([
    [
      'vi',
      '1900-01-01',
      'Thời hạn hoàn thành 01/01/1900 (mục 2 của Danh sách mục tiêu chất lượng)',
    ],
    ['vi', '2030-01-01', 'chọn một ngày từ 01/01/2027 đến 31/12/2029.'],
    ['en', '2026-12-31', 'Deadline 2026-12-31 in item 2 of Quality objectives is outside'],
    ['en', '2030-01-01', 'choose a date from 2027-01-01 to 2029-12-31.'],
  ])('rejects a %s draft with deadline %s', async (language, deadline, message) => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    await startQualityObjectives(secretary, 2027);
    const draft = await findTask(secretary, 'Task_DraftObjectives');
    const objectives = [draftedObjectives[0], { ...draftedObjectives[1], deadline }];

    const response = await secretary.request(
      'POST',
      `/api/tasks/${draft.key}/complete`,
      { variables: { objectives } },
      { 'accept-language': language },
    );

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().details).toEqual([
      { path: '/objectives/1/deadline', message: expect.stringContaining(message) },
    ]);
    expect((await findTask(secretary, 'Task_DraftObjectives')).key).toBe(draft.key);
  });

  it('accepts deadlines up to two years on', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    await startQualityObjectives(secretary, 2027);
    const objectives = [
      { ...draftedObjectives[0], deadline: '2027-01-01' },
      { ...draftedObjectives[1], deadline: '2029-12-31' },
    ];

    await completeTask(secretary, 'Task_DraftObjectives', { objectives });

    const review = await findTask(await current.login('director'), 'Task_ReviewObjectives');
    expect(review.elementId).toBe('Task_ReviewObjectives');
  });

  it('rejects a return without a comment', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    const director = await current.login('director');
    await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    const review = await findTask(director, 'Task_ReviewObjectives');

    const response = await director.request('POST', `/api/tasks/${review.key}/complete`, {
      variables: { decision: 'return', comment: '  ' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { path: string }) => detail.path)).toContain(
      '/comment',
    );
    await findTask(director, 'Task_ReviewObjectives');
  });

  it('goes on in a new app after every step', async () => {
    current = await createTestApp();
    const { db } = current;
    const reopen = async () => {
      await current!.close();
      current = { ...(await createTestApp({ db })), drop: current!.drop };
      return current.app;
    };
    const step = async (
      username: string,
      run: (session: Awaited<ReturnType<TestApp['login']>>) => Promise<void>,
    ) => {
      const app = await reopen();
      await run(await login(app, username));
    };

    let key = '';
    await step('secretary', async (s) => void (key = await startQualityObjectives(s)));
    await step('secretary', (s) =>
      completeTask(s, 'Task_DraftObjectives', { objectives: draftedObjectives }),
    );
    await step('director', (s) =>
      completeTask(s, 'Task_ReviewObjectives', { decision: 'return', comment: 'Sửa chỉ tiêu' }),
    );
    await step('secretary', (s) =>
      completeTask(s, 'Task_DraftObjectives', { objectives: draftedObjectives }),
    );
    await step('director', (s) =>
      completeTask(s, 'Task_ReviewObjectives', { decision: 'approve' }),
    );
    await step('secretary', (s) =>
      completeTask(s, 'Task_Disseminate', {
        disseminationNote: 'Gửi công văn',
        disseminatedOn: '2027-01-20',
      }),
    );
    for (const head of departmentHeads)
      await step(head, (s) => completeTask(s, 'Task_Acknowledge', { acknowledged: true }));

    const app = await reopen();
    const secretary = await login(app, 'secretary');
    const instance = (await secretary.request('GET', `/api/process-instances/${key}`)).json() as {
      state: string;
    };
    expect(instance.state).toBe('COMPLETED');
  });

  it('runs on two apps sharing one database', async () => {
    current = await createTestApp();
    const other = await createTestApp({ db: current.db });
    const on = async (app: typeof other.app, username: string) => login(app, username);

    try {
      const key = await startQualityObjectives(await on(current.app, 'secretary'));
      await completeTask(await on(other.app, 'secretary'), 'Task_DraftObjectives', {
        objectives: draftedObjectives,
      });
      await completeTask(await on(current.app, 'director'), 'Task_ReviewObjectives', {
        decision: 'return',
        comment: 'Sửa lại',
      });
      await completeTask(await on(current.app, 'secretary'), 'Task_DraftObjectives', {
        objectives: draftedObjectives,
      });
      await completeTask(await on(other.app, 'director'), 'Task_ReviewObjectives', {
        decision: 'approve',
      });
      await completeTask(await on(current.app, 'secretary'), 'Task_Disseminate', {
        disseminationNote: 'Công văn',
        disseminatedOn: '2027-01-20',
      });
      for (const [index, head] of departmentHeads.entries()) {
        await completeTask(
          await on(index % 2 ? current.app : other.app, head),
          'Task_Acknowledge',
          { acknowledged: true },
        );
      }

      const instance = (
        await (await on(current.app, 'secretary')).request('GET', `/api/process-instances/${key}`)
      ).json();
      expect(instance.state).toBe('COMPLETED');
      const register = (
        await (await on(other.app, 'secretary')).request('GET', '/api/objectives?year=2027')
      ).json() as Register;
      expect(register.approvals.map((entry) => entry.decision)).toEqual(['return', 'approve']);
      expect(register.acknowledgements).toHaveLength(4);
    } finally {
      await other.close();
    }
  });

  it('lets every department acknowledge at once', async () => {
    current = await createTestApp({ config: { loginRateLimit: 100 } });
    const secretary = await current.login('secretary');
    const key = await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    await completeTask(await current.login('director'), 'Task_ReviewObjectives', {
      decision: 'approve',
    });
    await completeTask(secretary, 'Task_Disseminate', {
      disseminationNote: 'Công văn',
      disseminatedOn: '2027-01-20',
    });
    const heads = await Promise.all(departmentHeads.map((head) => current!.login(head)));
    const tasks = await Promise.all(heads.map((head) => findTask(head, 'Task_Acknowledge')));

    const responses = await Promise.all(
      heads.map((head, index) =>
        head.request('POST', `/api/tasks/${tasks[index].key}/complete`, {
          variables: { acknowledged: true },
        }),
      ),
    );

    expect(responses.map((response) => response.statusCode)).toEqual([204, 204, 204, 204]);
    const instance = (await secretary.request('GET', `/api/process-instances/${key}`)).json();
    expect(instance.state).toBe('COMPLETED');
  });
});
