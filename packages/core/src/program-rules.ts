/**
 * Program structure rules.
 *
 * ASAM Level 2.1 (intensive outpatient) minimums: 9 hours a week for adults, 6 for adolescents
 * (ASAM Criteria 3rd ed., as summarised in shared/reference/domain-rules.md §1 [A2, A3]).
 */
export const programKinds = ['substance_use', 'mental_health', 'co_occurring'] as const;
export type ProgramKind = (typeof programKinds)[number];

export const populations = ['adult', 'adolescent'] as const;
export type Population = (typeof populations)[number];

/** Default weekly hours minimum for a population, in hours. */
export function defaultWeeklyHoursMinimum(population: Population): number {
  return population === 'adult' ? 9 : 6;
}

export const trackKinds = ['morning', 'evening', 'weekend', 'custom'] as const;
export type TrackKind = (typeof trackKinds)[number];

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface TrackTimes {
  days: IsoWeekday[];
  startTime: string;
  endTime: string;
}

/**
 * Preset meeting pattern of each standard track kind: three 3-hour days (the Matrix Model's
 * 3 h × 3 days, domain-rules §6 [G3]) in the morning or evening, or two longer weekend days.
 * A custom track has no preset: its days and times must be given.
 */
export const trackPresets: Record<Exclude<TrackKind, 'custom'>, TrackTimes> = {
  morning: { days: [1, 3, 5], startTime: '09:00', endTime: '12:00' },
  evening: { days: [2, 3, 4], startTime: '18:00', endTime: '21:00' },
  weekend: { days: [6, 7], startTime: '09:00', endTime: '13:30' },
};

/** Minutes between two `HH:MM` times on the same day (end after start). */
export function minutesBetween(startTime: string, endTime: string): number {
  return toMinutes(endTime) - toMinutes(startTime);
}

function toMinutes(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Scheduled minutes a week that a track's pattern provides. */
export function weeklyTrackMinutes(times: TrackTimes): number {
  return times.days.length * minutesBetween(times.startTime, times.endTime);
}
