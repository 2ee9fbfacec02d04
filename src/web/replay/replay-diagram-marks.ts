/**
 * The kinds of marks on the replay's diagram. Each is a class on the element and a symbol beside
 * it, so that the page's legend can name them without loading bpmn-js.
 */
export const markKinds = ['completed', 'taken', 'active', 'open-task', 'incident'] as const;
export type MarkKind = (typeof markKinds)[number];

/** The symbol of each kind, drawn beside the element so the mark does not rely on colour alone. */
export const markSymbols: Record<MarkKind, string> = {
  completed: '✓',
  taken: '→',
  active: '●',
  'open-task': '■',
  incident: '▲',
};
