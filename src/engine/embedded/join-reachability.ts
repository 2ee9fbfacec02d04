/** A message in an smqp queue of a bpmn-elements element, as the join gateways read it. */
export interface QueuedMessage {
  fields: { routingKey: string };
  content: InboundContent;
  /** True while the message is delivered to a consumer and not yet acknowledged. */
  readonly pending: boolean;
  ack(): void;
}

/** The content of a `flow.take` or `flow.discard` message in an inbound queue. */
export interface InboundContent {
  /** The id of the sequence flow that sent the message. */
  id: string;
  sourceId: string;
  discardSequence?: string[];
  [property: string]: unknown;
}

/** The parts of a bpmn-elements 17 activity that the join gateways read. */
export interface FlowNode {
  id: string;
  /** Set while the activity runs; undefined while it waits for inbound messages. */
  status?: string;
  parent: { id: string };
  /** The activity that a boundary event is attached to, otherwise null. */
  attachedTo: FlowNode | null;
  inbound: { id: string; sourceId: string }[];
  outbound: { id: string; targetId: string }[];
  broker: {
    getQueue(name: 'inbound-q'): { messages: QueuedMessage[] };
  };
  context: { getActivities(scopeId: string): FlowNode[] };
}

// Statuses of a run that passes a discard on, which carries no token.
const discardStatuses = new Set(['discard', 'discarded']);

/**
 * Tells whether a token of the join's flow scope can still reach an incoming
 * sequence flow of `join` that has no token yet. This is the activation rule
 * of the converging inclusive gateway in the Camunda 8.8 documentation. The
 * gateway waits while a path leads from an active flow node to one of its
 * incoming flows that was not taken. Paths through the gateway do not count.
 */
export function canStillReceive(join: FlowNode, takenFlowIds: ReadonlySet<string>): boolean {
  const waitingSources = new Set(
    join.inbound.filter((flow) => !takenFlowIds.has(flow.id)).map((flow) => flow.sourceId),
  );
  if (waitingSources.size === 0) return false;

  const scope = join.context.getActivities(join.parent.id);
  const nodes = new Map(scope.map((node) => [node.id, node]));
  const pending = scope.filter((node) => node.id !== join.id && carriesToken(node));
  const visited = new Set<string>([join.id]);

  while (pending.length > 0) {
    const node = pending.pop()!;
    if (waitingSources.has(node.id)) return true;
    for (const flow of node.outbound) {
      const target = nodes.get(flow.targetId);
      if (!target || visited.has(target.id)) continue;
      visited.add(target.id);
      pending.push(target);
    }
  }
  return false;
}

// A boundary event runs while its activity runs, but it carries no token until
// it fires, and then it passes the token on within the same step. A token also
// waits in the inbound queue of an activity that is still busy with an
// earlier one.
function carriesToken(node: FlowNode): boolean {
  if (node.attachedTo) return false;
  if (node.status && !discardStatuses.has(node.status)) return true;
  return node.broker
    .getQueue('inbound-q')
    .messages.some((message) => message.fields.routingKey === 'flow.take');
}
