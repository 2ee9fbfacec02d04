import '../styles/model-versions.css';
import { isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { navigate } from '../core/router.js';
import {
  alertBox,
  badge,
  errorMessage,
  errorPanel,
  loading,
  pageHeading,
  tableRegion,
} from '../core/ui.js';
import { t } from '../i18n/index.js';
import { migrationProblemTexts } from '../model-versions/migration-problems.js';
import {
  backToVersions,
  migrationHash,
  modelName,
  queryVersion,
  versionPicker,
} from '../model-versions/page-parts.js';
import {
  findModel,
  loadModels,
  migrateInstance,
  migrationPlanLimit,
  planMigration,
  type MigrationPlan,
  type MigrationPlanList,
  type ModelEntry,
} from '../model-versions/versions-api.js';
import { mayEditModels } from '../models/model-access.js';

interface PlanRow {
  plan: MigrationPlan;
  checkbox: HTMLInputElement;
  result: HTMLElement;
}

interface MigrationView {
  context: PageContext;
  from: number;
  to: number;
  list: MigrationPlanList;
  rows: PlanRow[];
  selectAll: HTMLInputElement;
  submit: HTMLButtonElement;
  progress: Progress;
  /** Keys of the instances that this page moved. */
  migrated: Set<string>;
}

function instanceLabel(plan: MigrationPlan): string {
  return plan.businessKey ?? plan.processInstanceKey;
}

function activeSteps(plan: MigrationPlan): HTMLElement {
  const active = plan.elements.filter((element) => element.active);
  if (active.length === 0) {
    return h('span', { class: 'muted' }, t('modelVersions.migration.noActive'));
  }
  return h(
    'ul',
    { class: 'mv-plain-list' },
    active.map((element) => h('li', null, element.name ?? element.elementId)),
  );
}

function checkResult(plan: MigrationPlan): HTMLElement {
  if (plan.migratable) {
    return badge('state-completed', t('modelVersions.migration.migratable'));
  }
  return h(
    'div',
    null,
    badge('incident', t('modelVersions.migration.notMigratable')),
    h(
      'ul',
      { class: 'mv-plain-list mv-problem-texts' },
      migrationProblemTexts(plan).map((text) => h('li', null, text)),
    ),
  );
}

function selectedRows(view: MigrationView): PlanRow[] {
  return view.rows.filter((row) => row.checkbox.checked && !row.checkbox.disabled);
}

function updateSelection(view: MigrationView): void {
  const selectable = view.rows.filter((row) => !row.checkbox.disabled);
  const count = selectedRows(view).length;
  view.selectAll.checked = selectable.length > 0 && count === selectable.length;
  view.selectAll.indeterminate = count > 0 && count < selectable.length;
  view.selectAll.disabled = selectable.length === 0;
  view.submit.disabled = count === 0;
  view.submit.textContent = t('modelVersions.migration.submit', { count, version: view.to });
}

function planRow(plan: MigrationPlan, onChange: () => void): PlanRow {
  const checkbox = h('input', {
    type: 'checkbox',
    disabled: !plan.migratable,
    'aria-label': t('modelVersions.migration.select', { instance: instanceLabel(plan) }),
    onchange: onChange,
  });
  return { plan, checkbox, result: h('td', { class: 'mv-result' }) };
}

function planTable(view: MigrationView): HTMLElement {
  const columns = ['instance', 'active', 'check', 'result'].map((column) =>
    h('th', { scope: 'col' }, t(`modelVersions.migration.columns.${column}`)),
  );
  const rows = view.rows.map((row) =>
    h(
      'tr',
      { 'data-instance': row.plan.processInstanceKey },
      h('td', null, row.checkbox),
      h(
        'td',
        null,
        h(
          'a',
          { href: `#/instances/${encodeURIComponent(row.plan.processInstanceKey)}` },
          instanceLabel(row.plan),
        ),
      ),
      h('td', null, activeSteps(row.plan)),
      h('td', null, checkResult(row.plan)),
      row.result,
    ),
  );
  return tableRegion(
    t('modelVersions.migration.tableLabel'),
    h(
      'table',
      { class: 'table mv-plan' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, view.selectAll), columns)),
      h('tbody', null, rows),
    ),
  );
}

interface Progress {
  element: HTMLElement;
  bar: HTMLProgressElement;
  text: HTMLElement;
  outcome: HTMLElement;
}

// The status text exists from the start, so that screen readers announce its changes.
function progressBox(): Progress {
  const bar = h('progress', { id: 'mv-migration-progress', max: 1, value: 0 });
  const text = h('span', { class: 'mv-progress-text', role: 'status' });
  const meter = h(
    'div',
    { class: 'mv-progress', hidden: true },
    h('label', { for: 'mv-migration-progress' }, t('modelVersions.migration.progressLabel')),
    bar,
  );
  const outcome = h('div', { class: 'mv-outcome' });
  return { element: h('div', null, meter, text, outcome), bar, text, outcome };
}

function showProgress(progress: Progress, done: number, total: number): void {
  progress.bar.parentElement?.removeAttribute('hidden');
  progress.bar.max = total;
  progress.bar.value = done;
  progress.text.textContent = t('modelVersions.migration.progress', { done, total });
}

async function migrateOne(view: MigrationView, row: PlanRow): Promise<boolean> {
  row.result.replaceChildren(t('modelVersions.migration.moving'));
  try {
    await migrateInstance(
      row.plan.processInstanceKey,
      view.list.targetProcessDefinitionKey,
      view.context.signal,
    );
    row.result.replaceChildren(
      badge('state-completed', t('modelVersions.migration.moved', { version: view.to })),
    );
    row.checkbox.checked = false;
    view.migrated.add(row.plan.processInstanceKey);
    return true;
  } catch (error) {
    if (isAbortError(error)) {
      throw error;
    }
    row.result.replaceChildren(h('span', { class: 'mv-error-text' }, errorMessage(error)));
    return false;
  }
}

/** Migrates the selected instances one after another, showing the progress and each result. */
async function migrateSelected(view: MigrationView): Promise<void> {
  const rows = selectedRows(view);
  const total = rows.length;
  if (!window.confirm(t('modelVersions.migration.confirm', { count: total, version: view.to }))) {
    return;
  }

  view.submit.disabled = true;
  view.selectAll.disabled = true;
  view.rows.forEach((row) => (row.checkbox.disabled = true));

  let moved = 0;
  for (const [index, row] of rows.entries()) {
    showProgress(view.progress, index, total);
    if (await migrateOne(view, row)) {
      moved += 1;
    }
  }

  showProgress(view.progress, total, total);
  view.progress.outcome.replaceChildren(
    alertBox(
      moved === total ? 'success' : 'warning',
      h('p', null, t('modelVersions.migration.finished', { moved, total, failed: total - moved })),
      h(
        'button',
        { type: 'button', class: 'button', onclick: () => view.context.reload() },
        t('modelVersions.migration.replan'),
      ),
    ),
  );

  view.rows.forEach((row) => {
    row.checkbox.disabled = !row.plan.migratable || view.migrated.has(row.plan.processInstanceKey);
  });
  updateSelection(view);
}

function renderPlan(context: PageContext, from: number, to: number, list: MigrationPlanList) {
  const selectAll = h('input', {
    type: 'checkbox',
    'aria-label': t('modelVersions.migration.selectAll'),
  });
  const submit = h('button', { type: 'button', class: 'button button-primary' });
  const progress = progressBox();
  const view: MigrationView = {
    context,
    from,
    to,
    list,
    rows: [],
    selectAll,
    submit,
    progress,
    migrated: new Set(),
  };
  view.rows = list.items.map((plan) => planRow(plan, () => updateSelection(view)));
  selectAll.addEventListener('change', () => {
    view.rows
      .filter((row) => !row.checkbox.disabled)
      .forEach((row) => (row.checkbox.checked = selectAll.checked));
    updateSelection(view);
  });
  submit.addEventListener('click', () => {
    migrateSelected(view).catch((error: unknown) => {
      if (!isAbortError(error)) progress.outcome.replaceChildren(errorPanel(error));
    });
  });
  updateSelection(view);
  const migratable = list.items.filter((plan) => plan.migratable).length;
  return h(
    'section',
    { class: 'mv-section', 'aria-labelledby': 'mv-plan-title' },
    h('h2', { id: 'mv-plan-title' }, t('modelVersions.migration.planTitle', { from, to })),
    h(
      'p',
      null,
      t('modelVersions.migration.planSummary', { total: list.items.length, migratable }),
    ),
    list.items.length >= migrationPlanLimit
      ? alertBox(
          'info',
          h('p', null, t('modelVersions.migration.limited', { limit: migrationPlanLimit })),
        )
      : null,
    planTable(view),
    h('div', { class: 'mv-toolbar' }, submit),
    progress.element,
  );
}

function defaultVersions(entry: ModelEntry, query: URLSearchParams): { from: number; to: number } {
  const latest = entry.latestVersion;
  const running = entry.versions.filter((version) => version.runningInstances > 0);
  const from =
    queryVersion(query, 'from') ?? running.find((v) => v.version !== latest)?.version ?? latest;
  const fallbackTo = from === latest ? (entry.versions[1]?.version ?? latest) : latest;
  return { from, to: queryVersion(query, 'to') ?? fallbackTo };
}

function picker(entry: ModelEntry, from: number, to: number): HTMLElement {
  const versions = entry.versions.map((version) => version.version);
  const running = entry.versions
    .filter((version) => version.runningInstances > 0 || version.version === from)
    .map((version) => version.version);
  return versionPicker({
    idPrefix: 'mv-migration',
    legend: t('modelVersions.migration.pickerLegend'),
    fromLabel: t('modelVersions.migration.from'),
    toLabel: t('modelVersions.migration.to'),
    submitLabel: t('modelVersions.migration.plan'),
    fromVersions: running,
    toVersions: versions,
    from,
    to,
    onSubmit: (nextFrom, nextTo) => navigate(migrationHash(entry.id, nextFrom, nextTo)),
  });
}

async function renderMigration(context: PageContext, entry: ModelEntry): Promise<void> {
  const { from, to } = defaultVersions(entry, context.route.query);
  const title = t('modelVersions.migration.title', { name: modelName(entry, entry.id) });
  context.setTitle(title);
  const body = h('div', null, loading());
  context.root.replaceChildren(
    pageHeading(title),
    backToVersions('process', entry.id),
    h('p', null, t('modelVersions.migration.intro')),
    picker(entry, from, to),
    body,
  );
  if (from === to) {
    body.replaceChildren(alertBox('info', h('p', null, t('modelVersions.migration.sameVersion'))));
    return;
  }
  const list = await planMigration(entry.id, from, to, context.signal);
  body.replaceChildren(
    list.items.length === 0
      ? h(
          'p',
          { class: 'empty-state' },
          t('modelVersions.migration.noInstances', { version: from }),
        )
      : renderPlan(context, from, to, list),
  );
}

/**
 * Renders `#/models/process/<id>/migration?from=&to=`: the migration plan of each running instance
 * of one version, and the migration of the selected ones to the other version.
 */
export async function renderModelMigrationPage(context: PageContext): Promise<void> {
  const id = context.route.params.id ?? '';
  const heading = t('modelVersions.migration.title', { name: id });
  context.setTitle(heading);
  if (!mayEditModels(context.session)) {
    context.root.replaceChildren(
      pageHeading(heading),
      alertBox('error', h('p', null, t('modelVersions.forbidden'))),
    );
    return;
  }
  context.root.replaceChildren(pageHeading(heading), loading());
  try {
    const entry = findModel(await loadModels(context.signal), 'process', id);
    if (!entry) {
      context.root.replaceChildren(
        pageHeading(heading),
        alertBox('error', h('p', null, t('modelVersions.notFound.process', { id }))),
      );
      return;
    }
    await renderMigration(context, entry);
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(
        pageHeading(heading),
        backToVersions('process', id),
        errorPanel(error, context.reload),
      );
    }
  }
}
