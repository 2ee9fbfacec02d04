import { h } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { alertBox, errorMessage } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { readBpmnElements } from './bpmn-elements.js';
import { changeEntries, changeTable, markersOf } from './change-list.js';
import type { ChangeEntry } from './change-list.js';
import type { DiffDiagram, DiffMarker } from './diff-diagram.js';
import type { DiagramComparison } from './versions-api.js';

type Side = 'before' | 'after';

/** Captions of the two diagrams, such as "Phiên bản 1" and "Phiên bản 2". */
export interface ComparisonCaptions {
  before: string;
  after: string;
}

/** A comparison ready to insert: `mount` draws the diagrams once the element is in the page. */
export interface ComparisonView {
  element: HTMLElement;
  mount(): Promise<void>;
  /** Selects an element in the diagrams that draw it and scrolls them into view. */
  reveal(elementId: string): void;
}

// Below this width the two diagrams do not fit side by side, so one shows at a time.
const narrowQuery = '(max-width: 48rem)';

function legend(): HTMLElement {
  const kinds: DiffMarker[] = ['added', 'removed', 'changed', 'moved'];
  const items = kinds.map((kind) =>
    h(
      'li',
      null,
      h('span', { class: `legend-swatch mv-legend-${kind}`, 'aria-hidden': 'true' }),
      t(`modelVersions.legend.${kind}`),
    ),
  );
  return h('ul', { class: 'diagram-legend', 'aria-label': t('modelVersions.legend.label') }, items);
}

function summary(entries: ChangeEntry[]): HTMLElement {
  const count = (kind: DiffMarker) => entries.filter((entry) => entry.kind === kind).length;
  return h(
    'p',
    { class: 'mv-summary' },
    t('modelVersions.diff.summary', {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      moved: count('moved'),
    }),
  );
}

interface Pane {
  side: Side;
  figure: HTMLElement;
  canvas: HTMLElement;
  diagram: DiffDiagram | null;
}

function pane(side: Side, caption: string): Pane {
  // The figure's caption names the diagram. The container gets no role of its own, because
  // bpmn-js puts focusable controls into it, which an image role may not contain.
  const canvas = h('div', { class: 'diagram mv-diagram' });
  const result: Pane = { side, figure: h('figure'), canvas, diagram: null };
  const fitButton = h(
    'button',
    {
      type: 'button',
      class: 'link-button',
      'aria-label': `${t('modelVersions.diff.fit')}: ${caption}`,
      onclick: () => result.diagram?.fit(),
    },
    t('modelVersions.diff.fit'),
  );
  result.figure = h(
    'figure',
    { class: `mv-pane mv-pane-${side}`, 'data-side': side },
    h('figcaption', null, h('span', null, caption), fitButton),
    canvas,
  );
  return result;
}

/**
 * Builds the comparison of two BPMN documents: a legend, both diagrams with each changed element
 * marked, and the list of changes, whose rows select the element in both diagrams. The diagrams
 * stand side by side, or one at a time with a toggle on narrow screens. Without an older document,
 * as for a new process, only the newer diagram shows.
 */
export function comparisonView(
  context: PageContext,
  comparison: DiagramComparison,
  captions: ComparisonCaptions,
): ComparisonView {
  const afterElements = readBpmnElements(comparison.after);
  const beforeElements = comparison.before ? readBpmnElements(comparison.before) : new Map();
  const nameOf = (id: string): string =>
    afterElements.get(id)?.name ?? beforeElements.get(id)?.name ?? id;
  const entries = comparison.diff ? changeEntries(comparison.diff, afterElements) : [];
  const markers = markersOf(entries);
  const panes: Pane[] = [
    ...(comparison.before === null ? [] : [pane('before', captions.before)]),
    pane('after', captions.after),
  ];
  const panesBox = h(
    'div',
    { class: 'mv-panes', 'data-visible': 'after' },
    ...panes.map((p) => p.figure),
  );
  const status = h('p', { class: 'mv-status', role: 'status' });
  const toggleButtons = panes.map((p) =>
    h(
      'button',
      {
        type: 'button',
        class: 'button mv-toggle-button',
        'data-side': p.side,
        'aria-pressed': String(p.side === 'after'),
        onclick: () => show(p.side),
      },
      p.side === 'before' ? captions.before : captions.after,
    ),
  );
  const toggle =
    panes.length > 1
      ? h(
          'div',
          { class: 'mv-toggle', role: 'group', 'aria-label': t('modelVersions.diff.toggle') },
          toggleButtons,
        )
      : null;

  function show(side: Side): void {
    panesBox.setAttribute('data-visible', side);
    toggleButtons.forEach((button) =>
      button.setAttribute('aria-pressed', String(button.getAttribute('data-side') === side)),
    );
  }

  function highlightRow(elementId: string): void {
    for (const row of table.querySelectorAll<HTMLElement>('tr[data-element-id]')) {
      const current = row.getAttribute('data-element-id') === elementId;
      row.classList.toggle('mv-row-current', current);
      if (current) {
        row.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  function select(elementId: string, name: string): void {
    highlightRow(elementId);
    const drawnOn = panes.filter((p) => p.diagram?.has(elementId)).map((p) => p.side);
    const narrow = window.matchMedia(narrowQuery).matches;
    const visible = panesBox.getAttribute('data-visible') as Side;
    if (narrow && drawnOn.length > 0 && !drawnOn.includes(visible)) {
      show(drawnOn[0]!);
    }
    panes.forEach((p) => p.diagram?.reveal(elementId));
    status.textContent = drawnOn.length === 0 ? t('modelVersions.diff.notDrawn', { name }) : '';
  }

  const table = changeTable(entries, (entry) => select(entry.id, entry.name ?? entry.id));
  const element = h(
    'div',
    { class: 'mv-comparison' },
    comparison.diff ? summary(entries) : null,
    comparison.diff ? legend() : null,
    toggle,
    panesBox,
    status,
    comparison.diff
      ? h('section', { 'aria-labelledby': 'mv-changes-title' }, [
          h('h2', { id: 'mv-changes-title' }, t('modelVersions.diff.listTitle')),
          table,
        ])
      : null,
  );

  async function mount(): Promise<void> {
    try {
      const { mountDiffDiagram } = await import('./diff-diagram.js');
      for (const p of panes) {
        const xml = p.side === 'before' ? (comparison.before ?? '') : comparison.after;
        // A click on a diagram selects the element in both, keeping each one's zoom.
        const onClick = (id: string) => {
          highlightRow(id);
          panes.forEach((other) => other.diagram?.select(id));
        };
        p.diagram = await mountDiffDiagram(p.canvas, xml, markers[p.side], onClick);
        if (context.signal.aborted) {
          p.diagram.destroy();
          return;
        }
        const diagram = p.diagram;
        context.onDispose(() => diagram.destroy());
      }
    } catch (error) {
      panesBox.replaceChildren(
        alertBox('error', t('modelVersions.diff.diagramFailed', { error: errorMessage(error) })),
      );
    }
  }

  function reveal(elementId: string): void {
    select(elementId, nameOf(elementId));
    panesBox.scrollIntoView({ block: 'nearest' });
  }

  return { element, mount, reveal };
}
