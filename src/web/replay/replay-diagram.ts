import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewerExport from 'bpmn-js/lib/NavigatedViewer.js';
import type { ReplaySnapshot } from '../../history/replay-state.js';
import { markSymbols, type MarkKind } from './replay-diagram-marks.js';

// bpmn-js's package.json has no "type" field, so TypeScript (NodeNext) types this import as a
// CommonJS namespace. Vite bundles the file as the ES module it is, whose default export is the class.
const NavigatedViewer = NavigatedViewerExport as unknown as typeof NavigatedViewerExport.default;

interface Canvas {
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
  zoom(level: 'fit-viewport', center?: 'auto'): void;
}

interface ElementRegistry {
  get(id: string): unknown;
}

interface Overlays {
  add(elementId: string, type: string, overlay: { position: object; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}

/** A mounted replay diagram that shows the marks of one step at a time. */
export interface ReplayDiagram {
  /** Draws the model version `xml` unless it is the one already drawn. */
  show(xml: string): Promise<void>;
  /** Replaces the marks with those of a step. */
  mark(snapshot: ReplaySnapshot): void;
  destroy(): void;
}

function marksOf(snapshot: ReplaySnapshot): Map<MarkKind, Set<string>> {
  return new Map<MarkKind, Set<string>>([
    ['completed', new Set(snapshot.completedElementIds)],
    ['taken', new Set(snapshot.takenSequenceFlowIds)],
    ['active', new Set(snapshot.activeTokens.map((token) => token.elementId))],
    ['open-task', new Set(snapshot.openTasks.map((task) => task.elementId))],
    [
      'incident',
      new Set(
        snapshot.openIncidents.flatMap((incident) =>
          incident.elementId ? [incident.elementId] : [],
        ),
      ),
    ],
  ]);
}

function badge(kind: MarkKind): HTMLElement {
  const element = document.createElement('span');
  element.className = `replay-badge replay-badge-${kind}`;
  element.setAttribute('aria-hidden', 'true');
  element.textContent = markSymbols[kind];
  return element;
}

// Badges sit on the shape's corners, one corner per kind, so several kinds stay readable.
const badgePositions: Record<Exclude<MarkKind, 'taken'>, object> = {
  completed: { top: -10, right: 10 },
  active: { top: -10, left: -10 },
  'open-task': { bottom: 10, left: -10 },
  incident: { bottom: 10, right: 10 },
};

/** Mounts bpmn-js's NavigatedViewer in `container` for the replay. */
export function mountReplayDiagram(container: HTMLElement): ReplayDiagram {
  const viewer = new NavigatedViewer({ container });
  let shownXml: string | null = null;
  let marked = new Map<MarkKind, Set<string>>();

  const clear = (canvas: Canvas, registry: ElementRegistry) => {
    for (const [kind, ids] of marked)
      for (const id of ids) if (registry.get(id)) canvas.removeMarker(id, `replay-${kind}`);
    viewer.get<Overlays>('overlays').remove({ type: 'replay' });
    marked = new Map();
  };

  return {
    async show(xml) {
      if (xml === shownXml) return;
      await viewer.importXML(xml);
      shownXml = xml;
      marked = new Map();
      viewer.get<Canvas>('canvas').zoom('fit-viewport', 'auto');
    },
    mark(snapshot) {
      const canvas = viewer.get<Canvas>('canvas');
      const registry = viewer.get<ElementRegistry>('elementRegistry');
      const overlays = viewer.get<Overlays>('overlays');
      clear(canvas, registry);
      marked = marksOf(snapshot);
      for (const [kind, ids] of marked) {
        for (const id of ids) {
          // A step of a migrated instance can name an element that this version does not draw.
          if (!registry.get(id)) continue;
          canvas.addMarker(id, `replay-${kind}`);
          if (kind !== 'taken')
            overlays.add(id, 'replay', { position: badgePositions[kind], html: badge(kind) });
        }
      }
    },
    destroy: () => viewer.destroy(),
  };
}
