/**
 * Attendance and consistency of care (issue "The clinical day"): how a session was attended, the
 * minutes that count towards the weekly minimum, and each participant's attendance rate and run of
 * missed sessions.
 */

export const attendanceStatuses = [
  'present',
  'late',
  'left_early',
  'telehealth',
  'absent_excused',
  'absent_unexcused',
] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const attendanceStatusLabels: Record<AttendanceStatus, string> = {
  present: 'Present',
  late: 'Late',
  left_early: 'Left early',
  telehealth: 'Telehealth',
  absent_excused: 'Absent (excused)',
  absent_unexcused: 'Absent (unexcused)',
};

/** Whether the status means the person took part (and their minutes count). */
export const attended = (status: AttendanceStatus): boolean =>
  status !== 'absent_excused' && status !== 'absent_unexcused';

/**
 * The minutes a record counts, or why it cannot: absences count 0 (none may be given); attendance
 * counts the session's length unless fewer minutes are given (late arrival, leaving early), and never
 * more than the session lasted.
 */
export function attendedMinutes(
  status: AttendanceStatus,
  sessionMinutes: number,
  given: number | undefined,
): { minutes: number } | { problem: string } {
  if (!attended(status)) {
    return given === undefined || given === 0 ? { minutes: 0 } : { problem: 'an absence counts no minutes' };
  }
  if (given === undefined) return { minutes: sessionMinutes };
  if (given > sessionMinutes) return { problem: `the session lasted ${sessionMinutes} minutes` };
  if (given === 0)
    return { problem: 'someone who attended has at least a minute; record an absence instead' };
  return { minutes: given };
}

export interface AttendanceSummary {
  /** Sessions with attendance recorded. */
  recorded: number;
  /** Of those, sessions attended (present, late, left early or by telehealth). */
  attended: number;
  /** attended / recorded, or null before anything is recorded. */
  rate: number | null;
  /** Absences in a row, counting back from the latest recorded session. */
  consecutiveMisses: number;
  /** Unexcused absences in a row, counting back from the latest recorded session. */
  consecutiveUnexcused: number;
}

/** A participant's consistency of care over their recorded sessions, given oldest first. */
export function attendanceSummary(statuses: readonly AttendanceStatus[]): AttendanceSummary {
  const present = statuses.filter(attended).length;
  const runOf = (matches: (status: AttendanceStatus) => boolean) => {
    let run = 0;
    for (let index = statuses.length - 1; index >= 0; index -= 1) {
      const status = statuses[index];
      if (status === undefined || !matches(status)) break;
      run += 1;
    }
    return run;
  };
  return {
    recorded: statuses.length,
    attended: present,
    rate: statuses.length === 0 ? null : present / statuses.length,
    consecutiveMisses: runOf((status) => !attended(status)),
    consecutiveUnexcused: runOf((status) => status === 'absent_unexcused'),
  };
}
