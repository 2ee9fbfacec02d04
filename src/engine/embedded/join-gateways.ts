import * as Elements from 'bpmn-elements';
import * as Gateways from 'bpmn-elements/gateways';
import {
  canStillReceive,
  type FlowNode,
  type InboundContent,
  type QueuedMessage,
} from './join-reachability.js';

/**
 * Converging parallel and inclusive gateways with Zeebe's semantics, for
 * bpmn-elements 17. The parallel join of bpmn-elements counts a `flow.discard`
 * as an arrival: that is the message bpmn-elements sends down every path that
 * a gateway did not take. So a parallel join after an exclusive gateway fires
 * when the other branches arrive, without waiting for the branch that the
 * exclusive gateway took. The inclusive gateway of bpmn-elements does not join
 * at all and runs once for every arriving branch.
 *
 * Both joins here keep each `flow.take` unacknowledged in the gateway's
 * inbound queue until the gateway fires. bpmn-elements saves that queue with
 * the instance state and delivers it again after recover and resume, so a
 * waiting join needs no state of its own. A `flow.discard` is passed on at
 * once as a discarded run, as bpmn-elements does for any other element,
 * because the process counts it as pending until an element consumes it.
 */

type Inbound = QueuedMessage;

/** The bpmn-elements activity of a join, with the members that the join replaces or calls. */
interface JoinActivity extends FlowNode {
  run(content: { inbound: InboundContent[] }): void;
  discard(content: { inbound: InboundContent[]; discardSequence?: string[] }): void;
  addInboundListeners(): number;
  removeInboundListeners(): void;
  broker: FlowNode['broker'] & {
    cancel(consumerTag: string): boolean;
    subscribeTmp(
      exchange: string,
      pattern: string,
      onMessage: () => void,
      options: { noAck: boolean; consumerTag: string },
    ): unknown;
  };
}

type ActivityDefinition = { behaviour?: object; [property: string]: unknown };
type JoinRule = (join: JoinActivity, takenFlowIds: ReadonlySet<string>) => boolean;

// bpmn-elements 17 reads the inbound handler of an activity from this
// registered symbol each time it starts consuming its inbound queue.
const messageHandlers = Symbol.for('messageHandlers');
// The consumer tag under which bpmn-elements consumes the inbound queue.
const inboundConsumerTag = '_run-on-inbound';

// bpmn-elements 17 declares the behaviours of 'bpmn-elements/gateways' only as
// an ambient module that its package exports do not resolve to.
const { InclusiveGatewayBehaviour, ParallelGatewayBehaviour } = Gateways as unknown as Record<
  'InclusiveGatewayBehaviour' | 'ParallelGatewayBehaviour',
  unknown
>;

const allFlowsTaken: JoinRule = (join, takenFlowIds) =>
  join.inbound.every((flow) => takenFlowIds.has(flow.id));
const noFlowReachable: JoinRule = (join, takenFlowIds) => !canStillReceive(join, takenFlowIds);

/** Creates a parallel gateway that joins when every incoming sequence flow has a token. */
export function ParallelGateway(activityDefinition: ActivityDefinition, context: object): object {
  if (inboundCount(activityDefinition, context) < 2) {
    return Elements.ParallelGateway(activityDefinition as never, context as never);
  }
  const join = createJoinActivity(ParallelGatewayBehaviour, activityDefinition, context);
  installJoin(join, allFlowsTaken);
  return join;
}

/**
 * Creates an inclusive gateway that joins when no token of its flow scope can
 * still reach an incoming sequence flow without a token, then splits as before.
 */
export function InclusiveGateway(activityDefinition: ActivityDefinition, context: object): object {
  if (inboundCount(activityDefinition, context) < 2) {
    return Elements.InclusiveGateway(activityDefinition as never, context as never);
  }
  const join = createJoinActivity(InclusiveGatewayBehaviour, activityDefinition, context);
  watchScope(join, installJoin(join, noFlowReachable));
  return join;
}

function inboundCount(activityDefinition: ActivityDefinition, context: object): number {
  const id = String(activityDefinition.id);
  return (context as { getInboundSequenceFlows(id: string): unknown[] }).getInboundSequenceFlows(id)
    .length;
}

// The parallel gateway flag makes bpmn-elements consume the inbound queue with
// a prefetch of 1000 instead of 1, so the join receives every waiting token.
function createJoinActivity(
  behaviour: unknown,
  activityDefinition: ActivityDefinition,
  context: object,
): JoinActivity {
  const ActivityConstructor = Elements.Activity as unknown as new (
    behaviour: unknown,
    definition: ActivityDefinition,
    context: object,
  ) => JoinActivity;
  return new ActivityConstructor(
    behaviour,
    { ...activityDefinition, isParallelGateway: true },
    context,
  );
}

/** Replaces the inbound handler of `join` and returns the check that fires it when ready. */
function installJoin(join: JoinActivity, isReady: JoinRule): () => void {
  const state = { delivered: [] as Inbound[] };
  const handlers = (join as unknown as Record<symbol, { onInbound: unknown }>)[messageHandlers];

  handlers.onInbound = (routingKey: string, message: Inbound) => {
    if (routingKey === 'flow.discard') {
      passDiscard(join, state, message);
      return;
    }
    state.delivered.push(message);
    evaluateJoin(join, state, isReady);
  };
  return () => evaluateJoin(join, state, isReady);
}

// Fires with the first token of every flow that has one. Later tokens of a
// flow stay in the queue, which the gateway consumes again after this run, so
// they count for its next activation.
function evaluateJoin(
  join: JoinActivity,
  state: { delivered: Inbound[] },
  isReady: JoinRule,
): void {
  state.delivered = state.delivered.filter((message) => message.pending);
  if (join.status || state.delivered.length === 0) return;

  const firstByFlow = new Map<string, Inbound>();
  for (const message of state.delivered) {
    if (!firstByFlow.has(message.content.id)) firstByFlow.set(message.content.id, message);
  }
  if (!isReady(join, new Set(firstByFlow.keys()))) return;

  const consumed = [...firstByFlow.values()];
  state.delivered = [];
  for (const message of consumed) message.ack();
  // Cancelling the consumer puts the unacknowledged tokens back in the queue.
  join.broker.cancel(inboundConsumerTag);
  join.run({ inbound: consumed.map((message) => ({ ...message.content })) });
}

function passDiscard(join: JoinActivity, state: { delivered: Inbound[] }, message: Inbound): void {
  state.delivered = [];
  message.ack();
  join.broker.cancel(inboundConsumerTag);
  const content = { ...message.content };
  join.discard({ inbound: [content], discardSequence: content.discardSequence?.slice() });
}

// A token that leaves the flow scope without reaching the inclusive join ends
// when its element leaves, so the join checks again after every element of
// its scope leaves.
function watchScope(join: JoinActivity, evaluate: () => void): void {
  const consumerTag = `_eiso-join-watch-${join.id}`;
  const addInboundListeners = join.addInboundListeners.bind(join);
  const removeInboundListeners = join.removeInboundListeners.bind(join);

  join.addInboundListeners = () => {
    for (const node of siblingsOf(join)) {
      node.broker.subscribeTmp('event', 'activity.leave', evaluate, { noAck: true, consumerTag });
    }
    return addInboundListeners();
  };
  join.removeInboundListeners = () => {
    for (const node of siblingsOf(join)) node.broker.cancel(consumerTag);
    removeInboundListeners();
  };
}

function siblingsOf(join: JoinActivity): JoinActivity[] {
  return join.context
    .getActivities(join.parent.id)
    .filter((node) => node.id !== join.id) as JoinActivity[];
}
