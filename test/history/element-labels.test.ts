import { describe, expect, it } from 'vitest';
import { elementLabels, type ModelElement } from '../../src/history/element-labels.js';

// A parallel split after a named task, two unnamed branches and a parallel join.
const elements: ModelElement[] = [
  { id: 'Task_Plan', name: 'Lập kế hoạch', type: 'bpmn:UserTask' },
  { id: 'Gateway_Split', name: null, type: 'bpmn:ParallelGateway' },
  { id: 'Task_A', name: 'Kiểm tra hồ sơ', type: 'bpmn:UserTask' },
  { id: 'Task_B', name: 'Thẩm định', type: 'bpmn:UserTask' },
  { id: 'Gateway_Join', name: '', type: 'bpmn:ParallelGateway' },
  { id: 'End', name: null, type: 'bpmn:EndEvent' },
  {
    id: 'Flow_1',
    name: null,
    type: 'bpmn:SequenceFlow',
    sourceId: 'Task_Plan',
    targetId: 'Gateway_Split',
  },
  {
    id: 'Flow_2',
    name: null,
    type: 'bpmn:SequenceFlow',
    sourceId: 'Gateway_Split',
    targetId: 'Task_A',
  },
  {
    id: 'Flow_3',
    name: 'Nhánh thẩm định',
    type: 'bpmn:SequenceFlow',
    sourceId: 'Gateway_Split',
    targetId: 'Task_B',
  },
  {
    id: 'Flow_4',
    name: null,
    type: 'bpmn:SequenceFlow',
    sourceId: 'Task_A',
    targetId: 'Gateway_Join',
  },
  {
    id: 'Flow_5',
    name: null,
    type: 'bpmn:SequenceFlow',
    sourceId: 'Task_B',
    targetId: 'Gateway_Join',
  },
  {
    id: 'Flow_6',
    name: null,
    type: 'bpmn:SequenceFlow',
    sourceId: 'Gateway_Join',
    targetId: 'End',
  },
];

describe('element labels', () => {
  it('keeps the names of named elements', () => {
    const labels = elementLabels(elements, 'vi');

    expect(labels.get('Task_Plan')).toBe('Lập kế hoạch');
    expect(labels.get('Flow_3')).toBe('Nhánh thẩm định');
  });

  it('describes an unnamed flow by its ends', () => {
    const labels = elementLabels(elements, 'vi');

    expect(labels.get('Flow_2')).toBe('Luồng từ «Cổng song song» đến «Kiểm tra hồ sơ»');
    expect(labels.get('Flow_6')).toBe('Luồng từ «Cổng song song» đến «Sự kiện kết thúc»');
  });

  it('places an unnamed gateway by its named neighbor', () => {
    const labels = elementLabels(elements, 'vi');

    expect(labels.get('Gateway_Split')).toBe('Cổng song song sau «Lập kế hoạch»');
    // The join leads to an unnamed end event and follows two tasks: only its kind is left.
    expect(labels.get('Gateway_Join')).toBe('Cổng song song');
  });

  it('speaks English on request', () => {
    const labels = elementLabels(elements, 'en');

    expect(labels.get('Gateway_Split')).toBe('Parallel gateway after «Lập kế hoạch»');
    expect(labels.get('Flow_4')).toBe('Flow from «Kiểm tra hồ sơ» to «Parallel gateway»');
    expect(labels.get('End')).toBe('End event');
  });

  it('accepts the local names of the XML', () => {
    const labels = elementLabels([{ id: 'G', name: null, type: 'exclusiveGateway' }], 'en');

    expect(labels.get('G')).toBe('Exclusive gateway');
  });
});
