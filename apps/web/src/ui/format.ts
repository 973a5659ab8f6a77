import type { Track } from '@stepwise/core';

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const calendarDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** "Nov 26, 2026, 9:14 PM" in the viewer's time zone; "—" when absent. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/**
 * A calendar date `YYYY-MM-DD` as "Dec 1, 2026". Read as UTC, so the viewer's zone never shifts it to
 * the day before; "—" when absent.
 */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : calendarDate.format(parsed);
}

/** ISO weekday numbers as short names: [1, 3, 5] → "Mon, Wed, Fri". */
export function formatDays(days: readonly number[]): string {
  return [...days]
    .sort((a, b) => a - b)
    .map((day) => weekdayNames[day - 1] ?? String(day))
    .join(', ');
}

/** Short name of an ISO weekday. */
export function weekdayName(day: number): string {
  return weekdayNames[day - 1] ?? String(day);
}

/** Weekly minutes as hours: 540 → "9 h", 270 → "4.5 h". */
export function formatHours(minutes: number): string {
  return `${Math.round((minutes / 60) * 100) / 100} h`;
}

/** "Mon, Wed, Fri · 09:00–12:00". */
export function formatTrackTimes(track: Pick<Track, 'days' | 'startTime' | 'endTime'>): string {
  return `${formatDays(track.days)} · ${track.startTime}–${track.endTime}`;
}

/** Text or a dash for empty values. */
export function orDash(value: string | null | undefined): string {
  return value?.trim() ? value : '—';
}
