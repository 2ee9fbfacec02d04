import { performance } from 'node:perf_hooks';
import { diffModels } from '../src/models/model-diff.js';
import { lintProcessModel } from '../src/models/model-lint.js';

/** Timings of the model checks for one model size, in milliseconds. */
export interface ModelFigures {
  elements: number;
  bytes: number;
  lintMs: number[];
  diffMs: number[];
}

/**
 * Writes a valid executable model with `tasks` user tasks in a chain, each
 * with a form, a group and a diagram shape, so that about 2 * tasks + 3
 * elements (tasks, flows, events) reach the lint and the diff.
 */
export function generateModel(tasks: number, namePrefix = 'Bước'): string {
  const nodes: string[] = [];
  const flows: string[] = [];
  const shapes: string[] = [];
  const width = 40;
  let previous = 'Start';
  shapes.push(shape('Start', 0, 36, 36));
  for (let index = 1; index <= tasks; index += 1) {
    const id = `Task_${index}`;
    const flow = `Flow_${index}`;
    nodes.push(
      `<bpmn:userTask id="${id}" name="${namePrefix} ${index}"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="bench-form" /><zeebe:assignmentDefinition candidateGroups="iso-secretary" /></bpmn:extensionElements><bpmn:incoming>${flow}</bpmn:incoming><bpmn:outgoing>Flow_${index + 1}</bpmn:outgoing></bpmn:userTask>`,
    );
    flows.push(`<bpmn:sequenceFlow id="${flow}" sourceRef="${previous}" targetRef="${id}" />`);
    shapes.push(shape(id, index, 100, 80));
    shapes.push(edge(flow, index));
    previous = id;
  }
  const last = `Flow_${tasks + 1}`;
  flows.push(`<bpmn:sequenceFlow id="${last}" sourceRef="${previous}" targetRef="End" />`);
  shapes.push(shape('End', tasks + 1, 36, 36));
  shapes.push(edge(last, tasks + 1));
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_Bench" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="bench-process" name="Quy trình lớn" isExecutable="true">
<bpmn:startEvent id="Start" name="Bắt đầu"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
${nodes.join('\n')}
<bpmn:endEvent id="End" name="Kết thúc"><bpmn:incoming>${last}</bpmn:incoming></bpmn:endEvent>
${flows.join('\n')}
</bpmn:process>
<bpmndi:BPMNDiagram id="Diagram_Bench"><bpmndi:BPMNPlane id="Plane_Bench" bpmnElement="bench-process">
${shapes.join('\n')}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

  // Tasks snake through rows of `width` so the diagram stays readable.
  function position(index: number): { x: number; y: number } {
    return { x: 100 + (index % width) * 160, y: 100 + Math.floor(index / width) * 140 };
  }
  function shape(id: string, index: number, w: number, h: number): string {
    const { x, y } = position(index);
    return `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`;
  }
  function edge(id: string, index: number): string {
    const from = position(index - 1);
    const to = position(index);
    return `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${from.x + 100}" y="${from.y + 40}" /><di:waypoint x="${to.x}" y="${to.y + 40}" /></bpmndi:BPMNEdge>`;
  }
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * Measures the lint (as the modeler and the deployment run it) and the
 * version diff on a model of `tasks` user tasks, `rounds` times each.
 */
export async function measureModel(tasks: number, rounds: number): Promise<ModelFigures> {
  const xml = generateModel(tasks);
  const changed = generateModel(tasks, 'Bước đã sửa');
  const context = {
    groups: new Set(['iso-secretary']),
    forms: new Set(['bench-form']),
    jobTypes: new Set<string>(),
    language: 'vi' as const,
  };
  const lintMs: number[] = [];
  const diffMs: number[] = [];
  // One round first warms the module caches, as a running service has them.
  const problems = await lintProcessModel(xml, context);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0)
    throw new Error(`the generated model has lint errors: ${errors[0]?.message}`);
  for (let round = 0; round < rounds; round += 1) {
    lintMs.push(await timed(() => lintProcessModel(xml, context)));
    diffMs.push(await timed(() => diffModels(xml, changed)));
  }
  return { elements: 2 * tasks + 3, bytes: Buffer.byteLength(xml), lintMs, diffMs };
}
