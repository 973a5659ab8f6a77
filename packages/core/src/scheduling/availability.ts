import { weekdayOf } from './zoned-time.js';

/** A weekly time window in local time: ISO weekday (1 = Monday) and `HH:MM` times. */
export interface WeeklyWindow {
  weekday: number;
  startTime: string;
  endTime: string;
}

export const blackoutReasons = ['work', 'school', 'childcare', 'caregiving', 'transport', 'other'] as const;
export type BlackoutReason = (typeof blackoutReasons)[number];

export const blackoutReasonLabels: Record<BlackoutReason, string> = {
  work: 'work shift',
  school: 'school',
  childcare: 'childcare',
  caregiving: 'caregiving',
  transport: 'no transport',
  other: 'other commitment',
};

export interface Blackout extends WeeklyWindow {
  reason: BlackoutReason;
  note?: string | null;
}

export const weekdayNames = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** An occurrence as the people in it live it: its local date and local start and end times. */
export interface LocalOccurrence {
  localDate: string;
  localStart: string;
  localEnd: string;
}

/** Minutes since midnight; an end at or before the start means the session runs past midnight. */
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function span(occurrence: LocalOccurrence) {
  const start = minutes(occurrence.localStart);
  let end = minutes(occurrence.localEnd);
  if (end <= start) end = 24 * 60;
  return { weekday: weekdayOf(occurrence.localDate), start, end };
}

const describe = (occurrence: LocalOccurrence) =>
  `${weekdayNames[weekdayOf(occurrence.localDate) - 1]} ${occurrence.localDate} ${occurrence.localStart}–${occurrence.localEnd}`;

/**
 * Why a participant cannot attend the occurrence, or null when they can: with windows recorded it
 * must lie inside one on its weekday (no windows means no limit), and it may not touch a blackout.
 */
export function availabilityProblem(
  occurrence: LocalOccurrence,
  windows: readonly WeeklyWindow[],
  blackouts: readonly Blackout[],
): string | null {
  const { weekday, start, end } = span(occurrence);
  const blocked = blackouts.find(
    (blackout) =>
      blackout.weekday === weekday && minutes(blackout.startTime) < end && minutes(blackout.endTime) > start,
  );
  if (blocked) return `${describe(occurrence)} falls in a blackout (${blackoutReasonLabels[blocked.reason]})`;
  if (windows.length === 0) return null;
  const inside = windows.some(
    (window) =>
      window.weekday === weekday && minutes(window.startTime) <= start && minutes(window.endTime) >= end,
  );
  return inside ? null : `${describe(occurrence)} is outside the participant's availability`;
}

export interface Leave {
  startDate: string;
  endDate: string;
}

/**
 * Why a staff member cannot run the occurrence, or null: not on leave that day, and inside their
 * working hours on its weekday when they have recorded any.
 */
export function staffAvailabilityProblem(
  occurrence: LocalOccurrence,
  workingHours: readonly WeeklyWindow[],
  leave: readonly Leave[],
): string | null {
  if (
    leave.some((period) => period.startDate <= occurrence.localDate && occurrence.localDate <= period.endDate)
  ) {
    return `on leave on ${occurrence.localDate}`;
  }
  if (workingHours.length === 0) return null;
  const { weekday, start, end } = span(occurrence);
  const inside = workingHours.some(
    (window) =>
      window.weekday === weekday && minutes(window.startTime) <= start && minutes(window.endTime) >= end,
  );
  return inside ? null : `not working ${describe(occurrence)}`;
}
