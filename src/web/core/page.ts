import type { RouteMatch } from './router.js';
import type { Session } from './types.js';

/** The context that the router passes to a page. */
export interface PageContext {
  /** The page's own container inside `<main>`, replaced on every navigation. */
  root: HTMLElement;
  route: RouteMatch;
  session: Session;
  /** Aborted when the user leaves the page, so late responses do not render. */
  signal: AbortSignal;
  /** Registers cleanup, such as destroying a form or diagram viewer, for when the page is left. */
  onDispose(dispose: () => void): void;
  /** Sets the document title. */
  setTitle(title: string): void;
  /** Renders the current route again, for example after a claim. */
  reload(): void;
}

/** A page module: renders into `context.root`. */
export type Page = (context: PageContext) => Promise<void>;
