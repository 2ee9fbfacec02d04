import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import type { CommandResult, InstanceCommand } from '../../src/engine/process-engine.js';
import { createLogger } from '../../src/logger.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'bpmn');

/**
 * Runs a fixture on the embedded engine without the deploy checks, saving the
 * engine state as JSON after every step and recovering and resuming it for
 * the next, as the runtime does. These tests pin down how bpmn-elements 17
 * runs the constructs that the deploy validator rejects. When one of them
 * starts to fail after an upgrade, the matching rejection may be obsolete.
 */
class EngineSteps {
  private readonly engine = new EmbeddedEngine({ logger: createLogger('warn') });
  private result: CommandResult | undefined;

  constructor(
    private readonly bpmnProcessId: string,
    private readonly fixture: string,
  ) {}

  private get process() {
    const xml = fs.readFileSync(path.join(fixtures, this.fixture), 'utf8');
    return { key: this.fixture, bpmnProcessId: this.bpmnProcessId, version: 1, xml };
  }

  async start(): Promise<CommandResult> {
    this.result = await this.engine.start(this.process, {});
    return this.result;
  }

  async fireTimer(elementInstanceKey: string): Promise<CommandResult> {
    return this.apply({ type: 'triggerTimer', elementInstanceKey });
  }

  async complete(elementId: string): Promise<CommandResult> {
    const task = this.result?.waitingTasks.find((candidate) => candidate.elementId === elementId);
    if (!task) throw new Error(`no open task of ${elementId}`);
    return this.apply({
      type: 'completeUserTask',
      elementInstanceKey: task.elementInstanceKey,
      variables: {},
    });
  }

  private async apply(command: InstanceCommand): Promise<CommandResult> {
    const saved = JSON.parse(JSON.stringify(this.result?.engineState)) as unknown;
    this.result = await this.engine.apply(
      this.process,
      saved,
      this.result?.variables ?? {},
      command,
    );
    return this.result;
  }
}

function openElements(result: CommandResult): string[] {
  return result.waitingTasks.map((task) => task.elementId).sort();
}

describe('bpmn-elements limits', () => {
  it('queues second reminder token', async () => {
    const steps = new EngineSteps('timer-reminder-task', 'timer-reminder-task.bpmn');
    await steps.start();
    await steps.fireTimer('Timer_Remind#0');

    const second = await steps.fireTimer('Timer_Remind#0');

    expect(openElements(second)).toEqual(['Task_Remind', 'Task_Review']);
    const firstReminder = second.waitingTasks.find((task) => task.elementId === 'Task_Remind');

    const afterFirst = await steps.complete('Task_Remind');

    expect(openElements(afterFirst)).toEqual(['Task_Remind', 'Task_Review']);
    const nextReminder = afterFirst.waitingTasks.find((task) => task.elementId === 'Task_Remind');
    expect(nextReminder?.elementInstanceKey).not.toBe(firstReminder?.elementInstanceKey);
  });

  it('never arms event sub-process timer', async () => {
    const steps = new EngineSteps('timer-event-sub-process', 'timer-event-sub-process.bpmn');

    const started = await steps.start();

    expect(openElements(started)).toEqual(['Task_Review']);
    expect(started.waitingTimers).toEqual([]);
  });
});
