import type { PageContext } from '../core/page.js';

// Below this width the canvas, the palette and the properties panel do not fit side by side.
const narrowQuery = '(max-width: 59.99rem)';

/** Returns true when the screen is too narrow for the modeler and the form editor. */
export function narrowScreen(): boolean {
  return window.matchMedia(narrowQuery).matches;
}

/**
 * Renders the page again once the screen becomes wide enough, so a read-only diagram turns into
 * the editor. The other way round the editor stays, because rendering again would lose edits.
 */
export function reloadWhenWide(context: PageContext): void {
  const media = window.matchMedia(narrowQuery);
  const listener = (): void => {
    if (!media.matches) {
      context.reload();
    }
  };
  media.addEventListener('change', listener);
  context.onDispose(() => media.removeEventListener('change', listener));
}
