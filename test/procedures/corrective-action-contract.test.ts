import { describe, expect, it } from 'vitest';
import {
  addDays,
  agencyDate,
  agencyTime,
} from '../../src/procedures/corrective-action/agency-calendar.js';
import { parseActions } from '../../src/procedures/corrective-action/plan-workers.js';
import {
  parseCorrectiveActionStart,
  startCorrectiveAction,
} from '../../src/procedures/corrective-action/start-contract.js';

const departments = ['VP', 'TTRA', 'QLKH', 'QLCN'];

const finding = {
  source: 'audit',
  sourceReference: 'DG-2027-001 / PH-03',
  title: 'Thiếu phiếu kiểm soát hồ sơ',
  description: 'Bốn hồ sơ không có phiếu kiểm soát quá trình giải quyết.',
  departmentCode: 'TTRA',
};

describe('corrective action start contract', () => {
  it('accepts the contract variables', () => {
    expect(parseCorrectiveActionStart(finding, departments)).toEqual(finding);
  });

  it('trims texts and turns blank ones into null', () => {
    const parsed = parseCorrectiveActionStart(
      { ...finding, sourceReference: '   ', departmentCode: null, title: ' Tiêu đề ' },
      departments,
    );

    expect(parsed.sourceReference).toBeNull();
    expect(parsed.departmentCode).toBeNull();
    expect(parsed.title).toBe('Tiêu đề');
  });

  it('takes a missing title from the description', () => {
    const parsed = parseCorrectiveActionStart({ ...finding, title: undefined }, departments);

    expect(parsed.title).toBe(finding.description);
  });

  it.each([
    ['an unknown source', { source: 'audit-finding' }, "variable 'source' must be one of audit"],
    ['a missing source', { source: undefined }, "variable 'source' must be one of"],
    ['a blank description', { description: '  ' }, "variable 'description' must be a non-blank"],
    [
      'a description over 20000 characters',
      { description: 'x'.repeat(20_001) },
      "variable 'description' must have at most 20000",
    ],
    [
      'a source reference over 200 characters',
      { sourceReference: 'x'.repeat(201) },
      "variable 'sourceReference' must have at most 200",
    ],
    ['an unknown department', { departmentCode: 'KHTC' }, "variable 'departmentCode' must be"],
  ])('rejects %s', (_name, change, message) => {
    expect(() => parseCorrectiveActionStart({ ...finding, ...change }, departments)).toThrow(
      message,
    );
  });

  it('shortens a title of more than 500 characters', () => {
    const parsed = parseCorrectiveActionStart({ ...finding, title: 'x'.repeat(600) }, departments);

    expect(parsed.title).toHaveLength(500);
    expect(parsed.title.endsWith('x…')).toBe(true);
  });

  it('skips the department check without a department list', () => {
    const parsed = parseCorrectiveActionStart({ ...finding, departmentCode: 'KHTC' }, null);

    expect(parsed.departmentCode).toBe('KHTC');
  });

  it('starts the procedure through the job', async () => {
    const calls: unknown[] = [];
    const job = {
      variables: { departments },
      startProcess: async (options: unknown) => {
        calls.push(options);
        return { processInstanceKey: '7', businessKey: 'KPH-2027-001' };
      },
    };

    const started = await startCorrectiveAction(job, {
      ...finding,
      source: 'audit',
    });

    expect(started.businessKey).toBe('KPH-2027-001');
    expect(calls).toEqual([{ bpmnProcessId: 'corrective-action', variables: finding }]);
  });

  it('fails the calling job on a wrong variable', async () => {
    let called = false;
    const job = {
      variables: { departments },
      startProcess: async () => {
        called = true;
        return { processInstanceKey: '7', businessKey: null };
      },
    };

    await expect(
      startCorrectiveAction(job, { ...finding, source: 'audit', departmentCode: 'XX' }),
    ).rejects.toThrow("variable 'departmentCode'");
    expect(called).toBe(false);
  });
});

describe('corrective action plan', () => {
  it('reads each action with owner and deadline', () => {
    const actions = parseActions([
      { action: ' Tập huấn ', owner: 'Phạm Quốc Huy', deadline: '2027-03-20' },
    ]);

    expect(actions).toEqual([
      { action: 'Tập huấn', owner: 'Phạm Quốc Huy', deadline: '2027-03-20' },
    ]);
  });

  it.each([
    ['an empty plan', [], "variable 'actions' must be a non-empty list"],
    ['a missing plan', null, "variable 'actions' must be a non-empty list"],
    [
      'an action without owner',
      [{ action: 'A', owner: '', deadline: '2027-03-20' }],
      'action 1 of variable',
    ],
    [
      'a deadline in another format',
      [{ action: 'A', owner: 'B', deadline: '20/03/2027' }],
      'not YYYY-MM-DD',
    ],
  ])('rejects %s', (_name, actions, message) => {
    expect(() => parseActions(actions)).toThrow(message);
  });
});

describe('agency calendar', () => {
  it('gives the Vietnamese calendar day', () => {
    expect(agencyDate(new Date('2027-03-01T16:59:00Z'))).toBe('2027-03-01');
    expect(agencyDate(new Date('2027-03-01T17:00:00Z'))).toBe('2027-03-02');
  });

  it('adds days across months and years', () => {
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('writes office times with the +07:00 offset', () => {
    expect(new Date(agencyTime('2027-03-18', '08:00:00')).toISOString()).toBe(
      '2027-03-18T01:00:00.000Z',
    );
  });
});
