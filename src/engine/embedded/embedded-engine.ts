import type { Logger } from '../../logger.js';
import type {
  CommandResult,
  DeployedProcess,
  InstanceCommand,
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
}

/**
 * The adapter that runs models in this process with bpmn-engine. It keeps no
 * instance in memory between commands: each command recovers the saved state.
 * Compiled models are cached per deployed version, because parsing costs more
 * than running.
 */
export class EmbeddedEngine implements ProcessEngine {
  private readonly cache = new Map<string, Promise<CompiledModel>>();
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly cacheSize: number;

  constructor(options: EmbeddedEngineOptions) {
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
    this.cacheSize = options.cacheSize ?? 200;
  }

  async start(process: DeployedProcess, variables: Variables): Promise<CommandResult> {
    const run = new EngineRun(
      await this.compiled(process),
      process.bpmnProcessId,
      this.logger,
      this.now,
    );
    try {
      await run.start(variables);
      return await run.result();
    } finally {
      run.stop();
    }
  }

  async apply(
    process: DeployedProcess,
    engineState: unknown,
    variables: Variables,
    command: InstanceCommand,
  ): Promise<CommandResult> {
    const run = new EngineRun(
      await this.compiled(process),
      process.bpmnProcessId,
      this.logger,
      this.now,
    );
    try {
      await run.resume(engineState);
      const applied = await applyCommand(run, command);
      if (!applied) throw new StaleCommandError(command);
      return await run.result();
    } finally {
      run.stop();
    }
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
