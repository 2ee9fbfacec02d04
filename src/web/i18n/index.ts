import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };

export type Language = 'vi' | 'en';

interface Messages {
  [key: string]: string | Messages;
}

const catalogs: Record<Language, Messages> = { vi, en };
const storageKey = 'eiso.language';
const listeners = new Set<() => void>();
const beforeListeners = new Set<() => Promise<void> | void>();

function readStoredLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

let current: Language = readStoredLanguage();

/** Returns the language of the user interface (Vietnamese unless the user chose English). */
export function getLanguage(): Language {
  return current;
}

/**
 * Switches the language, remembers it in localStorage and notifies the listeners. The listeners
 * of `onBeforeLanguageChange` run first, because the switch re-renders the page.
 */
export async function setLanguage(language: Language): Promise<void> {
  await Promise.all([...beforeListeners].map((listener) => listener()));
  current = language;
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing can forbid storage: the choice then lasts until the page reloads.
  }
  document.documentElement.lang = language;
  listeners.forEach((listener) => listener());
}

/**
 * Calls `listener` before every language switch and waits for it, so that a page can keep what the
 * re-render would lose. Returns the function that removes the listener.
 */
export function onBeforeLanguageChange(listener: () => Promise<void> | void): () => void {
  beforeListeners.add(listener);
  return () => beforeListeners.delete(listener);
}

/** Calls `listener` after every language switch. */
export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) {
      return undefined;
    }
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Returns true when the catalog of the current language has `key`. */
export function hasMessage(key: string): boolean {
  return lookup(catalogs[current], key) !== undefined;
}

/**
 * Translates `key` into the current language, replacing `{name}` placeholders from `params`.
 * A missing key falls back to Vietnamese, then to the key itself.
 */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const template = lookup(catalogs[current], key) ?? lookup(catalogs.vi, key) ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

document.documentElement.lang = current;
