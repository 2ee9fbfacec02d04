import { isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import { formatDate } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { alertBox, errorMessage, errorPanel, loading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import {
  addSubstitute,
  deleteSubstitute,
  loadSubstitutes,
  type SubstituteRule,
} from './task-collaboration-api.js';

function ruleList(rules: SubstituteRule[], onDelete: (rule: SubstituteRule) => void): HTMLElement {
  if (rules.length === 0) return h('p', { class: 'muted' }, t('collab.substitutes.none'));
  return h(
    'ul',
    { class: 'collab-attachments substitutes-list' },
    rules.map((rule) =>
      h(
        'li',
        null,
        `${rule.username} → ${rule.substitute}: ${formatDate(rule.fromDate)} – ${formatDate(rule.toDate)} `,
        h(
          'button',
          { type: 'button', class: 'link-button', onclick: () => onDelete(rule) },
          t('collab.substitutes.remove'),
        ),
      ),
    ),
  );
}

function field(id: string, label: string, input: HTMLElement): HTMLElement {
  input.id = id;
  return h('label', { for: id }, label, input);
}

/**
 * Builds the section of substitute rules: the signed-in user's own, or everyone's for a leader,
 * each naming who takes the new tasks of an absent user and on which days.
 */
export function substitutesSection(context: PageContext): HTMLElement {
  const isLeader = context.session.user.groups.some((group) => group.code === 'board');
  const list = h('div', null, loading());
  const status = h('div');
  const reload = async () => {
    try {
      const rules = await loadSubstitutes(context.signal);
      list.replaceChildren(
        ruleList(rules, (rule) => {
          void deleteSubstitute(rule)
            .then(reload)
            .catch((error: unknown) =>
              status.replaceChildren(alertBox('error', errorMessage(error))),
            );
        }),
      );
    } catch (error) {
      if (!isAbortError(error)) list.replaceChildren(errorPanel(error, () => void reload()));
    }
  };
  void reload();

  const user = h('input', {
    type: 'text',
    name: 'username',
    placeholder: t('collab.substitutes.self'),
  });
  const substitute = h('input', { type: 'text', name: 'substitute', required: true });
  const fromDate = h('input', { type: 'date', name: 'fromDate', required: true });
  const toDate = h('input', { type: 'date', name: 'toDate', required: true });
  const form = h(
    'form',
    { class: 'substitutes-form' },
    isLeader ? field('substitute-user', t('collab.substitutes.user'), user) : null,
    field('substitute-name', t('collab.substitutes.substitute'), substitute),
    field('substitute-from', t('collab.substitutes.fromDate'), fromDate),
    field('substitute-to', t('collab.substitutes.toDate'), toDate),
    h('button', { type: 'submit', class: 'button' }, t('collab.substitutes.add')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.replaceChildren();
    void addSubstitute({
      ...(isLeader && user.value ? { username: user.value.trim() } : {}),
      substitute: substitute.value.trim(),
      fromDate: fromDate.value,
      toDate: toDate.value,
    } as Omit<SubstituteRule, 'id' | 'createdBy'>)
      .then(() => {
        form.reset();
        return reload();
      })
      .catch((error: unknown) => status.replaceChildren(alertBox('error', errorMessage(error))));
  });

  return h(
    'section',
    { class: 'substitutes', 'aria-labelledby': 'substitutes-title' },
    h('h2', { id: 'substitutes-title' }, t('collab.substitutes.title')),
    h('p', { class: 'muted' }, t('collab.substitutes.intro')),
    list,
    status,
    form,
  );
}
