import { getJson, isAbortError, requestJson } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import { setFlash } from '../core/flash.js';
import type { PageContext } from '../core/page.js';
import { alertBox, errorMessage, errorPanel, loading, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import {
  canEdit,
  displayValue,
  loadRegister,
  localized,
  recordHash,
  registerApi,
} from '../registers/register-format.js';
import type { RegisterDefinition, RegisterRecord } from '../registers/register-types.js';
import { relatedInstancesSection } from './related-instances.js';

const wideTypes = new Set(['longText', 'textList', 'table']);

function details(definition: RegisterDefinition, record: RegisterRecord): HTMLElement {
  const statusKey = definition.lifecycle?.statusColumn ?? 'status';
  const fields = definition.columns.map((column) =>
    h(
      'div',
      {
        class: wideTypes.has(column.type) ? 'field field-wide' : 'field',
        'data-column': column.key,
      },
      h('dt', null, localized(column.label)),
      h('dd', null, displayValue(column, record[column.key], column.key === statusKey)),
    ),
  );
  return h(
    'dl',
    { class: 'details record-details', 'aria-label': t('registers.record.details') },
    fields,
  );
}

function lockNotice(definition: RegisterDefinition, record: RegisterRecord): HTMLElement | null {
  const lifecycle = definition.lifecycle;
  if (!lifecycle || !record.locked) {
    return null;
  }
  const archived = record[lifecycle.statusColumn] === lifecycle.archivedStatus;
  return alertBox(
    'info',
    t(archived ? 'registers.record.lockedArchived' : 'registers.record.lockedApproved'),
  );
}

async function changeStatus(
  context: PageContext,
  definition: RegisterDefinition,
  record: RegisterRecord,
  status: string,
  message: string,
  feedback: HTMLElement,
): Promise<void> {
  const statusKey = definition.lifecycle?.statusColumn ?? 'status';
  try {
    await requestJson('PATCH', registerApi(definition, `/${record.id}`), { [statusKey]: status });
    setFlash('success', message);
    context.reload();
  } catch (error) {
    feedback.replaceChildren(alertBox('error', errorMessage(error)));
  }
}

function actions(
  context: PageContext,
  definition: RegisterDefinition,
  record: RegisterRecord,
  feedback: HTMLElement,
): HTMLElement {
  const lifecycle = definition.lifecycle;
  const status = lifecycle ? record[lifecycle.statusColumn] : null;
  const mayApprove = Boolean(lifecycle && definition.permissions.approve);
  const button = (label: string, target: string, done: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'button',
        onclick: () => void changeStatus(context, definition, record, target, done, feedback),
      },
      label,
    );
  return h(
    'div',
    { class: 'register-toolbar' },
    canEdit(definition, record)
      ? h(
          'a',
          { class: 'button button-primary', href: `${recordHash(definition, record.id)}/edit` },
          t('registers.record.edit'),
        )
      : null,
    mayApprove && lifecycle && !record.locked
      ? button(
          t('registers.record.approve'),
          lifecycle.approvedStatus,
          t('registers.record.approved'),
        )
      : null,
    mayApprove && lifecycle && status === lifecycle.approvedStatus
      ? button(
          t('registers.record.archive'),
          lifecycle.archivedStatus,
          t('registers.record.archived'),
        )
      : null,
  );
}

/** Renders one record of a register with its status, lock and the actions the user may take. */
export async function renderRegisterRecordPage(context: PageContext): Promise<void> {
  const { name = '', id = '' } = context.route.params;
  context.setTitle(t('registers.title'));
  context.root.replaceChildren(pageHeading(t('registers.title')), loading());
  try {
    const definition = await loadRegister(name, context.signal);
    const record = await getJson<RegisterRecord>(
      registerApi(definition, `/${encodeURIComponent(id)}`),
      context.signal,
    );
    const registerTitle = localized(definition.title);
    const title = t('registers.record.title', { register: registerTitle, id: record.id });
    context.setTitle(title);
    const feedback = h('div', { class: 'record-feedback' });
    replaceChildren(
      context.root,
      h(
        'p',
        { class: 'breadcrumb' },
        h('a', { href: '#/registers' }, t('registers.title')),
        ' › ',
        h('a', { href: `#/registers/${encodeURIComponent(definition.name)}` }, registerTitle),
      ),
      pageHeading(title, actions(context, definition, record, feedback)),
      feedback,
      lockNotice(definition, record),
      details(definition, record),
      await relatedInstancesSection(definition.name, record.id, context.signal),
    );
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(
        pageHeading(t('registers.title')),
        errorPanel(error, context.reload),
      );
    }
  }
}
