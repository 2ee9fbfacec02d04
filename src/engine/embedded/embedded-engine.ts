import type { Logger } from '../../logger.js';
import type {
  CommandResult,
  DeployedProcess,
  InstanceCommand,
  InstanceRevision,
  ProcessEngine,
  Variables,
} from '../process-engine.js';
import { compileModel, type CompiledModel } from './compile.js';
import { EngineRun } from './engine-run.js';

/** Options of the embedded adapter. */
export interface EmbeddedEngineOptions {
  logger: Logger;
  /** The clock that timers are computed from; tests move it instead of sleeping. */
  now?: () => Date;
  /** How many compiled versions to keep in memory. */
  cacheSize?: number;
  /** How many live instances to keep in memory between commands. */
  liveInstances?: number;
}

/**
 * The adapter that runs models in this process with bpmn-engine. The saved
 * state in the database is the truth: a command recovers it unless the
 * adapter still keeps the live instance of exactly that revision, which the
 * service hands back through `retain` after its commit. Compiled models are
 * cached per deployed version, because parsing costs more than running.
 */
export class EmbeddedEngine implements ProcessEngine {
  private readonly cache = new Map<string, Promise<CompiledModel>>();
  // Live instances after committed commands, by instance key, least recently
  // used first. Recovering a saved state is most of the cost of a command.
  private readonly live = new Map<string, { revision: number; run: EngineRun }>();
  private readonly liveSize: number;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly cacheSize: number;

  constructor(options: EmbeddedEngineOptions) {
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
    this.cacheSize = options.cacheSize ?? 200;
    this.liveSize = options.liveInstances ?? 500;
  }

  async start(process: DeployedProcess, variables: Variables): Promise<CommandResult> {
    const run = await this.newRun(process);
    await run.start(variables);
    return withLive(await run.result(), run);
  }

  async apply(
    process: DeployedProcess,
    engineState: unknown,
    variables: Variables,
    command: InstanceCommand,
    from?: InstanceRevision,
  ): Promise<CommandResult> {
    const run = this.takeLive(process, from) ?? (await this.recover(process, engineState));
    const applied = await applyCommand(run, command);
    if (!applied) throw new StaleCommandError(command);
    return withLive(await run.result(), run);
  }

  retain(at: InstanceRevision, result: CommandResult): void {
    const run = result.live;
    if (!(run instanceof EngineRun) || !run.reusable) return;
    this.live.delete(at.instanceKey);
    this.live.set(at.instanceKey, { revision: at.revision, run });
    if (this.live.size > this.liveSize) this.live.delete(this.live.keys().next().value as string);
  }

  private async newRun(process: DeployedProcess): Promise<EngineRun> {
    const model = await this.compiled(process);
    return new EngineRun(model, process.bpmnProcessId, this.logger, this.now, process.key);
  }

  private async recover(process: DeployedProcess, engineState: unknown): Promise<EngineRun> {
    const run = await this.newRun(process);
    await run.resume(engineState);
    return run;
  }

  // A kept run is used once: a second command on the same revision (a
  // concurrent one, bound to fail its revision check) recovers its own.
  private takeLive(process: DeployedProcess, from: InstanceRevision | undefined): EngineRun | null {
    if (!from) return null;
    const entry = this.live.get(from.instanceKey);
    if (!entry) return null;
    this.live.delete(from.instanceKey);
    if (entry.revision !== from.revision || entry.run.processKey !== process.key) return null;
    entry.run.beginCommand();
    return entry.run;
  }

  /** Returns the compiled model of a deployed version, parsing it on first use. */
  compiled(process: DeployedProcess): Promise<CompiledModel> {
    let compiled = this.cache.get(process.key);
    if (compiled) {
      // Re-insert to keep the map in least-recently-used order.
      this.cache.delete(process.key);
      this.cache.set(process.key, compiled);
      return compiled;
    }

    compiled = compileModel(process.xml);
    compiled.catch(() => this.cache.delete(process.key));
    this.cache.set(process.key, compiled);
    if (this.cache.size > this.cacheSize)
      this.cache.delete(this.cache.keys().next().value as string);
    return compiled;
  }
}

// The live run is not data: keep it out of JSON and of copies of the result.
function withLive(result: CommandResult, run: EngineRun): CommandResult {
  return Object.defineProperty(result, 'live', { value: run, enumerable: false });
}

/** The saved state has no wait state that the command addresses. */
export class StaleCommandError extends Error {
  constructor(command: InstanceCommand) {
    super(`the instance has no wait state for command ${command.type}`);
    this.name = 'StaleCommandError';
  }
}

async function applyCommand(run: EngineRun, command: InstanceCommand): Promise<boolean> {
  switch (command.type) {
    case 'completeUserTask':
      return run.completeUserTask(command.elementInstanceKey, command.variables);
    case 'completeJob':
      return run.completeJob(command.elementInstanceKey, command.variables);
    case 'triggerTimer':
      return run.triggerTimer(command.elementInstanceKey);
    case 'resume':
      return true;
  }
}
