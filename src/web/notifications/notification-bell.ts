import { h } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import { alertBox, errorMessage } from '../core/ui.js';
import { getLanguage, t } from '../i18n/index.js';
import {
  connectNotifications,
  loadNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationState,
  onNotificationsChange,
  type NotificationItem,
} from './notification-state.js';

// The header is rebuilt on every page, so only the newest bell listens to the state and to
// clicks outside it.
let unsubscribeBell: (() => void) | null = null;
let outsideClick: ((event: MouseEvent) => void) | null = null;

function localTitle(item: NotificationItem): string {
  return getLanguage() === 'en' && item.titleEn ? item.titleEn : item.title;
}

const svgNamespace = 'http://www.w3.org/2000/svg';

function bellIcon(): SVGElement {
  const svg = document.createElementNS(svgNamespace, 'svg');
  svg.setAttribute('class', 'notification-icon');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(svgNamespace, 'path');
  path.setAttribute(
    'd',
    'M12 2a6 6 0 0 0-6 6v3.6L4.3 15A1 1 0 0 0 5.2 16.5h13.6a1 1 0 0 0 .9-1.5L18 11.6V8a6 6 0 0 0-6-6Zm0 20a3 3 0 0 0 3-3H9a3 3 0 0 0 3 3Z',
  );
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

async function openItem(item: NotificationItem, close: () => void): Promise<void> {
  close();
  try {
    if (!item.read) await markNotificationRead(item.id);
  } finally {
    if (item.link) location.hash = item.link;
  }
}

function itemRow(item: NotificationItem, close: () => void): HTMLElement {
  const content = [
    h('span', { class: 'notification-title' }, localTitle(item)),
    h('span', { class: 'notification-time' }, formatDateTime(item.createdAt)),
    item.read ? null : h('span', { class: 'visually-hidden' }, t('notifications.unread')),
  ];
  return h(
    'li',
    { class: item.read ? 'notification-item' : 'notification-item notification-unread' },
    h(
      'a',
      {
        href: item.link ?? '#/inbox',
        onclick: (event: Event) => {
          event.preventDefault();
          void openItem(item, close);
        },
      },
      content,
    ),
  );
}

function panelContent(panel: HTMLElement, close: () => void): void {
  const { items, loaded, unreadCount } = notificationState();
  const heading = h(
    'div',
    { class: 'notification-panel-header' },
    h('h2', { id: 'notification-panel-title' }, t('notifications.title')),
    h(
      'button',
      {
        type: 'button',
        class: 'button button-quiet',
        disabled: unreadCount === 0,
        onclick: () =>
          void markAllNotificationsRead().catch((error: unknown) =>
            panel.append(alertBox('error', errorMessage(error))),
          ),
      },
      t('notifications.markAllRead'),
    ),
  );
  const body = !loaded
    ? h('p', { class: 'muted' }, t('common.loading'))
    : items.length === 0
      ? h('p', { class: 'muted' }, t('notifications.empty'))
      : h(
          'ul',
          { class: 'notification-list' },
          items.map((item) => itemRow(item, close)),
        );
  panel.replaceChildren(heading, body);
}

/**
 * Renders the bell of the header: a button with the unread count that opens the newest
 * notifications. The count updates live from the server's event stream.
 */
export function notificationBell(username: string): HTMLElement {
  connectNotifications(username);
  const badge = h('span', { class: 'notification-count', 'aria-hidden': 'true' });
  const status = h('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'notification-button',
      'aria-expanded': 'false',
      'aria-controls': 'notification-panel',
    },
    bellIcon(),
    badge,
  );
  const panel = h('div', {
    id: 'notification-panel',
    class: 'notification-panel',
    role: 'region',
    'aria-labelledby': 'notification-panel-title',
    hidden: true,
  });
  const wrapper = h('div', { class: 'notification-bell' }, button, status, panel);

  const close = () => {
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  const update = () => {
    const count = notificationState().unreadCount;
    badge.textContent = count > 99 ? '99+' : String(count);
    badge.hidden = count === 0;
    button.setAttribute('aria-label', t('notifications.bellLabel', { count }));
    status.textContent = t('notifications.unreadStatus', { count });
    if (!panel.hidden) panelContent(panel, close);
  };
  button.addEventListener('click', () => {
    if (!panel.hidden) return close();
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    panelContent(panel, close);
    loadNotifications().catch((error: unknown) =>
      panel.replaceChildren(alertBox('error', errorMessage(error))),
    );
  });
  wrapper.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      close();
      button.focus();
    }
  });
  if (outsideClick) document.removeEventListener('click', outsideClick);
  outsideClick = (event) => {
    if (!wrapper.contains(event.target as Node)) close();
  };
  document.addEventListener('click', outsideClick);

  unsubscribeBell?.();
  unsubscribeBell = onNotificationsChange(update);
  update();
  return wrapper;
}
