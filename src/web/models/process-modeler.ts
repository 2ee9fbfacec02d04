import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import ModelerExport from 'bpmn-js/lib/Modeler.js';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import { CreateAppendElementTemplatesModule } from 'bpmn-js-create-append-anything';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud/index.js';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import elementTemplates from '../../../element-templates/eiso-service-tasks.json' with { type: 'json' };
import { t } from '../i18n/index.js';
import { formLinkModule } from './form-link-provider.js';
import type { LintProblem } from './models-api.js';
import { modelerTranslateModule } from './modeler-translations.js';

// bpmn-js's package.json has no "type" field, so TypeScript (NodeNext) types this import as a
// CommonJS namespace. Vite bundles the file as the ES module it is, whose default export is the class.
const Modeler = ModelerExport as unknown as typeof ModelerExport.default;
type ModelerInstance = InstanceType<typeof Modeler>;

interface BusinessObject {
  id: string;
  name?: string;
  $type: string;
}

interface DiagramElement {
  id: string;
  businessObject: BusinessObject;
  /** Shapes have a position and connections have waypoints, but the root element has neither. */
  x?: number;
  waypoints?: unknown[];
}

interface Canvas {
  zoom(): number;
  zoom(level: number | 'fit-viewport', center?: 'auto'): number;
  scroll(delta: { dx: number; dy: number }): void;
  addMarker(element: DiagramElement, marker: string): void;
  removeMarker(element: DiagramElement, marker: string): void;
  scrollToElement(element: DiagramElement): void;
}

interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
  getAll(): DiagramElement[];
}

interface Selection {
  select(element: DiagramElement): void;
}

interface EventBus {
  on(event: string, listener: () => void): void;
}

interface ImportWarning {
  message: string;
}

interface Definitions {
  rootElements?: BusinessObject[];
}

/** An import that bpmn-js rejected, or one that would lose elements, with the reason to show. */
export class ModelImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelImportError';
  }
}

/** A bpmn-js Modeler with the Zeebe properties panel and eiso's element templates. */
export interface ProcessModeler {
  /** Imports BPMN XML and returns the warnings that left the diagram complete. */
  importXml(xml: string): Promise<string[]>;
  exportXml(): Promise<string>;
  exportSvg(): Promise<string>;
  /** The id of the process that the diagram models, or null for a diagram without one. */
  processId(): string | null;
  /** Calls `listener` after every change of the diagram, undo and redo included. */
  onChange(listener: () => void): void;
  /** Marks the elements that the lint found problems in. */
  markProblems(problems: LintProblem[]): void;
  /** Selects an element and scrolls it into view. Returns false when the diagram lacks it. */
  selectElement(id: string): boolean;
  /** The element's name, or its id when it has none. */
  elementLabel(id: string): string;
  destroy(): void;
}

const markers = { error: 'eiso-lint-error', warning: 'eiso-lint-warning' } as const;

/** Finds the ids that bpmn-moddle refused, such as ids with Vietnamese letters or spaces. */
export function illegalIds(warnings: ImportWarning[]): string[] {
  const ids = warnings.flatMap((warning) => {
    const match = /illegal ID <([^>]*)>/.exec(warning.message);
    return match ? [match[1] ?? ''] : [];
  });
  return [...new Set(ids)];
}

/** Returns true for shapes and connections, which the canvas draws, unlike the root element. */
function isDrawn(element: DiagramElement): boolean {
  return element.x !== undefined || element.waypoints !== undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

function importErrorFor(warnings: ImportWarning[], error?: unknown): ModelImportError | null {
  const ids = illegalIds(warnings);
  if (ids.length > 0) {
    return new ModelImportError(
      t('models.import.illegalIds', { ids: ids.map((id) => `“${id}”`).join(', ') }),
    );
  }
  if (error !== undefined) {
    const detail = error instanceof Error ? firstLine(error.message) : String(error);
    return new ModelImportError(t('models.import.failed', { detail }));
  }
  return null;
}

function hasProcess(modeler: ModelerInstance): boolean {
  const definitions = modeler.getDefinitions() as Definitions | undefined;
  return (definitions?.rootElements ?? []).some(
    (element) => element.$type === 'bpmn:Process' || element.$type === 'bpmn:Collaboration',
  );
}

// Width of the palette, in screen pixels, that floats over the left edge of the canvas.
const PALETTE_WIDTH = 110;

/** Fits the diagram into the canvas, beside the palette rather than under it. */
function showWholeDiagram(canvas: Canvas): void {
  canvas.zoom('fit-viewport', 'auto');
  canvas.zoom(Math.min(1, canvas.zoom() * 0.85), 'auto');
  canvas.scroll({ dx: PALETTE_WIDTH / 2, dy: 0 });
}

function createModeler(canvas: HTMLElement, panel: HTMLElement): ModelerInstance {
  return new Modeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ZeebeBehaviorsModule,
      CloudElementTemplatesPropertiesProviderModule,
      ElementTemplateChooserModule,
      CreateAppendElementTemplatesModule,
      modelerTranslateModule,
      formLinkModule,
    ],
    moddleExtensions: { zeebe: zeebeModdle },
    elementTemplates,
  });
}

/** Mounts the modeler: the diagram into `canvas`, the properties panel into `panel`. */
export function mountProcessModeler(canvas: HTMLElement, panel: HTMLElement): ProcessModeler {
  const modeler = createModeler(canvas, panel);
  const registry = (): ElementRegistry => modeler.get<ElementRegistry>('elementRegistry');
  const diagramCanvas = (): Canvas => modeler.get<Canvas>('canvas');
  let marked: [DiagramElement, string][] = [];

  return {
    async importXml(xml) {
      let warnings: ImportWarning[];
      try {
        warnings = (await modeler.importXML(xml)).warnings as unknown as ImportWarning[];
      } catch (error) {
        const failed = (error as { warnings?: ImportWarning[] }).warnings ?? [];
        throw importErrorFor(failed, error) ?? error;
      }
      const refused = importErrorFor(warnings);
      if (refused) {
        throw refused;
      }
      if (!hasProcess(modeler)) {
        throw new ModelImportError(t('models.import.noProcess'));
      }
      marked = [];
      showWholeDiagram(diagramCanvas());
      return warnings.map((warning) => firstLine(warning.message));
    },
    async exportXml() {
      const { xml } = await modeler.saveXML({ format: true });
      return xml ?? '';
    },
    async exportSvg() {
      return (await modeler.saveSVG()).svg;
    },
    processId() {
      const definitions = modeler.getDefinitions() as Definitions | undefined;
      const process = definitions?.rootElements?.find(
        (element) => element.$type === 'bpmn:Process',
      );
      return process?.id ?? null;
    },
    onChange(listener) {
      modeler.get<EventBus>('eventBus').on('commandStack.changed', listener);
    },
    markProblems(problems) {
      const canvasService = diagramCanvas();
      marked.forEach(([element, marker]) => canvasService.removeMarker(element, marker));
      marked = [];
      for (const problem of problems) {
        const element = problem.elementId ? registry().get(problem.elementId) : undefined;
        if (element && isDrawn(element)) {
          canvasService.addMarker(element, markers[problem.severity]);
          marked.push([element, markers[problem.severity]]);
        }
      }
    },
    selectElement(id) {
      const element = registry().get(id);
      if (!element) {
        return false;
      }
      modeler.get<Selection>('selection').select(element);
      if (isDrawn(element)) {
        diagramCanvas().scrollToElement(element);
      }
      return true;
    },
    elementLabel(id) {
      return registry().get(id)?.businessObject.name?.trim() || id;
    },
    destroy() {
      modeler.destroy();
    },
  };
}
