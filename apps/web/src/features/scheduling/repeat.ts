import { weekdayOf } from '@stepwise/core';
import { formatDays } from '../../ui/format';

/** How a booked session repeats, as the booking form offers it. */
export const repeatChoices = ['none', 'weekly', 'fortnightly', 'daily'] as const;
export type RepeatChoice = (typeof repeatChoices)[number];

export const repeatLabels: Record<RepeatChoice, string> = {
  none: 'Does not repeat',
  weekly: 'Weekly',
  fortnightly: 'Every two weeks',
  daily: 'Daily',
};

export type RepeatEnd = 'never' | 'until' | 'count';

export interface RepeatValues {
  repeat: RepeatChoice;
  /** ISO weekdays as text ("2" = Tuesday), for weekly and two-weekly sessions. */
  days: string[];
  ends: RepeatEnd;
  /** Last date (`YYYY-MM-DD`) when `ends` is "until". */
  until: string;
  /** Number of sessions when `ends` is "count". */
  count: number | string;
}

/** RFC 5545 weekday codes by ISO weekday (index 0 = Monday). */
const ruleDays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/**
 * The RRULE value (RFC 5545 §3.3.10) for the form's choice, e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;
 * UNTIL=20270131`; null for a one-off session. The server reads it in the site's local time.
 */
export function buildRrule(values: RepeatValues): string | null {
  if (values.repeat === 'none') return null;
  const parts = [values.repeat === 'daily' ? 'FREQ=DAILY' : 'FREQ=WEEKLY'];
  if (values.repeat === 'fortnightly') parts.push('INTERVAL=2');
  if (values.repeat !== 'daily' && values.days.length > 0) {
    const days = [...values.days].map(Number).sort((a, b) => a - b);
    parts.push(`BYDAY=${days.map((day) => ruleDays[day - 1] ?? '').join(',')}`);
  }
  if (values.ends === 'until' && values.until) parts.push(`UNTIL=${values.until.replaceAll('-', '')}`);
  if (values.ends === 'count' && values.count !== '') parts.push(`COUNT=${values.count}`);
  return parts.join(';');
}

/** What is missing from the repeat choice, by form field. */
export function repeatErrors(values: RepeatValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.repeat === 'none') return errors;
  if (values.repeat !== 'daily' && values.days.length === 0) errors.days = 'Choose at least one day.';
  if (values.ends === 'until' && !values.until) errors.until = 'Give the last date.';
  const count = Number(values.count);
  if (
    values.ends === 'count' &&
    (values.count === '' || !Number.isInteger(count) || count < 1 || count > 1000)
  )
    errors.count = 'Give the number of sessions, 1 to 1000.';
  return errors;
}

/** The ISO weekday of a date, as the form's day value; none while the date is incomplete. */
export function dayOfDate(date: string): string[] {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? [String(weekdayOf(date))] : [];
}

/** A stored rule in words: "Every two weeks on Tue, Thu, until 2027-01-31"; the rule itself if unusual. */
export function describeRrule(rule: string | null): string {
  if (!rule) return 'Does not repeat';
  const parts = new Map(
    rule
      .toUpperCase()
      .split(';')
      .map((part) => part.split('=') as [string, string | undefined]),
  );
  const frequency = parts.get('FREQ');
  const interval = Number(parts.get('INTERVAL') ?? '1');
  let text: string;
  if (frequency === 'DAILY' && interval === 1) text = 'Daily';
  else if (frequency === 'WEEKLY' && interval === 1) text = 'Weekly';
  else if (frequency === 'WEEKLY' && interval === 2) text = 'Every two weeks';
  else if (frequency === 'MONTHLY' && interval === 1) text = 'Monthly';
  else return rule;
  const byDay = parts.get('BYDAY');
  if (byDay) {
    const days = byDay.split(',').map((code) => ruleDays.indexOf(code as (typeof ruleDays)[number]) + 1);
    if (days.some((day) => day === 0)) return rule;
    text += ` on ${formatDays(days)}`;
  }
  const until = parts.get('UNTIL');
  if (until) text += `, until ${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
  const count = parts.get('COUNT');
  if (count) text += `, ${count} sessions`;
  return text;
}
