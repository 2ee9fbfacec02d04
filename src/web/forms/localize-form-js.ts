import { formatDate, formatDateTime } from '../core/format.js';
import { t } from '../i18n/index.js';

/** English texts that form-js 1.23 hard-codes, with the translation key of each. */
const patterns: [RegExp, string][] = [
  [/^Add new$/, 'formjs.addNew'],
  [/^Collapse$/, 'formjs.collapse'],
  [/^Expand all \((\d+)\)$/, 'formjs.expandAll'],
  [/^Remove list item (\d+)$/, 'formjs.removeItem'],
  [/^Select$/, 'formjs.select'],
  [/^Search$/, 'formjs.search'],
  [/^No results$/, 'formjs.noResults'],
  [/^All values selected$/, 'formjs.allSelected'],
  [/^Field is required\.$/, 'formjs.required'],
  [/^Value is not a number\.$/, 'formjs.notANumber'],
  [/^Value is expected to be an integer\.$/, 'formjs.integer'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, 'formjs.decimalDigits'],
  [/^Field must have minimum value of (.+)\.$/, 'formjs.min'],
  [/^Field must have maximum value of (.+)\.$/, 'formjs.max'],
  [/^Field must have minimum length of (.+)\.$/, 'formjs.minLength'],
  [/^Field must have maximum length of (.+)\.$/, 'formjs.maxLength'],
  [/^Field must match pattern (.+)\.$/, 'formjs.pattern'],
  [/^Field must be a valid email\.$/, 'formjs.email'],
  [/^Date and time must both be entered\.$/, 'formjs.dateAndTime'],
];

/** Translates one form-js text, or returns it unchanged when it is not a known English text. */
export function localizeText(text: string): string {
  const trimmed = text.trim();
  for (const [pattern, key] of patterns) {
    const match = pattern.exec(trimmed);
    if (match) {
      return t(key, { value: match[1] ?? '' });
    }
  }
  return text;
}

function localizeTextNodes(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    if (/[A-Za-z]/.test(text)) {
      const localized = localizeText(text);
      if (localized !== text) {
        node.nodeValue = localized;
      }
    }
  }
}

function localizeAttributes(root: Element): void {
  for (const element of root.querySelectorAll('[placeholder], [aria-label]')) {
    for (const name of ['placeholder', 'aria-label']) {
      const value = element.getAttribute(name);
      const localized = value === null ? null : localizeText(value);
      if (value !== null && localized !== value) {
        element.setAttribute(name, localized ?? value);
      }
    }
  }
}

/** Translates the English texts that form-js rendered inside `root`, in text nodes and attributes. */
export function localizeFormJs(root: Element): void {
  localizeTextNodes(root);
  localizeAttributes(root);
}

const isoDatePattern = /\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?\b/g;

/**
 * Lists the lines of the free-text values in `data`, such as a comment, that contain an ISO date
 * without being one. The date rewrite leaves these lines exactly as the user wrote them.
 */
export function freeTextLines(data: unknown): string[] {
  const lines = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const line of value.split(/\r?\n/)) {
        const trimmed = line.trim();
        const isDate = trimmed.replace(isoDatePattern, '') === '';
        if (!isDate && trimmed.search(isoDatePattern) >= 0) lines.add(trimmed);
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(data);
  return [...lines];
}

/** Returns the `[start, end)` ranges of `text` that one of `lines` covers. */
function rangesOf(text: string, lines: string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const line of lines) {
    for (let at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) {
      ranges.push([at, at + line.length]);
    }
  }
  return ranges;
}

/**
 * Rewrites ISO dates, such as `2026-12-31` from a process variable, in the text views and tables
 * of a rendered form into the dates of the current language, as the rest of the page shows them.
 * A date inside one of `freeText`, the lines from `freeTextLines`, stays as written.
 */
export function formatFormDates(root: Element, freeText: string[] = []): void {
  for (const view of root.querySelectorAll('.fjs-form-field-text, .fjs-form-field-table')) {
    const walker = root.ownerDocument.createTreeWalker(view, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      const kept = rangesOf(text, freeText);
      const formatted = text.replace(isoDatePattern, (match, time: string | undefined, ...rest) => {
        // After the pattern's groups, which are strings or undefined, comes the match's offset.
        const offset = rest.find((argument) => typeof argument === 'number') as number;
        if (kept.some(([start, end]) => offset >= start && offset < end)) return match;
        return time ? formatDateTime(match) : formatDate(match);
      });
      if (formatted !== text) {
        node.nodeValue = formatted;
      }
    }
  }
}
