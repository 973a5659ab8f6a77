import * as rruleModule from 'rrule';
import { addDays, zonedToInstant } from './zoned-time.js';

// Node loads the package's CommonJS build, whose classes sit on the default export (stack-notes);
// bundlers load its ES module build, which has named exports and no default.
const { RRule } =
  (rruleModule as typeof rruleModule & { default?: typeof rruleModule }).default ?? rruleModule;

/**
 * A session's timing: a first local date and time in the site's zone, a duration, and an optional
 * RFC 5545 recurrence rule (the RRULE value, e.g. `FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260630`) read in
 * local time, with local dates excepted (EXDATE).
 */
export interface SessionPattern {
  startDate: string;
  startTime: string;
  durationMinutes: number;
  rrule: string | null;
  exceptions: readonly string[];
  timeZone: string;
}

export interface Occurrence {
  /** The local date the occurrence falls on; with the series it identifies the occurrence. */
  localDate: string;
  start: Date;
  end: Date;
}

const allowedParts = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL', 'BYMONTHDAY', 'WKST']);
const allowedFrequencies = new Set(['DAILY', 'WEEKLY', 'MONTHLY']);

/**
 * Why an RRULE value cannot schedule sessions, or null when it can. Stepwise reads the rule in the
 * site's local time and owns DTSTART, so the rule may not carry its own; sessions recur daily, weekly
 * or monthly.
 */
export function recurrenceProblem(rule: string): string | null {
  const parts = rule.split(';').filter(Boolean);
  if (parts.length === 0) return 'the rule is empty';
  for (const part of parts) {
    const [name = '', value] = part.split('=');
    if (!allowedParts.has(name.toUpperCase()) || value === undefined || value === '') {
      return `"${part.slice(0, 40)}" is not supported; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL or WKST`;
    }
  }
  const frequency = /(?:^|;)FREQ=([A-Z]+)/i.exec(rule)?.[1]?.toUpperCase();
  if (!frequency || !allowedFrequencies.has(frequency)) return 'FREQ must be DAILY, WEEKLY or MONTHLY';
  if (/(?:^|;)COUNT=/i.test(rule) && /(?:^|;)UNTIL=/i.test(rule)) return 'give COUNT or UNTIL, not both';
  const count = /(?:^|;)COUNT=(\d+)/i.exec(rule)?.[1];
  if (count !== undefined && (Number(count) < 1 || Number(count) > 1000)) return 'COUNT must be 1 to 1000';
  const interval = /(?:^|;)INTERVAL=(\d+)/i.exec(rule)?.[1];
  if (interval !== undefined && (Number(interval) < 1 || Number(interval) > 52))
    return 'INTERVAL must be 1 to 52';
  for (const part of parts) {
    const [name = '', value = ''] = part.toUpperCase().split('=');
    if (!(partValues[name]?.test(value) ?? true))
      return `${name}=${value.slice(0, 40)} is not a valid RFC 5545 value`;
  }
  try {
    RRule.parseString(rule.toUpperCase());
  } catch {
    return 'the rule is not a valid RFC 5545 RRULE';
  }
  return null;
}

const weekday = '(?:MO|TU|WE|TH|FR|SA|SU)';
/** The value grammar of each supported part (RFC 5545 §3.3.10), checked before the parser sees it. */
const partValues: Record<string, RegExp> = {
  INTERVAL: /^\d{1,2}$/,
  COUNT: /^\d{1,4}$/,
  UNTIL: /^\d{8}(T\d{6}Z?)?$/,
  BYDAY: new RegExp(`^[+-]?\\d{0,2}${weekday}(,[+-]?\\d{0,2}${weekday})*$`),
  BYMONTHDAY: /^-?(?:[1-9]|[12]\d|3[01])(,-?(?:[1-9]|[12]\d|3[01]))*$/,
  WKST: new RegExp(`^${weekday}$`),
};

/** A local date and time as a "floating" Date: its UTC fields are the local wall clock. */
function floating(date: string, time: string): Date {
  return new Date(`${date}T${time}:00.000Z`);
}

/**
 * The occurrences of a pattern that start in [from, to): every local date the rule yields (or the
 * first date alone), less the exceptions and `closedDates` (holidays), each turned into instants in
 * the site's zone so the local time holds across daylight-saving changes.
 */
export function occurrencesBetween(
  pattern: SessionPattern,
  from: Date,
  to: Date,
  closedDates: ReadonlySet<string> = new Set(),
): Occurrence[] {
  const skipped = new Set(pattern.exceptions);
  let localDates: string[];
  if (!pattern.rrule) {
    localDates = [pattern.startDate];
  } else {
    // A date-only UNTIL means "through that day" in local time (RFC 5545 wants a date-time here).
    const text = pattern.rrule.toUpperCase().replace(/UNTIL=(\d{8})(?=;|$)/, 'UNTIL=$1T235959');
    const rule = new RRule({
      ...RRule.parseString(text),
      dtstart: floating(pattern.startDate, pattern.startTime),
    });
    // Local dates are at most 14 hours from UTC dates: widen the window, then filter on instants.
    const windowStart = floating(addDays(from.toISOString().slice(0, 10), -1), '00:00');
    const windowEnd = floating(addDays(to.toISOString().slice(0, 10), 2), '00:00');
    localDates = rule.between(windowStart, windowEnd, true).map((day) => day.toISOString().slice(0, 10));
  }
  const result: Occurrence[] = [];
  for (const localDate of localDates) {
    if (skipped.has(localDate) || closedDates.has(localDate)) continue;
    const start = zonedToInstant(localDate, pattern.startTime, pattern.timeZone);
    if (start < from || start >= to) continue;
    result.push({ localDate, start, end: new Date(start.getTime() + pattern.durationMinutes * 60_000) });
  }
  return result;
}
