import { describe, expect, it } from 'vitest';
import {
  defaultWeeklyHoursMinimum,
  minutesBetween,
  trackPresets,
  weeklyTrackMinutes,
} from './program-rules.js';

describe('weekly hours minimums', () => {
  // ASAM Criteria 3rd ed., Level 2.1 intensive outpatient: 9–19 h/week for adults, 6–19 for
  // adolescents (shared/reference/domain-rules.md §1, sources A2, A3).
  it('is 9 hours for adults and 6 for adolescents', () => {
    expect(defaultWeeklyHoursMinimum('adult')).toBe(9);
    expect(defaultWeeklyHoursMinimum('adolescent')).toBe(6);
  });
});

describe('track presets', () => {
  it('gives morning and evening tracks three 3-hour days (the Matrix Model pattern, domain-rules §6 G3)', () => {
    for (const kind of ['morning', 'evening'] as const) {
      expect(trackPresets[kind].days).toHaveLength(3);
      expect(minutesBetween(trackPresets[kind].startTime, trackPresets[kind].endTime)).toBe(180);
      expect(weeklyTrackMinutes(trackPresets[kind])).toBe(9 * 60);
    }
  });

  it('meets the adult minimum on weekends alone and keeps weekends on Saturday and Sunday', () => {
    expect(trackPresets.weekend.days).toEqual([6, 7]);
    expect(weeklyTrackMinutes(trackPresets.weekend)).toBeGreaterThanOrEqual(9 * 60);
  });

  it('counts minutes across the hour', () => {
    expect(minutesBetween('09:45', '12:15')).toBe(150);
    expect(weeklyTrackMinutes({ days: [1, 3], startTime: '18:30', endTime: '20:00' })).toBe(180);
  });
});
