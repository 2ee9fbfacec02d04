import { ApiError, request, requestJson, setCsrfToken } from './api.js';
import type { Session, SessionUser } from './types.js';

let current: Session | null = null;

/** Returns the signed-in session, or null before login. */
export function getSession(): Session | null {
  return current;
}

function store(session: Session | null): Session | null {
  current = session;
  setCsrfToken(session?.csrfToken);
  return session;
}

/** Loads the session from the cookie, or resolves to null when no user is signed in (401). */
export async function loadSession(): Promise<Session | null> {
  try {
    return store(await requestJson<Session>('GET', '/api/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return store(null);
    }
    throw error;
  }
}

/** Signs in. Raises ApiError 401 for wrong credentials and 429 when rate-limited. */
export async function login(username: string, password: string): Promise<Session> {
  const session = await requestJson<Session>('POST', '/api/session', { username, password });
  store(session);
  return session;
}

/** Signs out, clearing the local session even when the request fails. */
export async function logout(): Promise<void> {
  try {
    await request('DELETE', '/api/session');
  } finally {
    store(null);
  }
}

/** Clears the local session after the server returned 401. */
export function clearSession(): void {
  store(null);
}

/** Returns true when the user may work on a task of these candidate groups or users. */
export function isCandidate(user: SessionUser, groups: string[], users: string[]): boolean {
  if (users.includes(user.username)) {
    return true;
  }
  return user.groups.some((group) => groups.includes(group.code));
}
