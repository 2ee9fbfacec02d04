export type FlashKind = 'success' | 'info' | 'error';

export interface Flash {
  kind: FlashKind;
  message: string;
}

let pending: Flash | null = null;

/** Keeps a message to show once on the next page, for example after completing a task. */
export function setFlash(kind: FlashKind, message: string): void {
  pending = { kind, message };
}

/** Returns the pending message and clears it. */
export function takeFlash(): Flash | null {
  const flash = pending;
  pending = null;
  return flash;
}
