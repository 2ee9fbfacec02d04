import { isAbortError } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { buildHash } from '../core/router.js';
import { alertBox, errorPanel, loading, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { mayEditModels } from '../models/model-access.js';
import { findModel, loadDraft, loadProcessVersion } from '../models/models-api.js';
import type { ModelDraft, OpenDraft } from '../models/models-api.js';
import { narrowScreen, reloadWhenWide } from '../models/screen-width.js';

/** The model, version and drafts that the page loads before it mounts the modeler. */
interface LoadedProcess {
  /** null when the officer draws a new process, whose XML the modeler chunk makes. */
  xml: string | null;
  name: string | null;
  baseVersion: number | null;
  draft: ModelDraft | null;
  /** An open draft of the process that this page did not open. */
  otherDraft: OpenDraft | null;
}

async function loadProcess(
  bpmnProcessId: string | null,
  draftId: string | null,
  signal: AbortSignal,
): Promise<LoadedProcess> {
  if (draftId) {
    const draft = await loadDraft(draftId, signal);
    return {
      xml: draft.content,
      name: draft.name,
      baseVersion: draft.baseVersion,
      draft,
      otherDraft: null,
    };
  }
  if (bpmnProcessId === null) {
    return { xml: null, name: null, baseVersion: null, draft: null, otherDraft: null };
  }
  const model = await findModel('process', bpmnProcessId, signal);
  if (model?.latestVersion === null && model.openDraft) {
    // A new process exists only as its draft until the leader approves it.
    return loadProcess(bpmnProcessId, model.openDraft.id, signal);
  }
  if (!model || model.latestVersion === null) {
    throw new Error(t('models.process.notFound', { id: bpmnProcessId }));
  }
  return {
    xml: await loadProcessVersion(bpmnProcessId, model.latestVersion, signal),
    name: model.name,
    baseVersion: model.latestVersion,
    draft: null,
    otherDraft: model.openDraft,
  };
}

function otherDraftNotice(bpmnProcessId: string, draft: OpenDraft): HTMLElement {
  const href = buildHash(`/models/process/${encodeURIComponent(bpmnProcessId)}`, {
    draft: draft.id,
  });
  return alertBox(
    'info',
    h('p', null, t('models.process.openDraftExists', { id: draft.id })),
    h('p', null, h('a', { href }, t('models.draft.openExisting'))),
  );
}

async function mountReadOnly(
  context: PageContext,
  container: HTMLElement,
  xml: string | null,
): Promise<void> {
  const diagram = h('div', { class: 'diagram modeler-readonly' });
  replaceChildren(container, alertBox('info', h('p', null, t('models.narrowScreen'))), diagram);
  if (xml === null) {
    diagram.remove();
    return;
  }
  try {
    const { mountInstanceDiagram } = await import('../diagram/instance-diagram.js');
    const viewer = await mountInstanceDiagram(diagram, xml, {
      completed: [],
      takenFlows: [],
      active: [],
      incidents: [],
    });
    context.onDispose(() => viewer.destroy());
  } catch (error) {
    replaceChildren(diagram, errorPanel(error));
  }
}

async function mountEditor(
  context: PageContext,
  container: HTMLElement,
  bpmnProcessId: string | null,
  loaded: LoadedProcess,
): Promise<void> {
  const { mountProcessEditor, newProcessXml } = await import('../models/process-editor.js');
  if (context.signal.aborted) {
    return;
  }
  const editor = await mountProcessEditor(container, {
    bpmnProcessId,
    xml: loaded.xml ?? newProcessXml(),
    baseVersion: loaded.baseVersion,
    draft: loaded.draft,
  });
  context.onDispose(() => editor.destroy());
}

/** Names the process in the heading for a reader who may not edit it, as far as it is deployed. */
async function showNameOnly(
  context: PageContext,
  heading: HTMLElement,
  bpmnProcessId: string | null,
): Promise<void> {
  if (bpmnProcessId === null) return;
  try {
    const model = await findModel('process', bpmnProcessId, context.signal);
    if (model?.name) showName(context, heading, model.name, bpmnProcessId);
  } catch {
    // The heading keeps the process id when the list fails to load, and the page already shows
    // that the reader may not edit.
  }
}

function showName(
  context: PageContext,
  heading: HTMLElement,
  name: string,
  bpmnProcessId: string | null,
): void {
  const h1 = heading.querySelector('h1');
  if (h1) {
    h1.textContent = name;
  }
  context.setTitle(name);
  if (bpmnProcessId) {
    heading.append(h('p', { class: 'muted' }, t('models.process.idLine', { id: bpmnProcessId })));
  }
}

/** Renders `#/models/process/<id>` and `#/models/process/new`: the BPMN modeler of a procedure. */
export async function renderModelProcessPage(context: PageContext): Promise<void> {
  const routeId = context.route.params.id ?? '';
  const bpmnProcessId = routeId === 'new' ? null : routeId;
  const draftId = context.route.query.get('draft');
  const title = bpmnProcessId
    ? t('models.process.title', { id: bpmnProcessId })
    : t('models.process.newTitle');
  context.setTitle(title);
  const heading = pageHeading(title);
  const body = h('div', { class: 'model-editor' }, loading());
  replaceChildren(context.root, heading, body);
  if (!mayEditModels(context.session)) {
    replaceChildren(body, alertBox('error', h('p', null, t('models.forbidden'))));
    await showNameOnly(context, heading, bpmnProcessId);
    return;
  }

  let loaded: LoadedProcess;
  try {
    loaded = await loadProcess(bpmnProcessId, draftId, context.signal);
  } catch (error) {
    if (!isAbortError(error)) {
      replaceChildren(body, errorPanel(error, context.reload));
    }
    return;
  }
  if (loaded.name) {
    showName(context, heading, loaded.name, bpmnProcessId);
  }
  const editorArea = h('div', { class: 'model-editor-area' });
  replaceChildren(
    body,
    bpmnProcessId && loaded.otherDraft ? otherDraftNotice(bpmnProcessId, loaded.otherDraft) : null,
    editorArea,
  );
  if (narrowScreen()) {
    reloadWhenWide(context);
    await mountReadOnly(context, editorArea, loaded.xml);
    return;
  }
  await mountEditor(context, editorArea, bpmnProcessId, loaded);
}
