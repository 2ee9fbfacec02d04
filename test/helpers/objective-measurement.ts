import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { expect } from 'vitest';
import { createLogger } from '../../src/logger.js';
import {
  parsePeriodLabel,
  periodName,
} from '../../src/procedures/objective-measurement/measurement-period.js';
import {
  directionOf,
  isAchieved,
} from '../../src/procedures/objective-measurement/target-direction.js';
import { deployChangedResources } from '../../src/runtime/deployer.js';
import { createTestApp, login, type TestApp, type TestSession } from './test-app.js';

/** An approved objective of the demo agency for the measurement tests. */
export interface ObjectiveSpec {
  title: string;
  indicator: string;
  targetValue: number;
  targetUnit: string;
  department: string;
  direction?: 'at_least' | 'at_most';
}

/** Objectives of 2027 owned by the office (VP) alone. */
export const officeObjectives: ObjectiveSpec[] = [
  {
    title: 'Giải quyết hồ sơ đúng hạn',
    indicator: 'Tỷ lệ hồ sơ giải quyết đúng hoặc trước hạn',
    targetValue: 98,
    targetUnit: '%',
    department: 'VP',
  },
  {
    title: 'Hạn chế hồ sơ trễ hạn',
    indicator: 'Số hồ sơ trễ hạn trong kỳ',
    targetValue: 2,
    targetUnit: 'hồ sơ trễ hạn',
    department: 'VP',
  },
];

/** Objectives of 2027 owned by the office (VP) and the science division (QLKH). */
export const twoDepartmentObjectives: ObjectiveSpec[] = [
  ...officeObjectives,
  {
    title: 'Sự hài lòng của người dân',
    indicator: 'Tỷ lệ người dân hài lòng',
    targetValue: 90,
    targetUnit: '%',
    department: 'QLKH',
  },
];

/** Returns the id of the demo agency. */
export async function demoUnitId(db: Knex): Promise<string> {
  const unit = await db('units').where({ code: 'SKHCN', kind: 'agency' }).first('id');
  return String(unit.id);
}

/**
 * Writes approved objectives of `year` for the demo agency, as the quality-objectives procedure
 * leaves them, and returns their ids in order.
 */
export async function insertApprovedObjectives(
  db: Knex,
  year: number,
  objectives: ObjectiveSpec[],
): Promise<string[]> {
  const unitId = await demoUnitId(db);
  const departments = await db('units').where({ agency_id: unitId }).select('id', 'code');
  const departmentId = new Map(departments.map((row) => [row.code as string, String(row.id)]));
  const ids: string[] = [];
  for (const [index, objective] of objectives.entries()) {
    const [row] = await db('objectives')
      .insert({
        unit_id: unitId,
        year,
        position: index + 1,
        title: objective.title,
        indicator: objective.indicator,
        target_value: objective.targetValue,
        target_unit: objective.targetUnit,
        direction: objective.direction ?? null,
        owner_department_id: departmentId.get(objective.department),
        deadline: `${year}-12-31`,
        status: 'approved',
        approved_at: `${year}-01-15T02:00:00Z`,
        approved_by: 'director',
      })
      .returning('id');
    ids.push(String(row.id));
  }
  return ids;
}

/** Sets a unit setting of the demo agency, as an administrator would. */
export async function setUnitSetting(db: Knex, name: string, value: unknown): Promise<void> {
  const unitId = await demoUnitId(db);
  await db('unit_settings')
    .insert({ unit_id: unitId, name, value: JSON.stringify(value), updated_by: 'admin' })
    .onConflict(['unit_id', 'name'])
    .merge();
}

/** Lists the instances of the objective-measurement procedure, oldest first. */
export async function measurementInstances(db: Knex) {
  return db('process_instances')
    .where({ bpmn_process_id: 'objective-measurement' })
    .orderBy('key')
    .select('key', 'business_key', 'state', 'variables');
}

// A corrective-action model with the start contract of clause 10.2 and one user task, for as long
// as the corrective-action procedure is not deployed with the app.
const correctiveActionStandIn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_CorrectiveActionStandIn" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="corrective-action" name="Hành động khắc phục (mô hình thay thế)" isExecutable="true">
    <bpmn:startEvent id="StartEvent_Raised"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Task_Triage" name="Phân loại sự không phù hợp">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="iso-secretary" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="EndEvent_Closed"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Raised" targetRef="Task_Triage" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Triage" targetRef="EndEvent_Closed" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * Deploys a stand-in corrective-action model to the demo agency unless the app deployed the real
 * procedure; returns whether it did.
 */
export async function deployCorrectiveActionStandIn(db: Knex): Promise<boolean> {
  const unitId = await demoUnitId(db);
  const deployed = await db('process_definitions')
    .where({ unit_id: unitId, bpmn_process_id: 'corrective-action' })
    .first('key');
  if (deployed) return false;
  await deployChangedResources(
    db,
    createLogger('warn'),
    unitId,
    [{ name: 'corrective-action.bpmn', content: correctiveActionStandIn }],
    'system',
  );
  return true;
}

interface TaskSummary {
  key: string;
  elementId: string;
}

/** Returns the open tasks of `elementId` that are visible to `session`. */
export async function openTasks(session: TestSession, elementId: string): Promise<TaskSummary[]> {
  const response = await session.request('GET', '/api/tasks?list=all&pageSize=200');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: TaskSummary[] }).items.filter(
    (task) => task.elementId === elementId,
  );
}

/** Opens the session's measurement task and returns its key and the department's assignment. */
export async function openMeasurementForm(session: TestSession) {
  const [task] = await openTasks(session, 'Task_MeasureObjectives');
  expect(task, `measurement task of ${session.username}`).toBeDefined();
  const response = await session.request('GET', `/api/tasks/${task.key}`);
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as {
    variables: {
      assignment: {
        department: string;
        measurements: { objectiveId: string; title: string; target: string }[];
      };
    };
  };
  return { key: task.key, assignment: body.variables.assignment };
}

/** Reports one value per objective of the session's department and expects 204. */
export async function reportMeasurements(
  session: TestSession,
  values: { measuredValue: number; evidence?: string; comment?: string }[],
): Promise<void> {
  const { key } = await openMeasurementForm(session);
  const measurements = values.map((value) => ({
    evidence: 'Báo cáo thống kê của Hệ thống một cửa điện tử',
    ...value,
  }));
  const response = await session.request('POST', `/api/tasks/${key}/complete`, {
    variables: { assignment: { measurements } },
  });
  expect(response.statusCode, response.body).toBe(204);
}

/** One measured value to write straight into the register, as the procedure would. */
export interface MeasurementSpec {
  objectiveId: string;
  period: string;
  measuredValue: number;
}

/**
 * Writes measurements of the demo agency's objectives, comparing each value with the objective's
 * target in its direction as the procedure does.
 */
export async function insertMeasurements(db: Knex, measurements: MeasurementSpec[]) {
  const unitId = await demoUnitId(db);
  for (const measurement of measurements) {
    const objective = await db('objectives')
      .join('units', 'units.id', 'objectives.owner_department_id')
      .where({ 'objectives.id': measurement.objectiveId })
      .first('objectives.*', 'units.code as department_code');
    const period = parsePeriodLabel(measurement.period)!;
    const targetValue = Number(objective.target_value);
    const direction = directionOf(objective.direction, objective.target_unit);
    await db('objective_measurements').insert({
      unit_id: unitId,
      objective_id: measurement.objectiveId,
      year: period.year,
      period: period.label,
      period_start: period.start,
      period_end: period.end,
      objective_position: objective.position,
      objective_title: objective.title,
      measured_value: measurement.measuredValue,
      target_value: targetValue,
      target_unit: objective.target_unit,
      direction,
      achieved: isAchieved(measurement.measuredValue, targetValue, direction),
      department_id: objective.owner_department_id,
      department_code: objective.department_code,
      evidence: `Báo cáo thống kê ${periodName(period)}`,
      measured_by: `head.${String(objective.department_code).toLowerCase()}`,
      measured_by_name: null,
      measured_at: `${period.end}T03:00:00Z`,
    });
  }
}

/** The day the clocked test apps start on, before the first measurement cycle of 2027. */
const seedDay = '2026-12-04T03:00:00Z';

/**
 * A test app whose clock the test moves. It opens on 4 December 2026, so the demo seed of a new
 * PostgreSQL schema writes 2026 and leaves the measurement year 2027 to the test.
 */
export class ClockedTestApp {
  readonly clock = { now: new Date(seedDay) };
  private current: (TestApp & { drop: () => Promise<void> }) | undefined;

  private get opened() {
    if (!this.current) throw new Error('open the test app first');
    return this.current;
  }

  get db(): Knex {
    return this.opened.db;
  }

  get app(): FastifyInstance {
    return this.opened.app;
  }

  /** Builds the app on a database of its own. */
  async open(): Promise<void> {
    this.current = await createTestApp({
      now: () => this.clock.now,
      config: { loginRateLimit: 1000 },
    });
  }

  /** Closes the app and builds a new one on the same database, as after a restart. */
  async reopen(): Promise<void> {
    const { db, drop } = this.opened;
    await this.opened.close();
    const app = await createTestApp({
      db,
      now: () => this.clock.now,
      config: { loginRateLimit: 1000 },
    });
    this.current = { ...app, drop };
  }

  login(username: string): Promise<TestSession> {
    return login(this.app, username);
  }

  /** Moves the clock to `at`, when given, and ticks the scheduler once. */
  tick(at?: Date) {
    if (at) this.clock.now = at;
    return this.app.services.scheduler.tick();
  }

  /** Closes the app, drops its database and puts the clock back. */
  async drop(): Promise<void> {
    await this.current?.drop();
    this.current = undefined;
    this.clock.now = new Date(seedDay);
  }
}
