// Calendar days in India's time (UTC+5:30, no daylight saving), whatever the phone's zone: date inputs, ranges and labels.

const IST_MS = 5.5 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** `YYYY-MM-DD` of the Indian day that `ms` falls in (what a date input shows). */
export function dayOf(ms: number): string {
  return new Date(ms + IST_MS).toISOString().slice(0, 10);
}

/**
 * `ms` as a FHIR dateTime in Indian time (`2026-11-27T00:30:00+05:30`), so the calendar day a record's date starts with is the
 * day it happened in India: UTC text would put an early-morning visit on the previous day.
 */
export function indianDateTime(ms: number): string {
  return `${new Date(ms + IST_MS).toISOString().slice(0, 19)}+05:30`;
}

/** The first millisecond of an Indian day; NaN for anything but `YYYY-MM-DD`. */
export function startOfDay(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - IST_MS;
}

/** The last millisecond of an Indian day. */
export function endOfDay(day: string): number {
  return startOfDay(day) + DAY_MS - 1;
}

/** The same calendar day `years` later (earlier when negative); 29 February becomes 28 February. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCDate() !== d) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOf(startOfDay(day) + days * DAY_MS);
}

/** "12 Mar 2025" (or its Hindi form) for an Indian day. */
export function dateText(ms: number, locale: string): string {
  return new Date(ms).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Kolkata' });
}

/** "12 Mar 2025, 4:05 pm" in India's time. */
export function dateTimeText(ms: number, locale: string): string {
  return new Date(ms).toLocaleString(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'Asia/Kolkata',
  });
}
