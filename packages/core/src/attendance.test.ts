import { describe, expect, it } from 'vitest';
import { attendanceSummary, attendedMinutes } from './attendance.js';

describe('minutes that count towards the weekly minimum', () => {
  it('counts the whole session unless fewer minutes are given', () => {
    expect(attendedMinutes('present', 180, undefined)).toEqual({ minutes: 180 });
    expect(attendedMinutes('late', 180, 150)).toEqual({ minutes: 150 });
    expect(attendedMinutes('left_early', 180, 120)).toEqual({ minutes: 120 });
    expect(attendedMinutes('telehealth', 60, 60)).toEqual({ minutes: 60 });
  });

  it('never counts more than the session lasted, nor minutes for an absence', () => {
    expect(attendedMinutes('present', 180, 181)).toEqual({ problem: 'the session lasted 180 minutes' });
    expect(attendedMinutes('absent_excused', 180, undefined)).toEqual({ minutes: 0 });
    expect(attendedMinutes('absent_unexcused', 180, 0)).toEqual({ minutes: 0 });
    expect(attendedMinutes('absent_unexcused', 180, 30)).toEqual({ problem: 'an absence counts no minutes' });
    expect(attendedMinutes('late', 180, 0)).toHaveProperty('problem');
  });
});

describe('consistency of care', () => {
  it('is empty before anything is recorded', () => {
    expect(attendanceSummary([])).toEqual({
      recorded: 0,
      attended: 0,
      rate: null,
      consecutiveMisses: 0,
      consecutiveUnexcused: 0,
    });
  });

  it('counts the attendance rate and the misses in a row from the latest session back', () => {
    expect(
      attendanceSummary(['present', 'absent_unexcused', 'late', 'absent_excused', 'absent_unexcused']),
    ).toEqual({ recorded: 5, attended: 2, rate: 0.4, consecutiveMisses: 2, consecutiveUnexcused: 1 });
    expect(attendanceSummary(['absent_unexcused', 'absent_unexcused'])).toMatchObject({
      rate: 0,
      consecutiveMisses: 2,
      consecutiveUnexcused: 2,
    });
    expect(attendanceSummary(['absent_unexcused', 'telehealth'])).toMatchObject({
      rate: 0.5,
      consecutiveMisses: 0,
      consecutiveUnexcused: 0,
    });
  });
});
