import { ApiError, getJson, isAbortError, requestJson } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import { setFlash } from '../core/flash.js';
import type { PageContext } from '../core/page.js';
import { navigate } from '../core/router.js';
import type { ErrorDetail } from '../core/types.js';
import { alertBox, errorMessage, errorPanel, loading, pageHeading } from '../core/ui.js';
import type { FormIssue } from '../forms/task-form.js';
import { t } from '../i18n/index.js';
import { loadRegister, localized, recordHash, registerApi } from '../registers/register-format.js';
import { fieldControl, type FieldControl } from '../registers/register-inputs.js';
import type {
  EnumOption,
  RegisterColumn,
  RegisterDefinition,
  RegisterRecord,
} from '../registers/register-types.js';
import { issueSummary } from './task-actions.js';

interface FormView {
  definition: RegisterDefinition;
  record: RegisterRecord | null;
  controls: FieldControl[];
  status: HTMLElement;
}

// Without the right to approve, the status select offers only the initial status, plus the
// record's current one, so the user cannot pick a value that the server rejects with 403.
function statusOptions(
  definition: RegisterDefinition,
  column: RegisterColumn,
  current: unknown,
): EnumOption[] | null {
  const lifecycle = definition.lifecycle;
  if (!lifecycle || column.key !== lifecycle.statusColumn || definition.permissions.approve) {
    return column.options;
  }
  return (column.options ?? []).filter(
    (option) => option.value === lifecycle.initialStatus || option.value === current,
  );
}

function initialValue(definition: RegisterDefinition, column: RegisterColumn): unknown {
  if (column.key === definition.lifecycle?.statusColumn) {
    return definition.lifecycle.initialStatus;
  }
  return column.type === 'boolean' ? false : null;
}

function buildControls(
  definition: RegisterDefinition,
  record: RegisterRecord | null,
): FieldControl[] {
  return definition.columns
    .filter((column) => !column.readOnly)
    .map((column) => {
      const value = record ? record[column.key] : initialValue(definition, column);
      return fieldControl(column, value, statusOptions(definition, column, value));
    });
}

function requestBody(controls: FieldControl[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const control of controls) {
    const field = control.read();
    if (field.present) {
      body[control.column.key] = field.value;
    }
  }
  return body;
}

// The server starts each message with the field's label ("Mô tả vấn đề: …"), which the form
// already shows next to the field.
function withoutLabel(message: string, label: string): string {
  for (const separator of [': ', ', ']) {
    if (message.startsWith(`${label}${separator}`)) {
      return message.slice(label.length + separator.length);
    }
  }
  return message;
}

function showServerErrors(view: FormView, error: ApiError): void {
  const issues: FormIssue[] = [];
  const byKey = new Map<string, string[]>();
  for (const detail of error.details as ErrorDetail[]) {
    const key = detail.path.split('/')[1] ?? '';
    byKey.set(key, [...(byKey.get(key) ?? []), detail.message]);
  }
  for (const control of view.controls) {
    const label = localized(control.column.label);
    const messages = (byKey.get(control.column.key) ?? []).map((message) =>
      withoutLabel(message, label),
    );
    control.showError(messages.length ? messages.join(' ') : null);
    byKey.delete(control.column.key);
    if (messages.length) {
      issues.push({ label, message: messages.join(' '), focus: () => control.focus() });
    }
  }
  for (const messages of byKey.values()) {
    issues.push({
      label: t('registers.form.wholeRecord'),
      message: messages.join(' '),
      focus: null,
    });
  }
  const summary = issueSummary(t('registers.form.fixErrors'), issues);
  view.status.replaceChildren(summary);
  summary.focus();
}

async function submit(view: FormView, button: HTMLButtonElement): Promise<void> {
  view.status.replaceChildren();
  view.controls.forEach((control) => control.showError(null));
  const body = requestBody(view.controls);
  const { definition, record } = view;
  button.disabled = true;
  try {
    const saved = record
      ? await requestJson<RegisterRecord>('PATCH', registerApi(definition, `/${record.id}`), body)
      : await requestJson<RegisterRecord>('POST', registerApi(definition), body);
    setFlash('success', t(record ? 'registers.form.saved' : 'registers.form.created'));
    navigate(recordHash(definition, saved.id));
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && error.details.length > 0) {
      showServerErrors(view, error);
    } else {
      view.status.replaceChildren(alertBox('error', errorMessage(error)));
    }
  } finally {
    button.disabled = false;
  }
}

function renderForm(context: PageContext, view: FormView, title: string, cancelHref: string) {
  const save = h(
    'button',
    { type: 'submit', class: 'button button-primary' },
    t('registers.form.save'),
  );
  const form = h(
    'form',
    {
      class: 'record-form',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        void submit(view, save);
      },
    },
    view.controls.map((control) => control.element),
    h(
      'div',
      { class: 'form-actions' },
      save,
      h('a', { class: 'button', href: cancelHref }, t('registers.form.cancel')),
    ),
  );
  replaceChildren(
    context.root,
    h(
      'p',
      { class: 'breadcrumb' },
      h('a', { href: '#/registers' }, t('registers.title')),
      ' › ',
      h(
        'a',
        { href: `#/registers/${encodeURIComponent(view.definition.name)}` },
        localized(view.definition.title),
      ),
    ),
    pageHeading(title),
    view.status,
    form,
  );
}

/** Renders the create form (`#/registers/:name/new`) or the edit form (`…/:id/edit`) of a register. */
export async function renderRegisterFormPage(context: PageContext): Promise<void> {
  const { name = '', id } = context.route.params;
  context.setTitle(t('registers.title'));
  context.root.replaceChildren(pageHeading(t('registers.title')), loading());
  try {
    const definition = await loadRegister(name, context.signal);
    const register = localized(definition.title);
    const record = id
      ? await getJson<RegisterRecord>(
          registerApi(definition, `/${encodeURIComponent(id)}`),
          context.signal,
        )
      : null;
    const title = record
      ? t('registers.form.editTitle', { register, id: record.id })
      : t('registers.form.newTitle', { register });
    context.setTitle(title);
    const back = record
      ? recordHash(definition, record.id)
      : `#/registers/${encodeURIComponent(definition.name)}`;
    if (!definition.permissions.create || record?.locked) {
      const reason = record?.locked ? 'registers.form.locked' : 'registers.form.forbidden';
      context.root.replaceChildren(
        pageHeading(title),
        alertBox('info', h('p', null, t(reason)), h('a', { href: back }, t('registers.back'))),
      );
      return;
    }
    const view: FormView = {
      definition,
      record,
      controls: buildControls(definition, record),
      status: h('div', { class: 'form-status' }),
    };
    renderForm(context, view, title, back);
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(
        pageHeading(t('registers.title')),
        errorPanel(error, context.reload),
      );
    }
  }
}
