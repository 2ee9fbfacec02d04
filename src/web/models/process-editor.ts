import { h, replaceChildren } from '../core/dom.js';
import { alertBox } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { createDraftControls } from './draft-controls.js';
import { downloadText, fileButton } from './model-files.js';
import { createLintPanel } from './lint-panel.js';
import type { ModelDraft } from './models-api.js';
import { ModelImportError, mountProcessModeler } from './process-modeler.js';
import { keepUnsavedOnLanguageSwitch, takeUnsavedContent } from './unsaved-content.js';

/** The model that the process modeler page loaded, with its base version and draft. */
export interface ProcessEditorOptions {
  /** The process being changed, or null for a new one, whose id comes from the diagram. */
  bpmnProcessId: string | null;
  xml: string;
  baseVersion: number | null;
  draft: ModelDraft | null;
}

/** A mounted process editor that the page destroys when it is left. */
export interface ProcessEditor {
  destroy(): void;
}

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 9);
}

/** Returns the BPMN XML of a new process: one start event, Zeebe namespace, Camunda 8.6. */
export function newProcessXml(): string {
  const suffix = randomSuffix();
  const processId = `Process_${suffix}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${suffix}" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="${processId}" name="${t('models.process.newName')}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" name="${t('models.process.newStart')}" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

function importMessage(error: unknown, fileName?: string): string {
  // A ModelImportError is a whole sentence already, so only other errors get one around them.
  const reason =
    error instanceof ModelImportError
      ? error.message
      : t('models.import.failed', {
          detail: error instanceof Error ? error.message : String(error),
        });
  return fileName ? t('models.import.fileFailed', { file: fileName, reason }) : reason;
}

/** Mounts the bpmn-js modeler with its toolbar, properties panel, lint panel and draft buttons. */
export async function mountProcessEditor(
  container: HTMLElement,
  options: ProcessEditorOptions,
): Promise<ProcessEditor> {
  const canvas = h('div', { class: 'modeler-canvas' });
  const properties = h('aside', {
    class: 'modeler-properties',
    'aria-label': t('models.process.properties'),
  });
  const importMessages = h('div', { class: 'import-messages' });
  const modeler = mountProcessModeler(canvas, properties);
  const read = (): Promise<string> => modeler.exportXml();

  const drafts = createDraftControls({
    kind: 'process',
    resourceId: () => options.bpmnProcessId ?? modeler.processId() ?? '',
    baseVersion: options.baseVersion,
    draft: options.draft,
    read,
  });
  const lint = createLintPanel({
    kind: 'process',
    read,
    describeElement: (id) => modeler.elementLabel(id),
    select: (id) => modeler.selectElement(id),
    onResult: (problems) => {
      modeler.markProblems(problems ?? []);
      drafts.setLintErrors(
        problems ? problems.filter((problem) => problem.severity === 'error').length : null,
      );
    },
  });

  const showImportResult = (warnings: string[]): void => {
    replaceChildren(
      importMessages,
      warnings.length > 0
        ? alertBox(
            'warning',
            h('p', null, t('models.import.warnings')),
            h(
              'ul',
              null,
              warnings.map((warning) => h('li', null, warning)),
            ),
          )
        : null,
    );
  };

  const openFile = async (file: File): Promise<void> => {
    const previous = await modeler.exportXml();
    try {
      showImportResult(await modeler.importXml(await file.text()));
      drafts.markChanged();
      lint.schedule();
    } catch (error) {
      replaceChildren(
        importMessages,
        alertBox('error', h('p', null, importMessage(error, file.name))),
      );
      await modeler.importXml(previous);
    }
  };

  const baseName = (): string => modeler.processId() ?? options.bpmnProcessId ?? 'process';
  const toolbar = h(
    'div',
    { class: 'modeler-toolbar', role: 'group', 'aria-label': t('models.process.toolbar') },
    h(
      'div',
      { class: 'file-buttons' },
      fileButton(t('models.process.open'), '.bpmn,.xml,application/xml,text/xml', openFile),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onclick: async () =>
            downloadText(`${baseName()}.bpmn`, await modeler.exportXml(), 'application/xml'),
        },
        t('models.process.downloadBpmn'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onclick: async () =>
            downloadText(`${baseName()}.svg`, await modeler.exportSvg(), 'image/svg+xml'),
        },
        t('models.process.downloadSvg'),
      ),
    ),
    drafts.buttons,
  );

  replaceChildren(
    container,
    toolbar,
    drafts.status,
    drafts.messages,
    importMessages,
    h('div', { class: 'modeler-workspace' }, canvas, properties),
    lint.element,
  );

  const kept = takeUnsavedContent('process');
  try {
    showImportResult(await modeler.importXml(kept ?? options.xml));
    if (kept !== null) {
      drafts.markChanged();
    }
  } catch (error) {
    replaceChildren(importMessages, alertBox('error', h('p', null, importMessage(error))));
  }
  const stopKeeping = keepUnsavedOnLanguageSwitch('process', read, drafts.hasUnsavedChanges);
  modeler.onChange(() => {
    drafts.markChanged();
    lint.schedule();
  });
  void lint.run();

  return {
    destroy() {
      stopKeeping();
      lint.destroy();
      drafts.destroy();
      modeler.destroy();
    },
  };
}
