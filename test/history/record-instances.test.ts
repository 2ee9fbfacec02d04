import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { demoUnitId, seedOtherAgency } from '../helpers/registers.js';
import {
  completeTask,
  draftedObjectives,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';
import {
  completeFor,
  draftedPlan,
  draftedProgramme,
  ensureCorrectiveAction,
  recordedFindings,
  startInternalAudit,
} from '../helpers/internal-audit.js';
import {
  identifiedRisk,
  planAndIdentify,
  scoreRisks,
  sessionsOf,
  startAssessment,
} from '../helpers/risk-management.js';

interface RelatedInstance {
  key: string;
  bpmnProcessId: string;
  businessKey: string | null;
  links: string[];
}

/** Pairs of instance key and links, sorted by key, so that the order of starts does not matter. */
function keysAndLinks(items: RelatedInstance[]): [string, string[]][] {
  return items
    .map((item): [string, string[]] => [item.key, [...item.links].sort()])
    .sort(([a], [b]) => a.localeCompare(b));
}

describe('instances of a register record', () => {
  let current: TestApp & { drop: () => Promise<void> };
  let secretary: TestSession;
  let unitId: string;
  let objectivesKey: string;
  let otherObjectivesKey: string;
  let auditKey: string;
  let assessmentKey: string;

  async function related(session: TestSession, register: string, id: string, unit?: string) {
    const headers = unit ? { 'x-eiso-unit': unit } : undefined;
    return session.request(
      'GET',
      `/api/registers/${register}/${id}/process-instances`,
      undefined,
      headers,
    );
  }

  async function relatedItems(register: string, id: string): Promise<RelatedInstance[]> {
    const response = await related(secretary, register, id);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: RelatedInstance[] }).items;
  }

  beforeAll(async () => {
    current = await createTestApp({ config: { loginRateLimit: 100 } });
    await seedOtherAgency(current.db);
    await ensureCorrectiveAction(current.db, current.app);
    unitId = await demoUnitId(current.db);
    secretary = await current.login('secretary');
    const director = await current.login('director');

    objectivesKey = await startQualityObjectives(secretary, 2027);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    await completeTask(director, 'Task_ReviewObjectives', { decision: 'approve' });
    // A second year's procedure touches none of the 2027 objectives.
    otherObjectivesKey = await startQualityObjectives(secretary, 2028);

    auditKey = await startInternalAudit(secretary, 2027);
    await completeFor(secretary, 'Task_DraftProgramme', null, draftedProgramme(['VP']));
    await completeFor(director, 'Task_ApproveProgramme', null, { decision: 'approve' });
    await completeFor(secretary, 'Task_DraftPlan', 'VP', draftedPlan('head.ttra'));
    await completeFor(director, 'Task_ApprovePlan', 'VP', { decision: 'approve' });
    await completeFor(await current.login('head.ttra'), 'Task_RecordFindings', 'VP', {
      auditSummary: 'Đoàn đã xem xét 40 hồ sơ.',
      findings: recordedFindings,
    });

    const as = sessionsOf((username) => current.login(username));
    ({ processInstanceKey: assessmentKey } = await startAssessment(secretary));
    await planAndIdentify(as, {
      risks: { VP: [identifiedRisk('Hồ sơ giấy thất lạc khi chuyển giữa các phòng', 2, 3)] },
    });
    await scoreRisks(secretary);
  });

  afterAll(async () => {
    await current.drop();
  });

  it('lists the procedure that wrote an objective', async () => {
    const objective = await current
      .db('objectives')
      .where({ unit_id: unitId, year: 2027, position: 1 })
      .first('id');

    const items = await relatedItems('objectives', String(objective.id));

    expect(keysAndLinks(items)).toEqual([[objectivesKey, ['record']]]);
    expect(items[0].bpmnProcessId).toBe('quality-objectives');
    expect(items.map((item) => item.key)).not.toContain(otherObjectivesKey);
  });

  it('lists the audit and the corrective action of a finding', async () => {
    // The demo data has findings of its own, so only those of this audit count.
    const findings = await current
      .db('audit_findings as f')
      .join('audit_plans as p', 'p.id', 'f.plan_id')
      .join('audit_programmes as g', 'g.id', 'p.programme_id')
      .where({ 'g.process_instance_key': auditKey })
      .select('f.id', 'f.reference', 'f.corrective_action_key', 'f.corrective_action_instance_key');
    const major = findings.find((finding) => finding.reference === 'PH-01');
    const observation = findings.find((finding) => finding.reference === 'PH-02');
    const actionKey = String(major.corrective_action_instance_key);

    const majorItems = await relatedItems('audit-findings', String(major.id));
    const observationItems = await relatedItems('audit-findings', String(observation.id));

    expect(keysAndLinks(majorItems)).toEqual(
      [
        [auditKey, ['record']],
        [actionKey, ['businessKey', 'record']],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
    expect(majorItems.find((item) => item.key === actionKey)?.businessKey).toBe(
      major.corrective_action_key,
    );
    expect(keysAndLinks(observationItems)).toEqual([[auditKey, ['record']]]);
  });

  it('lists the assessment that identified a risk', async () => {
    const identified = await current
      .db('risks')
      .where({ unit_id: unitId, process_instance_key: assessmentKey })
      .first('id');
    const seeded = await current
      .db('risks')
      .where({ unit_id: unitId })
      .whereNull('process_instance_key')
      .first('id');

    const items = await relatedItems('risks', String(identified.id));
    const seededItems = await relatedItems('risks', String(seeded.id));

    expect(keysAndLinks(items)).toEqual([[assessmentKey, ['record']]]);
    expect(seededItems).toEqual([]);
  });

  it('lets the supervisor read the same list', async () => {
    const supervisor = await current.login('supervisor');
    const objective = await current
      .db('objectives')
      .where({ unit_id: unitId, year: 2027, position: 1 })
      .first('id');

    const response = await related(supervisor, 'objectives', String(objective.id), unitId);

    expect(response.statusCode, response.body).toBe(200);
    expect(keysAndLinks(response.json().items)).toEqual([[objectivesKey, ['record']]]);
  });

  it.each(['objectives', 'audit-findings', 'risks'])(
    "hides another unit's %s record",
    async (register) => {
      const table = register === 'audit-findings' ? 'audit_findings' : register;
      const record = await current.db(table).where({ unit_id: unitId }).first('id');
      const outsider = await current.login('secretary.hl');

      const own = await related(outsider, register, String(record.id));
      const named = await related(outsider, register, String(record.id), unitId);

      expect(own.statusCode, own.body).toBe(404);
      expect(named.statusCode, named.body).toBe(403);
    },
  );

  it('rejects an unknown register', async () => {
    const response = await related(secretary, 'documents', '1');

    expect(response.statusCode).toBe(400);
  });
});
