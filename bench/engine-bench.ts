import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config.js';
import { EmbeddedEngine } from '../src/engine/embedded/embedded-engine.js';
import type {
  CommandResult,
  DeployedProcess,
  InstanceCommand,
} from '../src/engine/process-engine.js';
import { createLogger } from '../src/logger.js';
import { mainThreadCpuSeconds, runBounded, type LoopBounds } from './measure.js';
import {
  bpmnProcessId,
  commandsPerInstance,
  completionVariables,
  startVariables,
  userTasksPerInstance,
} from './workload.js';

/** Figures of the engine-only run. */
export interface EngineFigures {
  instances: number;
  commands: number;
  userTasks: number;
  seconds: number;
  /** CPU time of the main thread in the measured loop, or null without /proc (see `mainThreadCpuSeconds`). */
  cpuSeconds: number | null;
}

// An instance that needs more commands than this has left the expected
// path, so the bench stops instead of looping.
const maxCommandsPerInstance = 40;

/** Loads the procedure as the deployer stores it: one deployed version. */
export function deployedProcess(): DeployedProcess {
  const file = path.join(projectRoot, 'processes', `${bpmnProcessId}.bpmn`);
  return { key: '1', bpmnProcessId, version: 1, xml: fs.readFileSync(file, 'utf8') };
}

/**
 * Runs quality-objectives instances to completion through `EmbeddedEngine`
 * alone, one command per `apply` on the saved state, as the runtime does.
 */
export async function measureEngine(
  bounds: LoopBounds,
  warmUp: LoopBounds,
): Promise<EngineFigures> {
  const engine = new EmbeddedEngine({ logger: createLogger('warn') });
  const deployed = deployedProcess();
  await runBounded(1, warmUp, async () => {
    await runInstance(engine, deployed);
    return true;
  });

  const totals = { commands: 0, userTasks: 0 };
  const cpuBefore = mainThreadCpuSeconds();
  const outcome = await runBounded(1, bounds, async () => {
    const counted = await runInstance(engine, deployed);
    totals.commands += counted.commands;
    totals.userTasks += counted.userTasks;
    return true;
  });
  const cpuAfter = mainThreadCpuSeconds();
  return {
    instances: outcome.iterations,
    ...totals,
    seconds: outcome.seconds,
    cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
  };
}

let instanceCount = 0;

/**
 * Runs one instance from start to end and returns how many commands and user
 * tasks it took. Like the runtime, it hands each committed result back to the
 * engine, so the next command uses the live instance instead of recovering it.
 */
export async function runInstance(
  engine: EmbeddedEngine,
  deployed: DeployedProcess,
): Promise<{ commands: number; userTasks: number }> {
  const instanceKey = `bench-${++instanceCount}`;
  let revision = 1;
  let raw = await engine.start(deployed, startVariables(2026));
  engine.retain({ instanceKey, revision }, raw);
  let result = storedCopy(raw);
  let commands = 1;
  let userTasks = 0;
  while (result.state === 'ACTIVE') {
    if (commands >= maxCommandsPerInstance)
      throw new Error(`the instance did not end within ${maxCommandsPerInstance} commands`);
    const command = nextCommand(result);
    raw = await engine.apply(deployed, result.engineState, result.variables, command, {
      instanceKey,
      revision,
    });
    revision++;
    engine.retain({ instanceKey, revision }, raw);
    result = storedCopy(raw);
    commands++;
    if (command.type === 'completeUserTask') userTasks++;
  }
  if (commands !== commandsPerInstance || userTasks !== userTasksPerInstance) {
    throw new Error(
      `the instance took ${commands} commands and ${userTasks} user tasks, expected ${commandsPerInstance} and ${userTasksPerInstance}: has the model changed?`,
    );
  }
  return { commands, userTasks };
}

// Jobs go first because the runtime runs a job right after the command that
// opened it, while a user task waits for its user.
function nextCommand(result: CommandResult): InstanceCommand {
  if (result.incident)
    throw new Error(`the engine raised an incident: ${result.incident.errorMessage}`);
  const job = result.waitingJobs[0];
  if (job)
    return { type: 'completeJob', elementInstanceKey: job.elementInstanceKey, variables: {} };
  const task = result.waitingTasks[0];
  if (!task) throw new Error('the instance is active but waits for no user task or job');
  return {
    type: 'completeUserTask',
    elementInstanceKey: task.elementInstanceKey,
    variables: completionVariables(task.elementId),
  };
}

// The runtime stores the state and the variables as jsonb and reads them back
// for the next command, so the bench passes a JSON copy, not the live objects.
function storedCopy(result: CommandResult): CommandResult {
  return JSON.parse(JSON.stringify(result)) as CommandResult;
}
