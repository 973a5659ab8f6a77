import type { Highs, InitOptions, ModelData } from 'highs';
import highsModule from 'highs';
import { invalidField } from '../../../http/app-error.js';

/*
 * The schedule optimizer: which groups each participant should attend next week.
 *
 * The exact problem is a mixed-integer program with one binary per participant and group they can
 * attend, solved by HiGHS (compiled to WebAssembly). Hard constraints are never traded: a group is
 * only offered to someone whose week it fits, nobody is put in two groups that overlap, groups stay
 * within capacity and nobody goes over their weekly maximum. Within those, the objective first
 * maximises how many participants reach their required weekly minutes, and only then, with much
 * smaller weights, lowers the shortfall of those who cannot, keeps group sizes even, keeps people in
 * last week's groups and avoids spending most of someone's hours in one modality.
 *
 * At 1,000 participants and 250 groups that model has about 140,000 binaries, and its linear
 * relaxation alone takes HiGHS longer than the whole time budget. So large programs are solved in
 * stages over a smaller, exact-enough picture (solveAggregated): groups meeting at the same times
 * form one time pattern, participants with the same eligible patterns and hours form one class; a
 * relaxation over classes and patterns gives the proven bound, a master problem over ways to meet
 * the minimum gives whole schedules, and a restricted exact model seats everyone in groups.
 *
 * proposeAssignment() blocks the thread it runs on for up to the time limit: call it from a worker
 * thread or a job, not on the HTTP server's event loop.
 */

/**
 * Minutes since Monday 00:00 local time of the program's reference week, `end` exclusive. Group
 * slots lie within the week (0 ≤ start < end ≤ 10080); a participant's times may run past Sunday
 * midnight (end > 10080), which continues on Monday morning.
 */
export interface WeekInterval {
  start: number;
  end: number;
}

/** A group that meets at the same times every week. */
export interface OptimizerGroup {
  id: string;
  /** How staff and participants call it, e.g. "Evening CBT group". */
  label: string;
  /** e.g. `cbt_group`; groups of one modality count together for the mix of modalities. */
  modality: string;
  /** Seats. */
  capacity: number;
  /** Its weekly sessions; attending the group means attending all of them. */
  slots: WeekInterval[];
  /** Curriculum modules its sessions teach that week (see the participant's `neededModuleIds`). */
  moduleIds?: string[];
}

/** One participant's week, as far as scheduling needs it (no clinical information). */
export interface OptimizerParticipant {
  id: string;
  /** Weekly minimum, e.g. 540 for adults in IOP (9 h), 360 for adolescents (6 h). */
  requiredMinutes: number;
  /** Weekly maximum; default 19 h (ASAM level 2.1 is 9 to 19 hours a week for adults). */
  maxMinutes?: number;
  /**
   * When they can attend. Touching windows join up. An empty list means no limit was recorded, as in
   * core's availability rule.
   */
  available: WeekInterval[];
  /** Times they cannot come, with the reason shown to staff (work shift, school, childcare…). */
  blackouts: (WeekInterval & { reason: string })[];
  /** Sessions already fixed (individual, family): no group may overlap them. */
  busy: WeekInterval[];
  /** This week's groups, kept when nothing more important is at stake. */
  currentGroupIds: string[];
  /** Required curriculum modules they have not covered: groups teaching them are preferred. */
  neededModuleIds?: string[];
}

export interface OptimizerInput {
  groups: OptimizerGroup[];
  participants: OptimizerParticipant[];
  /** Wall-clock budget for the whole call, in seconds; default 10. */
  timeLimitSeconds?: number;
  /** The solver stops once its solution is proven within this relative gap of optimal; default 0.005. */
  mipRelativeGap?: number;
  /**
   * `aggregated`: the staged solve that scales (see solveAggregated). `direct`: only the exact model,
   * one binary per participant and eligible group, from a greedy start. `auto` (default): aggregated,
   * then, while not yet proven within the gap, the exact model from its proposal when that model is
   * small enough (at most 20,000 participant–group pairs) to tighten the bound in the time left.
   */
  strategy?: 'auto' | 'direct' | 'aggregated';
}

/** Why one participant got these groups, in words for staff. */
export interface ParticipantExplanation {
  participantId: string;
  minutes: number;
  meetsMinimum: boolean;
  /** e.g. "Evening CBT group Tue/Thu 18:00–21:00: 6 h (short of the 9 h minimum by 3 h); …". */
  text: string;
}

/** One model handed to HiGHS, with what it reported. */
export interface StageReport {
  /** `exact`: the exact model; `relaxation`, `master` and `seating`: see solveAggregated. */
  name: 'relaxation' | 'master' | 'seating' | 'exact';
  status: 'optimal' | 'time_limit' | 'infeasible';
  seconds: number;
  /** Size before HiGHS's presolve. */
  columns: number;
  integers: number;
  rows: number;
  nonzeros: number;
  /** HiGHS's objective value, `mip_dual_bound` and `mip_gap` for this model. */
  objective: number;
  bound: number;
  gap: number;
}

export interface OptimizerResult {
  /**
   * `optimal`: proven within `mipRelativeGap`; `time_limit`: the best proposal found when a stage ran
   * out of time, not proven within the gap; `feasible`: every stage finished but the proposal is not
   * proven within the gap (the aggregated bound can be loose on small programs); `infeasible` cannot
   * arise (nobody in any group is always feasible) and is kept for callers' completeness; `error`:
   * the solver failed, and nothing is proposed.
   */
  status: 'optimal' | 'time_limit' | 'feasible' | 'infeasible' | 'error';
  /** One entry per participant, in input order; group ids in week order. */
  assignments: { participantId: string; groupIds: string[] }[];
  /** Participants whose assigned minutes reach their minimum. */
  meetingMinimum: number;
  /** Proven upper bound on `meetingMinimum`, from `bound`; equal when that count is proven best. */
  meetingMinimumBound: number;
  /** Objective of the proposal (see `objectiveWeights`). */
  objective: number;
  /**
   * Proven upper bound on the objective: the lowest of what HiGHS proved (the plan relaxation's
   * optimum, the exact model's `mip_dual_bound`) and the trivial bound (everyone who could meet
   * their minimum does, every current group kept).
   */
  bound: number;
  /** (bound − objective) / max(1, |objective|), the relative gap as HiGHS defines it. */
  gap: number;
  /** Wall-clock time of the whole call. */
  solveSeconds: number;
  /** What each HiGHS run was given and reported, in order. */
  stages: StageReport[];
  explanations: ParticipantExplanation[];
}

/**
 * Weights of the objective. Each participant meeting their minimum is worth 1. Each secondary term is
 * normalised to lie in [0, 1] and the weights sum to 0.95 < 1, so no trade between secondary terms
 * can ever outweigh one more participant meeting their minimum: the order is lexicographic.
 */
export const objectiveWeights = {
  /** Mean over participants of the missing share of their minimum (penalty). */
  shortfall: 0.35,
  /** Mean over groups of seats filled beyond half capacity, doubled beyond three quarters (penalty). */
  balance: 0.2,
  /** Share of eligible current groups kept, averaged over participants who have any (reward). */
  stability: 0.25,
  /** Minutes in one modality beyond half the minimum, over the weekly maximum (penalty). */
  concentration: 0.05,
  /**
   * Modules still needed that the chosen groups teach, averaged over participants who need any
   * (reward): for rolling admission, the seat in the parallel group that teaches what someone lacks.
   * Each person's credit is shared over everything their eligible groups could teach them, so it
   * never exceeds 1.
   */
  curriculum: 0.1,
} as const;

/** The most the penalties can take off: a proposal's count ≤ its objective + this. */
const penaltyWeights = objectiveWeights.shortfall + objectiveWeights.balance + objectiveWeights.concentration;

const day = 24 * 60;
const week = 7 * day;
const defaultMaxMinutes = 19 * 60;
const weekdayShort = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Half-open intervals overlap when each starts before the other ends (touching is fine). */
export const overlaps = (a: WeekInterval, b: WeekInterval) => a.start < b.end && b.start < a.end;

const minutesOf = (group: OptimizerGroup) =>
  group.slots.reduce((sum, slot) => sum + slot.end - slot.start, 0);

/**
 * Converts core's weekly window (ISO weekday, `HH:MM` times; an end at or before the start runs past
 * midnight) into a week interval.
 */
export function weekIntervalOf(window: {
  weekday: number;
  startTime: string;
  endTime: string;
}): WeekInterval {
  const clock = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const start = (window.weekday - 1) * day + clock(window.startTime);
  const end = (window.weekday - 1) * day + clock(window.endTime);
  return { start, end: end <= start ? end + day : end };
}

/** A participant's time that runs past Sunday midnight, as its Sunday part and its Monday part. */
function withinWeek<T extends WeekInterval>(intervals: readonly T[]): T[] {
  return intervals.flatMap((interval) =>
    interval.end <= week
      ? [interval]
      : [
          { ...interval, end: week },
          { ...interval, start: 0, end: interval.end - week },
        ],
  );
}

/** Why a group is not offered to a participant. */
export type Exclusion =
  | { kind: 'blackout'; group: OptimizerGroup; blackout: WeekInterval & { reason: string } }
  | { kind: 'unavailable'; group: OptimizerGroup; slots: WeekInterval[] }
  | { kind: 'busy'; group: OptimizerGroup; busy: WeekInterval }
  | { kind: 'too_long'; group: OptimizerGroup };

/** Joins overlapping or touching windows, so a slot may span two adjacent windows. */
function mergeWindows(windows: readonly WeekInterval[]): WeekInterval[] {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const merged: WeekInterval[] = [];
  for (const window of sorted) {
    const last = merged.at(-1);
    if (last && window.start <= last.end) last.end = Math.max(last.end, window.end);
    else merged.push({ ...window });
  }
  return merged;
}

/**
 * The groups a participant can attend, and why each other group is out: a blackout first (it is the
 * reason staff can act on), then availability, then another fixed session, then the weekly maximum.
 */
export function eligibilityOf(
  participant: OptimizerParticipant,
  groups: readonly OptimizerGroup[],
): { eligible: OptimizerGroup[]; excluded: Exclusion[] } {
  const windows = mergeWindows(withinWeek(participant.available));
  const week = {
    ...participant,
    blackouts: withinWeek(participant.blackouts),
    busy: withinWeek(participant.busy),
  };
  const maxMinutes = participant.maxMinutes ?? defaultMaxMinutes;
  const eligible: OptimizerGroup[] = [];
  const excluded: Exclusion[] = [];
  for (const group of groups) {
    const exclusion = exclusionOf(group, week, windows, maxMinutes);
    if (exclusion) excluded.push(exclusion);
    else if (group.capacity > 0) eligible.push(group);
  }
  return { eligible, excluded };
}

function exclusionOf(
  group: OptimizerGroup,
  participant: OptimizerParticipant,
  windows: readonly WeekInterval[],
  maxMinutes: number,
): Exclusion | null {
  for (const slot of group.slots) {
    const blackout = participant.blackouts.find((candidate) => overlaps(candidate, slot));
    if (blackout) return { kind: 'blackout', group, blackout };
  }
  if (windows.length > 0) {
    const outside = group.slots.filter(
      (slot) => !windows.some((window) => window.start <= slot.start && slot.end <= window.end),
    );
    if (outside.length > 0) return { kind: 'unavailable', group, slots: outside };
  }
  for (const slot of group.slots) {
    const busy = participant.busy.find((candidate) => overlaps(candidate, slot));
    if (busy) return { kind: 'busy', group, busy };
  }
  if (minutesOf(group) > maxMinutes) return { kind: 'too_long', group };
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Validation

function validate(input: OptimizerInput) {
  const interval = (path: string, value: WeekInterval, latestEnd: number) => {
    if (!Number.isInteger(value.start) || !Number.isInteger(value.end)) {
      throw invalidField(path, 'start and end must be whole minutes');
    }
    if (value.start < 0 || value.start >= week || value.end <= value.start || value.end > latestEnd) {
      throw invalidField(path, 'must end after it starts, and start within the week');
    }
  };
  const groupIds = new Set<string>();
  input.groups.forEach((group, index) => {
    if (groupIds.has(group.id)) throw invalidField(`groups.${index}.id`, `duplicate group id ${group.id}`);
    groupIds.add(group.id);
    if (!Number.isInteger(group.capacity) || group.capacity < 0) {
      throw invalidField(`groups.${index}.capacity`, 'must be a whole number of seats');
    }
    if (group.slots.length === 0) throw invalidField(`groups.${index}.slots`, 'a group needs a session');
    group.slots.forEach((slot, slotIndex) => {
      // A group's sessions stay within the week; one across Sunday midnight is not supported.
      interval(`groups.${index}.slots.${slotIndex}`, slot, week);
      if (group.slots.slice(0, slotIndex).some((earlier) => overlaps(earlier, slot))) {
        throw invalidField(`groups.${index}.slots.${slotIndex}`, "overlaps another of the group's sessions");
      }
    });
  });
  const participantIds = new Set<string>();
  input.participants.forEach((participant, index) => {
    const path = `participants.${index}`;
    if (participantIds.has(participant.id)) {
      throw invalidField(`${path}.id`, `duplicate participant id ${participant.id}`);
    }
    participantIds.add(participant.id);
    if (!Number.isInteger(participant.requiredMinutes) || participant.requiredMinutes < 0) {
      throw invalidField(`${path}.requiredMinutes`, 'must be whole minutes, 0 or more');
    }
    const max = participant.maxMinutes;
    if (max !== undefined && (!Number.isInteger(max) || max < 0)) {
      throw invalidField(`${path}.maxMinutes`, 'must be whole minutes, 0 or more');
    }
    for (const [name, windows] of [
      ['available', participant.available],
      ['blackouts', participant.blackouts],
      ['busy', participant.busy],
    ] as const) {
      windows.forEach((window, i) => {
        interval(`${path}.${name}.${i}`, window, window.start + week);
      });
    }
  });
  const limit = input.timeLimitSeconds;
  if (limit !== undefined && !(limit > 0)) throw invalidField('timeLimitSeconds', 'must be positive');
  const gap = input.mipRelativeGap;
  if (gap !== undefined && !(gap >= 0 && gap < 1)) throw invalidField('mipRelativeGap', 'must be in [0, 1)');
}

// ---------------------------------------------------------------------------------------------------
// Preparation

/** Groups that meet at exactly the same times: alike for hours, overlaps and everyone's week. */
interface TimePattern {
  slots: WeekInterval[];
  minutes: number;
  /** Its groups with seats (indices into the input's groups). */
  groups: number[];
}

interface PreparedParticipant {
  participant: OptimizerParticipant;
  required: number;
  max: number;
  /** Groups they can attend: the group fits their week and has seats (indices). */
  eligible: number[];
  /** Time patterns of those groups (indices). */
  patterns: number[];
  excluded: Exclusion[];
  /** Eligible groups among this week's (indices). */
  current: Set<number>;
  /** Minutes of all their eligible time patterns together: more than they could ever attend. */
  fitMinutes: number;
  /** Whether the minimum is within reach at all; "meets" is fixed at no otherwise. */
  reachable: boolean;
  /** Objective weight of keeping one of their current groups. */
  keepWeight: number;
  /** Objective weight of attending each eligible group for the modules it teaches them (group index → weight). */
  moduleGain: Map<number, number>;
}

/** The input, indexed once for every stage. */
interface Program {
  groups: readonly OptimizerGroup[];
  minutes: number[];
  /** Time pattern of each group; -1 for a group without seats. */
  patternOf: number[];
  patterns: TimePattern[];
  people: PreparedParticipant[];
  /** Sets of groups that overlap at one moment (see clashSets). */
  groupClashes: number[][];
  /** Groups that someone can attend: the balance term averages over these. */
  usedGroups: number;
  /** The most the curriculum term can add (everyone in every group teaching them something). */
  curriculumCredit: number;
}

function prepare(input: OptimizerInput): Program {
  const { groups } = input;
  const minutes = groups.map(minutesOf);
  const patternIndex = new Map<string, number>();
  const patterns: TimePattern[] = [];
  const patternOf = groups.map((group, groupIndex) => {
    if (group.capacity <= 0) return -1;
    const key = group.slots
      .map((slot) => `${slot.start}-${slot.end}`)
      .sort()
      .join(',');
    let index = patternIndex.get(key);
    if (index === undefined) {
      index = patterns.length;
      patternIndex.set(key, index);
      patterns.push({ slots: group.slots, minutes: minutes[groupIndex] ?? 0, groups: [] });
    }
    patterns[index]?.groups.push(groupIndex);
    return index;
  });

  const indexOf = new Map(groups.map((group, index) => [group.id, index]));
  const people = input.participants.map((participant): PreparedParticipant => {
    const { eligible, excluded } = eligibilityOf(participant, groups);
    const eligibleIndices = eligible.map((group) => indexOf.get(group.id) ?? -1);
    const ownPatterns = [...new Set(eligibleIndices.map((g) => patternOf[g] ?? -1))];
    const fitMinutes = ownPatterns.reduce((sum, t) => sum + (patterns[t]?.minutes ?? 0), 0);
    const required = participant.requiredMinutes;
    const max = participant.maxMinutes ?? defaultMaxMinutes;
    const currentIds = new Set(participant.currentGroupIds);
    return {
      participant,
      required,
      max,
      eligible: eligibleIndices,
      patterns: ownPatterns,
      excluded,
      current: new Set(eligibleIndices.filter((g) => currentIds.has(groups[g]?.id ?? ''))),
      fitMinutes,
      reachable: required <= max && fitMinutes >= required,
      keepWeight: 0,
      moduleGain: new Map(),
    };
  });
  const withCurrent = people.filter((person) => person.current.size > 0).length;
  for (const person of people) {
    if (person.current.size > 0) {
      person.keepWeight = objectiveWeights.stability / (withCurrent * person.current.size);
    }
  }
  // Curriculum: what each eligible group teaches the person that they still need.
  const teaches = people.map((person) => {
    const needed = new Set(person.participant.neededModuleIds ?? []);
    return new Map(
      person.eligible.map((g) => [g, (groups[g]?.moduleIds ?? []).filter((id) => needed.has(id)).length]),
    );
  });
  const needing = teaches.filter((counts) => [...counts.values()].some((n) => n > 0)).length;
  let curriculumCredit = 0;
  people.forEach((person, p) => {
    const counts = teaches[p] ?? new Map<number, number>();
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    if (total === 0) return;
    const share = Math.max(total, person.participant.neededModuleIds?.length ?? 0);
    for (const [g, n] of counts) {
      if (n > 0) person.moduleGain.set(g, (objectiveWeights.curriculum * n) / (needing * share));
    }
    curriculumCredit += (objectiveWeights.curriculum * total) / (needing * share);
  });
  const used = new Set(people.flatMap((person) => person.eligible));
  return {
    groups,
    minutes,
    patternOf,
    patterns,
    people,
    groupClashes: clashSets(groups.map((group) => group.slots)),
    usedGroups: Math.max(1, used.size),
    curriculumCredit,
  };
}

/**
 * Sets of items (groups or time patterns) that all meet at one moment: for every moment a session
 * starts, the items with a session running then. Any two overlapping items share such a moment (the
 * later of their two starts), so "at most one per set" forbids every overlap, with far fewer rows than
 * one per pair.
 */
function clashSets(items: readonly (readonly WeekInterval[])[]): number[][] {
  const starts = [...new Set(items.flatMap((slots) => slots.map((slot) => slot.start)))];
  const sets = starts.map((moment) =>
    items.flatMap((slots, index) =>
      slots.some((slot) => slot.start <= moment && moment < slot.end) ? [index] : [],
    ),
  );
  return withoutSubsets(sets.filter((set) => set.length >= 2));
}

/** Drops sets contained in another (their rows would be implied); sets are sorted ascending. */
function withoutSubsets(sets: number[][]): number[][] {
  const unique = [...new Map(sets.map((set) => [set.join(','), set])).values()].sort(
    (a, b) => b.length - a.length,
  );
  const kept: { set: number[]; members: Set<number> }[] = [];
  for (const set of unique) {
    if (kept.some((other) => set.every((member) => other.members.has(member)))) continue;
    kept.push({ set, members: new Set(set) });
  }
  return kept.map(({ set }) => set);
}

/** The clash sets of one person's items, by local position (items must be in `clashes`' numbering). */
function localClashes(clashes: readonly number[][], items: readonly number[]): number[][] {
  const local = new Map(items.map((item, position) => [item, position]));
  return withoutSubsets(
    clashes
      .map((set) => set.flatMap((item) => (local.has(item) ? [local.get(item) ?? -1] : [])))
      .filter((set) => set.length >= 2)
      .map((set) => set.sort((a, b) => a - b)),
  );
}

const groupsOverlap = (a: OptimizerGroup | undefined, b: OptimizerGroup | undefined) =>
  a?.slots.some((slot) => b?.slots.some((other) => overlaps(slot, other)) ?? false) ?? false;

// ---------------------------------------------------------------------------------------------------
// The objective, computed directly from an assignment (group indices per participant)

/** Penalty of one group's fill: seats beyond half, and doubly beyond three quarters, over capacity. */
const fillPenalty = (seats: number, capacity: number) =>
  (Math.max(0, seats - capacity / 2) + 2 * Math.max(0, seats - (3 * capacity) / 4)) / capacity;

/** The objective of an assignment, exactly as the models count it (see `objectiveWeights`). */
function scoreOf(program: Program, assigned: readonly (readonly number[])[]): number {
  const peopleCount = Math.max(1, program.people.length);
  const seats = program.groups.map(() => 0);
  let score = 0;
  program.people.forEach((person, p) => {
    const chosen = assigned[p] ?? [];
    const byModality = new Map<string, number>();
    let minutes = 0;
    for (const g of chosen) {
      const length = program.minutes[g] ?? 0;
      minutes += length;
      seats[g] = (seats[g] ?? 0) + 1;
      const modality = program.groups[g]?.modality ?? '';
      byModality.set(modality, (byModality.get(modality) ?? 0) + length);
      if (person.current.has(g)) score += person.keepWeight;
      score += person.moduleGain.get(g) ?? 0;
    }
    if (minutes >= person.required) score += 1;
    if (person.required > 0) {
      score -= (objectiveWeights.shortfall / peopleCount) * Math.max(0, 1 - minutes / person.required);
      for (const inModality of byModality.values()) {
        const beyond = Math.max(0, inModality - person.required / 2);
        score -= (objectiveWeights.concentration / (peopleCount * person.max)) * beyond;
      }
    }
  });
  program.groups.forEach((group, g) => {
    if ((seats[g] ?? 0) > 0) {
      score -= (objectiveWeights.balance / program.usedGroups) * fillPenalty(seats[g] ?? 0, group.capacity);
    }
  });
  return score;
}

// ---------------------------------------------------------------------------------------------------
// Building models

/** Rows and columns as plain arrays, turned into HiGHS's compressed-sparse-row model at the end. */
class ModelBuilder {
  readonly cost: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  readonly integrality: (0 | 1)[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  readonly starts: number[] = [0];
  readonly indices: number[] = [];
  readonly values: number[] = [];

  column(cost: number, lower: number, upper: number, integer: boolean): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integrality.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }

  row(lower: number, upper: number, columns: readonly number[], coefficients: readonly number[]) {
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    for (let k = 0; k < columns.length; k += 1) {
      this.indices.push(columns[k] ?? -1);
      this.values.push(coefficients[k] ?? 0);
    }
    this.starts.push(this.indices.length);
  }

  size(): Pick<StageReport, 'columns' | 'integers' | 'rows' | 'nonzeros'> {
    return {
      columns: this.cost.length,
      integers: this.integrality.reduce<number>((sum, integer) => sum + integer, 0),
      rows: this.rowLower.length,
      nonzeros: this.indices.length,
    };
  }

  toModelData(highs: Highs): ModelData {
    const finite = (values: number[]) =>
      Float64Array.from(values, (value) =>
        value === Number.POSITIVE_INFINITY
          ? highs.infinity
          : value === Number.NEGATIVE_INFINITY
            ? -highs.infinity
            : value,
      );
    return {
      numCols: this.cost.length,
      numRows: this.rowLower.length,
      sense: highs.constants.objectiveSense.maximize,
      colCost: Float64Array.from(this.cost),
      colLower: finite(this.lower),
      colUpper: finite(this.upper),
      rowLower: finite(this.rowLower),
      rowUpper: finite(this.rowUpper),
      integrality: Int32Array.from(this.integrality),
      matrix: {
        format: 'csr',
        numRows: this.rowLower.length,
        numCols: this.cost.length,
        starts: Int32Array.from(this.starts),
        indices: Int32Array.from(this.indices),
        values: Float64Array.from(this.values),
      },
    };
  }
}

const unbounded = Number.POSITIVE_INFINITY;

/** Where the seating model keeps each decision. */
interface SeatingColumns {
  /** Per participant, parallel to their allowed groups: "attends this group" (binary). */
  attends: number[][];
  /** Per participant: "meets the minimum" (binary). */
  meets: number[];
  /** Per participant: missing share of the minimum, or -1 when the minimum is 0. */
  shortfall: number[];
  /** Per participant: minutes in one modality beyond half the minimum. */
  concentration: { groups: number[]; threshold: number; column: number }[][];
  /** Per group: seats beyond half and beyond three quarters, or null when nobody may attend. */
  fill: ([number, number] | null)[];
}

/**
 * The exact model, one binary per participant and allowed group: `allowed` is every eligible group
 * (the `exact` stage) or a subset (the `seating` stage). Objective coefficients use the whole
 * program's normalisers, so a solution's objective equals `scoreOf` whatever the subset.
 */
function buildSeatingModel(program: Program, allowed: readonly number[][]) {
  const { groups, minutes: groupMinutes, people } = program;
  const builder = new ModelBuilder();
  const peopleCount = Math.max(1, people.length);
  const seatsUsed = groups.map(() => [] as number[]);
  const columns: SeatingColumns = { attends: [], meets: [], shortfall: [], concentration: [], fill: [] };

  people.forEach((person, p) => {
    const { required, max } = person;
    const options = allowed[p] ?? [];
    const attends = options.map((g) => {
      const gain = (person.current.has(g) ? person.keepWeight : 0) + (person.moduleGain.get(g) ?? 0);
      const column = builder.column(gain, 0, 1, true);
      seatsUsed[g]?.push(column);
      return column;
    });
    const minutes = options.map((g) => groupMinutes[g] ?? 0);
    columns.attends.push(attends);

    // Meets the minimum: attended minutes ≥ required × meets.
    const meets = builder.column(1, required === 0 ? 1 : 0, person.reachable ? 1 : 0, true);
    columns.meets.push(meets);
    if (required > 0 && person.reachable) {
      builder.row(0, unbounded, [...attends, meets], [...minutes, -required]);
    }
    // Shortfall as a share of the minimum: attended minutes + required × shortfall ≥ required.
    if (required > 0) {
      const shortfall = builder.column(-objectiveWeights.shortfall / peopleCount, 0, 1, false);
      builder.row(required, unbounded, [...attends, shortfall], [...minutes, required]);
      columns.shortfall.push(shortfall);
    } else {
      columns.shortfall.push(-1);
    }
    const most = minutes.reduce((sum, length) => sum + length, 0);
    if (most > max) builder.row(-unbounded, max, attends, minutes);

    for (const set of localClashes(program.groupClashes, options)) {
      builder.row(
        -unbounded,
        1,
        set.map((j) => attends[j] ?? -1),
        set.map(() => 1),
      );
    }

    const byModality = new Map<string, number[]>();
    options.forEach((g, j) => {
      const modality = groups[g]?.modality ?? '';
      byModality.set(modality, [...(byModality.get(modality) ?? []), j]);
    });
    const terms: SeatingColumns['concentration'][number] = [];
    const threshold = required / 2;
    for (const members of byModality.values()) {
      const total = members.reduce((sum, j) => sum + (minutes[j] ?? 0), 0);
      if (required === 0 || total <= threshold) continue;
      const column = builder.column(-objectiveWeights.concentration / (peopleCount * max), 0, max, false);
      builder.row(
        -unbounded,
        threshold,
        [...members.map((j) => attends[j] ?? -1), column],
        [...members.map((j) => minutes[j] ?? 0), -1],
      );
      terms.push({ groups: members.map((j) => options[j] ?? -1), threshold, column });
    }
    columns.concentration.push(terms);
  });

  // Capacity, and the seats beyond half and three quarters of it that the balance term charges.
  groups.forEach((group, g) => {
    const seats = seatsUsed[g] ?? [];
    if (seats.length === 0) {
      columns.fill.push(null);
      return;
    }
    const capacity = group.capacity;
    const ones = seats.map(() => 1);
    const perSeat = objectiveWeights.balance / (program.usedGroups * capacity);
    const beyondHalf = builder.column(-perSeat, 0, capacity / 2, false);
    const beyondThreeQuarters = builder.column(-2 * perSeat, 0, capacity / 4, false);
    // The two fill rows with their columns' bounds imply the capacity; it is stated anyway.
    if (seats.length > capacity) builder.row(-unbounded, capacity, seats, ones);
    builder.row(-unbounded, capacity / 2, [...seats, beyondHalf], [...ones, -1]);
    builder.row(-unbounded, (3 * capacity) / 4, [...seats, beyondThreeQuarters], [...ones, -1]);
    columns.fill.push([beyondHalf, beyondThreeQuarters]);
  });
  return { builder, columns };
}

/** The seating model's column vector for an assignment, each auxiliary column at its best value. */
function seatingValues(
  program: Program,
  columns: SeatingColumns,
  allowed: readonly number[][],
  columnCount: number,
  assigned: readonly (readonly number[])[],
): Float64Array {
  const values = new Float64Array(columnCount);
  const seats = program.groups.map(() => 0);
  program.people.forEach((person, p) => {
    const chosen = new Set(assigned[p] ?? []);
    let total = 0;
    (allowed[p] ?? []).forEach((g, j) => {
      if (!chosen.has(g)) return;
      values[columns.attends[p]?.[j] ?? -1] = 1;
      total += program.minutes[g] ?? 0;
      seats[g] = (seats[g] ?? 0) + 1;
    });
    values[columns.meets[p] ?? -1] = total >= person.required ? 1 : 0;
    const shortfall = columns.shortfall[p] ?? -1;
    if (shortfall >= 0) values[shortfall] = Math.max(0, 1 - total / person.required);
    for (const term of columns.concentration[p] ?? []) {
      const inModality = term.groups.reduce(
        (sum, g) => sum + (chosen.has(g) ? (program.minutes[g] ?? 0) : 0),
        0,
      );
      values[term.column] = Math.max(0, inModality - term.threshold);
    }
  });
  program.groups.forEach((group, g) => {
    const fill = columns.fill[g];
    if (!fill) return;
    values[fill[0]] = Math.max(0, (seats[g] ?? 0) - group.capacity / 2);
    values[fill[1]] = Math.max(0, (seats[g] ?? 0) - (3 * group.capacity) / 4);
  });
  return values;
}

/** Participants alike for the plan: same eligible time patterns, minimum and maximum. */
interface PlanClass {
  members: number[];
  patterns: number[];
  required: number;
  max: number;
  reachable: boolean;
}

interface PlanColumns {
  /** Per class, parallel to its patterns: how many members attend a group of that pattern. */
  attend: number[][];
}

function planClasses(program: Program): PlanClass[] {
  const classes = new Map<string, PlanClass>();
  program.people.forEach((person, p) => {
    const patterns = [...person.patterns].sort((a, b) => a - b);
    const key = `${patterns.join(',')}|${person.required}|${person.max}`;
    const existing = classes.get(key);
    if (existing) existing.members.push(p);
    else {
      classes.set(key, {
        members: [p],
        patterns,
        required: person.required,
        max: person.max,
        reachable: person.reachable,
      });
    }
  });
  return [...classes.values()];
}

/**
 * The plan: a relaxation of the exact model over classes of alike participants and time patterns,
 * with counts ("12 of these participants attend the Tue/Thu 18:00–21:00 groups"). Every exact
 * solution maps to a plan of at least the same objective: each row below is a sum of exact rows over
 * a class's members; stability is credited at most once per member who had a group at that time, at
 * the highest weight among them; seats are split among a pattern's groups continuously; the
 * concentration term (which depends on the modality, chosen at seating) is left out, as it can only
 * lower the exact objective. So the optimum of the plan's linear relaxation, which is all that is
 * solved, is a proven bound for the exact problem.
 */
function buildPlanModel(program: Program, classes: readonly PlanClass[]) {
  const { patterns, people } = program;
  const builder = new ModelBuilder();
  const peopleCount = Math.max(1, people.length);
  const patternClashes = clashSets(patterns.map((pattern) => pattern.slots));
  const attendingPattern = patterns.map(() => [] as number[]);
  const columns: PlanColumns = { attend: [] };
  const seatColumns: (number | null)[] = [];

  for (const group of classes) {
    const size = group.members.length;
    const { required, max } = group;
    const attend = group.patterns.map((t) => {
      const column = builder.column(0, 0, size, true);
      attendingPattern[t]?.push(column);
      return column;
    });
    const minutes = group.patterns.map((t) => patterns[t]?.minutes ?? 0);
    columns.attend.push(attend);

    const meet = builder.column(1, required === 0 ? size : 0, group.reachable ? size : 0, true);
    if (required > 0 && group.reachable) {
      builder.row(0, unbounded, [...attend, meet], [...minutes, -required]);
    }
    if (required > 0) {
      const shortfall = builder.column(-objectiveWeights.shortfall / peopleCount, 0, size, false);
      builder.row(required * size, unbounded, [...attend, shortfall], [...minutes, required]);
    }
    if (minutes.reduce((sum, length) => sum + length, 0) > max) {
      builder.row(-unbounded, max * size, attend, minutes);
    }
    for (const set of localClashes(patternClashes, group.patterns)) {
      builder.row(
        -unbounded,
        size,
        set.map((j) => attend[j] ?? -1),
        set.map(() => 1),
      );
    }
    // Stability: at most one kept group per member per time pattern.
    group.patterns.forEach((t, j) => {
      let holders = 0;
      let weight = 0;
      for (const p of group.members) {
        const person = people[p];
        if (person && [...person.current].some((g) => program.patternOf[g] === t)) {
          holders += 1;
          weight = Math.max(weight, person.keepWeight);
        }
      }
      if (holders === 0) return;
      const column = builder.column(weight, 0, holders, false);
      builder.row(-unbounded, 0, [column, attend[j] ?? -1], [1, -1]);
    });
  }

  // Seats per group within each pattern (continuous: the split is settled at seating), and balance.
  program.groups.forEach((group, g) => {
    const t = program.patternOf[g] ?? -1;
    if (t < 0 || (attendingPattern[t]?.length ?? 0) === 0) {
      seatColumns.push(null);
      return;
    }
    const capacity = group.capacity;
    const perSeat = objectiveWeights.balance / (program.usedGroups * capacity);
    const taken = builder.column(0, 0, capacity, false);
    const beyondHalf = builder.column(-perSeat, 0, capacity / 2, false);
    const beyondThreeQuarters = builder.column(-2 * perSeat, 0, capacity / 4, false);
    builder.row(-unbounded, capacity / 2, [taken, beyondHalf], [1, -1]);
    builder.row(-unbounded, (3 * capacity) / 4, [taken, beyondThreeQuarters], [1, -1]);
    seatColumns.push(taken);
  });
  patterns.forEach((pattern, t) => {
    const attending = attendingPattern[t] ?? [];
    if (attending.length === 0) return;
    const seats = pattern.groups.map((g) => seatColumns[g] ?? -1);
    builder.row(0, 0, [...attending, ...seats], [...attending.map(() => 1), ...seats.map(() => -1)]);
  });
  return { builder, columns };
}

// ---------------------------------------------------------------------------------------------------
// Starting points: every stage starts from a feasible solution, so even a very short time limit
// returns a proposal.

/** A simple greedy: hardest to place first, complete schedules first, then whatever still fits. */
function greedyAssignment(program: Program): number[][] {
  const { groups, minutes, people } = program;
  const seats = groups.map((group) => group.capacity);
  const assigned: number[][] = people.map(() => []);
  const order = people
    .map((person, index) => ({ person, index }))
    .sort((a, b) => a.person.fitMinutes - a.person.required - (b.person.fitMinutes - b.person.required));

  const fill = (person: PreparedParticipant) => {
    const chosen: number[] = [];
    let total = 0;
    const candidates = [...person.eligible].sort(
      (a, b) =>
        Number(person.current.has(b)) - Number(person.current.has(a)) ||
        (minutes[b] ?? 0) - (minutes[a] ?? 0),
    );
    for (const g of candidates) {
      if (total >= person.required) break;
      const length = minutes[g] ?? 0;
      if ((seats[g] ?? 0) <= 0 || total + length > person.max) continue;
      if (chosen.some((other) => groupsOverlap(groups[other], groups[g]))) continue;
      chosen.push(g);
      total += length;
    }
    return { chosen, total };
  };
  const take = (index: number, chosen: number[]) => {
    for (const g of chosen) seats[g] = (seats[g] ?? 0) - 1;
    assigned[index] = chosen;
  };
  // Seats first go to people who then meet their minimum…
  for (const { person, index } of order) {
    const { chosen, total } = fill(person);
    if (total >= person.required) take(index, chosen);
  }
  // …then whatever still fits goes to the others, to shrink their shortfall.
  for (const { person, index } of order) {
    if ((assigned[index]?.length ?? 0) === 0) take(index, fill(person).chosen);
  }
  return assigned;
}

/** A way for a class member to meet their minimum: time patterns that do not overlap. */
interface ScheduleType {
  planClass: number;
  patterns: number[];
  minutes: number;
}

const patternsOverlap = (program: Program, a: number, b: number) =>
  (program.patterns[a]?.slots ?? []).some((slot) =>
    (program.patterns[b]?.slots ?? []).some((other) => overlaps(slot, other)),
  );

/**
 * How many schedule types are listed for a class of this size, at most. Few are needed: on generated
 * programs of 1,000 participants, 15 per person (300 per class at most) found the same master
 * optimum as 4,000 per class, in a fifth of the time.
 */
const typeLimit = (members: number) => Math.min(300, 10 + 5 * members);

/**
 * Ways to meet the minimum from `candidates` (tried in their order, most promising first): patterns
 * that do not overlap, within the maximum, each way ending with the pattern that reaches the minimum.
 */
function scheduleTypes(
  program: Program,
  planClass: number,
  group: PlanClass,
  candidates: readonly number[],
  limit: number,
): ScheduleType[] {
  const found: ScheduleType[] = [];
  const chosen: number[] = [];
  const visit = (from: number, minutes: number) => {
    for (let k = from; k < candidates.length && found.length < limit; k += 1) {
      const t = candidates[k] ?? -1;
      const length = program.patterns[t]?.minutes ?? 0;
      if (minutes + length > group.max) continue;
      if (chosen.some((other) => patternsOverlap(program, other, t))) continue;
      chosen.push(t);
      if (minutes + length >= group.required) {
        found.push({ planClass, patterns: [...chosen], minutes: minutes + length });
      } else {
        visit(k + 1, minutes + length);
      }
      chosen.pop();
    }
  };
  visit(0, 0);
  return found;
}

/**
 * The master: how many members of each class take each schedule type, within every time pattern's
 * seats. Unlike the plan, any solution splits among members exactly. Its types are the ways to meet
 * the minimum among the patterns the relaxation uses for the class (a restriction, so it proves no
 * bound), plus the greedy start's and everyone's current schedules, so it is never worse than the
 * greedy start. Among as many members placed, it prefers less time beyond the minimum.
 */
function buildMaster(
  program: Program,
  classes: readonly PlanClass[],
  support: readonly (readonly number[])[],
  greedy: readonly (readonly number[])[],
) {
  const { people, patterns, patternOf } = program;
  const types: ScheduleType[] = [];
  const known = new Map<string, number>();
  const add = (type: ScheduleType) => {
    const key = `${type.planClass}:${[...type.patterns].sort((a, b) => a - b).join(',')}`;
    const existing = known.get(key);
    if (existing !== undefined) return existing;
    known.set(key, types.length);
    types.push(type);
    return types.length - 1;
  };
  const start = new Map<number, number>();
  classes.forEach((group, c) => {
    if (group.required === 0 || !group.reachable) return;
    for (const p of group.members) {
      for (const [schedule, fromGreedy] of [
        [greedy[p] ?? [], true],
        [[...(people[p]?.current ?? [])], false],
      ] as const) {
        const times = [...new Set(schedule.map((g) => patternOf[g] ?? -1))];
        const minutes = times.reduce((sum, t) => sum + (patterns[t]?.minutes ?? 0), 0);
        const clash = times.some((t, i) =>
          times.slice(i + 1).some((other) => patternsOverlap(program, t, other)),
        );
        if (minutes < group.required || minutes > group.max || clash) continue;
        const index = add({ planClass: c, patterns: times, minutes });
        if (fromGreedy) start.set(index, (start.get(index) ?? 0) + 1);
      }
    }
    for (const type of scheduleTypes(program, c, group, support[c] ?? [], typeLimit(group.members.length))) {
      add(type);
    }
  });

  // Each member placed counts 1, less at most 0.5 / participants for time beyond the minimum: all
  // those together stay below one member, so the count still comes first.
  const builder = new ModelBuilder();
  const tieBreak = 0.5 / Math.max(1, people.length);
  const columns = types.map((type) => {
    const group = classes[type.planClass];
    const beyond =
      (type.minutes - (group?.required ?? 0)) / Math.max(1, (group?.max ?? 0) - (group?.required ?? 0));
    return builder.column(1 - tieBreak * beyond, 0, group?.members.length ?? 0, true);
  });
  const byClass = classes.map(() => [] as number[]);
  const byPattern = patterns.map(() => [] as number[]);
  types.forEach((type, k) => {
    byClass[type.planClass]?.push(columns[k] ?? -1);
    for (const t of type.patterns) byPattern[t]?.push(columns[k] ?? -1);
  });
  byClass.forEach((members, c) => {
    if (members.length > 0)
      builder.row(
        -unbounded,
        classes[c]?.members.length ?? 0,
        members,
        members.map(() => 1),
      );
  });
  byPattern.forEach((using, t) => {
    const seats = (patterns[t]?.groups ?? []).reduce((sum, g) => sum + (program.groups[g]?.capacity ?? 0), 0);
    if (using.length > 0)
      builder.row(
        -unbounded,
        seats,
        using,
        using.map(() => 1),
      );
  });
  const startValues = new Float64Array(builder.cost.length);
  for (const [k, count] of start) startValues[columns[k] ?? -1] = count;
  return { builder, types, columns, start: startValues };
}

/**
 * Gives each member of a class one of the schedule types the master chose for it, the one that keeps
 * most of their current groups' times; then those still without a way to their minimum take time
 * patterns with seats left (their current ones first, then the longest) to shrink their shortfall.
 */
function handOut(
  program: Program,
  classes: readonly PlanClass[],
  types: readonly ScheduleType[],
  taken: readonly number[],
): number[][] {
  const { people, patterns, patternOf } = program;
  const planned: number[][] = people.map(() => []);
  const seatsLeft = patterns.map((pattern) =>
    pattern.groups.reduce((sum, g) => sum + (program.groups[g]?.capacity ?? 0), 0),
  );
  const currentTimes = people.map((person) => new Set([...person.current].map((g) => patternOf[g] ?? -1)));
  const chosen = classes.map(() => [] as ScheduleType[]);
  types.forEach((type, k) => {
    for (let copy = 0; copy < (taken[k] ?? 0); copy += 1) chosen[type.planClass]?.push(type);
  });
  const unplaced: number[] = [];
  classes.forEach((group, c) => {
    const free = new Set(group.members);
    const kept = (p: number, type: ScheduleType) =>
      type.patterns.filter((t) => currentTimes[p]?.has(t)).length;
    for (const type of chosen[c] ?? []) {
      let best = -1;
      for (const p of free) if (best < 0 || kept(p, type) > kept(best, type)) best = p;
      if (best < 0) break;
      free.delete(best);
      planned[best] = [...type.patterns];
      for (const t of type.patterns) seatsLeft[t] = (seatsLeft[t] ?? 0) - 1;
    }
    unplaced.push(...free);
  });
  for (const p of unplaced) {
    const person = people[p];
    if (!person) continue;
    const options = person.patterns
      .filter((t) => (seatsLeft[t] ?? 0) > 0)
      .sort(
        (a, b) =>
          Number(currentTimes[p]?.has(b)) - Number(currentTimes[p]?.has(a)) ||
          (patterns[b]?.minutes ?? 0) - (patterns[a]?.minutes ?? 0),
      );
    let minutes = 0;
    const own: number[] = [];
    for (const t of options) {
      const length = patterns[t]?.minutes ?? 0;
      if (minutes >= person.required || minutes + length > person.max) continue;
      if (own.some((other) => patternsOverlap(program, other, t))) continue;
      own.push(t);
      minutes += length;
      seatsLeft[t] = (seatsLeft[t] ?? 0) - 1;
    }
    planned[p] = own;
  }
  return planned;
}

/**
 * Seats everyone in a group of each of their planned time patterns: their current group while it
 * has a seat, otherwise the group of the modality they have least of, then the emptiest. handOut
 * keeps each pattern within its seats, so a seat is always left; the seating stage improves on this.
 */
function seatPatterns(program: Program, planned: readonly number[][]): number[][] {
  const { people, patterns, groups, patternOf } = program;
  const seatsLeft = groups.map((group) => group.capacity);
  const assigned: number[][] = people.map(() => []);
  const unseated: [number, number][] = [];
  people.forEach((person, p) => {
    for (const t of planned[p] ?? []) {
      const keep = [...person.current].find((g) => patternOf[g] === t && (seatsLeft[g] ?? 0) > 0);
      if (keep === undefined) unseated.push([p, t]);
      else {
        seatsLeft[keep] = (seatsLeft[keep] ?? 0) - 1;
        assigned[p]?.push(keep);
      }
    }
  });
  for (const [p, t] of unseated) {
    const own = new Map<string, number>();
    for (const g of assigned[p] ?? []) {
      const modality = groups[g]?.modality ?? '';
      own.set(modality, (own.get(modality) ?? 0) + (program.minutes[g] ?? 0));
    }
    const fill = (g: number) => (seatsLeft[g] ?? 0) / (groups[g]?.capacity ?? 1);
    const options = (patterns[t]?.groups ?? []).filter((g) => (seatsLeft[g] ?? 0) > 0);
    options.sort(
      (a, b) =>
        (own.get(groups[a]?.modality ?? '') ?? 0) - (own.get(groups[b]?.modality ?? '') ?? 0) ||
        fill(b) - fill(a),
    );
    const seat = options[0];
    if (seat === undefined) continue;
    seatsLeft[seat] = (seatsLeft[seat] ?? 0) - 1;
    assigned[p]?.push(seat);
  }
  return assigned;
}

// ---------------------------------------------------------------------------------------------------
// Solving

// The package's types declare a CommonJS default export, which NodeNext reads as "not callable"; at
// run time its ES module entry exports the loader itself.
const loadHighs = highsModule as unknown as (options?: InitOptions) => Promise<Highs>;
let runtime: Promise<Highs> | undefined;

/** One HiGHS runtime per process: compiling the WebAssembly takes a moment, and it can be shared. */
function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

/** The exact model runs in `auto` up to this many binaries (about 300 participants × 65 groups). */
const exactLimit = 20_000;
/** Time kept back from the limit for reading the solution, explaining and checking it. */
const reserveSeconds = 0.15;

/** How one HiGHS run is set up. */
interface StageOptions {
  seconds: number;
  relativeGap: number;
  /** A feasible solution to start from. */
  start?: Float64Array;
  /** Solve the linear relaxation (integrality dropped). */
  relax?: boolean;
}

/**
 * Runs one model and reads what HiGHS reports: its status, objective, `mip_dual_bound` and `mip_gap`
 * (for a relaxation, its optimal objective is the bound). `values` is null when it found no solution.
 */
function runStage(
  highs: Highs,
  name: StageReport['name'],
  builder: ModelBuilder,
  options: StageOptions,
): { report: StageReport; values: Float64Array | null } {
  const started = performance.now();
  const size = { ...builder.size(), ...(options.relax ? { integers: 0 } : {}) };
  if (size.columns === 0) {
    const report = { name, ...size, status: 'optimal' as const, seconds: 0, objective: 0, bound: 0, gap: 0 };
    return { report, values: new Float64Array(0) };
  }
  const data = builder.toModelData(highs);
  const model = highs.createModel({
    ...data,
    integrality: options.relax ? undefined : data.integrality,
  });
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.05, options.seconds),
      mip_rel_gap: options.relativeGap,
      random_seed: 1,
    });
    if (options.start) model.setSolution({ colValue: options.start });
    const { modelStatus } = model.run();
    const codes = highs.constants.modelStatus;
    const status =
      modelStatus === codes.optimal
        ? 'optimal'
        : modelStatus === codes.timeLimit || modelStatus === codes.interrupted
          ? 'time_limit'
          : modelStatus === codes.infeasible
            ? 'infeasible'
            : null;
    if (!status) throw new Error(`HiGHS stopped the ${name} stage with model status ${modelStatus}`);
    const feasible =
      status !== 'infeasible' &&
      Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    const objective = feasible ? model.getObjectiveValue() : Number.NaN;
    const proven = options.relax ? status === 'optimal' : true;
    const bound = !proven
      ? Number.POSITIVE_INFINITY
      : options.relax
        ? objective
        : Number(model.info.get('mip_dual_bound'));
    return {
      report: {
        name,
        ...size,
        status,
        seconds: (performance.now() - started) / 1000,
        objective,
        bound,
        gap: options.relax ? 0 : Number(model.info.get('mip_gap')),
      },
      values: feasible ? model.getSolution().colValue : null,
    };
  } finally {
    model.dispose();
  }
}

const relativeGapOf = (bound: number, objective: number) =>
  (bound - objective) / Math.max(1, Math.abs(objective));

const attendedIn = (values: Float64Array, allowed: readonly number[][], columns: SeatingColumns) =>
  allowed.map((options, p) => options.filter((_, j) => (values[columns.attends[p]?.[j] ?? -1] ?? 0) > 0.5));

/**
 * The aggregated strategy, which scales to large programs:
 *
 * 1. `relaxation`: the plan's linear relaxation. Its optimum is a proven bound (the plan relaxes the
 *    exact problem and its linear relaxation relaxes the plan), and its solution shows which time
 *    patterns each class should use.
 * 2. `master`: whole numbers of schedule types per class within each pattern's seats (buildMaster).
 * 3. Types are handed out to members, who are seated in groups (seatPatterns); `seating` then solves
 *    the exact model restricted to each participant's own time patterns and current groups (every
 *    eligible group for those still short of their minimum), starting from that.
 */
function solveAggregated(
  highs: Highs,
  program: Program,
  greedy: number[][],
  run: { secondsLeft: () => number; relativeGap: number; stages: StageReport[]; seatingShare: number },
): { assigned: number[][]; bound: number } {
  const { secondsLeft, relativeGap, stages } = run;
  const classes = planClasses(program);
  const plan = buildPlanModel(program, classes);
  const relaxation = runStage(highs, 'relaxation', plan.builder, {
    seconds: secondsLeft() * 0.5,
    relativeGap,
    relax: true,
  });
  stages.push(relaxation.report);

  // The patterns the relaxation uses for each class, most used first.
  const support = classes.map((group, c) =>
    (plan.columns.attend[c] ?? [])
      .map((column, j) => ({ t: group.patterns[j] ?? -1, value: relaxation.values?.[column] ?? 0 }))
      .filter(({ value }) => value > 1e-6)
      .sort((a, b) => b.value - a.value)
      .map(({ t }) => t),
  );
  const master = buildMaster(program, classes, support, greedy);
  const mastered = runStage(highs, 'master', master.builder, {
    seconds: secondsLeft() * 0.5,
    relativeGap,
    start: master.start,
  });
  stages.push(mastered.report);
  const taken = master.columns.map((column) => Math.round(mastered.values?.[column] ?? 0));
  const fromMaster = seatPatterns(program, handOut(program, classes, master.types, taken));
  const start = scoreOf(program, fromMaster) >= scoreOf(program, greedy) ? fromMaster : greedy;

  const allowed = program.people.map((person, p) => {
    const own = start[p] ?? [];
    const short = own.reduce((sum, g) => sum + (program.minutes[g] ?? 0), 0) < person.required;
    if (short) return person.eligible;
    const times = new Set(own.map((g) => program.patternOf[g] ?? -1));
    return person.eligible.filter(
      (g) => times.has(program.patternOf[g] ?? -1) || person.current.has(g) || own.includes(g),
    );
  });
  const seating = buildSeatingModel(program, allowed);
  const seated = runStage(highs, 'seating', seating.builder, {
    seconds: secondsLeft() * run.seatingShare,
    relativeGap,
    start: seatingValues(program, seating.columns, allowed, seating.builder.cost.length, start),
  });
  stages.push(seated.report);
  const assigned = seated.values ? attendedIn(seated.values, allowed, seating.columns) : start;
  return { assigned, bound: relaxation.report.bound };
}

/** The exact model over every eligible group, from a feasible start. */
function solveExact(
  highs: Highs,
  program: Program,
  start: readonly (readonly number[])[],
  seconds: number,
  relativeGap: number,
): { assigned: number[][] | null; report: StageReport } {
  const allowed = program.people.map((person) => person.eligible);
  const { builder, columns } = buildSeatingModel(program, allowed);
  const { report, values } = runStage(highs, 'exact', builder, {
    seconds,
    relativeGap,
    start: seatingValues(program, columns, allowed, builder.cost.length, start),
  });
  return { assigned: values ? attendedIn(values, allowed, columns) : null, report };
}

/**
 * Everyone who could meet their minimum does, every current group is kept and every group teaching
 * someone a module they need is theirs: a valid bound.
 */
const trivialBound = (program: Program) =>
  program.people.filter((person) => person.reachable || person.required === 0).length +
  objectiveWeights.stability +
  program.curriculumCredit;

/**
 * Proposes next week's groups for every participant, with a plain-language explanation for each.
 * Never breaks a hard constraint; when the time limit is reached it returns the best proposal found
 * and the proven bound. By default (`strategy: 'auto'`) it solves in stages (solveAggregated), then,
 * when the program is small enough and the gap still open, runs the exact model from that proposal.
 * Input it cannot use (duplicate ids, sessions that end before they start…) throws a
 * `validation_failed` AppError.
 */
export async function proposeAssignment(input: OptimizerInput): Promise<OptimizerResult> {
  const started = performance.now();
  validate(input);
  const deadline = started + (input.timeLimitSeconds ?? 10) * 1000;
  const secondsLeft = () => (deadline - performance.now()) / 1000 - reserveSeconds;
  const relativeGap = input.mipRelativeGap ?? 0.005;
  const strategy = input.strategy ?? 'auto';
  const program = prepare(input);
  const greedy = greedyAssignment(program);
  const exactFits = program.people.reduce((sum, person) => sum + person.eligible.length, 0) <= exactLimit;
  const stages: StageReport[] = [];

  let assigned = greedy;
  let bound = trivialBound(program);
  try {
    const highs = await highsRuntime();
    if (strategy !== 'direct') {
      const seatingShare = strategy === 'auto' && exactFits ? 0.5 : 1;
      const aggregated = solveAggregated(highs, program, greedy, {
        secondsLeft,
        relativeGap,
        stages,
        seatingShare,
      });
      if (scoreOf(program, aggregated.assigned) >= scoreOf(program, assigned)) assigned = aggregated.assigned;
      // The plan relaxation leaves the curriculum term out: it can add at most curriculumCredit.
      bound = Math.min(bound, aggregated.bound + program.curriculumCredit);
    }
    const proven = relativeGapOf(bound, scoreOf(program, assigned)) <= relativeGap;
    if (strategy === 'direct' || (strategy === 'auto' && exactFits && !proven && secondsLeft() > 0.2)) {
      const exact = solveExact(highs, program, assigned, secondsLeft(), relativeGap);
      stages.push(exact.report);
      if (exact.assigned && scoreOf(program, exact.assigned) >= scoreOf(program, assigned)) {
        assigned = exact.assigned;
      }
      bound = Math.min(bound, exact.report.bound);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failedResult(program, stages, started, `the solver failed (${reason})`);
  }

  const objective = scoreOf(program, assigned);
  // Every bound above comes from a relaxation of the exact problem, so it holds for it.
  bound = Math.max(bound, objective);
  const gap = relativeGapOf(bound, objective);
  const status =
    gap <= relativeGap + 1e-6
      ? 'optimal'
      : stages.some((stage) => stage.status === 'time_limit')
        ? 'time_limit'
        : 'feasible';
  const result = assemble(program, assigned, { status, stages, objective, bound, gap, started });
  // Belt and braces: the proposal is re-checked from first principles and never returned broken.
  const violations = checkHardConstraints(input, result);
  if (violations.length > 0) {
    const reason = `the solution broke a hard constraint (${violations[0]?.message})`;
    return failedResult(program, stages, started, reason);
  }
  return result;
}

/** No proposal: everyone without groups (a feasible assignment), with the reason in each explanation. */
function failedResult(
  program: Program,
  stages: StageReport[],
  started: number,
  reason: string,
): OptimizerResult {
  const nobody = program.people.map(() => []);
  const objective = scoreOf(program, nobody);
  const bound = Math.max(objective, trivialBound(program));
  return {
    status: 'error',
    stages,
    assignments: program.people.map((person) => ({ participantId: person.participant.id, groupIds: [] })),
    meetingMinimum: program.people.filter((person) => person.required === 0).length,
    meetingMinimumBound: program.people.filter((person) => person.reachable || person.required === 0).length,
    objective,
    bound,
    gap: relativeGapOf(bound, objective),
    solveSeconds: (performance.now() - started) / 1000,
    explanations: program.people.map((person) => ({
      participantId: person.participant.id,
      minutes: 0,
      meetsMinimum: person.required === 0,
      text: `No proposal: ${reason}.`,
    })),
  };
}

function assemble(
  program: Program,
  assigned: number[][],
  solve: Pick<OptimizerResult, 'status' | 'stages' | 'objective' | 'bound' | 'gap'> & {
    started: number;
  },
): OptimizerResult {
  const { groups, people } = program;
  const seatsTaken = groups.map(() => 0);
  for (const chosen of assigned) for (const g of chosen) seatsTaken[g] = (seatsTaken[g] ?? 0) + 1;
  const assignments = people.map((person, p) => {
    const chosen = [...(assigned[p] ?? [])].sort(
      (a, b) => (groups[a]?.slots[0]?.start ?? 0) - (groups[b]?.slots[0]?.start ?? 0),
    );
    return { participantId: person.participant.id, groupIds: chosen.map((g) => groups[g]?.id ?? '') };
  });
  const explanations = people.map((person, p) => explain(program, person, assigned[p] ?? [], seatsTaken));
  const meetingMinimum = explanations.filter((explanation) => explanation.meetsMinimum).length;
  // Secondary terms add at least −penaltyWeights, so count = objective − secondary ≤ bound + penaltyWeights.
  const reachable = people.filter((person) => person.reachable || person.required === 0).length;
  const proven = Number.isFinite(solve.bound) ? Math.floor(solve.bound + penaltyWeights + 1e-6) : reachable;
  const { started, ...reported } = solve;
  return {
    ...reported,
    assignments,
    meetingMinimum,
    meetingMinimumBound: Math.max(meetingMinimum, Math.min(reachable, proven)),
    solveSeconds: (performance.now() - started) / 1000,
    explanations,
  };
}

// ---------------------------------------------------------------------------------------------------
// Explanations

const clock = (minuteOfWeek: number) => {
  const minute = ((minuteOfWeek % day) + day) % day;
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
};
const weekdayIndex = (minuteOfWeek: number) => Math.floor(minuteOfWeek / day) % 7;

/** "Mon–Fri", "Tue/Thu", "Sat": runs of three or more days become a range. */
function describeDays(days: Iterable<number>): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j += 1;
    const name = (k: number) => weekdayShort[sorted[k] ?? 0] ?? '';
    if (j - i >= 2) parts.push(`${name(i)}–${name(j)}`);
    else for (let k = i; k <= j; k += 1) parts.push(name(k));
    i = j + 1;
  }
  return parts.join('/');
}

/** Times of one interval; with the day when it ends on another day. */
function describeSpan(interval: WeekInterval): string {
  const sameDay = weekdayIndex(interval.start) === weekdayIndex(interval.end - 1);
  if (interval.end - interval.start >= day - 1 && interval.start % day === 0) return '';
  return sameDay
    ? `${clock(interval.start)}–${clock(interval.end)}`
    : `${clock(interval.start)}–${weekdayShort[weekdayIndex(interval.end - 1)]} ${clock(interval.end)}`;
}

/** Intervals with the same times of day, gathered over days: "Mon–Fri 08:00–17:00". */
function describeWeekly(intervals: readonly WeekInterval[]): string {
  const byTimes = new Map<string, number[]>();
  for (const interval of intervals) {
    const times = describeSpan(interval);
    byTimes.set(times, [...(byTimes.get(times) ?? []), weekdayIndex(interval.start)]);
  }
  return [...byTimes].map(([times, days]) => `${describeDays(days)}${times ? ` ${times}` : ''}`).join(', ');
}

const hours = (minutes: number) => `${Number((minutes / 60).toFixed(2))} h`;

function explain(
  program: Program,
  person: PreparedParticipant,
  chosen: readonly number[],
  seatsTaken: readonly number[],
): ParticipantExplanation {
  const { groups } = program;
  const { participant, required } = person;
  const attended = [...chosen]
    .map((g) => groups[g])
    .filter((group): group is OptimizerGroup => group !== undefined)
    .sort((a, b) => (a.slots[0]?.start ?? 0) - (b.slots[0]?.start ?? 0));
  const minutes = attended.reduce((sum, group) => sum + minutesOf(group), 0);
  const meetsMinimum = minutes >= required;
  const schedule =
    attended.length > 0
      ? attended.map((group) => `${group.label} ${describeWeekly(group.slots)}`).join(' + ')
      : 'No group';
  const verdict = meetsMinimum
    ? `meets the ${hours(required)} minimum`
    : `short of the ${hours(required)} minimum by ${hours(required - minutes)}`;

  // What ruled groups out, in the participant's own terms: each blackout reason that did, with all
  // of its times; days with groups outside their available hours; other sessions in the way.
  const notes: string[] = [];
  const needed = new Set(participant.neededModuleIds ?? []);
  const taught = new Set(attended.flatMap((group) => (group.moduleIds ?? []).filter((id) => needed.has(id))));
  if (taught.size > 0) {
    notes.push(`teaches ${taught.size} curriculum module${taught.size === 1 ? '' : 's'} they still need`);
  }
  const reasons = new Set<string>();
  const unavailableDays = new Set<number>();
  const busy = new Map<string, WeekInterval>();
  for (const exclusion of person.excluded) {
    if (exclusion.kind === 'blackout') reasons.add(exclusion.blackout.reason);
    else if (exclusion.kind === 'unavailable') {
      for (const slot of exclusion.slots) unavailableDays.add(weekdayIndex(slot.start));
    } else if (exclusion.kind === 'busy')
      busy.set(`${exclusion.busy.start}-${exclusion.busy.end}`, exclusion.busy);
  }
  for (const reason of reasons) {
    const times = participant.blackouts.filter((blackout) => blackout.reason === reason);
    notes.push(`${describeWeekly(times)} not possible: ${reason}`);
  }
  if (unavailableDays.size > 0)
    notes.push(`${describeDays(unavailableDays)} groups outside their available hours`);
  if (busy.size > 0) notes.push(`${describeWeekly([...busy.values()])} kept for another session`);
  const tooLong = person.excluded.filter((exclusion) => exclusion.kind === 'too_long').length;
  if (tooLong > 0) notes.push(`${tooLong} group${tooLong === 1 ? '' : 's'} longer than their weekly maximum`);

  if (!meetsMinimum && required > 0) {
    if (required > person.max) notes.push(`the minimum is above their ${hours(person.max)} maximum`);
    else if (person.fitMinutes < required)
      notes.push(`only ${hours(person.fitMinutes)} of groups fit their week`);
    else {
      const open = person.eligible.filter(
        (g) =>
          !chosen.includes(g) &&
          (seatsTaken[g] ?? 0) < (groups[g]?.capacity ?? 0) &&
          !chosen.some((other) => groupsOverlap(groups[other], groups[g])),
      );
      const openMinutes = [...new Set(open.map((g) => program.patternOf[g] ?? -1))].reduce(
        (sum, t) => sum + (program.patterns[t]?.minutes ?? 0),
        0,
      );
      if (open.length === 0) notes.push('the other groups that fit their week are full or clash with these');
      else if (minutes + openMinutes < required) {
        notes.push('the groups that fit and still have seats would not bring them to the minimum');
      }
    }
  }
  const text = `${schedule}: ${hours(minutes)} (${verdict})${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`;
  return { participantId: participant.id, minutes, meetsMinimum, text };
}

// ---------------------------------------------------------------------------------------------------
// Verification

/** A broken hard constraint (or a proposal that does not add up), found by `checkHardConstraints`. */
export interface HardConstraintViolation {
  rule:
    | 'unknown_participant'
    | 'missing_participant'
    | 'unknown_group'
    | 'duplicate_group'
    | 'capacity'
    | 'overlap'
    | 'availability'
    | 'blackout'
    | 'busy'
    | 'max_minutes'
    | 'meeting_count';
  participantId?: string;
  groupId?: string;
  message: string;
}

/**
 * Checks a proposal against the input from first principles, sharing only the interval helpers with
 * the models: every participant once, known groups, capacity, no overlaps, availability, blackouts,
 * fixed sessions, weekly maximum, and that `meetingMinimum` matches the assignments. Returns the
 * violations found; none when the proposal keeps every hard constraint.
 */
export function checkHardConstraints(
  input: OptimizerInput,
  result: Pick<OptimizerResult, 'assignments' | 'meetingMinimum'>,
): HardConstraintViolation[] {
  const violations: HardConstraintViolation[] = [];
  const groups = new Map(input.groups.map((group) => [group.id, group]));
  const participants = new Map(input.participants.map((participant) => [participant.id, participant]));
  const seen = new Set<string>();
  const seats = new Map<string, number>();
  let meeting = 0;

  for (const { participantId, groupIds } of result.assignments) {
    const participant = participants.get(participantId);
    if (!participant || seen.has(participantId)) {
      violations.push({
        rule: 'unknown_participant',
        participantId,
        message: `${participantId} is not a participant, or appears twice`,
      });
      continue;
    }
    seen.add(participantId);
    const windows = mergeWindows(withinWeek(participant.available));
    const blackouts = withinWeek(participant.blackouts);
    const busyTimes = withinWeek(participant.busy);
    const attended: OptimizerGroup[] = [];
    for (const groupId of groupIds) {
      const group = groups.get(groupId);
      const at = { participantId, groupId };
      if (!group) {
        violations.push({ rule: 'unknown_group', ...at, message: `${groupId} is not a group` });
        continue;
      }
      if (attended.includes(group)) {
        violations.push({
          rule: 'duplicate_group',
          ...at,
          message: `${participantId} is in ${groupId} twice`,
        });
        continue;
      }
      for (const slot of group.slots) {
        if (
          windows.length > 0 &&
          !windows.some((window) => window.start <= slot.start && slot.end <= window.end)
        ) {
          violations.push({
            rule: 'availability',
            ...at,
            message: `${groupId} is outside ${participantId}'s availability`,
          });
        }
        for (const blackout of blackouts) {
          if (overlaps(blackout, slot)) {
            violations.push({
              rule: 'blackout',
              ...at,
              message: `${groupId} falls in ${participantId}'s blackout (${blackout.reason})`,
            });
          }
        }
        for (const busy of busyTimes) {
          if (overlaps(busy, slot)) {
            violations.push({
              rule: 'busy',
              ...at,
              message: `${groupId} overlaps another session of ${participantId}`,
            });
          }
        }
      }
      for (const other of attended) {
        if (group.slots.some((slot) => other.slots.some((otherSlot) => overlaps(slot, otherSlot)))) {
          violations.push({
            rule: 'overlap',
            ...at,
            message: `${participantId} is in ${groupId} and ${other.id}, which overlap`,
          });
        }
      }
      attended.push(group);
      seats.set(groupId, (seats.get(groupId) ?? 0) + 1);
    }
    const minutes = attended.reduce((sum, group) => sum + minutesOf(group), 0);
    const max = participant.maxMinutes ?? defaultMaxMinutes;
    if (minutes > max) {
      violations.push({
        rule: 'max_minutes',
        participantId,
        message: `${participantId} would have ${minutes} min, over ${max}`,
      });
    }
    if (minutes >= participant.requiredMinutes) meeting += 1;
  }
  for (const participant of input.participants) {
    if (!seen.has(participant.id)) {
      violations.push({
        rule: 'missing_participant',
        participantId: participant.id,
        message: `${participant.id} has no entry`,
      });
    }
  }
  for (const [groupId, taken] of seats) {
    const capacity = groups.get(groupId)?.capacity ?? 0;
    if (taken > capacity) {
      violations.push({
        rule: 'capacity',
        groupId,
        message: `${groupId} has ${taken} participants for ${capacity} seats`,
      });
    }
  }
  if (meeting !== result.meetingMinimum) {
    violations.push({
      rule: 'meeting_count',
      message: `${meeting} meet their minimum, not ${result.meetingMinimum}`,
    });
  }
  return violations;
}
