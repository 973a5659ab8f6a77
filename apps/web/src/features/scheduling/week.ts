import { addDays, instantToZoned, isoWeekDates, isoWeekOf } from '@stepwise/core';

/*
 * ISO weeks as the scheduling screens show them. Dates are the site's local dates (`YYYY-MM-DD`), so
 * they are formatted as UTC calendar dates: the viewer's own zone must not shift them by a day.
 */

/** The zone the browser runs in, for when no site zone is known. */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Today's date on the wall calendar of `zone`. */
export function todayIn(zone: string, now = new Date()): string {
  return instantToZoned(now, zone).date;
}

/** The ISO week that holds today in `zone` (the site's calendar, not the viewer's). */
export function currentWeek(zone: string, now = new Date()): string {
  return isoWeekOf(todayIn(zone, now));
}

/** The week `by` weeks before (negative) or after `week`. */
export function shiftWeek(week: string, by: number): string {
  const monday = isoWeekDates(week)?.[0];
  return monday ? isoWeekOf(addDays(monday, 7 * by)) : week;
}

/** Whole weeks from `from` to `to` (both ISO weeks). */
export function weeksBetween(from: string, to: string): number {
  const start = isoWeekDates(from)?.[0];
  const end = isoWeekDates(to)?.[0];
  if (!start || !end) return 0;
  return Math.round((Date.parse(end) - Date.parse(start)) / (7 * 86_400_000));
}

const calendarDate = (date: string) => new Date(`${date}T00:00:00Z`);
const dayFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const longDayFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'long',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const rangeFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthDayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Tue, Dec 1". */
export function formatDay(date: string): string {
  return dayFormat.format(calendarDate(date));
}

/** "Tuesday, Dec 1, 2026". */
export function formatLongDay(date: string): string {
  return longDayFormat.format(calendarDate(date));
}

/** The Monday-to-Sunday dates of a week: "Nov 30 – Dec 6, 2026". */
export function formatWeekRange(week: string): string {
  const dates = isoWeekDates(week);
  const first = dates?.[0];
  const last = dates?.[6];
  if (!first || !last) return week;
  return rangeFormat.formatRange(calendarDate(first), calendarDate(last));
}

/** "This week", "Next week", "Last week", or "Week of Nov 30" further away. */
export function weekName(week: string, current: string): string {
  const distance = weeksBetween(current, week);
  if (distance === 0) return 'This week';
  if (distance === 1) return 'Next week';
  if (distance === -1) return 'Last week';
  const monday = isoWeekDates(week)?.[0];
  return monday ? `Week of ${monthDayFormat.format(calendarDate(monday))}` : week;
}

/** Minutes in hours and minutes: 410 → "6 h 50 min", 540 → "9 h", 50 → "50 min". */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes - hours * 60);
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "Tue, Dec 1, 18:00–21:00": when an occurrence meets, in its site's local time. */
export function formatSessionTime(session: {
  localDate: string;
  localStart: string;
  localEnd: string;
}): string {
  return `${formatDay(session.localDate)}, ${session.localStart}–${session.localEnd}`;
}
