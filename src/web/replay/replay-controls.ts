import type { LabelledReplayEvent } from '../../history/replay.js';
import { h } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import { t } from '../i18n/index.js';
import { eventTypeLabel } from './replay-labels.js';

/** Events listed on each side of the current step: a window keeps long histories quick to draw. */
const timelineRadius = 30;

/** The step buttons, the slider and the timeline, which call `go` with the chosen step. */
export interface ReplayControls {
  element: HTMLElement;
  timeline: HTMLElement;
  /** Shows `step` as the current one. */
  update(step: number): void;
}

function stepButton(label: string, action: string, onclick: () => void): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: 'button', 'data-step-action': action, onclick },
    label,
  );
}

/** Builds the controls of a replay with one step per event. */
export function replayControls(
  events: LabelledReplayEvent[],
  actorName: (event: LabelledReplayEvent) => string,
  elementName: (event: LabelledReplayEvent) => string,
  go: (step: number) => void,
): ReplayControls {
  const total = events.length;
  let current = 1;
  const first = stepButton(t('replay.controls.first'), 'first', () => go(1));
  const previous = stepButton(t('replay.controls.previous'), 'previous', () => go(current - 1));
  const next = stepButton(t('replay.controls.next'), 'next', () => go(current + 1));
  const last = stepButton(t('replay.controls.last'), 'last', () => go(total));
  const slider = h('input', {
    id: 'replay-slider',
    type: 'range',
    min: 1,
    max: total,
    step: 1,
    value: 1,
    oninput: () => go(Number(slider.value)),
  });
  const status = h('p', { class: 'replay-status', role: 'status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'replay-timeline-list' });
  const timeline = h(
    'nav',
    { class: 'replay-timeline', 'aria-label': t('replay.controls.timeline') },
    list,
  );

  const element = h(
    'div',
    { class: 'replay-controls' },
    h(
      'div',
      { class: 'replay-buttons', role: 'group', 'aria-label': t('replay.controls.label') },
      first,
      previous,
      next,
      last,
    ),
    h(
      'div',
      { class: 'replay-slider' },
      h('label', { for: 'replay-slider' }, t('replay.controls.slider')),
      slider,
    ),
    status,
    h('p', { class: 'muted replay-keys' }, t('replay.controls.keys')),
  );

  const renderTimeline = () => {
    const from = Math.max(1, current - timelineRadius);
    const to = Math.min(total, current + timelineRadius);
    const items: HTMLElement[] = [];
    for (let step = from; step <= to; step++) {
      const event = events[step - 1]!;
      const element = elementName(event);
      items.push(
        h(
          'li',
          { value: step },
          h(
            'button',
            {
              type: 'button',
              class: 'replay-timeline-item',
              'data-step': step,
              'aria-current': step === current ? 'step' : null,
              onclick: () => go(step),
            },
            h('span', { class: 'replay-timeline-type' }, eventTypeLabel(event.type)),
            element
              ? h('span', { class: 'replay-timeline-element', title: event.elementId }, element)
              : null,
            h(
              'span',
              { class: 'replay-timeline-meta' },
              `${formatDateTime(event.createdAt)} · ${actorName(event)}`,
            ),
          ),
        ),
      );
    }
    list.replaceChildren(...items);
    // Scrolls the timeline box only: scrollIntoView would also scroll the page away from the
    // diagram on a narrow screen.
    const currentItem = list.querySelector<HTMLElement>('[aria-current="step"]');
    if (currentItem) timeline.scrollTop = currentItem.offsetTop - timeline.clientHeight / 2;
  };

  return {
    element,
    timeline,
    update(step) {
      current = step;
      slider.value = String(step);
      slider.setAttribute('aria-valuetext', t('replay.controls.position', { step, total }));
      first.disabled = step <= 1;
      previous.disabled = step <= 1;
      next.disabled = step >= total;
      last.disabled = step >= total;
      status.textContent = t('replay.controls.position', { step, total });
      renderTimeline();
    },
  };
}
