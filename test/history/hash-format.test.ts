import { describe, expect, it } from 'vitest';
import { genesisHash, hashEvent } from '../../src/history/history-log.js';

// Independent verifiers recompute this hash, so its input must never change unnoticed.
describe('history hash format', () => {
  it('keeps a known hash', () => {
    const event = {
      processInstanceKey: '42',
      position: 3,
      type: 'USER_TASK_COMPLETED',
      elementId: 'Task_A',
      elementInstanceKey: null,
      actor: 'director',
      data: {
        z: 1,
        a: { y: [3, { d: 'Đồng ý', b: null }], x: true },
        u: undefined,
        processDefinition: { version: 2, key: '7', bpmnProcessId: 'p' },
      },
      createdAt: '2026-12-05T01:02:03.456Z',
    };

    expect(hashEvent(genesisHash, event)).toBe(
      'f2d5bac510861ab35d1483b6c52fcaa40b031b53d6f7d18194ce28245afb040e',
    );
  });
});
