import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestSession } from '../helpers/test-app.js';
import {
  ClockedTestApp,
  deployCorrectiveActionStandIn,
  insertApprovedObjectives,
  measurementInstances,
  officeObjectives,
  openMeasurementForm,
  openTasks,
  reportMeasurements,
  twoDepartmentObjectives,
} from '../helpers/objective-measurement.js';

// The default measurement cycle is R/2027-01-01T08:00:00+07:00/P1M: 01:00 UTC on the first of
// each month, each start measuring the month before.
const februaryFirst = new Date('2027-02-01T01:00:00Z');

describe('objective-measurement procedure', () => {
  const harness = new ClockedTestApp();

  afterEach(() => harness.drop());

  /** Moves the clock to 1 February 2027 and lets the scheduler start January's measurement. */
  async function startJanuary(): Promise<string> {
    harness.clock.now = februaryFirst;
    expect((await harness.tick()).startsByProcess['objective-measurement']).toBe(1);
    const [instance] = await measurementInstances(harness.db);
    return String(instance.key);
  }

  async function instanceState(key: string): Promise<string> {
    const row = await harness.db('process_instances').where({ key }).first('state');
    return row.state as string;
  }

  async function measurementRows(key: string) {
    return harness
      .db('objective_measurements')
      .where({ process_instance_key: key })
      .orderBy('id')
      .select(
        'objective_title',
        'period',
        'measured_value',
        'target_value',
        'direction',
        'achieved',
        'department_code',
        'measured_by',
        'measured_by_name',
        'evidence',
        'comment',
        'corrective_action_key',
      );
  }

  async function decisionTask(secretary: TestSession) {
    const [task] = await openTasks(secretary, 'Task_DecideCorrectiveAction');
    expect(task, 'decision task of the secretary').toBeDefined();
    const shown = (await secretary.request('GET', `/api/tasks/${task.key}`)).json() as {
      task: { dueDate: string };
      variables: {
        missedOptions: { value: string; label: string }[];
        missedObjectives: { title: string; measured: string; target: string }[];
      };
    };
    return { key: task.key, dueDate: shown.task.dueDate, variables: shown.variables };
  }

  describe('timer start', () => {
    it('starts monthly on the cycle', async () => {
      await harness.open();
      await insertApprovedObjectives(harness.db, 2027, officeObjectives);

      harness.clock.now = new Date('2027-01-01T00:59:00Z');
      const early = await harness.tick();
      // The clock jumps over 1 January, whose occurrence would measure December 2026: the
      // catch-up start on 1 February names January.
      harness.clock.now = februaryFirst;
      const first = await harness.tick();
      const second = await harness.tick();
      harness.clock.now = new Date('2027-03-01T01:00:00Z');
      const march = await harness.tick();

      expect(early.startsByProcess['objective-measurement']).toBe(0);
      expect(first.startsByProcess['objective-measurement']).toBe(1);
      expect(second.startsByProcess['objective-measurement']).toBe(0);
      expect(march.startsByProcess['objective-measurement']).toBe(1);
      const instances = await measurementInstances(harness.db);
      expect(instances.map((row) => row.business_key)).toEqual([
        'objective-measurement-2027-01',
        'objective-measurement-2027-02',
      ]);
      expect(instances.map((row) => row.variables.period)).toEqual(['2027-01', '2027-02']);
      expect(instances[0].variables.periodName).toBe('tháng 01/2027');
      expect(instances[0].variables.reportDueDate).toBe('2027-02-08');
      const timer = await harness
        .db('start_timers')
        .where({ bpmn_process_id: 'objective-measurement' })
        .first('due_at', 'fired_count');
      expect(new Date(timer.due_at).toISOString()).toBe('2027-04-01T01:00:00.000Z');
    });

    it('starts quarterly after the settings change', async () => {
      await harness.open();
      await insertApprovedObjectives(harness.db, 2027, officeObjectives);
      const secretary = await harness.login('secretary');
      const changed = await secretary.request('PATCH', '/api/settings', {
        measurementCycle: 'R/2027-01-01T08:00:00+07:00/P3M',
      });
      expect(changed.statusCode, changed.body).toBe(200);

      harness.clock.now = new Date('2027-04-01T01:00:00Z');
      const april = await harness.tick();
      const again = await harness.tick();

      expect(april.startsByProcess['objective-measurement']).toBe(1);
      expect(again.startsByProcess['objective-measurement']).toBe(0);
      const [instance] = await measurementInstances(harness.db);
      expect(instance.business_key).toBe('objective-measurement-2027-Q1');
      expect(instance.variables.period).toBe('2027-Q1');
      expect(instance.variables.periodName).toBe('quý I/2027');
      expect(instance.variables.periodStart).toBe('2027-01-01');
      expect(instance.variables.periodEnd).toBe('2027-03-31');
      const headVp = await harness.login('head.vp');
      const { assignment } = await openMeasurementForm(headVp);
      expect(assignment.measurements).toHaveLength(2);
      const timer = await harness
        .db('start_timers')
        .where({ bpmn_process_id: 'objective-measurement' })
        .first('due_at');
      expect(new Date(timer.due_at).toISOString()).toBe('2027-07-01T01:00:00.000Z');
    });

    it('starts once when two apps tick', async () => {
      await harness.open();
      await insertApprovedObjectives(harness.db, 2027, officeObjectives);
      const other = await createTestApp({ db: harness.db, now: () => harness.clock.now });

      harness.clock.now = februaryFirst;
      try {
        const results = await Promise.all([harness.tick(), other.app.services.scheduler.tick()]);
        expect(
          results[0].startsByProcess['objective-measurement'] +
            results[1].startsByProcess['objective-measurement'],
        ).toBe(1);
      } finally {
        await other.close();
      }

      expect(await measurementInstances(harness.db)).toHaveLength(1);
      const tasks = await harness
        .db('user_tasks')
        .where({ element_id: 'Task_MeasureObjectives', state: 'CREATED' })
        .count({ count: '*' });
      expect(Number(tasks[0].count)).toBe(1);
    });

    it('starts once after a restart past due', async () => {
      await harness.open();
      await insertApprovedObjectives(harness.db, 2027, officeObjectives);

      harness.clock.now = new Date('2027-02-03T05:00:00Z');
      await harness.reopen();
      const first = await harness.tick();
      await harness.reopen();
      const second = await harness.tick();

      expect(first.startsByProcess['objective-measurement']).toBe(1);
      expect(second.startsByProcess['objective-measurement']).toBe(0);
      const instances = await measurementInstances(harness.db);
      expect(instances.map((row) => row.business_key)).toEqual(['objective-measurement-2027-01']);
    });

    it('starts by hand for the secretary only', async () => {
      await harness.open();
      await insertApprovedObjectives(harness.db, 2027, officeObjectives);
      const secretary = await harness.login('secretary');
      const staff = await harness.login('staff.vp');
      harness.clock.now = new Date('2027-02-10T03:00:00Z');

      const forbidden = await staff.request(
        'POST',
        '/api/procedures/objective-measurement/instances',
        {},
      );
      const started = await secretary.request(
        'POST',
        '/api/procedures/objective-measurement/instances',
        {},
      );
      const twice = await secretary.request(
        'POST',
        '/api/procedures/objective-measurement/instances',
        {},
      );
      const timer = await harness.tick();

      expect(forbidden.statusCode).toBe(403);
      expect(started.statusCode, started.body).toBe(201);
      expect(started.json().businessKey).toBe('objective-measurement-2027-01');
      expect(twice.statusCode).toBe(409);
      // The cycle's occurrence of 1 February names the same month, so it starts nothing more.
      expect(timer.startsByProcess['objective-measurement']).toBe(1);
      expect(await measurementInstances(harness.db)).toHaveLength(1);
      const [instance] = await measurementInstances(harness.db);
      expect(instance.variables.initiator).toBe('secretary');
      expect(instance.variables.reportDueDate).toBe('2027-02-17');
    });
  });

  describe('department reports', () => {
    it('measures with one department', async () => {
      await harness.open();
      await insertApprovedObjectives(harness.db, 2027, officeObjectives);
      const key = await startJanuary();
      const headVp = await harness.login('head.vp');
      const headQlkh = await harness.login('head.qlkh');

      const form = await openMeasurementForm(headVp);
      expect(form.assignment.department).toBe('VP');
      expect(form.assignment.measurements.map((item) => item.target)).toEqual([
        '≥ 98 %',
        '≤ 2 hồ sơ trễ hạn',
      ]);
      expect(await openTasks(headQlkh, 'Task_MeasureObjectives')).toEqual([]);
      await reportMeasurements(headVp, [
        { measuredValue: 98.6, comment: 'Đạt chỉ tiêu' },
        { measuredValue: 2 },
      ]);

      expect(await instanceState(key)).toBe('COMPLETED');
      const rows = await measurementRows(key);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        objective_title: 'Giải quyết hồ sơ đúng hạn',
        period: '2027-01',
        direction: 'at_least',
        achieved: true,
        department_code: 'VP',
        measured_by: 'head.vp',
        measured_by_name: 'Phạm Quốc Huy',
        comment: 'Đạt chỉ tiêu',
      });
      expect(Number(rows[0].measured_value)).toBe(98.6);
      expect(rows[1]).toMatchObject({ direction: 'at_most', achieved: true, comment: null });
      const secretary = await harness.login('secretary');
      expect(await openTasks(secretary, 'Task_DecideCorrectiveAction')).toEqual([]);
    });

    it('measures with several departments', async () => {
      await harness.open();
      await insertApprovedObjectives(harness.db, 2027, twoDepartmentObjectives);
      const key = await startJanuary();
      const headVp = await harness.login('head.vp');
      const headQlkh = await harness.login('head.qlkh');
      const headTtra = await harness.login('head.ttra');

      const office = await openMeasurementForm(headVp);
      const science = await openMeasurementForm(headQlkh);
      const stolen = await headVp.request('POST', `/api/tasks/${science.key}/complete`, {
        variables: { assignment: { measurements: [{ measuredValue: 1, evidence: 'x' }] } },
      });
      await reportMeasurements(headQlkh, [{ measuredValue: 91.5 }]);
      const halfway = await instanceState(key);
      await reportMeasurements(headVp, [{ measuredValue: 98.5 }, { measuredValue: 3 }]);

      expect(office.assignment.measurements.map((item) => item.title)).toEqual([
        'Giải quyết hồ sơ đúng hạn',
        'Hạn chế hồ sơ trễ hạn',
      ]);
      expect(science.assignment.measurements.map((item) => item.title)).toEqual([
        'Sự hài lòng của người dân',
      ]);
      expect(await openTasks(headTtra, 'Task_MeasureObjectives')).toEqual([]);
      expect(stolen.statusCode).toBe(404);
      expect(halfway).toBe('ACTIVE');
      const rows = await measurementRows(key);
      // Rows follow the departments' order, whichever reported first.
      expect(rows.map((row) => [row.department_code, row.achieved])).toEqual([
        ['VP', true],
        ['VP', false],
        ['QLKH', true],
      ]);
      const secretary = await harness.login('secretary');
      const decision = await decisionTask(secretary);
      expect(decision.variables.missedObjectives).toEqual([
        expect.objectContaining({
          title: 'Hạn chế hồ sơ trễ hạn',
          measured: '3 hồ sơ trễ hạn',
          target: '≤ 2 hồ sơ trễ hạn',
        }),
      ]);
    });

    it('goes on after a restart between reports', async () => {
      await harness.open();
      await insertApprovedObjectives(harness.db, 2027, twoDepartmentObjectives);
      const key = await startJanuary();
      await reportMeasurements(await harness.login('head.qlkh'), [{ measuredValue: 95 }]);

      await harness.reopen();
      await reportMeasurements(await harness.login('head.vp'), [
        { measuredValue: 99 },
        { measuredValue: 0 },
      ]);

      expect(await instanceState(key)).toBe('COMPLETED');
      expect(await measurementRows(key)).toHaveLength(3);
    });

    it('rejects an invalid measurement', async () => {
      await harness.open();
      await insertApprovedObjectives(harness.db, 2027, officeObjectives);
      await startJanuary();
      const headVp = await harness.login('head.vp');
      const { key } = await openMeasurementForm(headVp);
      const submit = (measurements: unknown[]) =>
        headVp.request(
          'POST',
          `/api/tasks/${key}/complete`,
          { variables: { assignment: { measurements } } },
          { 'accept-language': 'vi' },
        );

      const missing = await submit([{ evidence: 'Báo cáo' }, { measuredValue: 1, evidence: 'x' }]);
      const negative = await submit([
        { measuredValue: -5, evidence: 'Báo cáo' },
        { measuredValue: 'hai', evidence: 'x' },
      ]);
      const noSource = await submit([{ measuredValue: 99, evidence: '  ' }, { measuredValue: 1 }]);

      for (const response of [missing, negative, noSource]) {
        expect(response.statusCode).toBe(400);
        expect(response.json().code).toBe('EISO_ERR_FORM_INVALID');
      }
      const paths = (response: typeof missing) =>
        response.json().details.map((detail: { path: string }) => detail.path);
      expect(paths(missing)).toEqual(['/assignment/measurements/0/measuredValue']);
      expect(missing.json().details[0].message).toContain('Giá trị đo được');
      expect(paths(negative)).toEqual([
        '/assignment/measurements/0/measuredValue',
        '/assignment/measurements/1/measuredValue',
      ]);
      expect(paths(noSource)).toEqual([
        '/assignment/measurements/0/evidence',
        '/assignment/measurements/1/evidence',
      ]);
      expect(await openTasks(headVp, 'Task_MeasureObjectives')).toHaveLength(1);
      expect(await harness.db('objective_measurements').where({ year: 2027 })).toEqual([]);
    });
  });

  describe('missed targets', () => {
    it('opens a corrective action', async () => {
      await harness.open();
      const [onTime] = await insertApprovedObjectives(harness.db, 2027, officeObjectives);
      await deployCorrectiveActionStandIn(harness.db);
      const key = await startJanuary();
      await reportMeasurements(await harness.login('head.vp'), [
        { measuredValue: 95.5, comment: 'Cán bộ một cửa nghỉ ốm dài ngày' },
        { measuredValue: 1 },
      ]);
      const secretary = await harness.login('secretary');
      const decision = await decisionTask(secretary);
      const missedId = decision.variables.missedOptions[0].value;

      const response = await secretary.request('POST', `/api/tasks/${decision.key}/complete`, {
        variables: {
          correctiveActionFor: [missedId],
          decisionNote: 'Không đạt do thiếu người thay thế; cần phân tích nguyên nhân.',
        },
      });

      expect(response.statusCode, response.body).toBe(204);
      expect(decision.dueDate).toBe('2027-02-06T01:00:00.000Z');
      expect(decision.variables.missedOptions).toHaveLength(1);
      expect(decision.variables.missedOptions[0].label).toContain('95,5 %');
      expect(await instanceState(key)).toBe('COMPLETED');
      const opened = await harness
        .db('process_instances')
        .where({ bpmn_process_id: 'corrective-action' })
        .select('key', 'business_key', 'variables', 'state');
      expect(opened).toHaveLength(1);
      expect(opened[0].state).toBe('ACTIVE');
      expect(opened[0].variables).toMatchObject({
        source: 'objective',
        sourceReference: 'MTCL-2027 / MT-01 / 2027-01',
        departmentCode: 'VP',
        title: 'Không đạt mục tiêu chất lượng: Giải quyết hồ sơ đúng hạn (2027-01)',
      });
      expect(opened[0].variables.description).toContain('95,5 %, không đạt chỉ tiêu ≥ 98 %');
      expect(opened[0].variables.description).toContain('Cán bộ một cửa nghỉ ốm dài ngày');
      const row = await harness
        .db('objective_measurements')
        .where({ objective_id: onTime, period: '2027-01' })
        .first('corrective_action_key', 'corrective_action_instance_key', 'achieved');
      expect(row.achieved).toBe(false);
      expect(row.corrective_action_key).toBe(opened[0].business_key);
      expect(String(row.corrective_action_instance_key)).toBe(String(opened[0].key));
    });

    it('closes without a corrective action', async () => {
      await harness.open();
      await insertApprovedObjectives(harness.db, 2027, officeObjectives);
      await deployCorrectiveActionStandIn(harness.db);
      const key = await startJanuary();
      await reportMeasurements(await harness.login('head.vp'), [
        { measuredValue: 99 },
        { measuredValue: 4 },
      ]);
      const secretary = await harness.login('secretary');
      const decision = await decisionTask(secretary);

      const invalid = await secretary.request('POST', `/api/tasks/${decision.key}/complete`, {
        variables: { correctiveActionFor: ['999999'] },
      });
      const response = await secretary.request('POST', `/api/tasks/${decision.key}/complete`, {
        variables: {
          correctiveActionFor: [],
          decisionNote: 'Tăng do nghỉ Tết, đã xử lý dứt điểm trong tháng.',
        },
      });

      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().details.map((detail: { path: string }) => detail.path)).toEqual([
        '/correctiveActionFor/0',
        '/decisionNote',
      ]);
      expect(response.statusCode, response.body).toBe(204);
      expect(await instanceState(key)).toBe('COMPLETED');
      expect(
        await harness.db('process_instances').where({ bpmn_process_id: 'corrective-action' }),
      ).toEqual([]);
      const rows = await measurementRows(key);
      expect(rows.map((row) => [row.achieved, row.corrective_action_key])).toEqual([
        [true, null],
        [false, null],
      ]);
    });
  });
});
