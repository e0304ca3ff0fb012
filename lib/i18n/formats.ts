import type { Language } from './languages';

// The Intl formatters pages share, one per language for the page's lifetime: building one costs
// far more than formatting with it, and lists render a date or a count in every row or status line.

const numberFormats = new Map<Language, Intl.NumberFormat>();
const timeFormats = new Map<Language, Intl.DateTimeFormat>();

/** Numbers as `language` writes them ("9,980", "9 980"). */
export function numberFormat(language: Language): Intl.NumberFormat {
  let format = numberFormats.get(language);
  if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(language)));
  return format;
}

/** A moment as `language` writes it: short date and time. */
export function timeFormat(language: Language): Intl.DateTimeFormat {
  let format = timeFormats.get(language);
  if (!format) timeFormats.set(language, (format = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' })));
  return format;
}
