import { describe, expect, it } from 'vitest';
import { availabilityProblem, staffAvailabilityProblem } from './availability.js';

// 2026-03-10 is a Tuesday, 2026-03-14 a Saturday.
const tuesdayEvening = { localDate: '2026-03-10', localStart: '18:00', localEnd: '21:00' };
const saturdayMorning = { localDate: '2026-03-14', localStart: '09:00', localEnd: '12:00' };

describe('a participant’s availability', () => {
  it('sets no limit when nothing is recorded', () => {
    expect(availabilityProblem(tuesdayEvening, [], [])).toBeNull();
  });

  it('needs the whole session inside a window on its weekday', () => {
    const evenings = [{ weekday: 2, startTime: '17:30', endTime: '21:30' }];
    expect(availabilityProblem(tuesdayEvening, evenings, [])).toBeNull();
    expect(
      availabilityProblem(tuesdayEvening, [{ weekday: 2, startTime: '18:30', endTime: '21:30' }], []),
    ).toBe("Tuesday 2026-03-10 18:00–21:00 is outside the participant's availability");
    expect(availabilityProblem(saturdayMorning, evenings, [])).toMatch(/^Saturday .* outside/);
  });

  it('refuses any overlap with a blackout, naming its reason, even inside a window', () => {
    const allDay = [{ weekday: 6, startTime: '00:00', endTime: '23:59' }];
    const shift = [{ weekday: 6, startTime: '11:00', endTime: '19:00', reason: 'work' as const }];
    expect(availabilityProblem(saturdayMorning, allDay, shift)).toBe(
      'Saturday 2026-03-14 09:00–12:00 falls in a blackout (work shift)',
    );
    // Touching is not overlapping.
    const after = [{ weekday: 6, startTime: '12:00', endTime: '19:00', reason: 'childcare' as const }];
    expect(availabilityProblem(saturdayMorning, allDay, after)).toBeNull();
  });
});

describe('a clinician’s working hours and leave', () => {
  it('refuses days on leave and times outside working hours', () => {
    const leave = [{ startDate: '2026-03-09', endDate: '2026-03-13' }];
    expect(staffAvailabilityProblem(tuesdayEvening, [], leave)).toBe('on leave on 2026-03-10');
    expect(staffAvailabilityProblem(saturdayMorning, [], leave)).toBeNull();
    const days = [{ weekday: 2, startTime: '08:00', endTime: '17:00' }];
    expect(staffAvailabilityProblem(tuesdayEvening, days, [])).toBe(
      'not working Tuesday 2026-03-10 18:00–21:00',
    );
    expect(
      staffAvailabilityProblem(tuesdayEvening, [{ weekday: 2, startTime: '12:00', endTime: '21:00' }], []),
    ).toBeNull();
  });
});
