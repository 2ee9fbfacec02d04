import { getJson, isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import { formatDateTime, formatNumber } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import type { TaskDetail } from '../core/types.js';
import { alertBox, errorMessage, errorPanel, loading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import {
  attachmentUrl,
  deleteAttachment,
  loadAttachments,
  type TaskAttachment,
  uploadAttachments,
} from './task-collaboration-api.js';

/** The upload limits as GET /api/attachment-limits returns them. */
interface AttachmentLimits {
  maxBytes: number;
  maxFiles: number;
  extensions: string[];
}

/** Formats a size in bytes as B, KB or MB with one decimal, in the current language's numbers. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1_048_576) return `${formatNumber(Math.round(bytes / 102.4) / 10)} KB`;
  return `${formatNumber(Math.round(bytes / 104_857.6) / 10)} MB`;
}

// The limit in MB as the server's messages count it (1 MB = 1,048,576 bytes), one decimal at most.
function megabytes(bytes: number): string {
  return formatNumber(Math.round(bytes / 104_857.6) / 10);
}

interface PanelState {
  context: PageContext;
  detail: TaskDetail;
  list: HTMLElement;
  status: HTMLElement;
}

function mayDelete(state: PanelState, attachment: TaskAttachment): boolean {
  const { task, permissions } = state.detail;
  const username = state.context.session.user.username;
  return (
    task.state === 'CREATED' && (attachment.uploadedBy === username || permissions?.manage === true)
  );
}

async function reload(state: PanelState): Promise<void> {
  const { context, detail, list } = state;
  list.replaceChildren(loading());
  try {
    const attachments = await loadAttachments(detail.task, context.signal);
    list.replaceChildren(attachmentList(state, attachments));
  } catch (error) {
    if (!isAbortError(error)) list.replaceChildren(errorPanel(error, () => void reload(state)));
  }
}

// Swaps the delete button for a question with a confirm and a cancel button. Focus moves to the
// question's confirm button, and back to the delete button on cancel.
function askToDelete(
  state: PanelState,
  attachment: TaskAttachment,
  actions: HTMLElement,
  deleteButton: HTMLButtonElement,
): void {
  const confirmButton = h(
    'button',
    { type: 'button', class: 'button button-danger' },
    t('collab.attachments.deleteYes'),
  );
  const cancelButton = h(
    'button',
    { type: 'button', class: 'button' },
    t('collab.attachments.deleteNo'),
  );
  const question = h(
    'div',
    {
      class: 'attachment-confirm',
      role: 'group',
      'aria-label': t('collab.attachments.deleteLabel', { name: attachment.fileName }),
    },
    h('p', null, t('collab.attachments.deleteConfirm', { name: attachment.fileName })),
    h('div', { class: 'button-row' }, confirmButton, cancelButton),
  );
  actions.replaceChildren(question);
  confirmButton.focus();

  cancelButton.addEventListener('click', () => {
    actions.replaceChildren(deleteButton);
    deleteButton.focus();
  });
  confirmButton.addEventListener('click', () => {
    confirmButton.disabled = true;
    cancelButton.disabled = true;
    void deleteAttachment(state.detail.task, attachment)
      .then(async () => {
        state.status.replaceChildren(
          alertBox('success', t('collab.attachments.deleted', { name: attachment.fileName })),
        );
        await reload(state);
      })
      .catch((error: unknown) => {
        actions.replaceChildren(deleteButton);
        state.status.replaceChildren(alertBox('error', errorMessage(error)));
      });
  });
}

function attachmentItem(state: PanelState, attachment: TaskAttachment): HTMLElement {
  const uploader = attachment.uploadedByName ?? attachment.uploadedBy;
  const meta = `${sizeText(attachment.sizeBytes)} · ${uploader} · ${formatDateTime(attachment.createdAt)}`;
  const item = h(
    'li',
    { 'data-attachment-id': attachment.id },
    h(
      'div',
      { class: 'attachment-file' },
      h(
        'a',
        { href: attachmentUrl(state.detail.task, attachment), download: attachment.fileName },
        attachment.fileName,
      ),
      h('span', { class: 'collab-meta' }, ` ${meta}`),
    ),
  );
  if (mayDelete(state, attachment)) {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'button button-small',
        'aria-label': t('collab.attachments.deleteLabel', { name: attachment.fileName }),
      },
      t('collab.attachments.delete'),
    );
    const actions = h('div', { class: 'attachment-actions' }, button);
    button.addEventListener('click', () => askToDelete(state, attachment, actions, button));
    item.append(actions);
  }
  return item;
}

function attachmentList(state: PanelState, attachments: TaskAttachment[]): HTMLElement {
  if (attachments.length === 0) return h('p', { class: 'muted' }, t('collab.attachments.none'));
  return h(
    'ul',
    { class: 'collab-attachments' },
    attachments.map((attachment) => attachmentItem(state, attachment)),
  );
}

// Returns the message for files the server would reject by count or size, or null.
function precheck(files: File[], limits: AttachmentLimits | null): string | null {
  if (files.length === 0) return t('collab.attachments.choose');
  if (!limits) return null;
  if (files.length > limits.maxFiles) {
    return t('collab.attachments.tooMany', { chosen: files.length, count: limits.maxFiles });
  }
  const tooLarge = files.find((file) => file.size > limits.maxBytes);
  if (tooLarge) {
    return t('collab.attachments.tooLarge', {
      name: tooLarge.name,
      size: megabytes(limits.maxBytes),
    });
  }
  return null;
}

function hintText(limits: AttachmentLimits | null): string {
  if (!limits) return t('collab.attachments.hint');
  const sizes = t('collab.attachments.limits', {
    size: megabytes(limits.maxBytes),
    count: limits.maxFiles,
  });
  const types = t('collab.attachments.types', { extensions: limits.extensions.join(', ') });
  return `${sizes} ${types}`;
}

function uploadedMessage(files: File[], added: TaskAttachment[]): HTMLElement {
  const renamed = added
    .map((attachment, index) => ({ sent: files[index]?.name, stored: attachment.fileName }))
    .filter(({ sent, stored }) => sent !== undefined && sent !== stored);
  return alertBox(
    'success',
    h(
      'p',
      null,
      t('collab.attachments.uploaded', {
        names: added.map((attachment) => attachment.fileName).join(', '),
      }),
    ),
    renamed.map(({ sent, stored }) =>
      h('p', null, t('collab.attachments.renamed', { sent: sent ?? '', stored })),
    ),
  );
}

interface UploadControls {
  input: HTMLInputElement;
  progress: HTMLProgressElement;
  submit: HTMLButtonElement;
}

// Sends the chosen files in one request, with progress, and shows the result in the status.
async function upload(state: PanelState, controls: UploadControls, files: File[]): Promise<void> {
  const { input, progress, submit } = controls;
  submit.disabled = true;
  progress.hidden = false;
  progress.value = 0;
  state.status.replaceChildren();
  try {
    const added = await uploadAttachments(
      state.detail.task,
      files,
      (fraction) => (progress.value = fraction),
    );
    input.value = '';
    state.status.replaceChildren(uploadedMessage(files, added));
    await reload(state);
  } catch (error) {
    state.status.replaceChildren(alertBox('error', errorMessage(error)));
  } finally {
    submit.disabled = false;
    progress.hidden = true;
  }
}

function uploadForm(state: PanelState): HTMLElement {
  let limits: AttachmentLimits | null = null;
  // No `accept` filter: the server decides by content, so a PDF saved without an extension can
  // be picked too, and the hint lists the accepted types.
  const input = h('input', {
    type: 'file',
    id: 'collab-file',
    name: 'file',
    multiple: true,
    'aria-describedby': 'collab-file-hint',
  });
  const hint = h('p', { id: 'collab-file-hint', class: 'muted' }, hintText(null));
  void getJson<AttachmentLimits>('/api/attachment-limits', state.context.signal)
    .then((loaded) => {
      limits = loaded;
      hint.textContent = hintText(loaded);
    })
    .catch(() => undefined);

  const progress = h('progress', {
    max: 1,
    value: 0,
    hidden: true,
    'aria-label': t('collab.attachments.progress'),
  });
  const submit = h('button', { type: 'submit', class: 'button' }, t('collab.attachments.upload'));
  const form = h(
    'form',
    { class: 'collab-upload' },
    h('label', { for: 'collab-file' }, t('collab.attachments.label')),
    input,
    hint,
    progress,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const files = [...(input.files ?? [])];
    const problem = precheck(files, limits);
    if (problem) state.status.replaceChildren(alertBox('error', problem));
    else void upload(state, { input, progress, submit }, files);
  });
  return form;
}

/**
 * Builds the attachments tab: the files with size, uploader and time, a delete button with a
 * confirmation for the uploader and the task's managers, and an upload of one or several files
 * with the server's limits in its hint. A closed task shows the list only.
 */
export function attachmentsPanel(context: PageContext, detail: TaskDetail): HTMLElement {
  const state: PanelState = {
    context,
    detail,
    list: h('div', { class: 'collab-list' }),
    status: h('div', { class: 'attachment-status' }),
  };
  void reload(state);
  if (detail.task.state !== 'CREATED') return h('div', null, state.list);
  return h('div', null, state.list, state.status, uploadForm(state));
}
