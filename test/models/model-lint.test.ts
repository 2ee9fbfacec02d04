import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFormSchema, lintProcessModel, type LintProblem } from '../../src/models/model-lint.js';
import type { EisoLintContext } from '../../src/models/eiso-lint-rules.js';

const context: EisoLintContext = {
  groups: new Set(['iso-secretary', 'board', 'head-VP']),
  forms: new Set(['lint-note']),
  jobTypes: new Set(['eiso.notify']),
  language: 'en',
};

// One user task and one service task between a start and an end event, with a
// diagram, so that only the element under test breaks a rule.
function model(task: string, service = '<zeebe:taskDefinition type="eiso.notify" />'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_Lint" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="lint-process" name="Lint" isExecutable="true">
    <bpmn:startEvent id="Start" name="Start"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    ${task}
    <bpmn:serviceTask id="Task_Notify" name="Notify">
      <bpmn:extensionElements>${service}</bpmn:extensionElements>
      <bpmn:incoming>Flow_2</bpmn:incoming>
      <bpmn:outgoing>Flow_3</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="End" name="End"><bpmn:incoming>Flow_3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Note" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Note" targetRef="Task_Notify" />
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Notify" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_Lint">
    <bpmndi:BPMNPlane id="Plane_Lint" bpmnElement="lint-process">
      <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_Note_di" bpmnElement="Task_Note"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_Notify_di" bpmnElement="Task_Notify"><dc:Bounds x="360" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="520" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_3_di" bpmnElement="Flow_3"><di:waypoint x="460" y="118" /><di:waypoint x="520" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

function userTask(extensions: string, type = 'userTask'): string {
  return `<bpmn:${type} id="Task_Note" name="Write a note">
      <bpmn:extensionElements>${extensions}</bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:${type}>`;
}

const userTaskExtensions = {
  zeebe: '<zeebe:userTask />',
  form: '<zeebe:formDefinition formId="lint-note" />',
  group: '<zeebe:assignmentDefinition candidateGroups="iso-secretary" />',
};

function goodTask(overrides: Partial<typeof userTaskExtensions> = {}): string {
  return userTask(Object.values({ ...userTaskExtensions, ...overrides }).join(''));
}

function rules(problems: LintProblem[]): string[] {
  return problems.map((problem) => `${problem.severity} ${problem.rule} ${problem.elementId}`);
}

describe('model lint', () => {
  it('finds nothing in a model that follows every rule', async () => {
    expect(rules(await lintProcessModel(model(goodTask()), context))).toEqual([]);
  });

  it('needs a form on every user task, and a deployed one', async () => {
    const missing = await lintProcessModel(model(goodTask({ form: '' })), context);
    const unknown = await lintProcessModel(
      model(goodTask({ form: '<zeebe:formDefinition formId="no-such-form" />' })),
      context,
    );

    expect(rules(missing)).toContain('error eiso/user-task-form Task_Note');
    expect(unknown.find((p) => p.rule === 'eiso/user-task-form')?.message).toContain(
      '"no-such-form", which is not deployed',
    );
  });

  it('needs an assignment on every user task', async () => {
    const problems = await lintProcessModel(model(goodTask({ group: '' })), context);

    expect(rules(problems)).toContain('error eiso/user-task-assignment Task_Note');
  });

  it('checks static candidate groups only', async () => {
    const missing = await lintProcessModel(
      model(goodTask({ group: '<zeebe:assignmentDefinition candidateGroups="head-XX, board" />' })),
      context,
    );
    const feel = await lintProcessModel(
      model(
        goodTask({
          group: '<zeebe:assignmentDefinition candidateGroups="=&quot;head-&quot; + d" />',
        }),
      ),
      context,
    );

    expect(missing.filter((p) => p.rule === 'eiso/candidate-groups-exist')).toHaveLength(1);
    expect(missing[0]?.message).toContain('"head-XX"');
    expect(missing[0]?.message).toContain("The unit's groups: board, head-VP, iso-secretary.");
    expect(rules(feel)).toEqual([]);
  });

  it('refuses a script task', async () => {
    const problems = await lintProcessModel(
      model(userTask('<zeebe:script expression="=1" resultVariable="x" />', 'scriptTask')),
      context,
    );

    expect(rules(problems)).toContain('error eiso/no-script-task Task_Note');
  });

  it('checks job types against the workers', async () => {
    const unknown = await lintProcessModel(
      model(goodTask(), '<zeebe:taskDefinition type="mail.send" />'),
      context,
    );
    const computed = await lintProcessModel(
      model(goodTask(), '<zeebe:taskDefinition type="=kind" />'),
      context,
    );

    expect(rules(unknown)).toContain('error eiso/job-type-known Task_Notify');
    expect(rules(computed)).toEqual(['warning eiso/job-type-dynamic Task_Notify']);
  });

  it("applies bpmnlint's recommended rules", async () => {
    const complex = model(goodTask()).replace(
      '<bpmn:endEvent',
      '<bpmn:complexGateway id="Gateway_Complex" name="Complex" /><bpmn:endEvent',
    );

    const problems = await lintProcessModel(complex, context);

    expect(rules(problems)).toContain('error bpmnlint/no-complex-gateway Gateway_Complex');
    expect(rules(problems)).toContain('error bpmnlint/no-disconnected Gateway_Complex');
  });

  it('applies the Camunda 8 rules of the version the file targets', async () => {
    const problems = await lintProcessModel(
      model(goodTask(), '<zeebe:taskDefinition type="" />'),
      context,
    );

    expect(
      problems.some((p) => p.rule.startsWith('camunda-compat/') && p.severity === 'error'),
    ).toBe(true);
  });

  it('reports what the engine cannot run, with the element', async () => {
    const problems = await lintProcessModel(
      model(goodTask()).replace(
        '<bpmn:outgoing>Flow_1</bpmn:outgoing>',
        '<bpmn:outgoing>Flow_1</bpmn:outgoing><bpmn:outgoing>Flow_Missing</bpmn:outgoing>',
      ),
      context,
    );

    expect(problems.some((p) => p.rule === 'engine' && p.severity === 'error')).toBe(true);
  });

  it('names a non-ASCII id instead of showing an empty model', async () => {
    const problems = await lintProcessModel(
      model(goodTask()).replaceAll('Task_Note', 'Việc_Ghi'),
      context,
    );

    const message = problems.find((p) => p.rule === 'engine')?.message ?? '';
    expect(message).toContain('Việc_Ghi');
    expect(message).toContain('non-ASCII');
  });

  it('checks the FEEL of a task name', async () => {
    const named = (value: string) =>
      model(
        goodTask({
          zeebe: `<zeebe:userTask /><zeebe:properties><zeebe:property name="eiso:taskName" value="${value}" /></zeebe:properties>`,
        }),
      );

    const broken = await lintProcessModel(named('=&#34;Duyệt &#34; + (title'), context);
    const valid = await lintProcessModel(named('=&#34;Duyệt &#34; + title'), context);

    expect(rules(broken)).toContain('error engine Task_Note');
    expect(rules(valid)).toEqual([]);
  });

  it('lists errors before warnings', async () => {
    const problems = await lintProcessModel(
      model(goodTask({ form: '' })).replace(' name="Write a note"', ''),
      context,
    );

    const severities = problems.map((problem) => problem.severity);
    expect(severities).toContain('warning');
    expect(severities.indexOf('warning')).toBeGreaterThan(severities.lastIndexOf('error'));
  });

  it('speaks Vietnamese when asked', async () => {
    const problems = await lintProcessModel(model(goodTask({ form: '' })), {
      ...context,
      language: 'vi',
    });

    expect(problems.find((p) => p.rule === 'eiso/user-task-form')?.message).toContain(
      'chưa có biểu mẫu',
    );
  });

  it('shows the engine findings in Vietnamese', async () => {
    const problems = await lintProcessModel(
      model(goodTask())
        .replace('<bpmn:userTask', '<bpmn:scriptTask')
        .replace('</bpmn:userTask>', '</bpmn:scriptTask>'),
      { ...context, language: 'vi' },
    );

    const engine = problems.find((p) => p.rule === 'engine' && p.elementId === 'Task_Note');
    expect(engine?.message).toContain('Không dùng được việc chạy kịch bản "Task_Note"');
    expect(engine?.detail).toContain('Script task "Task_Note" is not supported');
  });

  it('describes Camunda 8 findings in Vietnamese', async () => {
    const problems = await lintProcessModel(model(goodTask(), '<zeebe:taskDefinition type="" />'), {
      ...context,
      language: 'vi',
    });

    const compat = problems.filter((p) => p.rule.startsWith('camunda-compat/'));
    expect(compat.length).toBeGreaterThan(0);
    for (const problem of compat) {
      expect(problem.message).not.toContain(problem.detail);
    }
  });

  it('passes every bundled procedure without an error', async () => {
    const dir = path.resolve('processes');
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.bpmn'))) {
      const problems = await lintProcessModel(fs.readFileSync(path.join(dir, file), 'utf8'), {
        ...context,
        groups: null,
        forms: null,
        jobTypes: null,
      });
      expect(
        problems
          .filter((p) => p.severity === 'error')
          .map((p) => `${file} ${p.rule} ${p.elementId}`),
      ).toEqual([]);
      // Flows that meet before a task go through a joining gateway, as bpmnlint's fake-join asks.
      expect(
        problems
          .filter((p) => p.rule === 'bpmnlint/fake-join')
          .map((p) => `${file} ${p.elementId}`),
      ).toEqual([]);
    }
  });

  it('checks a form as the deployment does', () => {
    expect(lintFormSchema('{"components": []}', 'en')[0]?.rule).toBe('form');
    expect(
      lintFormSchema(JSON.stringify({ id: 'ok', type: 'default', components: [] }), 'en'),
    ).toEqual([]);
  });
});
