import { addDays, isoWeekDates, zonedToInstant } from './zoned-time.js';

export interface Interval {
  start: Date;
  end: Date;
}

/**
 * Minutes of the intervals on each local date, each interval clipped to the day's own midnight-to-
 * midnight in `zone` (23 or 25 hours long on daylight-saving days), so a session across midnight
 * counts on both days and one across the week's edge only partly in the week.
 */
export function minutesByDate(intervals: readonly Interval[], dates: readonly string[], zone: string) {
  const result: Record<string, number> = {};
  for (const date of dates) {
    const dayStart = zonedToInstant(date, '00:00', zone).getTime();
    const dayEnd = zonedToInstant(addDays(date, 1), '00:00', zone).getTime();
    let total = 0;
    for (const interval of intervals) {
      const overlap = Math.min(interval.end.getTime(), dayEnd) - Math.max(interval.start.getTime(), dayStart);
      if (overlap > 0) total += overlap;
    }
    result[date] = Math.round(total / 60_000);
  }
  return result;
}

export interface WeekHours {
  week: string;
  scheduledMinutes: number;
  attendedMinutes: number;
  requiredMinutes: number;
  /** Whether the schedule allows the minimum: scheduled minutes ≥ required minutes. */
  meetsMinimum: boolean;
  days: { date: string; scheduledMinutes: number; attendedMinutes: number }[];
}

/**
 * A participant's ISO week against their program's weekly minimum (ASAM Level 2.1: 9 hours for
 * adults, 6 for adolescents, domain-rules §1 [A2, A3]): what is scheduled, what was attended, per day
 * and in all, in the site's zone.
 */
export function weekHours(options: {
  week: string;
  zone: string;
  scheduled: readonly Interval[];
  attended: readonly Interval[];
  weeklyHoursMinimum: number;
}): WeekHours {
  const dates = isoWeekDates(options.week);
  if (!dates) throw new Error(`not an ISO week: ${options.week}`);
  const scheduled = minutesByDate(options.scheduled, dates, options.zone);
  const attended = minutesByDate(options.attended, dates, options.zone);
  const days = dates.map((date) => ({
    date,
    scheduledMinutes: scheduled[date] ?? 0,
    attendedMinutes: attended[date] ?? 0,
  }));
  const scheduledMinutes = days.reduce((total, day) => total + day.scheduledMinutes, 0);
  const attendedMinutes = days.reduce((total, day) => total + day.attendedMinutes, 0);
  const requiredMinutes = Math.round(options.weeklyHoursMinimum * 60);
  return {
    week: options.week,
    scheduledMinutes,
    attendedMinutes,
    requiredMinutes,
    meetsMinimum: scheduledMinutes >= requiredMinutes,
    days,
  };
}

/** The instants that bound an ISO week in `zone`: Monday 00:00 to the next Monday 00:00. */
export function weekBounds(week: string, zone: string): { start: Date; end: Date } | null {
  const dates = isoWeekDates(week);
  if (!dates?.[0]) return null;
  return {
    start: zonedToInstant(dates[0], '00:00', zone),
    end: zonedToInstant(addDays(dates[0], 7), '00:00', zone),
  };
}
