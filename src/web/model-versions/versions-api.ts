import { getJson, getText, request, requestJson } from '../core/api.js';
// The server's own types, so that the pages and the API cannot drift apart.
import type { DraftPeopleNames } from '../../models/draft-people.js';
import type { ModelDiff } from '../../models/model-diff.js';
import type { DraftStatus, ModelDraftWithContent, ModelKind } from '../../models/model-drafts.js';
import type { MigrationPlan } from '../../runtime/instance-migration.js';

export type { DiffElement, ModelDiff, PropertyChange } from '../../models/model-diff.js';
export type { DraftStatus, ModelKind } from '../../models/model-drafts.js';
export type { LintProblem } from '../../models/model-lint.js';
export type { MigratedElement, MigrationPlan } from '../../runtime/instance-migration.js';

/** Origin of a version: shipped with eiso, an approved draft, or a `/v2/deployments` call. */
export type VersionSource = 'bundled' | 'draft' | 'api';

/** One deployed version of a process or form, as `GET /api/models` lists it. */
export interface ModelVersion {
  version: number;
  checksum: string;
  deployedAt: string;
  deployedBy: string | null;
  deployedByName: string | null;
  comment: string | null;
  source: VersionSource | string;
  /** Active process instances on this version; always 0 for a form. */
  runningInstances: number;
}

/** A process or form of the unit with its versions, newest first, and its open draft. */
export interface ModelEntry {
  id: string;
  name: string | null;
  versions: ModelVersion[];
  latestVersion: number;
  openDraft: { id: string; status: DraftStatus } | null;
}

/** The response of `GET /api/models`. */
export interface ModelList {
  processes: ModelEntry[];
  forms: ModelEntry[];
}

/** The two BPMN documents of a comparison and their diff. */
export interface DiagramComparison {
  before: string | null;
  after: string;
  diff: ModelDiff | null;
}

/** A draft with its content and lint problems, as `GET /api/model-drafts/:id` returns it. */
export type ModelDraft = ModelDraftWithContent & DraftPeopleNames;

/** The plans of the running instances of one version, at most 200 of them. */
export interface MigrationPlanList {
  targetProcessDefinitionKey: string;
  items: MigrationPlan[];
}

/** The server lists at most this many instances in a migration plan. */
export const migrationPlanLimit = 200;

function modelPath(kind: ModelKind, id: string): string {
  return `/api/models/${kind}/${encodeURIComponent(id)}`;
}

/** Reads the processes and forms of the unit with their versions. */
export function loadModels(signal?: AbortSignal): Promise<ModelList> {
  return getJson<ModelList>('/api/models', signal);
}

/** Finds a process or form in the list, or returns null. */
export function findModel(list: ModelList, kind: ModelKind, id: string): ModelEntry | null {
  const entries = kind === 'process' ? list.processes : list.forms;
  return entries.find((entry) => entry.id === id) ?? null;
}

/** Returns the address that downloads a version as a `.bpmn` or `.form` file. */
export function versionDownloadUrl(kind: ModelKind, id: string, version: number): string {
  return `${modelPath(kind, id)}/versions/${version}?download=1`;
}

/** Reads the BPMN XML or form JSON of one version. */
export function loadVersionContent(
  kind: ModelKind,
  id: string,
  version: number,
  signal?: AbortSignal,
): Promise<string> {
  return getText(`${modelPath(kind, id)}/versions/${version}`, signal);
}

/** Reads two versions of a process and the diff between them. */
export function loadVersionDiff(
  id: string,
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<DiagramComparison & { from: number; to: number }> {
  return getJson(`${modelPath('process', id)}/diff?from=${from}&to=${to}`, signal);
}

/** Reads a draft with its content and lint problems. */
export function loadDraft(id: string, signal?: AbortSignal): Promise<ModelDraft> {
  return getJson<ModelDraft>(`/api/model-drafts/${encodeURIComponent(id)}`, signal);
}

/** Reads a process draft, its base version and the diff between them. */
export function loadDraftDiff(
  id: string,
  signal?: AbortSignal,
): Promise<DiagramComparison & { baseVersion: number | null }> {
  return getJson(`/api/model-drafts/${encodeURIComponent(id)}/diff`, signal);
}

/** Creates a draft whose content is an old version; the server returns 409 while a draft is open. */
export function restoreVersion(kind: ModelKind, id: string, version: number): Promise<ModelDraft> {
  return requestJson<ModelDraft>('POST', `${modelPath(kind, id)}/versions/${version}/restore`);
}

/** Withdraws a draft that does not wait for the board. */
export function withdrawDraft(id: string): Promise<ModelDraft> {
  return requestJson<ModelDraft>('DELETE', `/api/model-drafts/${encodeURIComponent(id)}`);
}

/** Plans the migration of every running instance of `fromVersion` to `toVersion`. */
export function planMigration(
  id: string,
  fromVersion: number,
  toVersion: number,
  signal?: AbortSignal,
): Promise<MigrationPlanList> {
  return requestJson<MigrationPlanList>(
    'POST',
    `${modelPath('process', id)}/migration-plan`,
    { fromVersion, toVersion },
    signal,
  );
}

/**
 * Moves one running instance to the target version through the Camunda-compatible
 * `/v2` route, which accepts the browser session and its CSRF token. eiso maps every element to
 * the element with the same id, so the request sends no mapping instructions.
 */
export async function migrateInstance(
  processInstanceKey: string,
  targetProcessDefinitionKey: string,
  signal?: AbortSignal,
): Promise<void> {
  await request(
    'POST',
    `/v2/process-instances/${encodeURIComponent(processInstanceKey)}/migration`,
    { targetProcessDefinitionKey, mappingInstructions: [] },
    signal,
  );
}

/** Returns the route of the editor of a draft. */
export function draftEditorHash(kind: ModelKind, resourceId: string, draftId: string): string {
  return `#/models/${kind}/${encodeURIComponent(resourceId)}?draft=${encodeURIComponent(draftId)}`;
}
