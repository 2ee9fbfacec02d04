import { isAbortError } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { buildHash } from '../core/router.js';
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
import { deployerLabel } from '../model-versions/labels.js';
import { mayEditModels } from '../models/model-access.js';
import { listModels, versionUrl } from '../models/models-api.js';
import type { ModelKind, ModelSummary } from '../models/models-api.js';

/** The editor of a model: its latest version, or its draft when it was never deployed. */
function editorHash(model: ModelSummary, draftId?: string): string {
  const draft = draftId ?? (model.latestVersion === null ? model.openDraft?.id : undefined);
  return buildHash(`/models/${model.kind}/${encodeURIComponent(model.id)}`, { draft });
}

function draftCell(model: ModelSummary): HTMLElement | string {
  const draft = model.openDraft;
  if (!draft) {
    return '';
  }
  return h(
    'div',
    { class: 'draft-cell' },
    h('a', { href: editorHash(model, draft.id) }, t('models.list.draftLink', { id: draft.id })),
    ' ',
    badge(`draft-${draft.status}`, t(`models.draft.status.${draft.status}`)),
  );
}

function versionCell(model: ModelSummary): HTMLElement | string {
  if (model.latestVersion === null) {
    return t('models.list.notDeployed');
  }
  const deployer = deployerLabel(model.latestDeployedBy, model.latestDeployedByName);
  const deployed = [deployer, formatDateTime(model.latestDeployedAt)].filter(Boolean).join(', ');
  return h(
    'div',
    null,
    String(model.latestVersion),
    deployed ? h('div', { class: 'muted' }, deployed) : null,
  );
}

function actionsCell(model: ModelSummary): HTMLElement {
  const extension = model.kind === 'process' ? 'bpmn' : 'form';
  return h(
    'div',
    { class: 'row-actions' },
    h(
      'a',
      { href: editorHash(model), class: 'button button-small' },
      t('models.list.edit'),
      h('span', { class: 'visually-hidden' }, ` ${model.name ?? model.id}`),
    ),
    model.latestVersion !== null
      ? h(
          'a',
          { href: `#/models/${model.kind}/${model.id}/versions` },
          t('models.list.versions'),
          h('span', { class: 'visually-hidden' }, ` ${model.name ?? model.id}`),
        )
      : null,
    model.latestVersion !== null
      ? h(
          'a',
          {
            href: versionUrl(model.kind, model.id, model.latestVersion, true),
            download: `${model.id}.${extension}`,
          },
          t('models.list.download', { extension }),
          h('span', { class: 'visually-hidden' }, ` ${model.name ?? model.id}`),
        )
      : null,
  );
}

function modelTable(kind: ModelKind, models: ModelSummary[]): HTMLElement {
  if (models.length === 0) {
    return h('p', { class: 'empty-state' }, t(`models.list.empty.${kind}`));
  }
  const rows = models.map((model) =>
    h(
      'tr',
      { 'data-model-id': model.id },
      h(
        'td',
        null,
        h('a', { href: editorHash(model) }, model.name ?? model.id),
        model.name ? h('div', { class: 'muted' }, model.id) : null,
      ),
      h('td', null, versionCell(model)),
      h('td', null, draftCell(model)),
      h('td', null, actionsCell(model)),
    ),
  );
  const table = h(
    'table',
    { class: 'table' },
    headerRow([
      t(`models.list.column.${kind}`),
      t('models.list.column.version'),
      t('models.list.column.draft'),
      t('models.list.column.actions'),
    ]),
    h('tbody', null, rows),
  );
  return tableRegion(t(`models.list.${kind}Heading`), table);
}

/** Renders `#/models`: the unit's processes and forms, their versions, open drafts and editors. */
export async function renderModelsPage(context: PageContext): Promise<void> {
  const title = t('models.list.title');
  context.setTitle(title);
  const body = h('div', { class: 'models-list' }, loading());
  replaceChildren(context.root, pageHeading(title), body);
  if (!mayEditModels(context.session)) {
    replaceChildren(body, alertBox('error', h('p', null, t('models.forbidden'))));
    return;
  }
  try {
    const list = await listModels(context.signal);
    replaceChildren(
      body,
      h('p', null, t('models.list.intro')),
      h(
        'section',
        { 'aria-labelledby': 'models-processes' },
        h(
          'div',
          { class: 'section-heading' },
          h('h2', { id: 'models-processes' }, t('models.list.processHeading')),
          h(
            'a',
            { href: '#/models/process/new', class: 'button button-primary' },
            t('models.list.newProcess'),
          ),
        ),
        modelTable('process', list.processes),
      ),
      h(
        'section',
        { 'aria-labelledby': 'models-forms' },
        h('h2', { id: 'models-forms' }, t('models.list.formHeading')),
        modelTable('form', list.forms),
      ),
    );
  } catch (error) {
    if (!isAbortError(error)) {
      replaceChildren(body, errorPanel(error, context.reload));
    }
  }
}
