import '../styles/model-versions.css';
import { isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import type { Child } from '../core/dom.js';
import { setFlash } from '../core/flash.js';
import { formatDateTime } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { alertBox, badge, definitionList, errorPanel, loading, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { readBpmnElements } from '../model-versions/bpmn-elements.js';
import { comparisonView, type ComparisonView } from '../model-versions/diff-view.js';
import { draftDecisionPanel } from '../model-versions/draft-decision.js';
import { formDiffView } from '../model-versions/form-diff-view.js';
import { draftStatusLabel } from '../model-versions/labels.js';
import { versionsHash } from '../model-versions/page-parts.js';
import {
  draftEditorHash,
  loadDraft,
  loadDraftDiff,
  loadVersionContent,
  withdrawDraft,
  type DraftStatus,
  type LintProblem,
  type ModelDraft,
} from '../model-versions/versions-api.js';
import { mayEditModels } from '../models/model-access.js';

const editableStatuses: DraftStatus[] = ['draft', 'returned'];

const statusBadgeKinds: Record<DraftStatus, string> = {
  draft: 'status-draft',
  submitted: 'state-active',
  returned: 'decision-return',
  deployed: 'state-completed',
  withdrawn: 'state-canceled',
};

/** Returns the person's full name, or the username without one, and the time. */
function personAndTime(username: string | null, name: string | null, time: string | null): string {
  const person = name ?? username;
  if (!person) {
    return '';
  }
  return time ? `${person} · ${formatDateTime(time)}` : person;
}

function details(draft: ModelDraft): HTMLElement {
  const entries: [string, Child][] = [
    [
      t('modelVersions.draft.fields.status'),
      badge(statusBadgeKinds[draft.status], draftStatusLabel(draft.status)),
    ],
    [t('modelVersions.draft.fields.kind'), t(`modelVersions.kind.${draft.kind}`)],
    [t('modelVersions.draft.fields.resourceId'), h('code', null, draft.resourceId)],
    [
      t('modelVersions.draft.fields.baseVersion'),
      draft.baseVersion === null
        ? t('modelVersions.draft.noBase')
        : t('modelVersions.versionNumber', { version: draft.baseVersion }),
    ],
    [t('modelVersions.draft.fields.reason'), draft.reason ?? ''],
    [
      t('modelVersions.draft.fields.created'),
      personAndTime(draft.createdBy, draft.createdByName, draft.createdAt),
    ],
    [
      t('modelVersions.draft.fields.updated'),
      personAndTime(draft.updatedBy, draft.updatedByName, draft.updatedAt),
    ],
    [
      t('modelVersions.draft.fields.submitted'),
      personAndTime(draft.submittedBy, draft.submittedByName, draft.submittedAt),
    ],
    [
      t('modelVersions.draft.fields.decided'),
      personAndTime(draft.decidedBy, draft.decidedByName, draft.decidedAt),
    ],
    [t('modelVersions.draft.fields.decisionComment'), draft.decisionComment ?? ''],
    [
      t('modelVersions.draft.fields.deployedVersion'),
      draft.deployedVersion === null
        ? ''
        : t('modelVersions.versionNumber', { version: draft.deployedVersion }),
    ],
    [
      t('modelVersions.draft.fields.approval'),
      draft.processInstanceKey
        ? h(
            'a',
            { href: `#/instances/${encodeURIComponent(draft.processInstanceKey)}` },
            t('modelVersions.draft.openApproval'),
          )
        : '',
    ],
  ];
  return definitionList(entries);
}

async function withdraw(context: PageContext, draft: ModelDraft, status: HTMLElement) {
  if (!window.confirm(t('modelVersions.draft.withdrawConfirm'))) {
    return;
  }
  status.replaceChildren();
  try {
    await withdrawDraft(draft.id);
    setFlash('success', t('modelVersions.draft.withdrawn'));
    context.reload();
  } catch (error) {
    status.replaceChildren(errorPanel(error));
  }
}

function actionBar(context: PageContext, draft: ModelDraft, status: HTMLElement): HTMLElement {
  const editable = editableStatuses.includes(draft.status);
  return h(
    'div',
    { class: 'mv-toolbar' },
    editable
      ? h(
          'a',
          {
            class: 'button button-primary',
            href: draftEditorHash(draft.kind, draft.resourceId, draft.id),
          },
          t('modelVersions.draft.edit'),
        )
      : null,
    editable
      ? h(
          'button',
          { type: 'button', class: 'button', onclick: () => void withdraw(context, draft, status) },
          t('modelVersions.draft.withdraw'),
        )
      : null,
    h(
      'a',
      { class: 'button', href: versionsHash(draft.kind, draft.resourceId) },
      t('modelVersions.draft.versions'),
    ),
  );
}

function problemList(draft: ModelDraft, view: ComparisonView | null): HTMLElement {
  if (draft.problems.length === 0) {
    return h('p', { class: 'mv-lint-clean' }, t('modelVersions.lint.none'));
  }
  const names = draft.kind === 'process' ? readBpmnElements(draft.content) : new Map();
  const errors = draft.problems.filter((problem) => problem.severity === 'error').length;
  const item = (problem: LintProblem) => {
    const name = problem.elementId
      ? (names.get(problem.elementId)?.name ?? problem.elementId)
      : null;
    const target =
      name && view && problem.elementId
        ? h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              onclick: () => view.reveal(problem.elementId!),
            },
            name,
          )
        : name;
    return h(
      'li',
      { class: `mv-problem mv-problem-${problem.severity}` },
      badge(
        problem.severity === 'error' ? 'incident' : 'status-draft',
        t(`modelVersions.lint.${problem.severity}`),
      ),
      ' ',
      target ? [target, ': '] : null,
      problem.message,
    );
  };
  return h(
    'div',
    null,
    h(
      'p',
      null,
      errors > 0
        ? t('modelVersions.lint.blocking', { count: errors })
        : t('modelVersions.lint.warningsOnly'),
    ),
    h('ul', { class: 'mv-problems' }, draft.problems.map(item)),
  );
}

async function changeView(context: PageContext, draft: ModelDraft): Promise<ComparisonView> {
  const captions = {
    before: t('modelVersions.diff.versionCaption', { version: draft.baseVersion ?? 0 }),
    after: t('modelVersions.draft.caption'),
  };
  if (draft.kind === 'process') {
    return comparisonView(context, await loadDraftDiff(draft.id, context.signal), captions);
  }
  const before =
    draft.baseVersion === null
      ? null
      : await loadVersionContent('form', draft.resourceId, draft.baseVersion, context.signal);
  return {
    element: formDiffView(before, draft.content, t('modelVersions.json.label', captions)),
    mount: async () => undefined,
    reveal: () => undefined,
  };
}

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'mv-section', 'aria-labelledby': id },
    h('h2', { id }, title),
    children,
  );
}

async function renderDraft(context: PageContext, draft: ModelDraft): Promise<void> {
  const name = draft.name ?? draft.resourceId;
  const title = t(`modelVersions.draft.title.${draft.kind}`, { name });
  const view = await changeView(context, draft).catch((error: unknown) => {
    if (isAbortError(error)) throw error;
    // The status, reason and lint problems still help when the comparison fails.
    return { element: errorPanel(error), mount: async () => undefined, reveal: () => undefined };
  });
  const decision = await draftDecisionPanel(context, draft).catch((error: unknown) => {
    if (isAbortError(error)) throw error;
    return errorPanel(error);
  });
  const status = h('div', { class: 'mv-action-status' });
  context.setTitle(title);
  context.root.replaceChildren(
    pageHeading(title),
    actionBar(context, draft, status),
    status,
    details(draft),
    ...(decision ? [decision] : []),
    section('mv-lint-title', t('modelVersions.lint.title'), problemList(draft, view)),
    section(
      'mv-draft-changes-title',
      draft.baseVersion === null
        ? t('modelVersions.draft.newModel')
        : t('modelVersions.draft.changesTitle', { version: draft.baseVersion }),
      view.element,
    ),
  );
  await view.mount();
}

/**
 * Renders `#/models/drafts/<id>`: a draft's status, reason and lint problems, and its changes
 * against the version it started from. The board opens it from the approval task, and a board
 * member who holds that task approves or returns the draft here.
 */
export async function renderModelDraftReviewPage(context: PageContext): Promise<void> {
  const id = context.route.params.id ?? '';
  const heading = t('modelVersions.draft.pageTitle', { id });
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
    await renderDraft(context, await loadDraft(id, context.signal));
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(pageHeading(heading), errorPanel(error, context.reload));
    }
  }
}
