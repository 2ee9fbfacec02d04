import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewerExport from 'bpmn-js/lib/NavigatedViewer.js';

// bpmn-js's package.json has no "type" field, so TypeScript (NodeNext) types this import as a
// CommonJS namespace. Vite bundles the file as the ES module it is, whose default export is the class.
const NavigatedViewer = NavigatedViewerExport as unknown as typeof NavigatedViewerExport.default;

/** Kind of difference of an element between the two versions. */
export type DiffMarker = 'added' | 'removed' | 'changed' | 'moved';

/** One drawn version of a comparison. */
export interface DiffDiagram {
  /** Returns true when the element is drawn on this diagram. */
  has(elementId: string): boolean;
  /** Selects the element, or clears the selection when the element is not drawn. */
  select(elementId: string): void;
  /** Selects the element and, when the diagram is shown, zooms and scrolls to it. */
  reveal(elementId: string): void;
  /** Fits the whole diagram into its container, after the container was shown or resized. */
  fit(): void;
  destroy(): void;
}

interface DiagramElement {
  id: string;
  waypoints?: unknown[];
  labelTarget?: DiagramElement;
  businessObject?: { id?: string };
}

interface Canvas {
  addMarker(element: DiagramElement | string, marker: string): void;
  getRootElement(): DiagramElement;
  resized(): void;
  scrollToElement(element: DiagramElement): void;
  zoom(level: 'fit-viewport' | number, center?: 'auto'): void;
}

interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
}

interface EventBus {
  on(event: 'element.click', listener: (event: { element: DiagramElement }) => void): void;
}

interface Overlays {
  add(
    element: DiagramElement,
    overlay: { position: { top: number; right: number }; html: HTMLElement },
  ): void;
}

interface Selection {
  select(element: DiagramElement | null): void;
}

// A symbol on each marked shape distinguishes the kinds without relying on colour alone.
const markerSymbols: Record<DiffMarker, string> = {
  added: '+',
  removed: '−',
  changed: '✎',
  moved: '⇄',
};

function markerBadge(marker: DiffMarker): HTMLElement {
  const badge = document.createElement('span');
  badge.className = `mv-marker-badge mv-marker-${marker}`;
  badge.setAttribute('aria-hidden', 'true');
  badge.textContent = markerSymbols[marker];
  return badge;
}

/**
 * Draws one version with bpmn-js's NavigatedViewer and marks each element by how it differs.
 * `onElementClick` receives the id of a clicked element, a label counting as its element.
 */
export async function mountDiffDiagram(
  container: HTMLElement,
  xml: string,
  markers: Map<string, DiffMarker>,
  onElementClick: (elementId: string) => void,
): Promise<DiffDiagram> {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get<Canvas>('canvas');
  const registry = viewer.get<ElementRegistry>('elementRegistry');
  const selection = viewer.get<Selection>('selection');

  const overlays = viewer.get<Overlays>('overlays');
  for (const [id, marker] of markers) {
    // Elements without a shape, such as the process itself, are listed but not drawn.
    const element = registry.get(id);
    if (!element) {
      continue;
    }
    canvas.addMarker(element, `eiso-diff-${marker}`);
    if (!element.waypoints) {
      overlays.add(element, { position: { top: -10, right: 10 }, html: markerBadge(marker) });
    }
  }
  viewer.get<EventBus>('eventBus').on('element.click', ({ element }) => {
    const target = element.labelTarget ?? element;
    if (target !== canvas.getRootElement()) {
      onElementClick(target.businessObject?.id ?? target.id);
    }
  });
  let fitted = false;
  const fit = () => {
    if (container.clientWidth > 0) {
      canvas.resized();
      canvas.zoom('fit-viewport', 'auto');
      fitted = true;
    }
  };
  fit();
  // A diagram hidden on a narrow screen has no size yet, so it is fitted when it first shows.
  // Later size changes keep the user's zoom and scroll.
  const observer = new ResizeObserver(() => (fitted ? canvas.resized() : fit()));
  observer.observe(container);

  return {
    has: (elementId) => registry.get(elementId) !== undefined,
    select: (elementId) => selection.select(registry.get(elementId) ?? null),
    reveal(elementId) {
      const element = registry.get(elementId);
      selection.select(element ?? null);
      if (!element || container.clientWidth === 0) {
        return;
      }
      // A whole process fitted into the pane is too small to read, so the element shows at 100 %.
      canvas.resized();
      canvas.zoom(1);
      canvas.scrollToElement(element);
      fitted = true;
    },
    fit,
    destroy() {
      observer.disconnect();
      viewer.destroy();
    },
  };
}
