import * as Elements from 'bpmn-elements';

/** The expiry of a timer that bpmn-elements 17 computes, and the time until then in ms. */
interface ResolvedTimer {
  expireAt?: Date;
  timeout?: number;
  [property: string]: unknown;
}

type TimerBehaviour = { _getTimers(message: unknown): ResolvedTimer };

const base = Elements.TimerEventDefinition as unknown as {
  new (activity: unknown, eventDefinition: unknown): TimerBehaviour;
  prototype: TimerBehaviour;
};

/**
 * The timer event definition of bpmn-elements 17, except that a timer never expires inside the
 * engine. bpmn-elements measures a timer on the wall clock and completes it at once when its
 * expiry has passed. That happens to a date in the past when the timer starts, and to any timer
 * that fell due while the instance was stored, which it completes while resuming the saved state
 * so that the scheduler's command then finds no timer. eiso fires timers only through the
 * scheduler, whose due time the service's clock sets, so such a timer waits one millisecond and
 * the scheduler fires it at its next tick.
 */
export class ScheduledTimerEventDefinition extends base {
  override _getTimers(message: unknown): ResolvedTimer {
    const timer = super._getTimers(message);
    if (typeof timer.timeout === 'number' && timer.timeout <= 0) timer.timeout = 1;
    return timer;
  }
}
