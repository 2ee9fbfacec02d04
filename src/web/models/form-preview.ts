import { h, replaceChildren } from '../core/dom.js';
import type { FormSchema } from '../core/types.js';
import { alertBox, errorPanel } from '../core/ui.js';
import { mountTaskForm } from '../forms/task-form.js';
import type { FormIssue, TaskForm } from '../forms/task-form.js';
import { t } from '../i18n/index.js';
import { validateFormPreview } from './models-api.js';

function uniqueIssues(issues: FormIssue[]): FormIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.label}\n${issue.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function issueList(issues: FormIssue[]): HTMLElement {
  return h(
    'ul',
    { class: 'preview-issues' },
    issues.map((issue) =>
      h(
        'li',
        null,
        issue.focus
          ? h(
              'button',
              { type: 'button', class: 'link-button', onclick: issue.focus },
              `${issue.label}: ${issue.message}`,
            )
          : `${issue.label}: ${issue.message}`,
      ),
    ),
  );
}

async function check(form: TaskForm, schema: FormSchema, result: HTMLElement): Promise<void> {
  const { data, issues } = form.submit();
  try {
    const details = await validateFormPreview(schema, data);
    const all = uniqueIssues([...form.showServerErrors(details), ...issues]);
    replaceChildren(
      result,
      all.length === 0
        ? alertBox('success', h('p', null, t('models.form.previewValid')))
        : alertBox(
            'error',
            h('p', null, t('models.form.previewInvalid', { count: all.length })),
            issueList(all),
          ),
    );
  } catch (error) {
    replaceChildren(result, errorPanel(error));
  }
}

/**
 * Renders the form as a task shows it, with a button that validates the entered data with the
 * server's rules for a task submission.
 */
export function mountFormPreview(
  container: HTMLElement,
  schema: FormSchema,
  formId: string,
): { destroy(): void } {
  const formArea = h('div', { class: 'task-form form-preview' });
  const result = h('div', { class: 'preview-result', 'aria-live': 'polite' });
  let form: TaskForm | null = null;
  let destroyed = false;
  const button = h(
    'button',
    {
      type: 'button',
      class: 'button button-primary',
      disabled: true,
      onclick: () => (form ? void check(form, schema, result) : undefined),
    },
    t('models.form.previewCheck'),
  );
  replaceChildren(
    container,
    h('p', { class: 'muted' }, t('models.form.previewHelp')),
    formArea,
    button,
    result,
  );
  mountTaskForm(formArea, schema, formId, {}, false).then(
    (mounted) => {
      if (destroyed) {
        mounted.destroy();
        return;
      }
      form = mounted;
      button.disabled = false;
    },
    (error: unknown) => replaceChildren(formArea, errorPanel(error)),
  );
  return {
    destroy() {
      destroyed = true;
      form?.destroy();
    },
  };
}
