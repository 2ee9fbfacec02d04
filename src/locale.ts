/** Language of the messages that eiso localizes, such as form validation messages. */
export type Locale = 'vi' | 'en';

/** Locale of a request that prefers neither supported language or sends no Accept-Language. */
export const defaultLocale: Locale = 'en';

// The default locale comes first, so it wins a tie, such as the one that `*` causes.
const supportedLocales: readonly Locale[] = ['en', 'vi'];

/** One language range of an Accept-Language header with its weight and position. */
interface LanguageRange {
  /** Lowercase primary subtag, such as `vi` for `vi-VN`, or `*`. */
  language: string;
  weight: number;
  order: number;
}

const rangePattern = /^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/i;
const weightPattern = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i;

/**
 * Picks the supported locale that an Accept-Language header (RFC 9110, section 12.5.4) prefers.
 * A range matches a locale by its primary subtag, so `vi-VN` selects `vi`, and `*` matches a
 * locale that no other range names. The higher weight wins, then the range listed first.
 * Returns `defaultLocale` when the header is missing or accepts neither language.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  const ranges = parseAcceptLanguage(acceptLanguage ?? '');
  let best: Locale = defaultLocale;
  let bestRange: LanguageRange | undefined;
  for (const locale of supportedLocales) {
    const range = preferredRange(locale, ranges);
    if (range === undefined || range.weight === 0) {
      continue;
    }
    const isBetter =
      bestRange === undefined ||
      range.weight > bestRange.weight ||
      (range.weight === bestRange.weight && range.order < bestRange.order);
    if (isBetter) {
      best = locale;
      bestRange = range;
    }
  }
  return best;
}

/** Returns the range that decides the weight of a locale: its own ranges, else `*`. */
function preferredRange(locale: Locale, ranges: LanguageRange[]): LanguageRange | undefined {
  const own = ranges.filter((range) => range.language === locale);
  const candidates = own.length > 0 ? own : ranges.filter((range) => range.language === '*');
  let preferred: LanguageRange | undefined;
  for (const range of candidates) {
    if (preferred === undefined || range.weight > preferred.weight) {
      preferred = range;
    }
  }
  return preferred;
}

/** Parses the ranges of an Accept-Language header, skipping malformed ones. */
function parseAcceptLanguage(header: string): LanguageRange[] {
  const ranges: LanguageRange[] = [];
  header.split(',').forEach((entry, order) => {
    const [range, ...parameters] = entry.split(';').map((part) => part.trim());
    if (!rangePattern.test(range)) {
      return;
    }
    const weight = parseWeight(parameters);
    if (weight !== undefined) {
      ranges.push({ language: range.split('-')[0].toLowerCase(), weight, order });
    }
  });
  return ranges;
}

/** Returns the `q` weight of a range, 1 without one, or undefined when `q` is malformed. */
function parseWeight(parameters: string[]): number | undefined {
  const weightParameter = parameters.find((parameter) => /^q=/i.test(parameter));
  if (weightParameter === undefined) {
    return 1;
  }
  return weightPattern.test(weightParameter) ? Number(weightParameter.slice(2)) : undefined;
}
