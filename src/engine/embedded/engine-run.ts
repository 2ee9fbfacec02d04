import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import * as Elements from 'bpmn-elements';
import type { Logger } from '../../logger.js';
import type {
  CommandResult,
  EngineEvent,
  OpenedJob,
  OpenedTimer,
  OpenedUserTask,
  RaisedIncident,
  Variables,
} from '../process-engine.js';
import { conditionReferencePrefix, type CompiledModel, type ElementDefinition } from './compile.js';
import { describeUserTask, localVariables, parentExecutionIdOf } from './element-content.js';
import { enclosingSubProcess, enterIteration, ownVariables } from './sub-process-scope.js';
import {
  evaluateCondition,
  evaluateExpression,
  ExpressionError,
  isFeelExpression,
} from './feel.js';

/** The parts of a bpmn-elements event API that the adapter uses. */
interface ElementApi {
  id: string;
  type: string;
  executionId: string;
  content: Record<string, unknown>;
  environment: ScopeEnvironment;
  signal(message?: Record<string, unknown>): void;
}

/** The environment of a process or of a sub-process execution, whose variables it scopes. */
interface ScopeEnvironment {
  variables: Variables;
}

interface ExpressionContext {
  environment?: { variables?: Variables };
  content?: Record<string, unknown>;
}

type ServiceCallback = (error: Error | null, output?: unknown) => void;

interface TimerHandle {
  fire: () => void;
}

interface RegisteredTimer {
  /** The timer's content: its element id, and for a timer event its type and expiry. */
  owner?: { id?: string; timerType?: string; expireAt?: Date | string };
  delay: number;
  timerRef: unknown;
  callback: (...args: unknown[]) => void;
  args: unknown[];
}

// Keys that bpmn-elements merges into the variables of some messages; they are
// message envelope, not process data.
const envelopeKeys = new Set(['fields', 'content', 'properties']);

// Upper bound of event-loop turns that one command may take to reach its wait
// states; a model that keeps running past it is looping without a wait state.
const maxSettleTurns = 10_000;

/**
 * One run of the embedded engine for one command: recover the saved state,
 * resume, apply the command, run to the next wait states and collect what
 * changed. Its timers never fire by themselves, so a run that waits keeps
 * nothing but memory, and the adapter may keep it for the next command.
 */
export class EngineRun {
  private readonly engine: Engine;
  private readonly listener = new EventEmitter();
  private readonly waitingApis = new Map<string, ElementApi>();
  private readonly serviceCallbacks = new Map<
    string,
    {
      callback: ServiceCallback;
      job: OpenedJob;
      parentExecutionId: string | null;
      /** The sub-process scope of the job's element; null for an element of the process. */
      scope: ScopeEnvironment | null;
      /** Whether the job's element runs in an iteration of a multi-instance sub-process. */
      inIteration: boolean;
    }
  >();
  private readonly timerHandles = new Map<number, TimerHandle>();
  private readonly timers: Elements.Timers;
  private readonly events: EngineEvent[] = [];
  private processVariables: Variables | null = null;
  private recording = false;
  private progress = 0;
  private ended = false;
  private failure: RaisedIncident | null = null;
  private nextTimerHandle = 1;

  /** The deployed version this run executes. */
  readonly processKey: string;

  constructor(
    private readonly model: CompiledModel,
    private readonly bpmnProcessId: string,
    private readonly logger: Logger,
    private readonly now: () => Date,
    processKey = '',
  ) {
    this.processKey = processKey;
    // Timers never fire in memory: the service stores them and fires them
    // through the scheduler, which survives restarts and shares one database.
    const timerOptions = {
      setTimeout: (fire: (...args: unknown[]) => void, _delay: number, ...args: unknown[]) => {
        const handle = this.nextTimerHandle++;
        this.timerHandles.set(handle, { fire: () => fire(...args) });
        return handle;
      },
      clearTimeout: (handle: number) => {
        this.timerHandles.delete(handle);
      },
    };
    this.timers = new Elements.Timers(
      timerOptions as unknown as ConstructorParameters<typeof Elements.Timers>[0],
    );
    this.engine = new Engine({
      name: bpmnProcessId,
      sourceContext: model.sourceContext,
      expressions: this.expressions(),
      timers: this.timers,
      extensions: {
        eiso: (activity: { type: string; behaviour: Record<string, unknown> }) =>
          this.extend(activity),
      },
      Logger: () => engineLogger(logger),
    } as unknown as ConstructorParameters<typeof Engine>[0]);
    this.listen();
  }

  /** Starts a new instance with `variables`. */
  async start(variables: Variables): Promise<void> {
    this.recording = true;
    this.record('PROCESS_INSTANCE_STARTED', null, null, {});
    await this.engine.execute({ listener: this.listener, variables } as never);
    await this.settle();
  }

  /** Recovers a saved state and resumes it; the replayed wait events are not recorded. */
  async resume(engineState: unknown): Promise<void> {
    this.engine.recover(engineState as never);
    await this.engine.resume({ listener: this.listener } as never);
    await this.settle();
    this.recording = true;
  }

  /** Completes a waiting user task with the variables of its completion. */
  async completeUserTask(elementInstanceKey: string, variables: Variables): Promise<boolean> {
    const api = this.waitingApis.get(elementInstanceKey);
    if (!api) return false;

    try {
      this.mergeVariables(api, variables);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      this.failure ??= {
        elementId: api.id,
        errorType: 'EXTRACT_VALUE_ERROR',
        errorMessage: error.message,
      };
      return true;
    }
    this.waitingApis.delete(elementInstanceKey);
    api.signal({ ...variables });
    await this.settle();
    return true;
  }

  /** Completes a waiting job with the variables its worker returned. */
  async completeJob(elementInstanceKey: string, variables: Variables): Promise<boolean> {
    const waiting = this.serviceCallbacks.get(elementInstanceKey);
    if (!waiting) return false;

    this.assignInScope(waiting.scope?.variables ?? null, waiting.inIteration, variables);
    this.serviceCallbacks.delete(elementInstanceKey);
    waiting.callback(null, { ...variables });
    await this.settle();
    return true;
  }

  /** Fires a timer that the saved state has registered. */
  async triggerTimer(elementInstanceKey: string): Promise<boolean> {
    const timer = this.registeredTimers().find((entry) => entry.key === elementInstanceKey);
    if (!timer) return false;
    const handle = this.timerHandles.get(timer.handle);
    if (handle) {
      this.timerHandles.delete(timer.handle);
      handle.fire();
    } else if (timer.ref.timerRef === null || timer.ref.timerRef === undefined) {
      // bpmn-elements 17 never arms a delay of 2^31 - 1 ms (about 24.8 days) or more, so such a
      // timer has no handle: remove it from the running timers and call it as the handle would.
      // Its reference is null until a clearTimeout sets it to what the timer options return.
      this.timers.clearTimeout(timer.ref as never);
      timer.ref.callback(...timer.ref.args);
    } else {
      return false;
    }
    await this.settle();
    return true;
  }

  /** Collects the new state and everything that waits after the command. */
  async result(): Promise<CommandResult> {
    const variables = this.currentVariables();
    const failure = this.failure;
    const engineState = failure ? null : await this.saveState();

    return {
      state: this.ended ? 'COMPLETED' : 'ACTIVE',
      engineState,
      variables,
      waitingTasks: failure ? [] : this.openUserTasks(variables),
      waitingJobs: failure ? [] : [...this.serviceCallbacks.values()].map((entry) => entry.job),
      waitingTimers: failure ? [] : this.openTimers(),
      events: this.events,
      incident: failure ?? this.failure,
    };
  }

  /** Forgets what the previous command recorded, so a kept run can take the next command. */
  beginCommand(): void {
    this.events.length = 0;
    this.failure = null;
  }

  /** True when the run ended in a wait state and may take another command. */
  get reusable(): boolean {
    return !this.failure && !this.ended;
  }

  private expressions(): object {
    return {
      isExpression: isFeelExpression,
      hasExpression: isFeelExpression,
      resolveExpression: (expression: unknown, context: ExpressionContext) => {
        if (typeof expression === 'string' && expression.startsWith(conditionReferencePrefix)) {
          return this.evaluateFlowCondition(
            expression.slice(conditionReferencePrefix.length),
            context,
          );
        }
        if (!isFeelExpression(expression)) return expression;
        return this.evaluateInContext(expression, context);
      },
    };
  }

  private evaluateFlowCondition(flowId: string, context: ExpressionContext): boolean {
    const condition = this.model.conditions.get(flowId);
    if (!condition) throw new Error(`sequence flow ${flowId} has no compiled condition`);

    const variables = { ...context.environment?.variables, ...localVariables(context.content) };
    try {
      return evaluateCondition(condition.expression, variables);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      this.failure ??= {
        elementId: condition.sourceId,
        errorType: 'CONDITION_ERROR',
        errorMessage: `${error.message} (sequence flow ${flowId})`,
      };
      throw error;
    }
  }

  private evaluateInContext(expression: string, context: ExpressionContext): unknown {
    const variables = { ...context.environment?.variables, ...localVariables(context.content) };
    try {
      return evaluateExpression(expression, variables);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      const elementId = context.content?.id;
      this.failure ??= {
        elementId: typeof elementId === 'string' ? elementId : null,
        errorType: 'EXTRACT_VALUE_ERROR',
        errorMessage: error.message,
      };
      throw error;
    }
  }

  // Service tasks wait for their worker as Zeebe jobs do: the adapter keeps the
  // completion callback, and a resumed run gets a new one when bpmn-elements
  // redelivers the execute message.
  private extend(activity: { type: string; behaviour: Record<string, unknown> }): void {
    if (!['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'].includes(activity.type)) {
      return;
    }
    const registerJob = this.registerJob.bind(this);
    activity.behaviour.Service = function JobService(
      this: object,
      owner: { id: string; environment: ScopeEnvironment },
    ) {
      return {
        execute(message: { content: Record<string, unknown> }, callback: ServiceCallback) {
          registerJob(owner.id, owner.environment, message.content, callback);
        },
      };
    };
  }

  private registerJob(
    elementId: string,
    environment: ScopeEnvironment,
    content: Record<string, unknown>,
    callback: ServiceCallback,
  ): void {
    const element = this.model.elements.get(elementId);
    const elementInstanceKey = String(content.executionId);
    const scope = this.enterScope(environment, content);
    this.serviceCallbacks.set(elementInstanceKey, {
      callback,
      parentExecutionId: parentExecutionIdOf(content),
      scope,
      inIteration: this.inIteration(content),
      job: {
        elementId,
        elementInstanceKey,
        type: element?.taskDefinition?.type ?? '',
        retries: element?.taskDefinition?.retries ?? 3,
        localVariables: { ...this.scopeVariables(scope), ...localVariables(content) },
        customHeaders: element?.taskHeaders ?? {},
      },
    });
    this.progress++;
  }

  private listen(): void {
    const listener = this.listener;
    listener.on('wait', (api: ElementApi) => this.onWait(api));
    listener.on('activity.start', (api: ElementApi) => this.onElement('ELEMENT_ACTIVATED', api));
    listener.on('activity.end', (api: ElementApi) => this.onElement('ELEMENT_COMPLETED', api));
    listener.on('activity.discard', (api: ElementApi) => this.onLeave(api));
    listener.on('activity.leave', (api: ElementApi) => this.onLeave(api));
    listener.on('flow.take', (api: ElementApi) => {
      this.progress++;
      this.record('SEQUENCE_FLOW_TAKEN', api.id, null, {});
    });
    this.engine.on('end', () => {
      this.ended = true;
      this.progress++;
      this.record('PROCESS_INSTANCE_COMPLETED', null, null, {});
    });
    this.engine.on('error', (error: Error) => {
      this.progress++;
      this.failure ??= { elementId: null, errorType: 'UNKNOWN', errorMessage: error.message };
    });
  }

  private onWait(api: ElementApi): void {
    this.progress++;
    if (api.type !== 'bpmn:UserTask') return;
    this.enterScope(api.environment, api.content);
    this.waitingApis.set(api.executionId, api);
  }

  private onElement(type: EngineEvent['type'], api: ElementApi): void {
    this.progress++;
    if (api.type === 'bpmn:Process') return;
    this.enterScope(api.environment, api.content);
    if (type === 'ELEMENT_COMPLETED') this.waitingApis.delete(api.executionId);
    this.record(type, api.id, api.executionId, {});
  }

  // bpmn-elements 17 discards the iterations of a multi-instance activity
  // without an event for each one, so the waits of the iterations end when
  // the activity that contains them leaves.
  private onLeave(api: ElementApi): void {
    this.progress++;
    const ended = api.executionId;
    for (const [key, waiting] of this.waitingApis) {
      if (key === ended || parentExecutionIdOf(waiting.content) === ended) {
        this.waitingApis.delete(key);
      }
    }
    for (const [key, waiting] of this.serviceCallbacks) {
      if (key === ended || waiting.parentExecutionId === ended) this.serviceCallbacks.delete(key);
    }
  }

  private record(
    type: EngineEvent['type'],
    elementId: string | null,
    key: string | null,
    data: Variables,
  ): void {
    if (this.recording) this.events.push({ type, elementId, elementInstanceKey: key, data });
  }

  // bpmn-elements runs synchronously between broker messages but hands some
  // steps to the next turn of the event loop; a run has settled when a turn
  // passes without any engine event.
  private async settle(): Promise<void> {
    let quietTurns = 0;
    for (let turn = 0; turn < maxSettleTurns; turn++) {
      const before = this.progress;
      await new Promise((resolve) => setImmediate(resolve));
      quietTurns = this.progress === before ? quietTurns + 1 : 0;
      if (quietTurns >= 2) return;
    }
    this.failure ??= {
      elementId: null,
      errorType: 'UNKNOWN',
      errorMessage: `the instance did not reach a wait state within ${maxSettleTurns} steps`,
    };
  }

  private mergeVariables(api: ElementApi, variables: Variables): void {
    const element = this.model.elements.get(api.id);
    this.enterScope(api.environment, api.content);
    const target = api.environment.variables;
    this.assignInScope(target, this.inIteration(api.content), variables);
    if (element?.loop) this.collectLoopOutput(element, api, variables, target);
  }

  // bpmn-elements 17 gives each sub-process execution a copy of the process
  // variables. Zeebe keeps one scope, so a completion writes to the process as
  // well as to the scope where the sub-process's gateways and tasks read it.
  // An iteration of a multi-instance sub-process keeps its writes in its own
  // scope instead, because without output mappings the iterations would
  // overwrite each other. The loop's outputElement collects their results.
  private assignInScope(scope: Variables | null, inIteration: boolean, variables: Variables): void {
    const process = this.processEnvironmentVariables();
    if (scope) this.assignVariables(scope, variables);
    if (process && process !== scope && !inIteration) this.assignVariables(process, variables);
  }

  private inIteration(content: Record<string, unknown> | undefined): boolean {
    const subProcess = enclosingSubProcess(content);
    return Boolean(subProcess && this.model.elements.get(subProcess.id)?.loop);
  }

  private assignVariables(target: Variables, variables: Variables): void {
    for (const [name, value] of Object.entries(variables)) target[name] = value;
  }

  // Zeebe gathers each iteration's `outputElement` into `outputCollection`,
  // in the order of the input collection.
  private collectLoopOutput(
    element: ElementDefinition,
    api: ElementApi,
    variables: Variables,
    target: Variables,
  ): void {
    const loop = element.loop;
    if (!loop?.outputCollection || !loop.outputElement) return;

    const local = localVariables(api.content);
    const context = { ...target, ...local, ...variables };
    const value = evaluateExpression(loop.outputElement, context);
    const input = evaluateExpression(loop.inputCollection, target);
    const length = Array.isArray(input) ? input.length : 0;
    const current = target[loop.outputCollection];
    const collection = Array.isArray(current)
      ? [...current]
      : new Array<unknown>(length).fill(null);
    collection[Number(api.content.index ?? 0)] = value;
    target[loop.outputCollection] = collection;
  }

  /**
   * Remembers the process variables from an element of the process itself, or returns the scope
   * of the sub-process around the element, after giving a multi-instance iteration its input
   * element. bpmn-elements runs each sub-process execution in a copy of the process variables,
   * so a task completed inside it sets variables of that execution only.
   */
  private enterScope(
    environment: ScopeEnvironment,
    content: Record<string, unknown>,
  ): ScopeEnvironment | null {
    const subProcess = enclosingSubProcess(content);
    if (!subProcess) {
      this.processVariables ??= environment.variables;
      return null;
    }
    const loop = this.model.elements.get(subProcess.id)?.loop;
    const processVariables = this.processEnvironmentVariables();
    if (loop && processVariables)
      enterIteration(environment.variables, subProcess, loop, processVariables);
    return environment;
  }

  /** Returns the variables that a sub-process scope has of its own; none for the process. */
  private scopeVariables(scope: ScopeEnvironment | null): Variables {
    const processVariables = this.processEnvironmentVariables();
    if (!scope || !processVariables) return {};
    const own = ownVariables(scope.variables, processVariables);
    for (const key of envelopeKeys) delete own[key];
    return own;
  }

  private processEnvironmentVariables(): Variables | null {
    if (this.processVariables) return this.processVariables;
    const processes = this.engine.execution?.definitions?.[0]?.getProcesses?.() ?? [];
    const process = processes.find(
      (candidate: { id: string }) => candidate.id === this.bpmnProcessId,
    );
    this.processVariables = (process?.environment?.variables as Variables | undefined) ?? null;
    return this.processVariables;
  }

  private currentVariables(): Variables {
    const source = this.processEnvironmentVariables() ?? {};
    const variables: Variables = {};
    for (const [name, value] of Object.entries(source)) {
      if (!envelopeKeys.has(name)) variables[name] = value;
    }
    return JSON.parse(JSON.stringify(variables)) as Variables;
  }

  private async saveState(): Promise<unknown> {
    const state = (await this.engine.getState()) as { definitions?: { source?: unknown }[] };
    // The source is the compiled model, cached per deployed version: keep it
    // out of every saved state.
    for (const definition of state.definitions ?? []) delete definition.source;
    return state;
  }

  private openUserTasks(variables: Variables): OpenedUserTask[] {
    const tasks: OpenedUserTask[] = [];
    for (const api of this.waitingApis.values()) {
      const element = this.model.elements.get(api.id);
      try {
        const scope = this.scopeVariables(this.enterScope(api.environment, api.content));
        tasks.push(describeUserTask(api, element, variables, scope));
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        this.failure ??= {
          elementId: api.id,
          errorType: 'EXTRACT_VALUE_ERROR',
          errorMessage: error.message,
        };
      }
    }
    return tasks;
  }

  private registeredTimers(): {
    key: string;
    elementId: string;
    handle: number;
    delay: number;
    ref: RegisteredTimer;
  }[] {
    const executing = this.timers.executing as unknown as RegisteredTimer[];
    const seen = new Map<string, number>();
    return executing.map((timer) => {
      const elementId = timer.owner?.id ?? 'timer';
      const index = seen.get(elementId) ?? 0;
      seen.set(elementId, index + 1);
      return {
        key: `${elementId}#${index}`,
        elementId,
        handle: Number(timer.timerRef),
        delay: timer.delay,
        ref: timer,
      };
    });
  }

  // bpmn-elements measures a delay on the wall clock, so a duration counts from the service's
  // clock instead, and a timer on a date is due at that date whatever either clock shows.
  private openTimers(): OpenedTimer[] {
    const now = this.now().getTime();
    return this.registeredTimers().map((timer) => {
      const { timerType, expireAt } = timer.ref.owner ?? {};
      const date = timerType === 'timeDate' && expireAt ? new Date(expireAt) : null;
      const dueAt =
        date && !Number.isNaN(date.getTime()) ? date : new Date(now + Math.max(0, timer.delay));
      return {
        elementId: timer.elementId,
        elementInstanceKey: timer.key,
        dueAt: dueAt.toISOString(),
      };
    });
  }
}

function engineLogger(logger: Logger) {
  return {
    debug: () => undefined,
    error: (...args: unknown[]) =>
      logger.warn({ engine: args.map(String).join(' ') }, 'engine error'),
    warn: (...args: unknown[]) =>
      logger.warn({ engine: args.map(String).join(' ') }, 'engine warning'),
  };
}
