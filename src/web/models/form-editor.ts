import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import { FormEditor } from '@bpmn-io/form-js';
import { h, replaceChildren } from '../core/dom.js';
import type { FormSchema } from '../core/types.js';
import { alertBox } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { createDraftControls } from './draft-controls.js';
import { mountFormPreview } from './form-preview.js';
import { createLintPanel } from './lint-panel.js';
import { keepUnsavedOnLanguageSwitch, takeUnsavedContent } from './unsaved-content.js';
import { downloadText, fileButton } from './model-files.js';
import { lintModel, type ModelDraft } from './models-api.js';

// form-js has no translations of its own, so a file that it cannot import is explained by the
// server's lint, in the interface language, where the lint finds errors.
async function serverReason(content: string): Promise<string | null> {
  try {
    const errors = (await lintModel('form', content)).filter(
      (problem) => problem.severity === 'error',
    );
    return errors.length > 0 ? errors.map((problem) => problem.message).join(' ') : null;
  } catch {
    return null;
  }
}

/** The form that the form editor page loaded, with its base version and draft. */
export interface FormEditorOptions {
  formId: string;
  schema: FormSchema;
  baseVersion: number | null;
  draft: ModelDraft | null;
}

/** A mounted form editor that the page destroys when it is left. */
export interface MountedFormEditor {
  destroy(): void;
}

interface FormField {
  id: string;
  key?: string;
  label?: string;
}

interface FormFieldRegistry {
  get(id: string): FormField | undefined;
}

interface EditorSelection {
  set(field: FormField | null): void;
}

function serialize(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function readSchemaFile(text: string): FormSchema {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(t('models.form.notAForm'));
  }
  return parsed as FormSchema;
}

/** The tab list between the form-js editor and the preview. */
interface EditorTabs {
  element: HTMLElement;
  showDesign(): void;
}

/** Builds the tabs as an ARIA tab list, whose arrow keys move between the two tabs. */
function tabs(design: HTMLElement, preview: HTMLElement, onPreview: () => void): EditorTabs {
  const designTab = h(
    'button',
    { type: 'button', role: 'tab', id: 'form-tab-design', 'aria-controls': 'form-design' },
    t('models.form.design'),
  );
  const previewTab = h(
    'button',
    { type: 'button', role: 'tab', id: 'form-tab-preview', 'aria-controls': 'form-preview' },
    t('models.form.preview'),
  );
  const choose = (showPreview: boolean): void => {
    designTab.setAttribute('aria-selected', String(!showPreview));
    previewTab.setAttribute('aria-selected', String(showPreview));
    designTab.tabIndex = showPreview ? -1 : 0;
    previewTab.tabIndex = showPreview ? 0 : -1;
    design.hidden = showPreview;
    preview.hidden = !showPreview;
    if (showPreview) {
      onPreview();
    }
  };
  designTab.addEventListener('click', () => choose(false));
  previewTab.addEventListener('click', () => choose(true));
  const list = h(
    'div',
    { class: 'form-tabs', role: 'tablist', 'aria-label': t('models.form.tabs') },
    designTab,
    previewTab,
  );
  list.addEventListener('keydown', (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const next = document.activeElement === designTab ? previewTab : designTab;
      next.focus();
      next.click();
    }
  });
  design.setAttribute('role', 'tabpanel');
  design.setAttribute('aria-labelledby', 'form-tab-design');
  preview.setAttribute('role', 'tabpanel');
  preview.setAttribute('aria-labelledby', 'form-tab-preview');
  choose(false);
  return { element: list, showDesign: () => choose(false) };
}

/** Mounts the form-js editor with a preview, the lint panel and the draft buttons. */
export async function mountFormEditor(
  container: HTMLElement,
  options: FormEditorOptions,
): Promise<MountedFormEditor> {
  const designArea = h('div', { id: 'form-design', class: 'form-design' });
  const previewArea = h('div', { id: 'form-preview', class: 'form-preview-area' });
  const messages = h('div', { class: 'import-messages' });
  const editor = new FormEditor({ container: designArea });
  const read = async (): Promise<string> => serialize(editor.saveSchema());
  const registry = (): FormFieldRegistry => editor.get('formFieldRegistry') as FormFieldRegistry;
  let preview: { destroy(): void } | null = null;
  const showPreview = (): void => {
    preview?.destroy();
    preview = mountFormPreview(previewArea, editor.saveSchema() as FormSchema, options.formId);
  };
  const editorTabs = tabs(designArea, previewArea, showPreview);

  const drafts = createDraftControls({
    kind: 'form',
    resourceId: () => options.formId,
    baseVersion: options.baseVersion,
    draft: options.draft,
    read,
  });
  const lint = createLintPanel({
    kind: 'form',
    read,
    describeElement: (id) => {
      const field = registry().get(id);
      return field?.label || field?.key || id;
    },
    select: (id) => {
      const field = registry().get(id);
      if (!field) {
        return false;
      }
      editorTabs.showDesign();
      (editor.get('selection') as EditorSelection).set(field);
      designArea
        .querySelector(`[data-id="${CSS.escape(id)}"]`)
        ?.scrollIntoView({ block: 'center' });
      return true;
    },
    onResult: (problems) =>
      drafts.setLintErrors(
        problems ? problems.filter((problem) => problem.severity === 'error').length : null,
      ),
  });

  const openFile = async (file: File): Promise<void> => {
    const text = await file.text();
    try {
      await editor.importSchema(readSchemaFile(text));
      replaceChildren(messages);
      drafts.markChanged();
      lint.schedule();
    } catch (error) {
      const reason =
        (await serverReason(text)) ?? (error instanceof Error ? error.message : String(error));
      replaceChildren(
        messages,
        alertBox('error', h('p', null, t('models.import.fileFailed', { file: file.name, reason }))),
      );
    }
  };

  const toolbar = h(
    'div',
    { class: 'modeler-toolbar', role: 'group', 'aria-label': t('models.form.toolbar') },
    h(
      'div',
      { class: 'file-buttons' },
      fileButton(t('models.form.open'), '.form,.json,application/json', openFile),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onclick: async () =>
            downloadText(`${options.formId}.form`, await read(), 'application/json'),
        },
        t('models.form.download'),
      ),
    ),
    drafts.buttons,
  );
  replaceChildren(
    container,
    toolbar,
    drafts.status,
    drafts.messages,
    messages,
    editorTabs.element,
    designArea,
    previewArea,
    lint.element,
  );

  const kept = takeUnsavedContent('form');
  await editor.importSchema(kept !== null ? (JSON.parse(kept) as FormSchema) : options.schema);
  if (kept !== null) {
    drafts.markChanged();
  }
  const stopKeeping = keepUnsavedOnLanguageSwitch('form', read, drafts.hasUnsavedChanges);
  editor.on('commandStack.changed', () => {
    drafts.markChanged();
    lint.schedule();
  });
  void lint.run();

  return {
    destroy() {
      stopKeeping();
      preview?.destroy();
      lint.destroy();
      drafts.destroy();
      editor.destroy();
    },
  };
}
