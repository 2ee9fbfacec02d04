import '../styles/model-versions.css';
import { isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { navigate } from '../core/router.js';
import { alertBox, errorPanel, loading, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { comparisonView } from '../model-versions/diff-view.js';
import { formDiffView } from '../model-versions/form-diff-view.js';
import {
  backToVersions,
  diffHash,
  modelName,
  queryVersion,
  versionPicker,
} from '../model-versions/page-parts.js';
import {
  findModel,
  loadModels,
  loadVersionContent,
  loadVersionDiff,
  type ModelEntry,
  type ModelKind,
} from '../model-versions/versions-api.js';

interface DiffRequest {
  kind: ModelKind;
  id: string;
  from: number;
  to: number;
}

function picker(request: DiffRequest, entry: ModelEntry): HTMLElement {
  const versions = entry.versions.map((version) => version.version);
  return versionPicker({
    idPrefix: 'mv-diff',
    legend: t('modelVersions.versions.compareLegend'),
    fromLabel: t('modelVersions.versions.compareFrom'),
    toLabel: t('modelVersions.versions.compareTo'),
    submitLabel: t('modelVersions.versions.compare'),
    fromVersions: versions,
    toVersions: versions,
    from: request.from,
    to: request.to,
    onSubmit: (from, to) => navigate(diffHash(request.kind, request.id, from, to)),
  });
}

async function comparison(context: PageContext, request: DiffRequest) {
  const { kind, id, from, to } = request;
  const captions = {
    before: t('modelVersions.diff.versionCaption', { version: from }),
    after: t('modelVersions.diff.versionCaption', { version: to }),
  };
  if (kind === 'process') {
    const result = await loadVersionDiff(id, from, to, context.signal);
    return comparisonView(context, result, captions);
  }
  const [before, after] = await Promise.all([
    loadVersionContent('form', id, from, context.signal),
    loadVersionContent('form', id, to, context.signal),
  ]);
  const label = t('modelVersions.json.label', captions);
  return {
    element: formDiffView(before, after, label),
    mount: async () => undefined,
    reveal: () => undefined,
  };
}

/** Renders `#/models/<kind>/<id>/diff?from=&to=`: two versions compared on the diagram or as JSON. */
export async function renderModelDiffPage(context: PageContext): Promise<void> {
  const kind: ModelKind = context.route.params.kind === 'form' ? 'form' : 'process';
  const id = context.route.params.id ?? '';
  const heading = t('modelVersions.diff.pageTitle');
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
    const latest = entry.latestVersion;
    const request: DiffRequest = {
      kind,
      id,
      from: queryVersion(context.route.query, 'from') ?? Math.max(1, latest - 1),
      to: queryVersion(context.route.query, 'to') ?? latest,
    };
    const view = await comparison(context, request);
    const title = t('modelVersions.diff.title', {
      from: request.from,
      to: request.to,
      name: modelName(entry, id),
    });
    context.setTitle(title);
    context.root.replaceChildren(
      pageHeading(title),
      backToVersions(kind, id),
      picker(request, entry),
      view.element,
    );
    await view.mount();
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(
        pageHeading(heading),
        backToVersions(kind, id),
        errorPanel(error, context.reload),
      );
    }
  }
}
