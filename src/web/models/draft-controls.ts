import { ApiError } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import { buildHash } from '../core/router.js';
import { alertBox, errorMessage } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { createDraft, findModel, submitDraft, updateDraft } from './models-api.js';
import type { ModelDraft, ModelKind } from './models-api.js';

/** Options of the draft buttons: the model being edited and how to read its content. */
export interface DraftControlsOptions {
  kind: ModelKind;
  /** The process or form id of the content, which names the draft's page after the first save. */
  resourceId(): string;
  /** The deployed version that the edit started from, or null for a new model. */
  baseVersion: number | null;
  /** The draft that the editor opened, or null when it opened a deployed version. */
  draft: ModelDraft | null;
  /** Reads the current content: the BPMN XML or the form JSON. */
  read(): Promise<string>;
}

/** The buttons "Lưu bản nháp" and "Trình lãnh đạo duyệt" with the line that shows the draft's state. */
export interface DraftControls {
  buttons: HTMLElement;
  status: HTMLElement;
  messages: HTMLElement;
  /** Records an unsaved change. */
  markChanged(): void;
  /** Returns true when the content has changes that no draft contains yet. */
  hasUnsavedChanges(): boolean;
  /** Sets the number of lint errors, or null when the lint could not run. */
  setLintErrors(count: number | null): void;
  destroy(): void;
}

const editableStatuses = new Set(['draft', 'returned']);

function draftStateText(draft: ModelDraft): string {
  const state = t(`models.draft.status.${draft.status}`);
  const saved =
    draft.updatedAt !== null
      ? t('models.draft.savedAt', {
          time: formatDateTime(draft.updatedAt),
          user: draft.updatedByName ?? draft.updatedBy ?? '',
        })
      : '';
  const comment =
    draft.status === 'returned' && draft.decisionComment
      ? t('models.draft.returnedComment', { comment: draft.decisionComment })
      : '';
  return [t('models.draft.number', { id: draft.id, state }), saved, comment]
    .filter(Boolean)
    .join(' ');
}

function reasonDialog(onSubmit: (reason: string) => Promise<void>): HTMLDialogElement {
  const reason = h('textarea', {
    id: 'draft-reason',
    name: 'reason',
    rows: 4,
    required: true,
    maxlength: 2000,
  });
  const problem = h('p', { class: 'field-error', role: 'alert' });
  const dialog = h('dialog', { class: 'draft-dialog', 'aria-labelledby': 'draft-dialog-title' });
  const form = h(
    'form',
    {
      method: 'dialog',
      // The reason is checked here, so that the message is in the interface language.
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const text = reason.value.trim();
        if (!text) {
          problem.textContent = t('models.draft.reasonRequired');
          reason.focus();
          return;
        }
        problem.textContent = '';
        dialog.close();
        await onSubmit(text);
        reason.value = '';
      },
    },
    h('h2', { id: 'draft-dialog-title' }, t('models.draft.submitTitle')),
    h('p', null, t('models.draft.submitHelp')),
    h('label', { for: 'draft-reason' }, t('models.draft.reason')),
    reason,
    problem,
    h(
      'div',
      { class: 'dialog-buttons' },
      h('button', { type: 'submit', class: 'button button-primary' }, t('models.draft.submit')),
      h(
        'button',
        { type: 'button', class: 'button', onclick: () => dialog.close() },
        t('models.draft.cancel'),
      ),
    ),
  );
  dialog.append(form);
  return dialog;
}

/** Builds the draft buttons and status line, and saves and submits through the drafts API. */
export function createDraftControls(options: DraftControlsOptions): DraftControls {
  let draft = options.draft;
  let changed = false;
  let busy = false;
  let lintErrors: number | null = null;
  const status = h('p', { class: 'draft-status', role: 'status' });
  const messages = h('div', { class: 'draft-messages' });
  const save = h('button', { type: 'button', class: 'button' }, t('models.draft.save'));
  const submit = h(
    'button',
    { type: 'button', class: 'button button-primary' },
    t('models.draft.submit'),
  );
  const lintHint = h('span', { class: 'draft-hint', id: 'draft-lint-hint' });

  const update = (): void => {
    const editable = draft === null || editableStatuses.has(draft.status);
    save.disabled = busy || !editable;
    submit.disabled = busy || !editable || (lintErrors ?? 0) > 0;
    lintHint.textContent = (lintErrors ?? 0) > 0 ? t('models.draft.fixErrors') : '';
    submit.setAttribute('aria-describedby', 'draft-lint-hint');
    const state = draft
      ? draftStateText(draft)
      : options.baseVersion !== null
        ? t('models.draft.fromVersion', { version: options.baseVersion })
        : t('models.draft.newModel');
    status.textContent = changed ? `${state} ${t('models.draft.unsaved')}` : state;
  };

  const showMessage = (kind: 'success' | 'error', text: string, extra?: HTMLElement): void => {
    replaceChildren(messages, alertBox(kind, h('p', null, text), extra ?? null));
  };

  const openDraftLink = async (resourceId: string): Promise<HTMLElement | null> => {
    const model = await findModel(options.kind, resourceId).catch(() => null);
    if (!model?.openDraft) {
      return null;
    }
    const href = buildHash(`/models/${options.kind}/${encodeURIComponent(resourceId)}`, {
      draft: model.openDraft.id,
    });
    return h('p', null, h('a', { href }, t('models.draft.openExisting')));
  };

  const persist = async (): Promise<ModelDraft> => {
    const content = await options.read();
    if (draft) {
      return updateDraft(draft.id, content);
    }
    const created = await createDraft({
      kind: options.kind,
      baseVersion: options.baseVersion,
      content,
    });
    // The address names the draft from now on, so that a reload opens it. replaceState fires no
    // hashchange, which would rebuild the editor.
    const hash = buildHash(`/models/${options.kind}/${encodeURIComponent(created.resourceId)}`, {
      draft: created.id,
    });
    history.replaceState(null, '', hash);
    return created;
  };

  const run = async (action: () => Promise<string>): Promise<void> => {
    busy = true;
    update();
    try {
      showMessage('success', await action());
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 409 && draft === null;
      const link = conflict ? await openDraftLink(options.resourceId()) : null;
      showMessage('error', errorMessage(error), link ?? undefined);
    } finally {
      busy = false;
      update();
    }
  };

  const saveDraft = (): Promise<void> =>
    run(async () => {
      draft = await persist();
      changed = false;
      return t('models.draft.saved');
    });

  const dialog = reasonDialog((reason) =>
    run(async () => {
      draft = await persist();
      changed = false;
      draft = await submitDraft(draft.id, reason);
      return t('models.draft.submitted');
    }),
  );

  save.addEventListener('click', () => void saveDraft());
  submit.addEventListener('click', () => dialog.showModal());
  const warnBeforeLeaving = (event: BeforeUnloadEvent): void => {
    if (changed) {
      event.preventDefault();
    }
  };
  window.addEventListener('beforeunload', warnBeforeLeaving);
  update();

  return {
    buttons: h('div', { class: 'draft-buttons' }, save, submit, lintHint, dialog),
    status,
    messages,
    markChanged() {
      changed = true;
      update();
    },
    hasUnsavedChanges: () => changed,
    setLintErrors(count) {
      lintErrors = count;
      update();
    },
    destroy() {
      window.removeEventListener('beforeunload', warnBeforeLeaving);
    },
  };
}
