import { isAbortError } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { buildHash } from '../core/router.js';
import type { FormSchema } from '../core/types.js';
import { alertBox, errorPanel, loading, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { mayEditModels } from '../models/model-access.js';
import { findModel, loadDraft, loadFormVersion } from '../models/models-api.js';
import type { ModelDraft, OpenDraft } from '../models/models-api.js';
import { narrowScreen, reloadWhenWide } from '../models/screen-width.js';

/** The form, version and drafts that the page loads before it mounts the form editor. */
interface LoadedForm {
  schema: FormSchema;
  baseVersion: number | null;
  draft: ModelDraft | null;
  /** An open draft of the form that this page did not open. */
  otherDraft: OpenDraft | null;
}

async function loadForm(
  formId: string,
  draftId: string | null,
  signal: AbortSignal,
): Promise<LoadedForm> {
  if (draftId) {
    const draft = await loadDraft(draftId, signal);
    const schema = JSON.parse(draft.content) as FormSchema;
    return { schema, baseVersion: draft.baseVersion, draft, otherDraft: null };
  }
  const model = await findModel('form', formId, signal);
  if (model?.latestVersion === null && model.openDraft) {
    // A new form exists only as its draft until the leader approves it.
    return loadForm(formId, model.openDraft.id, signal);
  }
  if (!model || model.latestVersion === null) {
    throw new Error(t('models.form.notFound', { id: formId }));
  }
  return {
    schema: await loadFormVersion(formId, model.latestVersion, signal),
    baseVersion: model.latestVersion,
    draft: null,
    otherDraft: model.openDraft,
  };
}

function otherDraftNotice(formId: string, draft: OpenDraft): HTMLElement {
  const href = buildHash(`/models/form/${encodeURIComponent(formId)}`, { draft: draft.id });
  return alertBox(
    'info',
    h('p', null, t('models.form.openDraftExists', { id: draft.id })),
    h('p', null, h('a', { href }, t('models.draft.openExisting'))),
  );
}

async function mountReadOnly(
  context: PageContext,
  container: HTMLElement,
  formId: string,
  schema: FormSchema,
): Promise<void> {
  const formArea = h('div', { class: 'task-form' });
  replaceChildren(container, alertBox('info', h('p', null, t('models.narrowScreen'))), formArea);
  const { mountTaskForm } = await import('../forms/task-form.js');
  const form = await mountTaskForm(formArea, schema, formId, {}, true);
  context.onDispose(() => form.destroy());
}

/** Renders `#/models/form/<formId>`: the form-js editor of a form with its preview. */
export async function renderModelFormPage(context: PageContext): Promise<void> {
  const formId = context.route.params.id ?? '';
  const draftId = context.route.query.get('draft');
  const title = t('models.form.title', { id: formId });
  context.setTitle(title);
  const body = h('div', { class: 'model-editor' }, loading());
  replaceChildren(context.root, pageHeading(title), body);
  if (!mayEditModels(context.session)) {
    replaceChildren(body, alertBox('error', h('p', null, t('models.forbidden'))));
    return;
  }

  let loaded: LoadedForm;
  try {
    loaded = await loadForm(formId, draftId, context.signal);
  } catch (error) {
    if (!isAbortError(error)) {
      replaceChildren(body, errorPanel(error, context.reload));
    }
    return;
  }
  const editorArea = h('div', { class: 'model-editor-area' });
  replaceChildren(
    body,
    loaded.otherDraft ? otherDraftNotice(formId, loaded.otherDraft) : null,
    editorArea,
  );
  try {
    if (narrowScreen()) {
      reloadWhenWide(context);
      await mountReadOnly(context, editorArea, formId, loaded.schema);
      return;
    }
    const { mountFormEditor } = await import('../models/form-editor.js');
    if (context.signal.aborted) {
      return;
    }
    const editor = await mountFormEditor(editorArea, { formId, ...loaded });
    context.onDispose(() => editor.destroy());
  } catch (error) {
    replaceChildren(editorArea, errorPanel(error));
  }
}
