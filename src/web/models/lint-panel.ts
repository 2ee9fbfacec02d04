import { ApiError, isAbortError } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import { badge, errorMessage } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { lintModel } from './models-api.js';
import type { LintProblem, ModelKind } from './models-api.js';

/** Milliseconds without a change before the lint runs, so typing a name sends one request. */
const LINT_DELAY_MS = 800;

/** Options of the lint panel: the editor it checks and where its results go. */
export interface LintPanelOptions {
  kind: ModelKind;
  /** Reads the current content: the BPMN XML or the form JSON. */
  read(): Promise<string>;
  /** The name of an element to show in a row, such as a task's name. */
  describeElement(id: string): string;
  /** Selects the element of a row in the editor and returns false when it is not there. */
  select(id: string): boolean;
  /** Receives the problems after each lint, or null when the lint could not run. */
  onResult(problems: LintProblem[] | null): void;
}

/** The panel that lists the server's lint problems of the model being edited. */
export interface LintPanel {
  element: HTMLElement;
  /** Lints after the edits pause for a moment. */
  schedule(): void;
  /** Lints now. */
  run(): Promise<void>;
  destroy(): void;
}

function countText(problems: LintProblem[]): string {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) {
    return t('models.lint.clean');
  }
  return t('models.lint.counts', { errors, warnings });
}

function problemRow(problem: LintProblem, options: LintPanelOptions): HTMLElement {
  const label = problem.elementId ? options.describeElement(problem.elementId) : null;
  const content = [
    badge(problem.severity, t(`models.lint.${problem.severity}`)),
    label ? h('span', { class: 'lint-element' }, label) : null,
    h('span', { class: 'lint-message' }, problem.message),
  ];
  if (!problem.elementId) {
    return h('li', { class: 'lint-row' }, content);
  }
  const elementId = problem.elementId;
  return h(
    'li',
    null,
    h(
      'button',
      {
        type: 'button',
        class: 'lint-row lint-row-button',
        'data-element-id': elementId,
        title: t('models.lint.show'),
        onclick: () => options.select(elementId),
      },
      content,
    ),
  );
}

function unavailableText(error: unknown): string {
  if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
    return t('models.lint.missing');
  }
  return t('models.lint.failed', { reason: errorMessage(error) });
}

/** Builds the lint panel and its debounced calls of `POST /api/models/lint`. */
export function createLintPanel(options: LintPanelOptions): LintPanel {
  const summary = h('p', { class: 'lint-summary', role: 'status' }, t('models.lint.pending'));
  const list = h('ul', { class: 'lint-list' });
  const element = h(
    'section',
    { class: 'lint-panel', 'aria-labelledby': 'lint-heading' },
    h(
      'h2',
      { id: 'lint-heading' },
      t(options.kind === 'process' ? 'models.lint.titleProcess' : 'models.lint.titleForm'),
    ),
    summary,
    list,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  const show = (problems: LintProblem[]): void => {
    summary.textContent = countText(problems);
    replaceChildren(
      list,
      problems.map((problem) => problemRow(problem, options)),
    );
  };

  const run = async (): Promise<void> => {
    clearTimeout(timer);
    controller?.abort();
    const current = new AbortController();
    controller = current;
    element.setAttribute('aria-busy', 'true');
    try {
      const problems = await lintModel(options.kind, await options.read(), current.signal);
      show(problems);
      options.onResult(problems);
    } catch (error) {
      if (isAbortError(error) || current.signal.aborted) {
        return;
      }
      summary.textContent = unavailableText(error);
      replaceChildren(list);
      options.onResult(null);
    } finally {
      if (controller === current) {
        element.removeAttribute('aria-busy');
      }
    }
  };

  return {
    element,
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), LINT_DELAY_MS);
    },
    run,
    destroy() {
      clearTimeout(timer);
      controller?.abort();
    },
  };
}
