import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiagramSvg } from '../../src/history/diagram-svg.js';

const model = fs.readFileSync(
  path.join(import.meta.dirname, '..', '..', 'processes', 'quality-objectives.bpmn'),
  'utf8',
);

const approvedPath = {
  completedElementIds: ['StartEvent_Started', 'Task_DraftObjectives', 'Task_ReviewObjectives'],
  activeElementIds: ['Task_Disseminate'],
  takenSequenceFlowIds: ['Flow_StartToDraft', 'Flow_DraftToReview'],
};

function count(svg: string, pattern: RegExp): number {
  return svg.match(pattern)?.length ?? 0;
}

describe('diagram SVG', () => {
  it('draws each kind of element', () => {
    const drawing = renderDiagramSvg(model, approvedPath)!;

    // Seven tasks, a start and an end event, two gateways (the decision and the join before the
    // draft), eleven sequence flows.
    expect(count(drawing.svg, /<rect [^>]*rx="10"/g)).toBe(7);
    expect(count(drawing.svg, /<circle /g)).toBe(2);
    expect(count(drawing.svg, /<polygon points="[^"]*" stroke=/g)).toBe(2);
    expect(count(drawing.svg, /<polyline /g)).toBe(11);
    expect(drawing.width).toBeGreaterThan(1000);
    expect(drawing.svg).toContain('>Quyết định?</text>');
  });

  it('marks the completed path', () => {
    const { svg } = renderDiagramSvg(model, approvedPath)!;

    expect(count(svg, /<rect [^>]*stroke="#2e7d32"/g)).toBe(2);
    expect(count(svg, /<rect [^>]*stroke="#1565c0"/g)).toBe(1);
    expect(count(svg, /<polyline [^>]*stroke="#2e7d32"/g)).toBe(2);
  });

  it('marks a parallel multi-instance task', () => {
    const { svg } = renderDiagramSvg(model, approvedPath)!;
    const sequential = renderDiagramSvg(
      model.replace(
        '<bpmn:multiInstanceLoopCharacteristics>',
        '<bpmn:multiInstanceLoopCharacteristics isSequential="true">',
      ),
      approvedPath,
    )!.svg;

    const bars = svg.match(/<line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"/g) ?? [];
    expect(bars).toHaveLength(3);
    expect(bars.every((bar) => /x1="([\d.]+)".*x2="\1"/.test(bar))).toBe(true);
    expect(count(sequential, /<line /g)).toBe(3);
    expect(sequential).not.toEqual(svg);
  });

  it('wraps long task names', () => {
    const { svg } = renderDiagramSvg(model, approvedPath)!;

    expect(svg).toContain('>Soạn thảo mục tiêu</text>');
    expect(svg).toContain('>chất lượng</text>');
  });

  it('escapes names and skips models without layout', () => {
    const named = model.replace('name="Quyết định?"', 'name="A &lt; B &amp; C"');
    const bare = model.replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '');

    expect(renderDiagramSvg(named, approvedPath)!.svg).toContain('>A &lt; B &amp; C</text>');
    expect(renderDiagramSvg(bare, approvedPath)).toBeNull();
  });
});
