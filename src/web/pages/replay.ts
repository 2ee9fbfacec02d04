import type { InstanceReplay, LabelledReplayEvent } from '../../history/replay.js';
import { ReplayCursor, replayModelOf } from '../../history/replay-state.js';
import { getJson, isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { buildHash } from '../core/router.js';
import { alertBox, errorMessage, errorPanel, loading, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { replayControls } from '../replay/replay-controls.js';
import type { ReplayDiagram } from '../replay/replay-diagram.js';
import { elementLabel, labelsByVersion, personLabel } from '../replay/replay-labels.js';
import { replayPanel } from '../replay/replay-panel.js';
import { markKinds, markSymbols } from '../replay/replay-diagram-marks.js';

function legend(): HTMLElement {
  return h(
    'ul',
    { class: 'diagram-legend replay-legend', 'aria-label': t('replay.legend.label') },
    markKinds.map((kind) =>
      h(
        'li',
        null,
        h(
          'span',
          { class: `replay-swatch replay-swatch-${kind}`, 'aria-hidden': 'true' },
          markSymbols[kind],
        ),
        t(`replay.legend.${kind}`),
      ),
    ),
  );
}

/** Maximum number of characters of a `?step=` value that a notice repeats. */
const maxEchoedStep = 12;

/**
 * Reads `?step=N` of the deep link. Only a whole number from 1 to `total` selects its step: any
 * other value shows the first step, a number after the last step shows the last one, and both
 * come with a notice. A missing or empty value starts at the first step without one.
 */
function requestedStep(context: PageContext, total: number): { step: number; notice?: string } {
  const text = context.route.query.get('step') ?? '';
  if (text === '') return { step: 1 };

  const value = /^[0-9]{1,15}$/.test(text) ? Number(text) : 0;
  if (value > total) return { step: total, notice: t('replay.stepAfterLast', { value, total }) };
  if (value >= 1) return { step: value };
  const echoed = text.length > maxEchoedStep ? `${text.slice(0, maxEchoedStep)}…` : text;
  return { step: 1, notice: t('replay.stepInvalid', { value: echoed, total }) };
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

async function loadDiagram(container: HTMLElement): Promise<ReplayDiagram> {
  const { mountReplayDiagram } = await import('../replay/replay-diagram.js');
  return mountReplayDiagram(container);
}

function renderReplay(context: PageContext, replay: InstanceReplay): void {
  const { instance } = replay;
  const key = instance.key;
  const title = t('replay.title', { name: instance.processName ?? instance.bpmnProcessId });
  const subtitle = instance.businessKey ?? key;
  context.setTitle(`${title} · ${subtitle}`);
  const heading = pageHeading(
    title,
    h('p', { class: 'muted' }, subtitle),
    h('a', { href: `#/instances/${encodeURIComponent(key)}` }, t('replay.backToInstance')),
  );
  if (replay.events.length === 0) {
    context.root.replaceChildren(heading, alertBox('info', t('replay.noEvents')));
    return;
  }

  const models = new Map(
    replay.definitions.map((definition) => [
      definition.version,
      replayModelOf(definition.elements),
    ]),
  );
  const namesByVersion = labelsByVersion(replay);
  const xmlByVersion = new Map(replay.definitions.map((entry) => [entry.version, entry.xml]));
  const cursor = new ReplayCursor(replay.events, models, replay.initialVersion);
  const total = replay.events.length;

  // A figure, not role="img": bpmn-js makes its canvas focusable, and an image's children must
  // not be interactive.
  const diagramBox = h('figure', {
    class: 'diagram replay-diagram',
    'aria-label': t('replay.diagramLabel', { name: instance.processName ?? '' }),
  });
  const panel = h('section', { class: 'replay-panel', 'aria-labelledby': 'replay-event-title' });
  let diagram: ReplayDiagram | null = null;
  const requested = requestedStep(context, total);
  let step = requested.step;
  const notice = requested.notice
    ? alertBox('info', h('p', { class: 'replay-step-notice' }, requested.notice))
    : null;
  let rendering = Promise.resolve();

  const actorName = (event: LabelledReplayEvent) => personLabel(replay, event.actor);
  const go = (target: number) => {
    const next = Math.max(1, Math.min(total, target));
    if (next === step && panel.childElementCount > 0) return;
    step = next;
    // The notice explains the step that the link chose; after a move it no longer applies.
    notice?.remove();
    show();
  };
  const elementName = (event: LabelledReplayEvent) => elementLabel(namesByVersion, event);
  const controls = replayControls(replay.events, actorName, elementName, go);

  // Steps render in order, so a fast key repeat never leaves the diagram on an older step.
  const show = () => {
    const snapshot = cursor.stateAt(step);
    const event = replay.events[step - 1]!;
    controls.update(step);
    panel.replaceChildren(
      ...replayPanel(
        replay,
        event,
        snapshot,
        namesByVersion.get(snapshot.version) ?? new Map(),
        namesByVersion.get(event.version) ?? new Map(),
      ),
    );
    history.replaceState(
      history.state,
      '',
      buildHash(`/instances/${encodeURIComponent(key)}/replay`, { step }),
    );
    rendering = rendering.then(async () => {
      if (!diagram || context.signal.aborted) return;
      const xml = xmlByVersion.get(snapshot.version);
      if (xml) await diagram.show(xml);
      diagram.mark(snapshot);
      diagramBox.dataset.step = String(snapshot.step);
    });
  };

  const onKey = (event: KeyboardEvent) => {
    if (isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, number> = {
      ArrowLeft: step - 1,
      ArrowRight: step + 1,
      Home: 1,
      End: total,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    go(moves[event.key]!);
  };
  document.addEventListener('keydown', onKey);
  context.onDispose(() => document.removeEventListener('keydown', onKey));

  context.root.replaceChildren(
    heading,
    notice ?? '',
    h(
      'div',
      { class: 'replay-layout' },
      h(
        'section',
        { class: 'replay-stage', 'aria-labelledby': 'replay-diagram-title' },
        h('h2', { id: 'replay-diagram-title', class: 'visually-hidden' }, t('replay.diagram')),
        legend(),
        diagramBox,
        controls.element,
      ),
      panel,
      h(
        'section',
        { class: 'replay-timeline-section', 'aria-labelledby': 'replay-timeline-title' },
        h('h2', { id: 'replay-timeline-title' }, t('replay.controls.timeline')),
        controls.timeline,
      ),
    ),
  );
  show();

  loadDiagram(diagramBox)
    .then((mounted) => {
      if (context.signal.aborted) {
        mounted.destroy();
        return;
      }
      diagram = mounted;
      context.onDispose(() => mounted.destroy());
      show();
    })
    .catch((error: unknown) => {
      diagramBox.replaceChildren(
        alertBox('error', t('replay.diagramFailed', { error: errorMessage(error) })),
      );
    });
}

/** Renders the replay of a process instance: its model, stepped through its history. */
export async function renderReplayPage(context: PageContext): Promise<void> {
  const key = encodeURIComponent(context.route.params.key ?? '');
  context.setTitle(t('replay.loadingTitle'));
  context.root.replaceChildren(pageHeading(t('replay.loadingTitle')), loading());
  try {
    const replay = await getJson<InstanceReplay>(
      `/api/process-instances/${key}/replay`,
      context.signal,
    );
    if (!context.signal.aborted) renderReplay(context, replay);
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(
        pageHeading(t('replay.loadingTitle')),
        errorPanel(error, context.reload),
      );
    }
  }
}
