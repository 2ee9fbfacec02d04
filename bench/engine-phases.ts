import { EmbeddedEngine } from '../src/engine/embedded/embedded-engine.js';
import { EngineRun } from '../src/engine/embedded/engine-run.js';
import type { CommandResult } from '../src/engine/process-engine.js';
import { createLogger } from '../src/logger.js';
import { deployedProcess, runInstance } from './engine-bench.js';
import { mainThreadCpuSeconds } from './measure.js';
import { completionVariables, startVariables } from './workload.js';

// Where the embedded engine spends a command, and what two changes to the
// adapter would save: `tsx bench/engine-phases.ts`. It wraps EngineRun's
// methods with timers and replaces some of them in this process only, so the
// service code stays as it is. Each measurement runs a fixed number of
// instances, so the script stops by itself.

const logger = createLogger('warn');
const engine = new EmbeddedEngine({ logger });
const deployed = deployedProcess();
const warmUpInstances = 10;
const measuredInstances = 60;

type Method = (this: EngineRun, ...args: unknown[]) => unknown;
const prototype = EngineRun.prototype as unknown as Record<string, Method>;
const phases = ['resume', 'completeUserTask', 'completeJob', 'result', 'stop', 'start'];

// The main thread's CPU time, or the process's where /proc is missing.
function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return mainThreadCpuSeconds() ?? (usage.user + usage.system) / 1e6;
}

/** CPU and wall milliseconds per command of `runOnce` over the measured instances. */
async function perCommand(
  runOnce: () => Promise<number>,
  afterWarmUp: () => void = () => undefined,
) {
  for (let i = 0; i < warmUpInstances; i++) await runOnce();
  afterWarmUp();
  const cpuBefore = cpuSeconds();
  const started = performance.now();
  let commands = 0;
  for (let i = 0; i < measuredInstances; i++) commands += await runOnce();
  return {
    commands,
    wallMs: (performance.now() - started) / commands,
    cpuMs: (1000 * (cpuSeconds() - cpuBefore)) / commands,
  };
}

const recovering = async () => (await runInstance(engine, deployed)).commands;

// One EngineRun for the whole instance: every command after the start works on
// the live engine instead of recovering the saved state, as an in-memory
// cache of live instances would.
async function live(): Promise<number> {
  const model = await engine.compiled(deployed);
  const run = new EngineRun(model, deployed.bpmnProcessId, logger, () => new Date());
  await run.start(startVariables(2026));
  let result = JSON.parse(JSON.stringify(await run.result())) as CommandResult;
  let commands = 1;
  while (result.state === 'ACTIVE' && commands < 40) {
    const job = result.waitingJobs[0];
    const task = result.waitingTasks[0];
    if (job) await run.completeJob(job.elementInstanceKey, {});
    else await run.completeUserTask(task.elementInstanceKey, completionVariables(task.elementId));
    result = JSON.parse(JSON.stringify(await run.result())) as CommandResult;
    commands++;
  }

  return commands;
}

async function phaseShares(): Promise<void> {
  const totals = new Map<string, number>();
  const originals = new Map(phases.map((name) => [name, prototype[name]]));
  for (const [name, original] of originals) {
    prototype[name] = function timed(this: EngineRun, ...args: unknown[]) {
      const started = performance.now();
      const add = () => totals.set(name, (totals.get(name) ?? 0) + performance.now() - started);
      const value = original.apply(this, args);
      if (value instanceof Promise) return value.finally(add);
      add();
      return value;
    };
  }
  const measured = await perCommand(recovering, () => totals.clear());
  for (const [name, original] of originals) prototype[name] = original;

  const wallTotal = measured.wallMs * measured.commands;
  console.log(
    `phases of a command (wall ms per command, share of ${measured.wallMs.toFixed(2)} ms):`,
  );
  for (const name of phases) {
    const ms = totals.get(name) ?? 0;
    console.log(
      `  ${name.padEnd(17)} ${(ms / measured.commands).toFixed(2)}  ${((100 * ms) / wallTotal).toFixed(0)}%`,
    );
  }
}

async function compare(): Promise<void> {
  const report = (label: string, figures: { wallMs: number; cpuMs: number }) =>
    console.log(
      `  ${label.padEnd(34)} wall ${figures.wallMs.toFixed(2)} ms, main thread CPU ${figures.cpuMs.toFixed(2)} ms`,
    );
  console.log('per command:');
  report('recover each command (as today)', await perCommand(recovering));
  report('live engine between commands', await perCommand(live));

  const stop = prototype.stop;
  prototype.stop = function withoutEngineStop() {
    // Drops the run without bpmn-engine's stop(). The run's timers are fake,
    // so nothing of it stays scheduled.
  };
  report('recover each command, no stop()', await perCommand(recovering));
  prototype.stop = stop;
}

await phaseShares();
await compare();
