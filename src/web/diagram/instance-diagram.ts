import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewerExport from 'bpmn-js/lib/NavigatedViewer.js';

// bpmn-js's package.json has no "type" field, so TypeScript (NodeNext) types this import as a
// CommonJS namespace. Vite bundles the file as the ES module it is, whose default export is the class.
const NavigatedViewer = NavigatedViewerExport as unknown as typeof NavigatedViewerExport.default;

/** Element ids to mark on the diagram of a process instance. */
export interface DiagramMarkers {
  completed: string[];
  takenFlows: string[];
  active: string[];
  incidents: string[];
}

/** A mounted diagram that can be destroyed when the page is left. */
export interface InstanceDiagram {
  destroy(): void;
}

interface Canvas {
  addMarker(elementId: string, marker: string): void;
  zoom(level: 'fit-viewport', center?: 'auto'): void;
}

interface ElementRegistry {
  get(id: string): unknown;
}

function addMarkers(
  canvas: Canvas,
  registry: ElementRegistry,
  ids: string[],
  marker: string,
): void {
  for (const id of ids) {
    // The history can name elements of another model version; markers apply to drawn ones only.
    if (registry.get(id)) {
      canvas.addMarker(id, marker);
    }
  }
}

/** Draws the BPMN XML with bpmn-js's NavigatedViewer and marks the instance's progress. */
export async function mountInstanceDiagram(
  container: HTMLElement,
  xml: string,
  markers: DiagramMarkers,
): Promise<InstanceDiagram> {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get<Canvas>('canvas');
  const registry = viewer.get<ElementRegistry>('elementRegistry');
  addMarkers(canvas, registry, markers.completed, 'eiso-completed');
  addMarkers(canvas, registry, markers.takenFlows, 'eiso-taken');
  addMarkers(canvas, registry, markers.active, 'eiso-active');
  addMarkers(canvas, registry, markers.incidents, 'eiso-incident');
  canvas.zoom('fit-viewport', 'auto');
  return { destroy: () => viewer.destroy() };
}
