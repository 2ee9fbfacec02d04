import { getJson, isAbortError, requestJson } from '../core/api.js';
import { h } from '../core/dom.js';
import { alertBox, errorMessage, errorPanel, loading } from '../core/ui.js';
import { t } from '../i18n/index.js';

type EmailDelivery = 'immediate' | 'digest' | 'none';

type MailLanguage = 'vi' | 'en';

interface Preferences {
  emailDelivery: EmailDelivery;
  /** Language of the user's e-mail. */
  locale: MailLanguage;
  email: string | null;
  mailEnabled: boolean;
}

const deliveries: EmailDelivery[] = ['immediate', 'digest', 'none'];
const languages: MailLanguage[] = ['vi', 'en'];

function languageOptions(preferences: Preferences): HTMLElement {
  return h(
    'fieldset',
    null,
    h('legend', null, t('notifications.preferences.languageLegend')),
    languages.map((language) =>
      h(
        'label',
        { class: 'radio', lang: language },
        h('input', {
          type: 'radio',
          name: 'locale',
          value: language,
          checked: preferences.locale === language,
        }),
        ` ${t(`notifications.preferences.languages.${language}`)}`,
      ),
    ),
  );
}

function preferencesForm(preferences: Preferences): HTMLElement {
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const options = deliveries.map((delivery) =>
    h(
      'label',
      { class: 'radio' },
      h('input', {
        type: 'radio',
        name: 'emailDelivery',
        value: delivery,
        checked: preferences.emailDelivery === delivery,
      }),
      ` ${t(`notifications.preferences.${delivery}`)}`,
    ),
  );
  const form = h(
    'form',
    { class: 'notification-preferences-form' },
    h('fieldset', null, h('legend', null, t('notifications.preferences.legend')), options),
    languageOptions(preferences),
    h('button', { type: 'submit', class: 'button' }, t('notifications.preferences.save')),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    requestJson<Preferences>('PUT', '/api/me/notification-preferences', {
      emailDelivery: data.get('emailDelivery') as EmailDelivery,
      locale: data.get('locale') as MailLanguage,
    })
      .then(() =>
        message.replaceChildren(alertBox('success', t('notifications.preferences.saved'))),
      )
      .catch((error: unknown) => message.replaceChildren(alertBox('error', errorMessage(error))));
  });
  return form;
}

function notes(preferences: Preferences): HTMLElement[] {
  const lines = [
    preferences.email
      ? h('p', null, t('notifications.preferences.address', { email: preferences.email }))
      : alertBox('warning', t('notifications.preferences.noEmail')),
  ];
  if (!preferences.mailEnabled)
    lines.push(alertBox('info', t('notifications.preferences.mailOff')));
  return lines;
}

/**
 * Renders the user's own choice of notification e-mail: immediate, daily digest or none, and the
 * language the e-mail is written in.
 */
export function notificationPreferencesSection(signal: AbortSignal): HTMLElement {
  const section = h(
    'section',
    { class: 'notification-preferences', 'aria-labelledby': 'notification-preferences-title' },
    h('h2', { id: 'notification-preferences-title' }, t('notifications.preferences.title')),
    h('p', { class: 'muted' }, t('notifications.preferences.intro')),
  );
  const body = h('div', null, loading());
  section.append(body);
  getJson<Preferences>('/api/me/notification-preferences', signal)
    .then((preferences) =>
      body.replaceChildren(...notes(preferences), preferencesForm(preferences)),
    )
    .catch((error: unknown) => {
      if (!isAbortError(error)) body.replaceChildren(errorPanel(error));
    });
  return section;
}
