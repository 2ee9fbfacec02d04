import { ApiError, getCsrfToken, getJson, request, requestJson } from '../core/api.js';
import type { ErrorBody, Task, Variables } from '../core/types.js';
import { getLanguage } from '../i18n/index.js';

/** A user of the unit, whether they may work on the task, and whether they may open it. */
export interface Person {
  username: string;
  displayName: string;
  candidate: boolean;
  mayOpen: boolean;
}

export interface TaskComment {
  id: string;
  userTaskKey: string;
  taskName: string | null;
  author: string;
  authorName: string | null;
  body: string;
  mentions: string[];
  createdAt: string;
}

/** A new comment, with each mentioned name that was not notified and why, in the UI language. */
export interface PostedComment extends TaskComment {
  notNotified: { username: string; reason: string; message: string }[];
}

export interface TaskAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedBy: string;
  uploadedByName: string | null;
  createdAt: string;
}

export interface TaskHistoryEntry {
  position: number;
  type: string;
  actor: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  /** Full names of the users that `data` names, by field, such as `assignee`. */
  names?: Record<string, string>;
  createdAt: string;
}

export interface SubstituteRule {
  id: string;
  username: string;
  substitute: string;
  fromDate: string;
  toDate: string;
  createdBy: string;
  /** Full names of `username`, `substitute` and `createdBy`; null for a user no longer found. */
  absentUserName?: string | null;
  substituteName?: string | null;
  createdByName?: string | null;
}

function taskUrl(task: Pick<Task, 'key'>, action = ''): string {
  return `/api/tasks/${encodeURIComponent(task.key)}${action ? `/${action}` : ''}`;
}

export const loadPeople = (task: Task, signal?: AbortSignal) =>
  getJson<Person[]>(taskUrl(task, 'people'), signal);
export const loadComments = (task: Task, signal?: AbortSignal) =>
  getJson<TaskComment[]>(taskUrl(task, 'comments'), signal);
export const loadAttachments = (task: Task, signal?: AbortSignal) =>
  getJson<TaskAttachment[]>(taskUrl(task, 'attachments'), signal);
export const loadHistory = (task: Task, signal?: AbortSignal) =>
  getJson<TaskHistoryEntry[]>(taskUrl(task, 'history'), signal);

export const addComment = (task: Task, body: string) =>
  requestJson<PostedComment>('POST', taskUrl(task, 'comments'), { body });
export const assignTask = (task: Task, assignee: string) =>
  requestJson<Task>('POST', taskUrl(task, 'assignment'), { assignee });
export const delegateTask = (task: Task, delegate: string) =>
  requestJson<Task>('POST', taskUrl(task, 'delegation'), { delegate });
export const updateTask = (
  task: Task,
  changes: { dueDate?: string; followUpDate?: string; priority?: number },
) => requestJson<Task>('PATCH', taskUrl(task), changes);

/** Resolves a delegated task; `proposal` is the form data that the owner sees prefilled. */
export async function resolveTask(task: Task, proposal: Variables | null): Promise<void> {
  await request('POST', taskUrl(task, 'resolution'), { variables: proposal });
}

/** Returns the download address of an attachment. */
export function attachmentUrl(task: Task, attachment: Pick<TaskAttachment, 'id'>): string {
  return `${taskUrl(task, 'attachments')}/${encodeURIComponent(attachment.id)}`;
}

/**
 * Uploads files as attachments of the task in one request, which the server stores all or none
 * of. `fetch` reports no upload progress, so this sends through XMLHttpRequest and calls
 * `onProgress` with the fraction sent.
 */
export function uploadAttachments(
  task: Task,
  files: File[],
  onProgress: (fraction: number) => void,
): Promise<TaskAttachment[]> {
  const body = new FormData();
  for (const file of files) body.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', taskUrl(task, 'attachments'));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', getLanguage());
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as TaskAttachment[]);
      else reject(new ApiError(xhr.status, parsed as ErrorBody));
    };
    xhr.send(body);
  });
}

/** Deletes an attachment of an open task. */
export async function deleteAttachment(
  task: Task,
  attachment: Pick<TaskAttachment, 'id'>,
): Promise<void> {
  await request('DELETE', attachmentUrl(task, attachment));
}

export const loadSubstitutes = (signal?: AbortSignal) =>
  getJson<SubstituteRule[]>('/api/substitutes', signal);
export const addSubstitute = (rule: {
  username?: string;
  substitute: string;
  fromDate: string;
  toDate: string;
}) => requestJson<SubstituteRule>('POST', '/api/substitutes', rule);
export const deleteSubstitute = (rule: SubstituteRule) =>
  request('DELETE', `/api/substitutes/${encodeURIComponent(rule.id)}`);
