import { h } from '../core/dom.js';
import { t } from '../i18n/index.js';

/** One line of a line diff. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

// The longest-common-subsequence table has one cell per pair of differing lines; above this many
// cells the diff lists the differing block as removed, then added, instead of aligning it.
const maxTableCells = 4_000_000;

// Unchanged runs longer than this fold to their first and last `contextLines` lines.
const contextLines = 3;

/** Formats JSON with two-space indentation, or returns the text itself when it is not JSON. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function alignMiddle(before: string[], after: string[]): DiffLine[] {
  const rows = before.length;
  const columns = after.length;
  if (rows * columns > maxTableCells) {
    return [
      ...before.map((text) => ({ kind: 'removed' as const, text })),
      ...after.map((text) => ({ kind: 'added' as const, text })),
    ];
  }
  // lengths[i][j] is the length of the common subsequence of before[i..] and after[j..].
  const width = columns + 1;
  const lengths = new Uint32Array((rows + 1) * width);
  for (let i = rows - 1; i >= 0; i -= 1) {
    for (let j = columns - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        before[i] === after[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < rows && j < columns) {
    if (before[i] === after[j]) {
      lines.push({ kind: 'same', text: before[i]! });
      i += 1;
      j += 1;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      lines.push({ kind: 'removed', text: before[i]! });
      i += 1;
    } else {
      lines.push({ kind: 'added', text: after[j]! });
      j += 1;
    }
  }
  before.slice(i).forEach((text) => lines.push({ kind: 'removed', text }));
  after.slice(j).forEach((text) => lines.push({ kind: 'added', text }));
  return lines;
}

/** Diffs two texts line by line. */
export function diffLines(beforeText: string, afterText: string): DiffLine[] {
  const before = beforeText.split('\n');
  const after = afterText.split('\n');
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) {
    start += 1;
  }
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end += 1;
  }
  const same = (text: string): DiffLine => ({ kind: 'same', text });
  return [
    ...before.slice(0, start).map(same),
    ...alignMiddle(
      before.slice(start, before.length - end),
      after.slice(start, after.length - end),
    ),
    ...before.slice(before.length - end).map(same),
  ];
}

function lineElement(line: DiffLine): HTMLElement {
  if (line.kind === 'added') {
    return h('ins', { class: 'mv-line mv-line-added' }, `+ ${line.text}`);
  }
  if (line.kind === 'removed') {
    return h('del', { class: 'mv-line mv-line-removed' }, `- ${line.text}`);
  }
  return h('span', { class: 'mv-line' }, `  ${line.text}`);
}

function foldedLines(lines: DiffLine[]): HTMLElement[] {
  const elements: HTMLElement[] = [];
  let index = 0;
  while (index < lines.length) {
    let runEnd = index;
    while (runEnd < lines.length && lines[runEnd]!.kind === 'same') {
      runEnd += 1;
    }
    const run = lines.slice(index, runEnd);
    const head = index === 0 ? 0 : contextLines;
    const tail = runEnd === lines.length ? 0 : contextLines;
    if (run.length > head + tail + 1) {
      run.slice(0, head).forEach((line) => elements.push(lineElement(line)));
      const hidden = run.length - head - tail;
      elements.push(
        h(
          'span',
          { class: 'mv-line mv-line-folded' },
          t('modelVersions.json.folded', { count: hidden }),
        ),
      );
      run.slice(run.length - tail).forEach((line) => elements.push(lineElement(line)));
    } else {
      run.forEach((line) => elements.push(lineElement(line)));
    }
    if (runEnd < lines.length) {
      elements.push(lineElement(lines[runEnd]!));
      runEnd += 1;
    }
    index = runEnd;
  }
  return elements;
}

/**
 * Renders the line diff of two JSON documents, formatted alike, with removed lines struck through
 * and added lines underlined, and long unchanged stretches folded.
 */
export function jsonDiffView(before: string | null, after: string, label: string): HTMLElement {
  const lines =
    before === null
      ? prettyJson(after)
          .split('\n')
          .map((text): DiffLine => ({ kind: 'added', text }))
      : diffLines(prettyJson(before), prettyJson(after));
  if (before !== null && lines.every((line) => line.kind === 'same')) {
    return h('p', { class: 'empty-state' }, t('modelVersions.json.noChanges'));
  }
  return h(
    'div',
    { class: 'mv-json-diff', role: 'region', 'aria-label': label, tabindex: 0 },
    h('pre', null, foldedLines(lines)),
  );
}
