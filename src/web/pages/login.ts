import { ApiError } from '../core/api.js';
import { h } from '../core/dom.js';
import { login } from '../core/session.js';
import { alertBox, errorMessage } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { languageSwitch } from '../layout.js';

function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 429) {
    return error.retryAfter
      ? t('login.rateLimitedSeconds', { seconds: error.retryAfter })
      : t('login.rateLimited');
  }
  if (error instanceof ApiError && error.status === 401) {
    return errorMessage(error) || t('login.failed');
  }
  return errorMessage(error);
}

function field(id: string, label: string, input: HTMLInputElement): HTMLElement {
  return h('div', { class: 'form-row' }, h('label', { for: id }, label), input);
}

/** Renders the login form, which calls `onSuccess` after the session is created. */
export function renderLoginPage(
  main: HTMLElement,
  flash: HTMLElement | null,
  onSuccess: () => void,
): void {
  const username = h('input', {
    id: 'login-username',
    name: 'username',
    autocomplete: 'username',
    required: true,
  });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const message = h('div', { class: 'login-message' });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, t('login.submit'));

  const onSubmit = async (event: Event): Promise<void> => {
    event.preventDefault();
    submit.disabled = true;
    message.replaceChildren();
    try {
      await login(username.value.trim(), password.value);
      onSuccess();
    } catch (error) {
      message.replaceChildren(alertBox('error', loginErrorMessage(error)));
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
    }
  };

  const form = h(
    'form',
    { class: 'login-form', onsubmit: (event: Event) => void onSubmit(event) },
    field('login-username', t('login.username'), username),
    field('login-password', t('login.password'), password),
    message,
    submit,
  );
  const card = h(
    'section',
    { class: 'login-card', 'aria-labelledby': 'login-title' },
    h('p', { class: 'product-name' }, 'eiso'),
    h('h1', { id: 'login-title', tabindex: -1 }, t('login.title')),
    h('p', { class: 'muted' }, t('login.intro')),
    flash,
    form,
  );
  main.replaceChildren(h('div', { class: 'login-tools' }, languageSwitch()), card);
  username.focus();
}
