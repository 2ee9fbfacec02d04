import { requestJson } from '../../core/api.js';
import { h } from '../../core/dom.js';
import type { PageContext } from '../../core/page.js';
import { isReadOnly } from '../../core/read-only.js';
import type { Session } from '../../core/types.js';
import { alertBox, badge, errorMessage, headerRow, tableRegion } from '../../core/ui.js';
import { getLanguage } from '../../i18n/index.js';
import { cellValue, displayValue } from '../../registers/register-format.js';
import { column, section, text, type Registers, type Values } from './review-view-common.js';

function mayConfirm(session: Session, action: Values): boolean {
  if (isReadOnly(session)) return false;
  const groups = session.user.groups.map((group) => group.code);
  const owner = `head-${String(action.ownerDepartmentCode ?? '')}`;
  return ['iso-secretary', 'board', owner].some((group) => groups.includes(group));
}

function completionForm(context: PageContext, action: Values): HTMLElement {
  const dateId = `completed-on-${action.id}`;
  const noteId = `completion-note-${action.id}`;
  const date = h('input', { id: dateId, type: 'date', required: true });
  const note = h('textarea', { id: noteId, required: true, maxlength: 4000, rows: 2 });
  const message = h('div', { class: 'form-message' });
  const form = h(
    'form',
    { class: 'action-completion', 'data-action': action.id },
    h('label', { for: dateId }, text('Ngày hoàn thành', 'Completed on')),
    date,
    h('label', { for: noteId }, text('Kết quả thực hiện', 'Result')),
    note,
    h('button', { type: 'submit', class: 'button' }, text('Xác nhận hoàn thành', 'Confirm done')),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { completedOn: date.value, completionNote: note.value };
    requestJson('POST', `/api/review-actions/${encodeURIComponent(action.id)}/complete`, body)
      .then(() => context.reload())
      .catch((error: unknown) =>
        message.replaceChildren(alertBox('error', h('p', null, errorMessage(error)))),
      );
  });
  return form;
}

// An open action that the user may confirm gets its completion form on a row of its own below
// it, because the form is wider than any cell.
function actionRows(
  context: PageContext,
  registers: Registers,
  action: Values,
): HTMLTableRowElement[] {
  const cell = (key: string, status = false) =>
    h('td', null, cellValue(column(registers.actions, key), action[key], status));
  const open = action.status === 'open';
  const overdue = open && action.overdue === true;
  const row = h(
    'tr',
    { 'data-action': action.id, class: overdue ? 'overdue' : '' },
    cell('outputType'),
    cell('description'),
    cell('ownerDepartment'),
    cell('ownerName'),
    cell('deadline'),
    h(
      'td',
      null,
      displayValue(column(registers.actions, 'status'), action.status, true),
      overdue ? [' ', badge('overdue', text('Quá hạn', 'Overdue'))] : null,
    ),
    cell('correctiveActionKey'),
    cell('completionNote'),
  );
  if (!open || !mayConfirm(context.session, action)) return [row];
  const formRow = h(
    'tr',
    { class: 'action-completion-row' },
    h('td', { colspan: 8 }, completionForm(context, action)),
  );
  return [row, formRow];
}

/** Renders the actions of a review, with a completion form where the user may confirm one. */
export function actionsSection(
  context: PageContext,
  registers: Registers,
  actions: Values[],
): HTMLElement {
  if (actions.length === 0) {
    return section(
      'review-actions',
      text('Hành động', 'Actions'),
      h('p', { class: 'muted' }, text('Chưa có hành động.', 'No actions yet.')),
    );
  }
  const labels = [
    'outputType',
    'description',
    'ownerDepartment',
    'ownerName',
    'deadline',
    'status',
    'correctiveActionKey',
    'completionNote',
  ].map((key) => column(registers.actions, key).label[getLanguage()]);
  const table = h(
    'table',
    { class: 'table review-actions-table' },
    headerRow(labels),
    h(
      'tbody',
      null,
      actions.flatMap((action) => actionRows(context, registers, action)),
    ),
  );
  return section(
    'review-actions',
    text('Hành động (điều 9.3.3)', 'Actions (clause 9.3.3)'),
    tableRegion(text('Hành động', 'Actions'), table),
  );
}
