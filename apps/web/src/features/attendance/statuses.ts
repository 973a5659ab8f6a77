import type { AttendanceStatus } from '@stepwise/core';

/** The colour a status is shown in: absences stand out, an unexcused one most. */
export const attendanceStatusColors: Record<AttendanceStatus, string> = {
  present: 'blue.8',
  late: 'blue.8',
  left_early: 'blue.8',
  telehealth: 'blue.8',
  absent_excused: 'gray.7',
  absent_unexcused: 'red.9',
};

/** Statuses for which fewer minutes than the session's length are asked for. */
export function asksForMinutes(status: AttendanceStatus | null): boolean {
  return status === 'late' || status === 'left_early';
}
