import '../styles/model-versions.css';
import { isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import { setFlash } from '../core/flash.js';
import { formatDateTime, formatNumber } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { navigate } from '../core/router.js';
import {
  alertBox,
  badge,
  errorPanel,
  headerRow,
  loading,
  pageHeading,
  tableRegion,
} from '../core/ui.js';
import { t } from '../i18n/index.js';
import {
  checksumText,
  deployerLabel,
  draftStatusLabel,
  sourceLabel,
} from '../model-versions/labels.js';
import {
  diffHash,
  draftReviewHash,
  migrationHash,
  modelName,
  versionPicker,
} from '../model-versions/page-parts.js';
import {
  draftEditorHash,
  findModel,
  loadModels,
  restoreVersion,
  versionDownloadUrl,
  type ModelEntry,
  type ModelKind,
  type ModelVersion,
} from '../model-versions/versions-api.js';
import { mayEditModels } from '../models/model-access.js';

interface VersionsView {
  context: PageContext;
  kind: ModelKind;
  entry: ModelEntry;
  editor: boolean;
  /** Container of the error message of a failed restore. */
  status: HTMLElement;
}

function runningBar(count: number, max: number): HTMLElement {
  const bar = h('span', { class: 'mv-bar', 'aria-hidden': 'true' });
  bar.style.width = max > 0 ? `${Math.round((count / max) * 100)}%` : '0';
  return h(
    'span',
    { class: 'mv-running' },
    h('span', { class: 'mv-bar-track', 'aria-hidden': 'true' }, bar),
    h(
      'span',
      { class: count === 0 ? 'mv-running-count muted' : 'mv-running-count' },
      formatNumber(count),
    ),
  );
}

async function restore(view: VersionsView, version: number, button: HTMLButtonElement) {
  const { kind, entry } = view;
  if (!window.confirm(t('modelVersions.versions.restoreConfirm', { version }))) {
    return;
  }
  button.disabled = true;
  view.status.replaceChildren();
  try {
    const draft = await restoreVersion(kind, entry.id, version);
    setFlash('success', t('modelVersions.versions.restored', { version }));
    navigate(draftReviewHash(draft.id));
  } catch (error) {
    button.disabled = false;
    view.status.replaceChildren(errorPanel(error));
  }
}

function actions(view: VersionsView, version: ModelVersion, previous: number | null) {
  const { kind, entry, editor } = view;
  const items: HTMLElement[] = [
    h(
      'a',
      { href: versionDownloadUrl(kind, entry.id, version.version), download: '' },
      t('modelVersions.versions.download'),
    ),
  ];
  if (previous !== null) {
    items.push(
      h(
        'a',
        { href: diffHash(kind, entry.id, previous, version.version) },
        t('modelVersions.versions.compareWithPrevious'),
      ),
    );
  }
  if (editor && version.version !== entry.latestVersion) {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'link-button',
        disabled: entry.openDraft !== null,
        'data-restore': version.version,
      },
      t('modelVersions.versions.restore'),
    );
    button.addEventListener('click', () => void restore(view, version.version, button));
    items.push(button);
  }
  if (editor && kind === 'process' && version.runningInstances > 0 && entry.versions.length > 1) {
    const target = version.version === entry.latestVersion ? undefined : entry.latestVersion;
    items.push(
      h(
        'a',
        { href: migrationHash(entry.id, version.version, target) },
        t('modelVersions.versions.migrate'),
      ),
    );
  }
  return h(
    'ul',
    { class: 'mv-actions' },
    items.map((item) => h('li', null, item)),
  );
}

function versionCell(entry: ModelEntry, version: ModelVersion): HTMLElement {
  return h(
    'td',
    null,
    h('strong', null, t('modelVersions.versionNumber', { version: version.version })),
    version.version === entry.latestVersion
      ? [' ', badge('state-active', t('modelVersions.versions.inForce'))]
      : null,
  );
}

function versionsTable(view: VersionsView): HTMLElement {
  const { kind, entry } = view;
  const showRunning = kind === 'process';
  const columns = ['version', 'deployedAt', 'deployedBy', 'comment', 'source', 'checksum'];
  if (showRunning) {
    columns.push('running');
  }
  columns.push('actions');
  const maxRunning = Math.max(0, ...entry.versions.map((version) => version.runningInstances));
  const rows = entry.versions.map((version, index) =>
    h(
      'tr',
      { 'data-version': version.version },
      versionCell(entry, version),
      h(
        'td',
        null,
        h('time', { datetime: version.deployedAt }, formatDateTime(version.deployedAt)),
      ),
      h('td', null, deployerLabel(version.deployedBy, version.deployedByName)),
      h('td', { class: 'mv-comment' }, version.comment ?? ''),
      h('td', null, sourceLabel(version.source)),
      h('td', null, checksumText(version.checksum)),
      showRunning ? h('td', null, runningBar(version.runningInstances, maxRunning)) : null,
      h('td', null, actions(view, version, entry.versions[index + 1]?.version ?? null)),
    ),
  );
  return tableRegion(
    t('modelVersions.versions.tableLabel'),
    h(
      'table',
      { class: 'table mv-versions' },
      headerRow(columns.map((column) => t(`modelVersions.versions.columns.${column}`))),
      h('tbody', null, rows),
    ),
  );
}

function draftNotice(view: VersionsView): HTMLElement | null {
  const { kind, entry, editor } = view;
  const draft = entry.openDraft;
  if (!draft) {
    return null;
  }
  return alertBox(
    'info',
    h(
      'p',
      null,
      t('modelVersions.versions.openDraft', { status: draftStatusLabel(draft.status) }),
      ' ',
      editor
        ? h('a', { href: draftReviewHash(draft.id) }, t('modelVersions.versions.viewDraft'))
        : null,
    ),
    editor
      ? h(
          'p',
          null,
          t('modelVersions.versions.restoreBlocked'),
          ' ',
          h(
            'a',
            { href: draftEditorHash(kind, entry.id, draft.id) },
            t('modelVersions.openEditor'),
          ),
        )
      : null,
  );
}

function comparePicker(view: VersionsView): HTMLElement | null {
  const { kind, entry } = view;
  const versions = entry.versions.map((version) => version.version);
  if (versions.length < 2) {
    return null;
  }
  return versionPicker({
    idPrefix: 'mv-compare',
    legend: t('modelVersions.versions.compareLegend'),
    fromLabel: t('modelVersions.versions.compareFrom'),
    toLabel: t('modelVersions.versions.compareTo'),
    submitLabel: t('modelVersions.versions.compare'),
    fromVersions: versions,
    toVersions: versions,
    from: versions[1] ?? null,
    to: versions[0] ?? null,
    onSubmit: (from, to) => navigate(diffHash(kind, entry.id, from, to)),
  });
}

function renderVersions(view: VersionsView): void {
  const { context, kind, entry } = view;
  const title = t(`modelVersions.versions.title.${kind}`, { name: modelName(entry, entry.id) });
  context.setTitle(title);
  context.root.replaceChildren(
    pageHeading(title),
    h('p', { class: 'muted' }, t('modelVersions.resourceId'), ' ', h('code', null, entry.id)),
    ...[draftNotice(view), comparePicker(view)].filter((node) => node !== null),
    view.status,
    entry.versions.length > 0
      ? versionsTable(view)
      : h('p', { class: 'empty-state' }, t('modelVersions.versions.none')),
  );
}

/** Renders `#/models/<kind>/<id>/versions`: the versions of a process or form and their actions. */
export async function renderModelVersionsPage(context: PageContext): Promise<void> {
  const kind: ModelKind = context.route.params.kind === 'form' ? 'form' : 'process';
  const id = context.route.params.id ?? '';
  const heading = t(`modelVersions.versions.title.${kind}`, { name: id });
  context.setTitle(heading);
  context.root.replaceChildren(pageHeading(heading), loading());
  try {
    const entry = findModel(await loadModels(context.signal), kind, id);
    if (!entry) {
      context.root.replaceChildren(
        pageHeading(heading),
        alertBox('error', h('p', null, t(`modelVersions.notFound.${kind}`, { id }))),
      );
      return;
    }
    const status = h('div', { class: 'mv-action-status' });
    renderVersions({ context, kind, entry, editor: mayEditModels(context.session), status });
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(pageHeading(heading), errorPanel(error, context.reload));
    }
  }
}
