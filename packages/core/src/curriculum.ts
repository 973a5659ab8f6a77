import { type AttendanceStatus, attended } from './attendance.js';

/**
 * Curriculum coverage for rolling admission (issue "The clinical day"). People join a program any week,
 * so its groups teach their modules in rotation: each group of a modality works through that
 * modality's modules in order, one per session, and starts again. Someone who joined mid-rotation has
 * what they missed come round again, unless they are discharged first; that is what coverage shows.
 */

/** A module as the rotation sees it: its place in the program's order. */
export interface RotationModule {
  id: string;
  position: number;
}

/** One upcoming occurrence of a group, in time order. */
export interface RotationSlot {
  id: string;
  cancelled: boolean;
  /** Set by staff: keeps its module and takes no turn in the rotation. */
  pinned: boolean;
  moduleId: string | null;
}

/**
 * The module each upcoming occurrence of a group teaches: the modality's modules in order of
 * position, starting after the one taught last (`afterPosition`, the position of the last module the
 * group taught; null when it has taught none) and wrapping round. A cancelled session teaches nothing,
 * so its module moves to the next session; a pinned one keeps its module and takes no turn. A module
 * inserted or retired in the meantime is picked up (or skipped) at its place in the order.
 */
export function rotateModules(
  modules: readonly RotationModule[],
  slots: readonly RotationSlot[],
  afterPosition: number | null,
): Map<string, string | null> {
  const ordered = [...modules].sort((a, b) => a.position - b.position);
  const assigned = new Map<string, string | null>();
  let next =
    afterPosition === null
      ? 0
      : Math.max(
          0,
          ordered.findIndex((module) => module.position > afterPosition),
        );
  for (const slot of slots) {
    if (slot.pinned) {
      assigned.set(slot.id, slot.moduleId);
    } else if (slot.cancelled || ordered.length === 0) {
      assigned.set(slot.id, null);
    } else {
      assigned.set(slot.id, ordered[next % ordered.length]?.id ?? null);
      next += 1;
    }
  }
  return assigned;
}

/**
 * Whether attending a session covered the module it taught: the person took part (present, late, by
 * telehealth or leaving early) for at least half of the session.
 */
export function coversModule(status: AttendanceStatus, minutes: number, sessionMinutes: number): boolean {
  return attended(status) && minutes * 2 >= sessionMinutes;
}

/**
 * Where a participant stands on one module: `covered` (attended a session teaching it), `scheduled`
 * (one of their own sessions teaches it before planned discharge), `at_risk` (required, and the
 * current rotation does not bring it to them before planned discharge: they need a make-up), or
 * `optional` (not required and not covered or scheduled).
 */
export const moduleStatuses = ['covered', 'scheduled', 'at_risk', 'optional'] as const;
export type ModuleStatus = (typeof moduleStatuses)[number];

export const moduleStatusLabels: Record<ModuleStatus, string> = {
  covered: 'Covered',
  scheduled: 'Scheduled',
  at_risk: 'Will be missed',
  optional: 'Optional',
};

export interface CoverageModule {
  id: string;
  required: boolean;
}

export interface SessionOnDate {
  sessionId: string;
  moduleId: string;
  /** Local date of the session, `YYYY-MM-DD`. */
  date: string;
}

export interface ModuleCoverage {
  moduleId: string;
  status: ModuleStatus;
  /** The first session that covered it. */
  covered: SessionOnDate | null;
  /** The first of their sessions that will teach it (before planned discharge, or after it when at risk). */
  next: SessionOnDate | null;
}

/**
 * A participant's coverage of the program's modules, in the modules' order: from the sessions that
 * covered one (`covered`, any order) and their own upcoming sessions (`upcoming`, any order), against
 * their planned discharge date (inclusive).
 */
export function moduleCoverage(
  modules: readonly CoverageModule[],
  covered: readonly SessionOnDate[],
  upcoming: readonly SessionOnDate[],
  plannedDischarge: string,
): ModuleCoverage[] {
  const first = (sessions: readonly SessionOnDate[], moduleId: string) =>
    sessions
      .filter((session) => session.moduleId === moduleId)
      .reduce<SessionOnDate | null>(
        (best, session) => (best && best.date <= session.date ? best : session),
        null,
      );
  return modules.map((module) => {
    const coveredBy = first(covered, module.id);
    const next = first(upcoming, module.id);
    const status: ModuleStatus = coveredBy
      ? 'covered'
      : next && next.date <= plannedDischarge
        ? 'scheduled'
        : module.required
          ? 'at_risk'
          : 'optional';
    return { moduleId: module.id, status, covered: coveredBy, next: coveredBy ? null : next };
  });
}
