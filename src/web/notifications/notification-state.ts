import { getJson, requestJson } from '../core/api.js';

/** A notification as `/api/notifications` and the live stream send it. */
export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  titleEn: string | null;
  link: string | null;
  createdAt: string;
  read: boolean;
}

interface NotificationState {
  username: string | null;
  unreadCount: number;
  items: NotificationItem[];
  /** True once the list was read from the API; until then only the count is known. */
  loaded: boolean;
}

const state: NotificationState = { username: null, unreadCount: 0, items: [], loaded: false };
const listeners = new Set<() => void>();
let source: EventSource | null = null;

function changed(): void {
  listeners.forEach((listener) => listener());
}

/** Returns the current unread count and list. */
export function notificationState(): Readonly<NotificationState> {
  return state;
}

/** Calls `listener` after each change of the count or the list; returns the unsubscribe function. */
export function onNotificationsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Opens the live stream of the user's notifications, once per user. The browser reconnects a
 * dropped stream by itself, and the stream starts with the unread count each time. The stream
 * also reports read marks set in the user's other tabs, so every open tab shows the same count
 * and marks.
 */
export function connectNotifications(username: string): void {
  if (source && state.username === username) return;
  disconnectNotifications();
  state.username = username;
  source = new EventSource('/api/notifications/stream');
  source.addEventListener('unread', (event) => {
    state.unreadCount = (
      JSON.parse((event as MessageEvent<string>).data) as { count: number }
    ).count;
    changed();
  });
  source.addEventListener('notification', (event) => {
    const item = JSON.parse((event as MessageEvent<string>).data) as NotificationItem;
    if (state.loaded && !state.items.some((existing) => existing.id === item.id)) {
      state.items = [item, ...state.items];
    }
    changed();
  });
  // The user marked notifications read in another tab or session: the `unread` event that
  // follows brings the count, and a list already shown is read again for the read marks.
  source.addEventListener('read', () => {
    if (!state.loaded) return;
    loadNotifications().catch(() => {
      // The list keeps its marks until the next change; the count still follows the stream.
    });
  });
}

/** Closes the live stream and clears the user's notifications (at logout). */
export function disconnectNotifications(): void {
  source?.close();
  source = null;
  Object.assign(state, { username: null, unreadCount: 0, items: [], loaded: false });
  changed();
}

/** Reads the newest notifications. */
export async function loadNotifications(): Promise<void> {
  const body = await getJson<{ items: NotificationItem[]; unreadCount: number }>(
    '/api/notifications?limit=20',
  );
  Object.assign(state, { items: body.items, unreadCount: body.unreadCount, loaded: true });
  changed();
}

/** Marks one notification read. */
export async function markNotificationRead(id: string): Promise<void> {
  const body = await requestJson<{ unreadCount: number }>('POST', `/api/notifications/${id}/read`);
  state.unreadCount = body.unreadCount;
  state.items = state.items.map((item) => (item.id === id ? { ...item, read: true } : item));
  changed();
}

/** Marks every notification read. */
export async function markAllNotificationsRead(): Promise<void> {
  const body = await requestJson<{ unreadCount: number }>('POST', '/api/notifications/read-all');
  state.unreadCount = body.unreadCount;
  state.items = state.items.map((item) => ({ ...item, read: true }));
  changed();
}
