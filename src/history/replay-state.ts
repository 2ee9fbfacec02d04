/**
 * The state of a process instance after each event of its history, for the replay that auditors
 * step through. The server and the browser both fold the same events with this module, so that
 * the API sends each event once and the page computes every step's state itself.
 *
 * Folding is incremental: a cursor keeps the state of every `checkpointInterval`-th event and
 * applies at most that many events to reach any step, and one event to reach the next step. A
 * history of n events therefore costs O(n) to walk through, instead of the O(n²) of sending
 * or rebuilding a full state for every step.
 */

/** One history event as the replay reads it. */
export interface ReplayEvent {
  position: number;
  type: string;
  elementId: string | null;
  elementInstanceKey: string | null;
  actor: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

/** One flow node of the model, with what the replay needs to end the tokens nobody completes. */
export interface ReplayElement {
  id: string;
  name: string | null;
  type: string;
  /** The sub-process that contains the element, if any. */
  parentId: string | null;
  /** For a boundary event: the activity it is attached to. */
  attachedToId: string | null;
  /** For a boundary event: true when it interrupts the activity. */
  cancelActivity: boolean;
  /** For a sequence flow: the element it leaves. */
  sourceId?: string | null;
  /** For a sequence flow: the element it enters. */
  targetId?: string | null;
}

/** A token: an element instance that was entered and has not left. */
export interface ActiveToken {
  elementInstanceKey: string;
  elementId: string;
}

/** A user task that is open at a step. */
export interface OpenTask {
  elementInstanceKey: string;
  elementId: string;
  userTaskKey: string | null;
  assignee: string | null;
  candidateGroups: string[];
}

/** A variable's value at a step, with its last real change. */
export interface VariableValue {
  name: string;
  value: unknown;
  /** The value before the last change; null when the change created the variable. */
  previousValue: unknown;
  /** Position of the event of the last change whose value differs from the value before it. */
  changedAt: number;
  /** True when the last change belongs to the command of the current step. */
  changed: boolean;
}

/** An incident that is open at a step. */
export interface OpenIncident {
  incidentKey: string;
  elementId: string | null;
}

/** The instance's state after one event, in plain JSON with sorted lists. */
export interface ReplaySnapshot {
  /** Index of the step, 1 for the first event; 0 is the state before any event. */
  step: number;
  /** Position of the event of this step in the history, 0 before any event. */
  position: number;
  /** Position of the first event of the command that wrote this step's event. */
  commandStart: number;
  /** The model version that the instance ran at this step. */
  version: number;
  completedElementIds: string[];
  takenSequenceFlowIds: string[];
  activeTokens: ActiveToken[];
  openTasks: OpenTask[];
  openIncidents: OpenIncident[];
  variables: VariableValue[];
  ended: boolean;
}

interface StoredVariable {
  value: unknown;
  previousValue: unknown;
  changedAt: number;
}

// The mutable state of the fold. Values inside are never mutated, so a checkpoint copies the
// maps and shares the values.
interface FoldState {
  position: number;
  version: number;
  completed: Set<string>;
  flows: Set<string>;
  tokens: Map<string, string>;
  tasks: Map<string, OpenTask>;
  incidents: Map<string, string | null>;
  variables: Map<string, StoredVariable>;
  ended: boolean;
}

/** The parts of the model that the fold reads, by element id. */
export interface ReplayModel {
  elements: Map<string, ReplayElement>;
}

/** Builds the fold's model from the elements of one model version. */
export function replayModelOf(elements: ReplayElement[]): ReplayModel {
  return { elements: new Map(elements.map((element) => [element.id, element])) };
}

/** Position of the first event of each event's command: consecutive events of one timestamp. */
export function commandStarts(events: ReplayEvent[]): number[] {
  const starts: number[] = [];
  for (const [index, event] of events.entries()) {
    const previous = events[index - 1];
    // appendHistory stamps every event of one command with the same time.
    const sameCommand = previous !== undefined && previous.createdAt === event.createdAt;
    starts.push(sameCommand ? starts[index - 1]! : event.position);
  }
  return starts;
}

function emptyState(version: number): FoldState {
  return {
    position: 0,
    version,
    completed: new Set(),
    flows: new Set(),
    tokens: new Map(),
    tasks: new Map(),
    incidents: new Map(),
    variables: new Map(),
    ended: false,
  };
}

function copyState(state: FoldState): FoldState {
  return {
    ...state,
    completed: new Set(state.completed),
    flows: new Set(state.flows),
    tokens: new Map(state.tokens),
    tasks: new Map(state.tasks),
    incidents: new Map(state.incidents),
    variables: new Map(state.variables),
  };
}

/**
 * Applies one event to the state. Element instances that bpmn-elements leaves without an event
 * (a boundary event whose activity completed, the children of a sub-process that was left) end
 * when the element that holds them has no token left; every token ends with the instance.
 */
function applyEvent(state: FoldState, event: ReplayEvent, model: ReplayModel): void {
  state.position = event.position;
  const key = event.elementInstanceKey;
  const data = event.data ?? {};
  switch (event.type) {
    case 'ELEMENT_ACTIVATED':
      if (key && event.elementId) state.tokens.set(key, event.elementId);
      break;
    case 'ELEMENT_COMPLETED':
      if (event.elementId) state.completed.add(event.elementId);
      if (key) endToken(state, model, key);
      if (event.elementId) interruptAttached(state, model, event.elementId);
      break;
    case 'SEQUENCE_FLOW_TAKEN':
      if (event.elementId) state.flows.add(event.elementId);
      break;
    case 'USER_TASK_CREATED':
      if (key && event.elementId) state.tasks.set(key, openTask(event, key, event.elementId));
      break;
    case 'USER_TASK_COMPLETED':
      if (key) state.tasks.delete(key);
      break;
    case 'USER_TASK_CANCELED':
      if (key) {
        state.tasks.delete(key);
        endToken(state, model, key);
      }
      break;
    case 'USER_TASK_CLAIMED':
    case 'USER_TASK_ASSIGNED':
      reassign(state, key, data.assignee);
      break;
    case 'USER_TASK_UNCLAIMED':
      reassign(state, key, null);
      break;
    case 'USER_TASK_DELEGATED':
      reassign(state, key, data.delegate);
      break;
    case 'USER_TASK_RESOLVED':
      reassign(state, key, data.owner);
      break;
    case 'VARIABLE_CREATED':
    case 'VARIABLE_UPDATED':
      setVariable(state, event);
      break;
    case 'INCIDENT_CREATED':
      if (typeof data.incidentKey === 'string')
        state.incidents.set(data.incidentKey, event.elementId);
      break;
    case 'INCIDENT_RESOLVED':
      if (typeof data.incidentKey === 'string') state.incidents.delete(data.incidentKey);
      break;
    case 'PROCESS_INSTANCE_MIGRATED':
      if (typeof data.toVersion === 'number') state.version = data.toVersion;
      break;
    case 'PROCESS_INSTANCE_COMPLETED':
      state.ended = true;
      state.tokens.clear();
      break;
  }
}

function openTask(event: ReplayEvent, key: string, elementId: string): OpenTask {
  const data = event.data ?? {};
  return {
    elementInstanceKey: key,
    elementId,
    userTaskKey: typeof data.userTaskKey === 'string' ? data.userTaskKey : null,
    assignee: typeof data.assignee === 'string' ? data.assignee : null,
    candidateGroups: Array.isArray(data.candidateGroups)
      ? data.candidateGroups.filter((group): group is string => typeof group === 'string')
      : [],
  };
}

function reassign(state: FoldState, key: string | null, assignee: unknown): void {
  const task = key ? state.tasks.get(key) : undefined;
  if (!task || !key) return;
  state.tasks.set(key, { ...task, assignee: typeof assignee === 'string' ? assignee : null });
}

function setVariable(state: FoldState, event: ReplayEvent): void {
  const { name, value, previousValue } = event.data ?? {};
  if (typeof name !== 'string') return;
  const stored = state.variables.get(name);
  // The engine compares values by their JSON text, and PostgreSQL's jsonb reorders object keys,
  // so an update can repeat the same value with its keys in another order. It is no change.
  if (stored && sameJson(stored.value, value)) {
    state.variables.set(name, { ...stored, value });
    return;
  }
  state.variables.set(name, {
    value,
    previousValue: previousValue ?? null,
    changedAt: event.position,
  });
}

// Ends a token and, once its element has no token left, the tokens that only live while the
// element does: its boundary events and, for a sub-process, the elements inside it.
function endToken(state: FoldState, model: ReplayModel, key: string): void {
  const elementId = state.tokens.get(key);
  if (elementId === undefined) return;
  state.tokens.delete(key);
  for (const other of state.tokens.values()) if (other === elementId) return;

  for (const [otherKey, otherId] of [...state.tokens]) {
    const element = model.elements.get(otherId);
    if (element && (element.attachedToId === elementId || element.parentId === elementId))
      endToken(state, model, otherKey);
  }
}

// An interrupting boundary event that completes ends the activity it is attached to.
function interruptAttached(state: FoldState, model: ReplayModel, elementId: string): void {
  const element = model.elements.get(elementId);
  if (!element?.attachedToId || !element.cancelActivity) return;
  for (const [key, id] of [...state.tokens])
    if (id === element.attachedToId) endToken(state, model, key);
}

/** Compares two JSON values with object keys in any order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortedKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function snapshotOf(state: FoldState, step: number, commandStart: number): ReplaySnapshot {
  return {
    step,
    position: state.position,
    commandStart,
    version: state.version,
    completedElementIds: [...state.completed].sort(byText),
    takenSequenceFlowIds: [...state.flows].sort(byText),
    activeTokens: [...state.tokens]
      .map(([elementInstanceKey, elementId]) => ({ elementInstanceKey, elementId }))
      .sort((a, b) => byText(a.elementInstanceKey, b.elementInstanceKey)),
    openTasks: [...state.tasks.values()].sort((a, b) =>
      byText(a.elementInstanceKey, b.elementInstanceKey),
    ),
    openIncidents: [...state.incidents]
      .map(([incidentKey, elementId]) => ({ incidentKey, elementId }))
      .sort((a, b) => byText(a.incidentKey, b.incidentKey)),
    variables: [...state.variables]
      .map(([name, stored]) => ({
        name,
        ...stored,
        changed: step > 0 && stored.changedAt >= commandStart,
      }))
      .sort((a, b) => byText(a.name, b.name)),
    ended: state.ended,
  };
}

/**
 * Random access to the state after any step of one history. `models` gives the fold's model of
 * each version the instance ran; a step of a version without a model ends tokens only with the
 * instance.
 */
export class ReplayCursor {
  private readonly checkpoints: FoldState[];
  private readonly starts: number[];
  private state: FoldState;
  private step = 0;
  /** Events applied since the cursor was built, so a test can check the cost of a walk. */
  appliedEvents = 0;

  constructor(
    private readonly events: ReplayEvent[],
    private readonly models: Map<number, ReplayModel>,
    initialVersion: number,
    private readonly checkpointInterval = 256,
  ) {
    this.state = emptyState(initialVersion);
    this.checkpoints = [copyState(this.state)];
    this.starts = commandStarts(events);
  }

  /** Number of steps: one per event. */
  get length(): number {
    return this.events.length;
  }

  /** Returns the state after the event of `step` (1 to length), or before any event for 0. */
  stateAt(step: number): ReplaySnapshot {
    const target = Math.max(0, Math.min(Math.trunc(step), this.events.length));
    this.moveTo(target);
    const commandStart = target > 0 ? this.starts[target - 1]! : 0;
    return snapshotOf(this.state, target, commandStart);
  }

  private moveTo(target: number): void {
    const index = Math.min(
      Math.floor(target / this.checkpointInterval),
      this.checkpoints.length - 1,
    );
    const checkpointStep = index * this.checkpointInterval;
    if (target < this.step || checkpointStep > this.step) {
      this.state = copyState(this.checkpoints[index]!);
      this.step = checkpointStep;
    }
    const empty: ReplayModel = { elements: new Map() };
    while (this.step < target) {
      const event = this.events[this.step]!;
      applyEvent(this.state, event, this.models.get(this.state.version) ?? empty);
      this.step += 1;
      this.appliedEvents += 1;
      const isCheckpoint = this.step % this.checkpointInterval === 0;
      if (isCheckpoint && this.checkpoints.length === this.step / this.checkpointInterval)
        this.checkpoints.push(copyState(this.state));
    }
  }
}
