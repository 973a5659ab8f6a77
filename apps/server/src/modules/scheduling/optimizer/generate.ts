import { blackoutReasonLabels, type SessionModality } from '@stepwise/core';
import {
  eligibilityOf,
  type OptimizerGroup,
  type OptimizerInput,
  type OptimizerParticipant,
  overlaps,
  type WeekInterval,
} from './optimizer.js';

/*
 * Synthetic programs for the optimizer's benchmark and tests. Everything comes from one seeded
 * generator, so a seed names one program exactly. The people are invented: ids, requirements and
 * weekly constraints only, no names and no health information.
 */

/** What to generate: `groups` groups that each meet one to three times a week. */
export interface GenerateOptions {
  seed: number;
  participants: number;
  groups: number;
  /** Share of participants who were scheduled last week (their groups become `currentGroupIds`). */
  continuingShare?: number;
}

const day = 24 * 60;

/** A small, fast, seedable generator (mulberry32): the same seed always gives the same program. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

/** Picks by weight: `[[weight, value], …]`. */
function weighted<T>(random: Random, choices: readonly (readonly [number, T])[]): T {
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [weight, value] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return pick(
    random,
    choices.map(([, value]) => value),
  );
}

/** ISO weekday (1 = Monday) and minutes since midnight → minutes since Monday 00:00. */
const at = (weekday: number, minuteOfDay: number) => (weekday - 1) * day + minuteOfDay;
const hm = (hours: number, minutes = 0) => hours * 60 + minutes;

/** The group modalities of a program's week (individual and family sessions are `busy`, not groups). */
const modalities: readonly (readonly [number, SessionModality, string])[] = [
  [3, 'group_therapy', 'process group'],
  [3, 'cbt_group', 'CBT group'],
  [2, 'dbt_skills_group', 'DBT skills group'],
  [2, 'relapse_prevention', 'relapse prevention group'],
  [1, 'psychoeducation', 'psychoeducation group'],
  [1, 'life_skills', 'life skills group'],
];

interface PartOfWeek {
  name: string;
  /** Start (minutes since midnight) and length of the sessions this part of the week offers. */
  blocks: readonly (readonly [number, number])[];
  /** Which weekdays a group meets on. */
  days: readonly (readonly [number, readonly number[]])[];
}

// Weekday groups mostly meet two or three times a week, as IOP tracks do (e.g. Mon/Wed/Fri 09:00–12:00).
const weekdayPatterns: readonly (readonly [number, readonly number[]])[] = [
  [4, [1]],
  [4, [2]],
  [4, [3]],
  [4, [4]],
  [4, [5]],
  [14, [1, 3]],
  [14, [2, 4]],
  [10, [3, 5]],
  [6, [1, 4]],
  [6, [2, 5]],
  [16, [1, 3, 5]],
  [10, [1, 2, 4]],
];

/**
 * Most IOP groups meet mornings and evenings, in three-hour blocks; fewer in the afternoon and at
 * weekends, with shorter skills and education groups in between.
 */
const partsOfWeek: readonly (readonly [number, PartOfWeek])[] = [
  [
    30,
    {
      name: 'Morning',
      blocks: [
        [hm(9), 180],
        [hm(9), 180],
        [hm(9, 30), 90],
        [hm(10), 120],
      ],
      days: weekdayPatterns,
    },
  ],
  [
    10,
    {
      name: 'Afternoon',
      blocks: [
        [hm(13), 120],
        [hm(13, 30), 180],
        [hm(14), 90],
      ],
      days: weekdayPatterns,
    },
  ],
  [
    42,
    {
      name: 'Evening',
      blocks: [
        [hm(18), 180],
        [hm(18), 180],
        [hm(17, 30), 90],
        [hm(18), 120],
        [hm(19), 90],
      ],
      days: weekdayPatterns,
    },
  ],
  [
    18,
    {
      name: 'Weekend',
      blocks: [
        [hm(9), 180],
        [hm(10), 90],
        [hm(10), 120],
        [hm(13), 120],
      ],
      days: [
        [7, [6]],
        [3, [7]],
      ],
    },
  ],
];

function generateGroups(random: Random, count: number): OptimizerGroup[] {
  const labels = new Map<string, number>();
  const groups: OptimizerGroup[] = [];
  for (let index = 0; index < count; index += 1) {
    const part = weighted(random, partsOfWeek);
    const [start, length] = pick(random, part.blocks);
    const days = weighted(random, part.days);
    const [modality, modalityLabel] = weighted(
      random,
      modalities.map(([weight, id, label]) => [weight, [id, label] as const] as const),
    );
    const partName = part.name === 'Weekend' ? (days[0] === 6 ? 'Saturday' : 'Sunday') : part.name;
    const base = `${partName} ${modalityLabel}`;
    const seen = (labels.get(base) ?? 0) + 1;
    labels.set(base, seen);
    groups.push({
      id: `g${String(index + 1).padStart(4, '0')}`,
      label: seen === 1 ? base : `${base} ${seen}`,
      modality,
      capacity: 8 + Math.floor(random() * 5),
      slots: days.map((weekday) => ({ start: at(weekday, start), end: at(weekday, start + length) })),
    });
  }
  return groups;
}

const weekdays = [1, 2, 3, 4, 5] as const;
const everyDay = [1, 2, 3, 4, 5, 6, 7] as const;

type Blackout = OptimizerParticipant['blackouts'][number];

const blackoutsOn = (
  days: readonly number[],
  from: number,
  to: number,
  reason: keyof typeof blackoutReasonLabels,
): Blackout[] =>
  days.map((weekday) => ({
    start: at(weekday, from),
    end: at(weekday, to),
    reason: blackoutReasonLabels[reason],
  }));

/** A participant's week: availability, what blocks it (work, school, childcare) and fixed sessions. */
function generateParticipant(random: Random, index: number): OptimizerParticipant {
  const adolescent = random() < 0.25;
  const blackouts: Blackout[] = [];
  if (adolescent) {
    blackouts.push(...blackoutsOn(weekdays, hm(8), hm(15, 30), 'school'));
    if (random() < 0.3) blackouts.push(...blackoutsOn([7], hm(0), hm(23, 59), 'transport'));
  } else {
    const profile = weighted(random, [
      [40, 'day job'],
      [15, 'late shift'],
      [15, 'childcare'],
      [30, 'flexible'],
    ] as const);
    if (profile === 'day job') {
      blackouts.push(...blackoutsOn(weekdays, hm(8), hm(17), 'work'));
      if (random() < 0.3) blackouts.push(...blackoutsOn([6], hm(9), hm(15), 'work'));
    } else if (profile === 'late shift') {
      const off = pick(random, weekdays);
      blackouts.push(
        ...blackoutsOn(
          weekdays.filter((weekday) => weekday !== off),
          hm(15),
          hm(23, 30),
          'work',
        ),
      );
    } else if (profile === 'childcare') {
      blackouts.push(...blackoutsOn(weekdays, hm(7, 30), hm(9, 30), 'childcare'));
      blackouts.push(...blackoutsOn(weekdays, hm(15), hm(19), 'childcare'));
    }
  }

  // Availability: most days 08:00–22:00 (weekends to 18:00); some people keep one day free of the
  // program, and some only come after 17:00 on weekdays.
  const dayOff = random() < 0.3 ? pick(random, everyDay) : 0;
  const eveningsOnly = random() < 0.1;
  const available: WeekInterval[] = [];
  for (const weekday of everyDay) {
    if (weekday === dayOff) continue;
    const weekend = weekday >= 6;
    const from = !weekend && eveningsOnly ? hm(17) : hm(8);
    available.push({ start: at(weekday, from), end: at(weekday, weekend ? hm(18) : hm(22)) });
  }

  // Individual and family sessions already booked, which groups must not overlap.
  const busy: WeekInterval[] = [];
  if (random() < 0.85) {
    const start = at(pick(random, weekdays), hm(10 + Math.floor(random() * 10)));
    busy.push({ start, end: start + 60 });
  }
  if (random() < 0.2) {
    const start = at(pick(random, weekdays), hm(17 + Math.floor(random() * 3)));
    busy.push({ start, end: start + 90 });
  }

  return {
    id: `p${String(index + 1).padStart(5, '0')}`,
    requiredMinutes: adolescent ? 6 * 60 : 9 * 60,
    available,
    blackouts,
    busy,
    currentGroupIds: [],
  };
}

/**
 * Last week's schedule, as a simple first-come allocation would have made it: each continuing
 * participant, in random order, takes open groups that fit until their minimum is met.
 */
function simulateLastWeek(random: Random, input: OptimizerInput, continuingShare: number) {
  const seats = new Map(input.groups.map((group) => [group.id, group.capacity]));
  const order = input.participants
    .filter(() => random() < continuingShare)
    .map((participant) => ({ participant, key: random() }))
    .sort((a, b) => a.key - b.key);
  for (const { participant } of order) {
    const candidates = eligibilityOf(participant, input.groups)
      .eligible.map((group) => ({ group, key: random() }))
      .sort((a, b) => a.key - b.key);
    const chosen: OptimizerGroup[] = [];
    let minutes = 0;
    for (const { group } of candidates) {
      if (minutes >= participant.requiredMinutes) break;
      if ((seats.get(group.id) ?? 0) <= 0) continue;
      if (chosen.some((other) => groupsOverlap(other, group))) continue;
      chosen.push(group);
      minutes += group.slots.reduce((sum, slot) => sum + slot.end - slot.start, 0);
      seats.set(group.id, (seats.get(group.id) ?? 0) - 1);
    }
    participant.currentGroupIds = chosen.map((group) => group.id);
  }
}

const groupsOverlap = (a: OptimizerGroup, b: OptimizerGroup) =>
  a.slots.some((slot) => b.slots.some((other) => overlaps(slot, other)));

/** A deterministic synthetic program: groups, participants' weeks and last week's groups. */
export function generateProgram(options: GenerateOptions): OptimizerInput {
  const random = seededRandom(options.seed);
  const groups = generateGroups(random, options.groups);
  const participants = Array.from({ length: options.participants }, (_, index) =>
    generateParticipant(random, index),
  );
  const input: OptimizerInput = { groups, participants };
  simulateLastWeek(random, input, options.continuingShare ?? 0.65);
  return input;
}
