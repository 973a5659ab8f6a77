import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../http/app-error.js';
import { generateProgram } from './generate.js';
import {
  checkHardConstraints,
  eligibilityOf,
  type OptimizerGroup,
  type OptimizerInput,
  type OptimizerParticipant,
  type OptimizerResult,
  overlaps,
  proposeAssignment,
  type WeekInterval,
  weekIntervalOf,
} from './optimizer.js';

/*
 * The schedule optimizer on a clinic's week: hand-made weeks whose best proposal is known, then
 * random small programs, where whatever the optimizer proposes must keep every hard constraint.
 */

const days = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 } as const;
type Day = keyof typeof days;

/** "Tue 18:00–21:00" as a week interval. */
const time = (day: Day, from: string, to: string): WeekInterval =>
  weekIntervalOf({ weekday: days[day], startTime: from, endTime: to });

const group = (id: string, label: string, modality: string, capacity: number, ...slots: WeekInterval[]) =>
  ({ id, label, modality, capacity, slots }) satisfies OptimizerGroup;

const adult = (id: string, extra: Partial<OptimizerParticipant> = {}): OptimizerParticipant => ({
  id,
  requiredMinutes: 540,
  available: [],
  blackouts: [],
  busy: [],
  currentGroupIds: [],
  ...extra,
});

const groupsOf = (result: OptimizerResult, participantId: string) =>
  result.assignments.find((assignment) => assignment.participantId === participantId)?.groupIds ?? [];
const explanationOf = (result: OptimizerResult, participantId: string) =>
  result.explanations.find((explanation) => explanation.participantId === participantId)?.text ?? '';

async function propose(input: OptimizerInput) {
  const result = await proposeAssignment({ timeLimitSeconds: 10, ...input });
  expect(checkHardConstraints(input, result)).toEqual([]);
  expect(result.status).toBe('optimal');
  return result;
}

// A morning track (Mon/Wed/Fri 09:00–12:00) and an evening track (Tue/Thu 18:00–21:00), with a
// Saturday DBT skills group: 9 h, 6 h and 3 h a week.
const morningTrack = group(
  'morning',
  'Morning process group',
  'group_therapy',
  10,
  time('Mon', '09:00', '12:00'),
  time('Wed', '09:00', '12:00'),
  time('Fri', '09:00', '12:00'),
);
const eveningCbt = group(
  'evening',
  'Evening CBT group',
  'cbt_group',
  10,
  time('Tue', '18:00', '21:00'),
  time('Thu', '18:00', '21:00'),
);
const saturdayDbt = group(
  'saturday',
  'Saturday DBT skills group',
  'dbt_skills_group',
  10,
  time('Sat', '09:00', '12:00'),
);

describe('hand-made weeks', () => {
  it('fills a group no further than its capacity', async () => {
    // First, three adults who can only come to the morning track, which has two seats.
    const small = { ...morningTrack, capacity: 2 };
    const input = { groups: [small], participants: [adult('ana'), adult('ben'), adult('cal')] };
    const result = await propose(input);
    // Then two of them get it and meet their 9 h; the third is told why not.
    expect(result.meetingMinimum).toBe(2);
    expect(result.meetingMinimumBound).toBe(2);
    const left = result.assignments.filter((assignment) => assignment.groupIds.length === 0);
    expect(left).toHaveLength(1);
    expect(explanationOf(result, left[0]?.participantId ?? '')).toContain(
      'the other groups that fit their week are full or clash with these',
    );
  });

  it('never puts anyone in two groups that overlap', async () => {
    // An evening CBT group and a relapse-prevention group that starts an hour into it on Tuesday.
    const relapse = group(
      'relapse',
      'Evening relapse prevention group',
      'relapse_prevention',
      10,
      time('Tue', '19:00', '20:30'),
      time('Wed', '19:00', '20:30'),
    );
    const input = { groups: [eveningCbt, relapse, saturdayDbt], participants: [adult('dee')] };
    const result = await propose(input);
    const chosen = groupsOf(result, 'dee');
    expect(chosen.includes('evening') && chosen.includes('relapse')).toBe(false);
    // 6 h + 3 h is the only way to 9 h.
    expect(chosen).toEqual(['evening', 'saturday']);
  });

  it('offers only groups inside the availability and outside every blackout', async () => {
    // Eve works Monday to Friday 08:00–17:00 and is only available from Tuesday on.
    const eve = adult('eve', {
      available: [{ start: time('Tue', '00:00', '23:59').start, end: 7 * 24 * 60 }],
      blackouts: (['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const).map((day) => ({
        ...time(day, '08:00', '17:00'),
        reason: 'work shift',
      })),
    });
    const input = { groups: [morningTrack, eveningCbt, saturdayDbt], participants: [eve] };
    const result = await propose(input);
    expect(groupsOf(result, 'eve')).toEqual(['evening', 'saturday']);
    expect(explanationOf(result, 'eve')).toBe(
      'Evening CBT group Tue/Thu 18:00–21:00 + Saturday DBT skills group Sat 09:00–12:00: 9 h (meets the 9 h minimum); Mon–Fri 08:00–17:00 not possible: work shift',
    );
  });

  it('keeps groups clear of other fixed sessions and of blackouts past Sunday midnight', async () => {
    // Fay has a family session on Thursday evening; Gus works a night shift from Sunday 22:00.
    const earlyMonday = group(
      'early',
      'Early Monday check-in group',
      'psychoeducation',
      10,
      time('Mon', '01:00', '02:30'),
    );
    const fay = adult('fay', { requiredMinutes: 360, busy: [time('Thu', '19:00', '20:30')] });
    const gus = adult('gus', {
      requiredMinutes: 90,
      blackouts: [{ ...time('Sun', '22:00', '06:00'), reason: 'work shift' }],
    });
    const input = { groups: [eveningCbt, saturdayDbt, earlyMonday], participants: [fay, gus] };
    const result = await propose(input);
    expect(groupsOf(result, 'fay')).not.toContain('evening');
    expect(explanationOf(result, 'fay')).toContain('Thu 19:00–20:30 kept for another session');
    expect(groupsOf(result, 'gus')).not.toContain('early');
  });

  it('stays within the weekly maximum', async () => {
    // Hal may do at most 8 h: the 9 h morning track is out, the evening group and Saturday are not.
    const hal = adult('hal', { requiredMinutes: 360, maxMinutes: 8 * 60 });
    const result = await propose({ groups: [morningTrack, eveningCbt, saturdayDbt], participants: [hal] });
    expect(groupsOf(result, 'hal')).not.toContain('morning');
    expect(result.explanations[0]?.minutes).toBeLessThanOrEqual(480);
  });

  it('moves someone out of their current group when that lets one more person meet the minimum', async () => {
    // Ivy's morning-track seat is the only way Jon can reach 9 h; Ivy can reach it in the evening.
    const oneSeat = { ...morningTrack, capacity: 1 };
    const ivy = adult('ivy', { currentGroupIds: ['morning'] });
    const jon = adult('jon', { available: morningTrack.slots });
    const result = await propose({ groups: [oneSeat, eveningCbt, saturdayDbt], participants: [ivy, jon] });
    expect(result.meetingMinimum).toBe(2);
    expect(groupsOf(result, 'jon')).toEqual(['morning']);
    expect(groupsOf(result, 'ivy')).toEqual(['evening', 'saturday']);
  });

  it('puts one more person over the minimum even when every secondary term objects', async () => {
    // Ray holds the only morning seat and could also reach 9 h on two one-seat CBT groups; Sue can
    // only come in the mornings. Moving Ray loses his current group, fills both CBT groups to the
    // brim and puts all of his hours in one modality, yet it is the only way both meet the minimum.
    const oneSeat = { ...morningTrack, capacity: 1 };
    const cbtTuesday = group('cbt-tue', 'Evening CBT group', 'cbt_group', 1, ...eveningCbt.slots);
    const cbtSaturday = group('cbt-sat', 'Saturday CBT group', 'cbt_group', 1, ...saturdayDbt.slots);
    const ray = adult('ray', { currentGroupIds: ['morning'] });
    const sue = adult('sue', { available: morningTrack.slots });
    const result = await propose({ groups: [oneSeat, cbtTuesday, cbtSaturday], participants: [ray, sue] });
    expect(result.meetingMinimum).toBe(2);
    expect(groupsOf(result, 'sue')).toEqual(['morning']);
    expect(groupsOf(result, 'ray')).toEqual(['cbt-tue', 'cbt-sat']);
  });

  it('keeps current groups when nothing is at stake', async () => {
    // Two evening CBT groups at the same times; Kim was in the second, Lou in the first.
    const second = { ...eveningCbt, id: 'evening-2', label: 'Evening CBT group 2' };
    const kim = adult('kim', { requiredMinutes: 360, currentGroupIds: ['evening-2'] });
    const lou = adult('lou', { requiredMinutes: 360, currentGroupIds: ['evening'] });
    const result = await propose({ groups: [eveningCbt, second], participants: [kim, lou] });
    expect(groupsOf(result, 'kim')).toEqual(['evening-2']);
    expect(groupsOf(result, 'lou')).toEqual(['evening']);
  });

  it('prefers a mix of modalities to the same one twice', async () => {
    // Two 3-hour CBT groups or a CBT and a DBT skills group: both make the adolescent 6 h minimum.
    const tuesdayCbt = group('cbt-tue', 'Tuesday CBT group', 'cbt_group', 10, time('Tue', '16:00', '19:00'));
    const thursdayCbt = group(
      'cbt-thu',
      'Thursday CBT group',
      'cbt_group',
      10,
      time('Thu', '16:00', '19:00'),
    );
    const saturday = { ...saturdayDbt };
    const teen = adult('max', { requiredMinutes: 360 });
    const result = await propose({ groups: [tuesdayCbt, thursdayCbt, saturday], participants: [teen] });
    expect(groupsOf(result, 'max')).toHaveLength(2);
    expect(groupsOf(result, 'max')).toContain('saturday');
  });

  it('seats people in the parallel group that teaches a module they still need', async () => {
    // Rolling admission: two DBT skills groups meet at the same time at different points of the
    // rotation; this week one teaches distress tolerance 1, the other distress tolerance 3.
    const first = {
      ...group('dbt-a', 'DBT skills group A', 'dbt_skills_group', 10, time('Sat', '09:00', '12:00')),
      moduleIds: ['dt1'],
    };
    const third = {
      ...group('dbt-b', 'DBT skills group B', 'dbt_skills_group', 10, time('Sat', '09:00', '12:00')),
      moduleIds: ['dt3'],
    };
    const participants = [
      adult('pat', { requiredMinutes: 180, neededModuleIds: ['dt3'] }),
      adult('quinn', { requiredMinutes: 180, neededModuleIds: ['dt1', 'dt2'] }),
      adult('rae', { requiredMinutes: 180, neededModuleIds: ['dt2', 'dt3'] }),
    ];
    const result = await propose({ groups: [first, third], participants });
    expect(groupsOf(result, 'pat')).toEqual(['dbt-b']);
    expect(groupsOf(result, 'quinn')).toEqual(['dbt-a']);
    expect(groupsOf(result, 'rae')).toEqual(['dbt-b']);
    expect(explanationOf(result, 'pat')).toBe(
      'DBT skills group B Sat 09:00–12:00: 3 h (meets the 3 h minimum); teaches 1 curriculum module they still need',
    );
  });

  it('gives those who cannot reach the minimum as much as fits, and says why', async () => {
    // Ned can only come on Saturdays.
    const ned = adult('ned', { available: [time('Sat', '08:00', '13:00')] });
    const result = await propose({ groups: [morningTrack, eveningCbt, saturdayDbt], participants: [ned] });
    expect(groupsOf(result, 'ned')).toEqual(['saturday']);
    expect(explanationOf(result, 'ned')).toBe(
      'Saturday DBT skills group Sat 09:00–12:00: 3 h (short of the 9 h minimum by 6 h); Mon–Fri groups outside their available hours; only 3 h of groups fit their week',
    );
  });

  it('turns away input it cannot use', async () => {
    const twice = { groups: [eveningCbt, eveningCbt], participants: [adult('oli')] };
    await expect(proposeAssignment(twice)).rejects.toBeInstanceOf(AppError);
    const backwards = {
      groups: [group('x', 'X', 'cbt_group', 5, { start: 600, end: 540 })],
      participants: [],
    };
    await expect(proposeAssignment(backwards)).rejects.toThrow(/must end after it starts/);
  });

  it('solves a generated program in stages with the same guarantees', async () => {
    const input = generateProgram({ seed: 7, participants: 120, groups: 30 });
    for (const strategy of ['aggregated', 'auto'] as const) {
      const result = await proposeAssignment({ ...input, strategy, timeLimitSeconds: 3 });
      expect(checkHardConstraints(input, result)).toEqual([]);
      expect(result.bound).toBeGreaterThanOrEqual(result.objective);
      expect(result.meetingMinimumBound).toBeGreaterThanOrEqual(result.meetingMinimum);
      expect(result.meetingMinimum).toBeGreaterThan(100);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Random small programs

const slotArbitrary = fc
  .record({
    day: fc.integer({ min: 0, max: 6 }),
    start: fc.integer({ min: 14, max: 40 }),
    length: fc.constantFrom(2, 3, 4, 6),
  })
  .map(({ day, start, length }) => ({
    start: day * 1440 + start * 30,
    end: day * 1440 + (start + length) * 30,
  }));

const windowArbitrary = fc
  .record({
    day: fc.integer({ min: 0, max: 6 }),
    start: fc.integer({ min: 0, max: 40 }),
    length: fc.integer({ min: 2, max: 24 }),
  })
  .map(({ day, start, length }) => ({
    start: day * 1440 + start * 30,
    end: day * 1440 + (start + length) * 30,
  }));

const instanceArbitrary = fc
  .record({
    groups: fc.array(
      fc.record({
        capacity: fc.integer({ min: 0, max: 3 }),
        modality: fc.constantFrom('cbt_group', 'dbt_skills_group', 'group_therapy'),
        moduleIds: fc.uniqueArray(fc.constantFrom('m1', 'm2', 'm3'), { maxLength: 2 }),
        // A group's own sessions never overlap (the optimizer rejects such a group).
        slots: fc
          .array(slotArbitrary, { minLength: 1, maxLength: 2 })
          .map((slots) =>
            slots.filter((slot, i) => !slots.slice(0, i).some((other) => overlaps(other, slot))),
          ),
      }),
      { minLength: 1, maxLength: 7 },
    ),
    participants: fc.array(
      fc.record({
        requiredMinutes: fc.constantFrom(0, 90, 180, 270, 360, 540),
        maxMinutes: fc.option(fc.constantFrom(180, 360, 600), { nil: undefined }),
        available: fc.oneof(
          fc.constant<WeekInterval[]>([]),
          fc.array(windowArbitrary, { minLength: 1, maxLength: 6 }),
        ),
        blackouts: fc.array(windowArbitrary, { maxLength: 2 }),
        busy: fc.array(windowArbitrary, { maxLength: 1 }),
        current: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
        neededModuleIds: fc.uniqueArray(fc.constantFrom('m1', 'm2', 'm3'), { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(
    ({ groups, participants }): OptimizerInput => ({
      groups: groups.map((item, index) => ({ id: `g${index}`, label: `Group ${index}`, ...item })),
      participants: participants.map(({ current, maxMinutes, blackouts, ...item }, index) => ({
        id: `p${index}`,
        ...item,
        ...(maxMinutes === undefined ? {} : { maxMinutes }),
        blackouts: blackouts.map((blackout) => ({ ...blackout, reason: 'work shift' })),
        currentGroupIds: [...new Set(current.filter((g) => g < groups.length).map((g) => `g${g}`))],
      })),
    }),
  );

/** First come, first served: each participant in turn takes open groups that fit until their minimum. */
function greedyCount(input: OptimizerInput): number {
  const seats = new Map(input.groups.map((item) => [item.id, item.capacity]));
  let meeting = 0;
  for (const participant of input.participants) {
    const chosen: OptimizerGroup[] = [];
    let minutes = 0;
    for (const candidate of eligibilityOf(participant, input.groups).eligible) {
      const length = candidate.slots.reduce((sum, slot) => sum + slot.end - slot.start, 0);
      if (minutes >= participant.requiredMinutes || (seats.get(candidate.id) ?? 0) <= 0) continue;
      if (minutes + length > (participant.maxMinutes ?? 19 * 60)) continue;
      if (chosen.some((other) => other.slots.some((a) => candidate.slots.some((b) => overlaps(a, b)))))
        continue;
      chosen.push(candidate);
      minutes += length;
      seats.set(candidate.id, (seats.get(candidate.id) ?? 0) - 1);
    }
    if (minutes >= participant.requiredMinutes) meeting += 1;
  }
  return meeting;
}

const countMeeting = (input: OptimizerInput, result: OptimizerResult) =>
  result.assignments.filter(({ participantId, groupIds }) => {
    const participant = input.participants.find((item) => item.id === participantId);
    const minutes = groupIds
      .flatMap((id) => input.groups.find((item) => item.id === id)?.slots ?? [])
      .reduce((sum, slot) => sum + slot.end - slot.start, 0);
    return minutes >= (participant?.requiredMinutes ?? 0);
  }).length;

describe('optimizer hard constraints on random instances (property-based)', () => {
  it('always keeps every hard constraint, reports its count truthfully and beats a greedy', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary, async (input) => {
        const result = await proposeAssignment({ ...input, mipRelativeGap: 0 });
        expect(result.status).toBe('optimal');
        expect(checkHardConstraints(input, result)).toEqual([]);
        expect(result.meetingMinimum).toBe(countMeeting(input, result));
        expect(result.meetingMinimum).toBeGreaterThanOrEqual(greedyCount(input));
        expect(result.meetingMinimumBound).toBe(result.meetingMinimum);
        expect(result.bound + 1e-6).toBeGreaterThanOrEqual(result.objective);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps every hard constraint in the staged (aggregated) solve too', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary, async (input) => {
        const result = await proposeAssignment({ ...input, strategy: 'aggregated' });
        expect(result.status).not.toBe('error');
        expect(checkHardConstraints(input, result)).toEqual([]);
        expect(result.meetingMinimum).toBe(countMeeting(input, result));
        expect(result.meetingMinimumBound).toBeGreaterThanOrEqual(result.meetingMinimum);
        expect(result.bound + 1e-6).toBeGreaterThanOrEqual(result.objective);
      }),
      { numRuns: 100 },
    );
  });

  it('catches a broken proposal', () => {
    // The checker itself: two participants in a one-seat group that overlaps a blackout.
    const input: OptimizerInput = {
      groups: [{ ...eveningCbt, capacity: 1 }],
      participants: [
        adult('pia', { blackouts: [{ ...time('Tue', '17:00', '19:00'), reason: 'childcare' }] }),
        adult('quinn'),
      ],
    };
    const broken = {
      assignments: [
        { participantId: 'pia', groupIds: ['evening'] },
        { participantId: 'quinn', groupIds: ['evening', 'evening'] },
      ],
      meetingMinimum: 2,
    };
    const rules = checkHardConstraints(input, broken).map((violation) => violation.rule);
    expect(rules).toEqual(
      expect.arrayContaining(['blackout', 'duplicate_group', 'capacity', 'meeting_count']),
    );
  });
});
