/**
 * Wall-clock time in an IANA zone and the instants it names. Times are stored as instants and shown in
 * the site's zone; a weekly session keeps its local time across daylight-saving changes, so its
 * instants are computed from the local date and time each week, never by adding 7 × 24 hours.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall clock in `zone` at `instantMs`, as milliseconds of a UTC date with the same fields. */
function wallClockMs(zone: string, instantMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
}

/** The zone's offset from UTC at an instant, in minutes (Chicago in January: −360). */
export function zoneOffsetMinutes(zone: string, instant: Date): number {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  return (wallClockMs(zone, ms) - ms) / 60_000;
}

const hour = 3_600_000;

/**
 * The instant at which the wall clock in `zone` shows `date` (`YYYY-MM-DD`) and `time` (`HH:MM`).
 * Where the clock is set back and the time happens twice, the first; where it springs forward and
 * the time never happens, the time as if the clock had not changed yet (02:30 becomes 03:30).
 */
export function zonedToInstant(date: string, time: string, zone: string): Date {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const wanted = Date.UTC(year, month - 1, day, hours, minutes);
  // Offsets half a day either side cover any transition near the wanted time.
  const offsets = [
    ...new Set([wanted - 12 * hour, wanted + 12 * hour].map((ms) => zoneOffsetMinutes(zone, new Date(ms)))),
  ];
  const candidates = offsets.map((offset) => wanted - offset * 60_000).sort((a, b) => a - b);
  const exact = candidates.find((candidate) => wallClockMs(zone, candidate) === wanted);
  if (exact !== undefined) return new Date(exact);
  // In the gap: read the time with the offset from before the change.
  const before = zoneOffsetMinutes(zone, new Date(wanted - 12 * hour));
  return new Date(wanted - before * 60_000);
}

export interface ZonedDateTime {
  date: string;
  time: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** The local date, time (`HH:MM`) and ISO weekday of an instant in `zone`. */
export function instantToZoned(instant: Date, zone: string): ZonedDateTime {
  const wall = new Date(wallClockMs(zone, instant.getTime()));
  const iso = wall.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: ((wall.getUTCDay() + 6) % 7) + 1 };
}

/** `date` plus `days` calendar days (`YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

/** An ISO 8601 week such as `2026-W10` (weeks start on Monday; week 1 holds the year's first Thursday). */
export const isoWeekPattern = /^(\d{4})-W(\d{2})$/;

/** The ISO week a calendar date belongs to. */
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 4 - weekdayOf(date));
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(`${year}-01-04`, 4 - weekdayOf(`${year}-01-04`));
  const week = Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The seven dates, Monday to Sunday, of an ISO week; null when the week does not exist. */
export function isoWeekDates(week: string): string[] | null {
  const match = isoWeekPattern.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const number = Number(match[2]);
  // 4 January is always in week 1.
  const mondayOfWeek1 = addDays(`${year}-01-04`, 1 - weekdayOf(`${year}-01-04`));
  const monday = addDays(mondayOfWeek1, (number - 1) * 7);
  if (number < 1 || isoWeekOf(monday) !== week) return null;
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}
