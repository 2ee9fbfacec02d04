import type { Run } from './document-model.js';
import { collapseWhitespace } from './markup-tree.js';
import type { MarkupElement } from './markup-tree.js';

interface RunStyle {
  bold: boolean;
  italic: boolean;
}

/**
 * Collects the text of a paragraph or table cell as styled runs: `<b>` and `<i>` set the style,
 * `<br/>` breaks the line, and whitespace is collapsed as in HTML. Adjacent runs of one style
 * are merged, so writers get as few runs as the text allows.
 */
export function inlineRuns(
  element: MarkupElement,
  style: RunStyle,
  fail: (message: string) => never,
): Run[] {
  const runs: Run[] = [];
  collectRuns(element, style, runs, fail);
  return tidyRuns(runs);
}

function collectRuns(
  element: MarkupElement,
  style: RunStyle,
  runs: Run[],
  fail: (message: string) => never,
): void {
  for (const child of element.children) {
    if (typeof child === 'string') {
      runs.push({ text: collapseWhitespace(child), ...style });
    } else if (child.name === 'b') {
      collectRuns(child, { ...style, bold: true }, runs, fail);
    } else if (child.name === 'i') {
      collectRuns(child, { ...style, italic: true }, runs, fail);
    } else if (child.name === 'br') {
      runs.push({ text: '\n', ...style });
    } else {
      fail(`<${child.name}> is not allowed inside <${element.name}>`);
    }
  }
}

function tidyRuns(runs: Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last && last.bold === run.bold && last.italic === run.italic) {
      last.text += run.text;
    } else {
      merged.push({ ...run });
    }
  }
  // Spaces at the ends, around a line break or doubled across a style change come from the
  // template layout, not from the text.
  for (const [index, run] of merged.entries()) {
    run.text = run.text.replace(/ *\n */g, '\n');
    const next = merged[index + 1];
    if (!next) continue;
    if (/[ \n]$/.test(run.text)) next.text = next.text.replace(/^ +/, '');
    if (next.text.startsWith('\n')) run.text = run.text.replace(/ +$/, '');
  }
  const first = merged[0];
  const last = merged[merged.length - 1];
  if (first) first.text = first.text.replace(/^ +/, '');
  if (last) last.text = last.text.replace(/ +$/, '');
  return merged.filter((run) => run.text !== '');
}
