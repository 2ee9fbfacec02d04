/** Variables of a process instance or of a command, as plain JSON values. */
export type Variables = Record<string, unknown>;

/** A user task that a command opened, with its Zeebe properties already evaluated. */
export interface OpenedUserTask {
  elementId: string;
  elementInstanceKey: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  formId: string | null;
  formKey: string | null;
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  /** Variables local to the task, such as the input element of a multi-instance loop. */
  localVariables: Variables;
}

/** A service task waiting for its worker (a job in Zeebe terms). */
export interface OpenedJob {
  elementId: string;
  elementInstanceKey: string;
  type: string;
  retries: number;
  localVariables: Variables;
  /** Static `zeebe:taskHeaders` of the task. */
  customHeaders: Record<string, string>;
}

/** A timer event waiting for its due time. */
export interface OpenedTimer {
  elementId: string;
  elementInstanceKey: string;
  dueAt: string;
}

/** An event on an instance during one command, in order. */
export interface EngineEvent {
  type:
    | 'PROCESS_INSTANCE_STARTED'
    | 'PROCESS_INSTANCE_COMPLETED'
    | 'ELEMENT_ACTIVATED'
    | 'ELEMENT_COMPLETED'
    | 'SEQUENCE_FLOW_TAKEN'
    | 'VARIABLES_CHANGED';
  elementId: string | null;
  elementInstanceKey: string | null;
  data: Variables;
}

/** An expression or a construct that failed; the instance waits until it is resolved. */
export interface RaisedIncident {
  elementId: string | null;
  errorType: 'CONDITION_ERROR' | 'EXTRACT_VALUE_ERROR' | 'JOB_NO_RETRIES' | 'UNKNOWN';
  errorMessage: string;
}

/** The outcome of one command: the new saved state and everything it opened, closed or logged. */
export interface CommandResult {
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  engineState: unknown;
  variables: Variables;
  /** Every user task, job and timer that waits after the command. */
  waitingTasks: OpenedUserTask[];
  waitingJobs: OpenedJob[];
  waitingTimers: OpenedTimer[];
  /** Element instance keys of the sequence flows and elements the command passed. */
  events: EngineEvent[];
  /** Set when the command could not run to its next wait state; the caller keeps the old state. */
  incident: RaisedIncident | null;
  /** The adapter's live instance after the command, for `retain`; opaque to the service. */
  live?: unknown;
}

/** The saved revision of an instance that a command starts from. */
export interface InstanceRevision {
  instanceKey: string;
  revision: number;
}

/** The command applied to a saved instance. */
export type InstanceCommand =
  | { type: 'completeUserTask'; elementInstanceKey: string; variables: Variables }
  | { type: 'completeJob'; elementInstanceKey: string; variables: Variables }
  | { type: 'triggerTimer'; elementInstanceKey: string }
  | { type: 'resume' };

/** A deployed process version, compiled once and shared by every instance of that version. */
export interface DeployedProcess {
  key: string;
  bpmnProcessId: string;
  version: number;
  xml: string;
}

/**
 * The port that hides which engine runs the models. The embedded adapter runs
 * bpmn-engine in this process; the service stores what it returns.
 */
export interface ProcessEngine {
  /** Starts an instance and runs it to its first wait states. */
  start(process: DeployedProcess, variables: Variables): Promise<CommandResult>;
  /** Recovers a saved instance, applies the command and runs it to its next wait states. */
  apply(
    process: DeployedProcess,
    engineState: unknown,
    variables: Variables,
    command: InstanceCommand,
    from?: InstanceRevision,
  ): Promise<CommandResult>;
  /**
   * Keeps the live instance of a committed result, so that the next command
   * on that revision need not recover the saved state. Call it only after the
   * result's transaction committed.
   */
  retain?(at: InstanceRevision, result: CommandResult): void;
}
