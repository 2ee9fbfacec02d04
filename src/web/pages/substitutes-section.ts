import { isAbortError } from '../core/api.js';
import { loadDirectory, userOptions, type Directory } from '../core/directory.js';
import { h } from '../core/dom.js';
import { formatDate } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { isReadOnly } from '../core/read-only.js';
import { alertBox, errorMessage, errorPanel, loading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import {
  addSubstitute,
  deleteSubstitute,
  loadSubstitutes,
  type SubstituteRule,
} from './task-collaboration-api.js';

interface SectionState {
  context: PageContext;
  isLeader: boolean;
  list: HTMLElement;
  status: HTMLElement;
}

function ruleNames(rule: SubstituteRule): { user: string; substitute: string } {
  return {
    user: rule.absentUserName ?? rule.username,
    substitute: rule.substituteName ?? rule.substitute,
  };
}

function ruleItem(state: SectionState, rule: SubstituteRule): HTMLElement {
  const names = ruleNames(rule);
  const text = t('collab.substitutes.rule', {
    ...names,
    from: formatDate(rule.fromDate),
    to: formatDate(rule.toDate),
  });
  // The server lets a user delete their own rules, and a leader every rule of the unit.
  const mayDelete =
    !isReadOnly(state.context.session) &&
    (state.isLeader || rule.username === state.context.session.user.username);
  const remove = mayDelete
    ? h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          'aria-label': t('collab.substitutes.removeLabel', names),
          onclick: () => {
            void deleteSubstitute(rule)
              .then(() => reload(state))
              .catch((error: unknown) =>
                state.status.replaceChildren(alertBox('error', errorMessage(error))),
              );
          },
        },
        t('collab.substitutes.remove'),
      )
    : null;
  return h('li', { 'data-rule-id': rule.id }, h('span', null, text), ' ', remove);
}

async function reload(state: SectionState): Promise<void> {
  try {
    const rules = await loadSubstitutes(state.context.signal);
    state.list.replaceChildren(
      rules.length === 0
        ? h('p', { class: 'muted' }, t('collab.substitutes.none'))
        : h(
            'ul',
            {
              class: 'collab-attachments substitutes-list',
              'aria-label': t('collab.substitutes.listLabel'),
            },
            rules.map((rule) => ruleItem(state, rule)),
          ),
    );
  } catch (error) {
    if (!isAbortError(error))
      state.list.replaceChildren(errorPanel(error, () => void reload(state)));
  }
}

// The label is a sibling of its control, because a label around a select takes in the options' text.
function field(id: string, label: string, control: HTMLElement): HTMLElement {
  control.id = id;
  return h('div', { class: 'substitutes-field' }, h('label', { for: id }, label), control);
}

function ruleForm(state: SectionState, directory: Directory): HTMLElement {
  const self = state.context.session.user.username;
  const user = h(
    'select',
    { name: 'username' },
    h('option', { value: '' }, t('collab.substitutes.self')),
    userOptions(directory, '', [self]),
  );
  const substitute = h(
    'select',
    { name: 'substitute', required: true },
    h('option', { value: '' }, t('collab.choose')),
    userOptions(directory, ''),
  );
  const fromDate = h('input', { type: 'date', name: 'fromDate', required: true });
  const toDate = h('input', { type: 'date', name: 'toDate', required: true });
  const form = h(
    'form',
    { class: 'substitutes-form' },
    state.isLeader ? field('substitute-user', t('collab.substitutes.user'), user) : null,
    field('substitute-name', t('collab.substitutes.substitute'), substitute),
    field('substitute-from', t('collab.substitutes.fromDate'), fromDate),
    field('substitute-to', t('collab.substitutes.toDate'), toDate),
    h('button', { type: 'submit', class: 'button' }, t('collab.substitutes.add')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.status.replaceChildren();
    void addSubstitute({
      ...(state.isLeader && user.value ? { username: user.value } : {}),
      substitute: substitute.value,
      fromDate: fromDate.value,
      toDate: toDate.value,
    })
      .then(() => {
        form.reset();
        return reload(state);
      })
      .catch((error: unknown) =>
        state.status.replaceChildren(alertBox('error', errorMessage(error))),
      );
  });
  return form;
}

function fillRuleForm(state: SectionState, slot: HTMLElement): void {
  slot.replaceChildren(loading());
  loadDirectory(state.context.session.user.username)
    .then((directory) => slot.replaceChildren(ruleForm(state, directory)))
    .catch((error: unknown) => {
      if (!isAbortError(error)) slot.replaceChildren(errorPanel(error));
    });
}

/**
 * Builds the section of substitute rules: the signed-in user's own, or everyone's for a leader,
 * each naming by full name who takes the new tasks of an absent user and on which days. The users
 * are picked by name from the unit's users.
 */
export function substitutesSection(context: PageContext): HTMLElement {
  const state: SectionState = {
    context,
    isLeader: context.session.user.groups.some((group) => group.code === 'board'),
    list: h('div', null, loading()),
    status: h('div'),
  };
  void reload(state);

  // A read-only user sees the rules, and gets no form because the server refuses every new rule.
  const formSlot = h('div');
  if (!isReadOnly(context.session)) fillRuleForm(state, formSlot);

  return h(
    'section',
    { class: 'substitutes', 'aria-labelledby': 'substitutes-title' },
    h('h2', { id: 'substitutes-title' }, t('collab.substitutes.title')),
    h('p', { class: 'muted' }, t('collab.substitutes.intro')),
    state.list,
    state.status,
    formSlot,
  );
}
