import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  collectUserTaskForms,
  findFeelSyntaxError,
  MAX_MODEL_BYTES,
  validateModel,
} from '../../src/engine/embedded/model-validator.js';
import { EisoError } from '../../src/errors.js';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(repositoryRoot, 'test/fixtures/bpmn');
const miwgFolder = resolve(repositoryRoot, '../shared/cases/miwg');

const NAMESPACES = [
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
  'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"',
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
].join(' ');

/** Builds a model with one executable process `Process_1` whose content is `flowElements`. */
function model(flowElements: string, definitionsId = 'Definitions_1'): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<bpmn:definitions ${NAMESPACES} id="${definitionsId}" targetNamespace="http://bpmn.io/schema/bpmn">`,
    '  <bpmn:process id="Process_1" isExecutable="true">',
    flowElements,
    '  </bpmn:process>',
    '</bpmn:definitions>',
  ].join('\n');
}

async function rejectionOf(xml: string): Promise<EisoError> {
  const outcome: unknown = await validateModel(xml, 'test.bpmn').then(
    () => 'resolved',
    (error: unknown) => error,
  );

  expect(outcome).toBeInstanceOf(EisoError);
  const error = outcome as EisoError;
  expect(error.code).toBe('EISO_ERR_MODEL_INVALID');
  return error;
}

function readFixture(name: string): string {
  return readFileSync(join(fixtures, name), 'utf8');
}

describe('validateModel', () => {
  it('accepts quality-objectives model', async () => {
    // given
    const xml = readFileSync(join(repositoryRoot, 'processes/quality-objectives.bpmn'), 'utf8');

    // when
    const result = await validateModel(xml, 'quality-objectives.bpmn');

    // then
    expect(result.definitionsId).toBe('Definitions_QualityObjectives');
    expect(result.processes).toEqual([
      {
        bpmnProcessId: 'quality-objectives',
        name: 'Xây dựng và phổ biến mục tiêu chất lượng',
        isExecutable: true,
        timerStarts: [],
      },
    ]);
    expect(result.warnings).toEqual([]);
    expect(result.moddleContext.rootElement.$type).toBe('bpmn:Definitions');
  });

  it('collects user task forms', async () => {
    // given
    const xml = readFileSync(join(repositoryRoot, 'processes/quality-objectives.bpmn'), 'utf8');
    const result = await validateModel(xml, 'quality-objectives.bpmn');

    // when
    const forms = collectUserTaskForms(result);

    // then
    expect(forms).toEqual([
      {
        bpmnProcessId: 'quality-objectives',
        userTasks: [
          { elementId: 'Task_DraftObjectives', formId: 'quality-objectives-draft' },
          { elementId: 'Task_ReviewObjectives', formId: 'quality-objectives-approval' },
          { elementId: 'Task_Disseminate', formId: 'quality-objectives-disseminate' },
          { elementId: 'Task_Acknowledge', formId: 'quality-objectives-acknowledge' },
        ],
      },
    ]);
  });

  it('rejects text that is not XML', async () => {
    // given
    const xml = 'this is not a BPMN model';

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details).toHaveLength(1);
    expect(error.details?.[0].path).toBe('1:24');
    expect(error.details?.[0].message).toContain('not well-formed');
    expect(error.details?.[0].message).toContain('text data outside of root node');
  });

  it('names line of unclosed tag', async () => {
    // given
    const xml = model('    <bpmn:startEvent id="StartEvent_1">');

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details?.[0].path).toBe('5:17');
    expect(error.details?.[0].message).toContain('unexpected close tag');
  });

  it('rejects external entity', async () => {
    // given
    const xml = readFixture('invalid-external-entity.bpmn');

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details).toHaveLength(1);
    expect(error.details?.[0].path).toBe('2:1');
    expect(error.details?.[0].message).toContain('DOCTYPE');
    expect(error.details?.[0].message).toContain('external entity "e"');
    expect(error.details?.[0].message).toContain('file:///etc/passwd');
    expect(error.message).not.toContain('root:');
  });

  it('rejects DOCTYPE without entities', async () => {
    // given
    const xml = model('    <bpmn:startEvent id="StartEvent_1" />').replace(
      '?>\n',
      '?>\n<!DOCTYPE bpmn:definitions>\n',
    );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details?.[0].path).toBe('2:1');
    expect(error.details?.[0].message).toContain('DOCTYPE');
  });

  it('rejects dangling sourceRef', async () => {
    // given
    const xml = model(
      [
        '    <bpmn:endEvent id="EndEvent_1" />',
        '    <bpmn:sequenceFlow id="Flow_1" sourceRef="Task_Missing" targetRef="EndEvent_1" />',
      ].join('\n'),
    );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details).toHaveLength(1);
    expect(error.details?.[0].path).toBe('Flow_1');
    expect(error.details?.[0].message).toContain('sourceRef to "Task_Missing"');
  });

  it('rejects script task', async () => {
    // given
    const xml = model(
      '    <bpmn:scriptTask id="Task_Script" scriptFormat="javascript"><bpmn:script>next()</bpmn:script></bpmn:scriptTask>',
    );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details).toHaveLength(1);
    expect(error.details?.[0].path).toBe('Task_Script');
    expect(error.details?.[0].message).toContain('node:vm');
  });

  it('rejects non-ASCII element id', async () => {
    // given
    const xml = model(
      [
        '    <bpmn:startEvent id="Bắt_đầu" />',
        '    <bpmn:endEvent id="EndEvent_1" />',
        '    <bpmn:sequenceFlow id="Flow_1" sourceRef="Bắt_đầu" targetRef="EndEvent_1" />',
      ].join('\n'),
    );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details).toHaveLength(1);
    expect(error.details?.[0].path).toBe('4:5');
    expect(error.details?.[0].message).toContain('"Bắt_đầu"');
    expect(error.details?.[0].message).toContain('non-ASCII character "ắ"');
  });

  it('rejects non-ASCII definitions id', async () => {
    // given
    const xml = model('    <bpmn:startEvent id="StartEvent_1" />', 'Định_nghĩa');

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details).toHaveLength(1);
    expect(error.details?.[0].path).toBe('2:1');
    expect(error.details?.[0].message).toContain('definitions id "Định_nghĩa"');
    expect(error.details?.[0].message).toContain('read no process');
  });

  it('rejects duplicate id', async () => {
    // given
    const xml = model(
      ['    <bpmn:task id="Task_1" />', '    <bpmn:task id="Task_1" />'].join('\n'),
    );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details?.[0].path).toBe('5:5');
    expect(error.details?.[0].message).toContain('"Task_1"');
  });

  it('rejects bad FEEL expression', async () => {
    // given
    const xml = model(
      [
        '    <bpmn:userTask id="Task_Draft">',
        '      <bpmn:extensionElements>',
        '        <zeebe:userTask />',
        '        <zeebe:taskSchedule dueDate="=now() + duration(&#34;P7D&#34;" />',
        '      </bpmn:extensionElements>',
        '    </bpmn:userTask>',
      ].join('\n'),
    );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details).toHaveLength(1);
    expect(error.details?.[0].path).toBe('Task_Draft');
    expect(error.details?.[0].message).toContain('zeebe:taskSchedule dueDate');
    expect(error.details?.[0].message).toContain('Incomplete <DateTimeLiteral>');
  });

  it('rejects bad FEEL condition', async () => {
    // given
    const xml = model(
      [
        '    <bpmn:exclusiveGateway id="Gateway_1" />',
        '    <bpmn:endEvent id="EndEvent_1" />',
        '    <bpmn:sequenceFlow id="Flow_1" sourceRef="Gateway_1" targetRef="EndEvent_1">',
        '      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=decision = </bpmn:conditionExpression>',
        '    </bpmn:sequenceFlow>',
      ].join('\n'),
    );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details).toHaveLength(1);
    expect(error.details?.[0].path).toBe('Flow_1');
    expect(error.details?.[0].message).toContain('conditionExpression of "Flow_1"');
    expect(error.details?.[0].message).toContain('Incomplete');
  });

  it('rejects JavaScript condition', async () => {
    // given
    const xml = model(
      [
        '    <bpmn:exclusiveGateway id="Gateway_1" />',
        '    <bpmn:endEvent id="EndEvent_1" />',
        '    <bpmn:sequenceFlow id="Flow_1" sourceRef="Gateway_1" targetRef="EndEvent_1">',
        '      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">next(null, true)</bpmn:conditionExpression>',
        '    </bpmn:sequenceFlow>',
      ].join('\n'),
    );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details?.[0].path).toBe('Flow_1');
    expect(error.details?.[0].message).toContain('"javascript"');
  });

  it('rejects condition without equals sign', async () => {
    // given
    const xml = model(
      [
        '    <bpmn:exclusiveGateway id="Gateway_1" />',
        '    <bpmn:endEvent id="EndEvent_1" />',
        '    <bpmn:sequenceFlow id="Flow_1" sourceRef="Gateway_1" targetRef="EndEvent_1">',
        '      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">decision = "approve"</bpmn:conditionExpression>',
        '    </bpmn:sequenceFlow>',
      ].join('\n'),
    );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details?.[0].path).toBe('Flow_1');
    expect(error.details?.[0].message).toContain('starts with "="');
  });

  it('accepts inclusive join', async () => {
    // given
    const xml = readFixture('inclusive-split-join.bpmn');

    // when
    const result = await validateModel(xml, 'inclusive-split-join.bpmn');

    // then
    expect(result.processes[0].bpmnProcessId).toBe('inclusive-join');
  });

  it('accepts inclusive split', async () => {
    // given
    const xml = readFixture('inclusive-split-join.bpmn').replace(
      /<bpmn:inclusiveGateway id="Gateway_Join" \/>/,
      '<bpmn:parallelGateway id="Gateway_Join" />',
    );

    // when
    const result = await validateModel(xml, 'inclusive-split.bpmn');

    // then
    expect(result.processes[0].bpmnProcessId).toBe('inclusive-join');
  });

  it('rejects repeating reminder task', async () => {
    // given
    const xml = readFixture('timer-reminder-task.bpmn');

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details).toHaveLength(1);
    expect(error.details?.[0].path).toBe('Timer_Remind');
    expect(error.details?.[0].message).toContain('cycle R2/PT24H fires more than once');
    expect(error.details?.[0].message).toContain('user task "Task_Remind"');
  });

  it('rejects reminder task in loop', async () => {
    // given
    const xml = readFixture('timer-reminder-task.bpmn')
      .replace('R2/PT24H', 'PT24H')
      .replace(/timeCycle/g, 'timeDuration')
      .replace(
        '<bpmn:sequenceFlow id="Flow_End" sourceRef="Task_Review" targetRef="End" />',
        [
          '<bpmn:sequenceFlow id="Flow_End" sourceRef="Task_Review" targetRef="Gateway_Decision" />',
          '<bpmn:exclusiveGateway id="Gateway_Decision" default="Flow_Approved" />',
          '<bpmn:sequenceFlow id="Flow_Approved" sourceRef="Gateway_Decision" targetRef="End" />',
          '<bpmn:sequenceFlow id="Flow_Returned" sourceRef="Gateway_Decision" targetRef="Task_Review">',
          '  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=decision = "return"</bpmn:conditionExpression>',
          '</bpmn:sequenceFlow>',
        ].join('\n'),
      );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details?.[0].path).toBe('Timer_Remind');
    expect(error.details?.[0].message).toContain('activity "Task_Review" lies in a loop');
  });

  it('accepts reminder that fires once', async () => {
    // given
    const xml = readFixture('timer-reminder-task.bpmn')
      .replace('R2/PT24H', 'PT24H')
      .replace(/timeCycle/g, 'timeDuration');

    // when
    const result = await validateModel(xml, 'timer-reminder-once.bpmn');

    // then
    expect(result.processes[0].bpmnProcessId).toBe('timer-reminder-task');
  });

  it('accepts repeating reminder job', async () => {
    // given
    const xml = readFixture('timer-multi-instance.bpmn');

    // when
    const result = await validateModel(xml, 'timer-multi-instance.bpmn');

    // then
    expect(result.processes[0].bpmnProcessId).toBe('timer-multi-instance');
  });

  it('rejects timer event sub-process', async () => {
    // given
    const xml = readFixture('timer-event-sub-process.bpmn');

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details).toHaveLength(1);
    expect(error.details?.[0].path).toBe('Start_Escalate');
    expect(error.details?.[0].message).toContain('event sub-process "Sub_Escalate"');
  });

  it('rejects service task without type', async () => {
    // given
    const xml = model(
      [
        '    <bpmn:serviceTask id="Task_NoDefinition" />',
        '    <bpmn:serviceTask id="Task_EmptyType">',
        '      <bpmn:extensionElements>',
        '        <zeebe:taskDefinition type=" " retries="3" />',
        '      </bpmn:extensionElements>',
        '    </bpmn:serviceTask>',
      ].join('\n'),
    );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details?.map((detail) => detail.path)).toEqual([
      'Task_NoDefinition',
      'Task_EmptyType',
    ]);
    expect(error.details?.[0].message).toContain('zeebe:taskDefinition');
  });

  it('rejects send task without type', async () => {
    // given
    const xml = model('    <bpmn:sendTask id="Task_Send" />');

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details?.[0].path).toBe('Task_Send');
  });

  it('rejects model without executable process', async () => {
    // given
    const xml = model('    <bpmn:startEvent id="StartEvent_1" />').replace(
      'isExecutable="true"',
      'isExecutable="false"',
    );

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details?.[0].path).toBe('Definitions_1');
    expect(error.details?.[0].message).toContain('isExecutable="true"');
  });

  it('rejects other root element', async () => {
    // given
    const xml =
      '<bpmn:process xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Process_1" />';

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details?.[0].message).toContain('bpmn:definitions');
  });

  it('rejects model above size limit', async () => {
    // given
    const padding = `<!-- ${'x'.repeat(MAX_MODEL_BYTES)} -->`;
    const xml = model('    <bpmn:startEvent id="StartEvent_1" />') + padding;

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.message).toContain('maximum of 5 MiB');
  });

  it('skips FEEL in static Zeebe headers', async () => {
    // given
    const xml = model(
      [
        '    <bpmn:serviceTask id="Task_Job">',
        '      <bpmn:extensionElements>',
        '        <zeebe:taskDefinition type="eiso.test" retries="3" />',
        '        <zeebe:taskHeaders><zeebe:header key="note" value="=not FEEL (" /></zeebe:taskHeaders>',
        '      </bpmn:extensionElements>',
        '    </bpmn:serviceTask>',
      ].join('\n'),
    );

    // when
    const result = await validateModel(xml, 'headers.bpmn');

    // then
    expect(result.processes).toHaveLength(1);
  });

  it('warns about non-executable processes', async () => {
    // given
    const xml = model('    <bpmn:startEvent id="StartEvent_1" />').replace(
      '</bpmn:definitions>',
      '  <bpmn:process id="Process_Documentation" isExecutable="false" />\n</bpmn:definitions>',
    );

    // when
    const result = await validateModel(xml, 'two-processes.bpmn');

    // then
    expect(result.processes.map((process) => process.isExecutable)).toEqual([true, false]);
    expect(result.warnings.map((warning) => warning.path)).toEqual(['Process_Documentation']);
  });
});

describe('findFeelSyntaxError', () => {
  it('accepts contract expressions', () => {
    // given
    const expressions = [
      'now() + duration("P7D")',
      'decision = "approve"',
      '"head-" + department',
      '{department: department, note: acknowledgeNote}',
    ];

    // when
    const errors = expressions.map(findFeelSyntaxError);

    // then
    expect(errors).toEqual([null, null, null, null]);
  });

  it('reports unrecognized token', () => {
    // given
    const expression = '"unterminated';

    // when
    const error = findFeelSyntaxError(expression);

    // then
    expect(error).toContain('Unrecognized token');
  });
});

describe('MIWG reference models', () => {
  it('fail only with EisoError', async (context) => {
    // given
    if (!existsSync(miwgFolder)) {
      context.skip(`MIWG reference models not found at ${miwgFolder}`);
    }
    const names = readdirSync(miwgFolder).filter((name) => name.endsWith('.bpmn'));

    // when
    const outcomes = await Promise.all(
      names.map(async (name) => {
        const xml = readFileSync(join(miwgFolder, name), 'utf8');
        return validateModel(xml, name).then(
          (result) => ({ name, error: null, result }),
          (error: unknown) => ({ name, error, result: null }),
        );
      }),
    );

    // then
    expect(names.length).toBeGreaterThan(0);
    for (const outcome of outcomes) {
      if (outcome.error !== null) {
        expect(outcome.error, outcome.name).toBeInstanceOf(EisoError);
        expect((outcome.error as EisoError).details?.length, outcome.name).toBeGreaterThan(0);
      } else {
        expect(
          outcome.result?.processes.some((process) => process.isExecutable),
          outcome.name,
        ).toBe(true);
      }
    }
  });

  it('reject non-executable models with reason', async (context) => {
    // given
    const path = join(miwgFolder, 'A.1.0.bpmn');
    if (!existsSync(path)) {
      context.skip(`MIWG reference model not found at ${path}`);
    }
    const xml = readFileSync(path, 'utf8');

    // when
    const error = await rejectionOf(xml);

    // then
    expect(error.details?.[0].message).toContain('is executable');
  });
});
