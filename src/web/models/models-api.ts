import { getJson, getText, requestJson } from '../core/api.js';
import type { ErrorDetail, FormSchema } from '../core/types.js';

/** Kind of a model file: a BPMN process or a form-js form. */
export type ModelKind = 'process' | 'form';

/** State of a proposed change: edited, waiting for the leader, returned, deployed or withdrawn. */
export type DraftStatus = 'draft' | 'submitted' | 'returned' | 'deployed' | 'withdrawn';

/** One problem that the server's lint found in a model or form. */
export interface LintProblem {
  /** The element to select, or null when the problem concerns the whole file. */
  elementId: string | null;
  message: string;
  rule: string;
  severity: 'error' | 'warning';
}

/** A proposed change of a process or form, kept until the leader approves it. */
export interface ModelDraft {
  id: string;
  kind: ModelKind;
  resourceId: string;
  name: string | null;
  baseVersion: number | null;
  content: string;
  status: DraftStatus;
  problems: LintProblem[];
  reason: string | null;
  decisionComment: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  /** Full name of the last editor, null when unknown. */
  updatedByName: string | null;
}

/** The open draft of a model, as the list shows it. */
export interface OpenDraft {
  id: string;
  status: DraftStatus;
}

/** A process or form with its deployed versions and its open draft. */
export interface ModelSummary {
  kind: ModelKind;
  id: string;
  name: string | null;
  /** Deployed versions, newest first. */
  versions: number[];
  latestVersion: number | null;
  latestDeployedAt: string | null;
  /** Username of the latest version's deployer, `system` for eiso's bundled files. */
  latestDeployedBy: string | null;
  latestDeployedByName: string | null;
  openDraft: OpenDraft | null;
}

/** The processes and forms of the unit. */
export interface ModelList {
  processes: ModelSummary[];
  forms: ModelSummary[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') {
    return value;
  }
  return typeof value === 'number' ? String(value) : null;
}

function positiveInteger(value: unknown): number | null {
  const number = Number(value);
  return value !== null && Number.isInteger(number) && number > 0 ? number : null;
}

function readStatus(value: unknown): DraftStatus {
  const known: DraftStatus[] = ['draft', 'submitted', 'returned', 'deployed', 'withdrawn'];
  return known.find((status) => status === value) ?? 'draft';
}

function readProblems(value: unknown): LintProblem[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter(isObject).map((problem) => ({
    elementId: text(problem.elementId),
    message: text(problem.message) ?? '',
    rule: text(problem.rule) ?? '',
    severity: problem.severity === 'warning' ? 'warning' : 'error',
  }));
}

function readDraft(body: unknown): ModelDraft {
  const draft = isObject(body) ? body : {};
  return {
    id: text(draft.id) ?? '',
    kind: draft.kind === 'form' ? 'form' : 'process',
    resourceId: text(draft.resourceId) ?? '',
    name: text(draft.name),
    baseVersion: positiveInteger(draft.baseVersion),
    content: text(draft.content) ?? '',
    status: readStatus(draft.status),
    problems: readProblems(draft.problems),
    reason: text(draft.reason),
    decisionComment: text(draft.decisionComment),
    updatedAt: text(draft.updatedAt),
    updatedBy: text(draft.updatedBy),
    updatedByName: text(draft.updatedByName),
  };
}

function readOpenDraft(item: Json): OpenDraft | null {
  const draft = item.openDraft;
  return isObject(draft) ? { id: text(draft.id) ?? '', status: readStatus(draft.status) } : null;
}

function readSummary(kind: ModelKind, item: Json): ModelSummary {
  // The server lists versions newest first. A model that exists only as a draft has none.
  const versions = (Array.isArray(item.versions) ? item.versions : []).filter(isObject);
  const latest = versions[0];
  return {
    kind,
    id: text(item.id) ?? '',
    name: text(item.name),
    versions: versions
      .map((version) => positiveInteger(version.version))
      .filter((version): version is number => version !== null),
    latestVersion: positiveInteger(latest?.version),
    latestDeployedAt: text(latest?.deployedAt),
    latestDeployedBy: text(latest?.deployedBy),
    latestDeployedByName: text(latest?.deployedByName),
    openDraft: readOpenDraft(item),
  };
}

function readList(body: unknown, kind: ModelKind): ModelSummary[] {
  const root = isObject(body) ? body : {};
  const items = root[kind === 'process' ? 'processes' : 'forms'];
  return (Array.isArray(items) ? items : [])
    .filter(isObject)
    .map((item) => readSummary(kind, item));
}

/** Lists the unit's processes and forms with their versions and open drafts. */
export async function listModels(signal?: AbortSignal): Promise<ModelList> {
  const body = await getJson<unknown>('/api/models', signal);
  return { processes: readList(body, 'process'), forms: readList(body, 'form') };
}

/** Finds one model of the list, or null when the unit has no such process or form. */
export async function findModel(
  kind: ModelKind,
  id: string,
  signal?: AbortSignal,
): Promise<ModelSummary | null> {
  const list = await listModels(signal);
  const models = kind === 'process' ? list.processes : list.forms;
  return models.find((model) => model.id === id) ?? null;
}

/** Returns the address of a deployed version's file, as an attachment when `download` is set. */
export function versionUrl(kind: ModelKind, id: string, version: number, download = false): string {
  const url = `/api/models/${kind}/${encodeURIComponent(id)}/versions/${version}`;
  return download ? `${url}?download=1` : url;
}

/** Reads the BPMN XML of a deployed version of a process. */
export function loadProcessVersion(
  bpmnProcessId: string,
  version: number,
  signal?: AbortSignal,
): Promise<string> {
  return getText(versionUrl('process', bpmnProcessId, version), signal);
}

/** Reads the form-js schema of a deployed version of a form. */
export function loadFormVersion(
  formId: string,
  version: number,
  signal?: AbortSignal,
): Promise<FormSchema> {
  return getJson<FormSchema>(versionUrl('form', formId, version), signal);
}

/** Reads a draft with its content and its last lint result. */
export async function loadDraft(id: string, signal?: AbortSignal): Promise<ModelDraft> {
  return readDraft(await getJson<unknown>(`/api/model-drafts/${encodeURIComponent(id)}`, signal));
}

/**
 * Creates a draft of a process or form, based on a deployed version or on none for a new one. The
 * server reads the process or form id from the content.
 */
export async function createDraft(options: {
  kind: ModelKind;
  baseVersion: number | null;
  content: string;
}): Promise<ModelDraft> {
  return readDraft(await requestJson<unknown>('POST', '/api/model-drafts', options));
}

/** Replaces the content of a draft. */
export async function updateDraft(id: string, content: string): Promise<ModelDraft> {
  const url = `/api/model-drafts/${encodeURIComponent(id)}`;
  return readDraft(await requestJson<unknown>('PUT', url, { content }));
}

/** Submits a draft for the leader's approval, with the reason for the change. */
export async function submitDraft(id: string, reason: string): Promise<ModelDraft> {
  const url = `/api/model-drafts/${encodeURIComponent(id)}/submit`;
  return readDraft(await requestJson<unknown>('POST', url, { reason }));
}

/** Lints a BPMN XML or form JSON on the server, with messages in the interface language. */
export async function lintModel(
  kind: ModelKind,
  content: string,
  signal?: AbortSignal,
): Promise<LintProblem[]> {
  const body = await requestJson<unknown>('POST', '/api/models/lint', { kind, content }, signal);
  return readProblems(isObject(body) ? body.problems : []);
}

/**
 * Validates the data of a form preview on the server with the rules of a task submission, and
 * returns the field errors in the interface language.
 */
export async function validateFormPreview(
  schema: FormSchema,
  data: Record<string, unknown>,
): Promise<ErrorDetail[]> {
  const body = await requestJson<{ errors?: ErrorDetail[] }>(
    'POST',
    '/api/forms/preview-validation',
    { schema, data },
  );
  return body.errors ?? [];
}
