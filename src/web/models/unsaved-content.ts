import { onBeforeLanguageChange } from '../i18n/index.js';
import type { ModelKind } from './models-api.js';

// A language switch renders the page again, which mounts a fresh editor from the saved model. The
// editor's unsaved content waits in sessionStorage, tied to the page's address, for the new editor.

/** The unsaved content of an editor and the address of the page it was on. */
interface KeptContent {
  hash: string;
  content: string;
}

function storageKey(kind: ModelKind): string {
  return `eiso.unsaved.${kind}`;
}

/**
 * Stores the editor's content before each language switch while `hasUnsavedChanges` is true.
 * Returns the function that stops it, for the editor's destroy.
 */
export function keepUnsavedOnLanguageSwitch(
  kind: ModelKind,
  read: () => Promise<string>,
  hasUnsavedChanges: () => boolean,
): () => void {
  return onBeforeLanguageChange(async () => {
    if (!hasUnsavedChanges()) {
      return;
    }
    const kept: KeptContent = { hash: location.hash, content: await read() };
    try {
      sessionStorage.setItem(storageKey(kind), JSON.stringify(kept));
    } catch {
      // NOTE: without sessionStorage (private browsing, quota) the unsaved edit is lost on switch.
    }
  });
}

/**
 * Removes and returns the content that `keepUnsavedOnLanguageSwitch` stored for this page, or null
 * when there is none. Content stored on another page is dropped.
 */
export function takeUnsavedContent(kind: ModelKind): string | null {
  let stored: string | null;
  try {
    stored = sessionStorage.getItem(storageKey(kind));
    sessionStorage.removeItem(storageKey(kind));
  } catch {
    return null;
  }
  if (stored === null) {
    return null;
  }
  const kept = JSON.parse(stored) as KeptContent;
  return kept.hash === location.hash ? kept.content : null;
}
