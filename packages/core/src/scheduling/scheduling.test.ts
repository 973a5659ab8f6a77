import { describe, expect, it } from 'vitest';
import { occurrencesBetween, recurrenceProblem, type SessionPattern } from './recurrence.js';
import { minutesByDate, weekBounds, weekHours } from './weekly-hours.js';
import {
  addDays,
  instantToZoned,
  isoWeekDates,
  isoWeekOf,
  zonedToInstant,
  zoneOffsetMinutes,
} from './zoned-time.js';

const chicago = 'America/Chicago';

describe('wall-clock time in a zone', () => {
  it('names the instant of a local time in winter and in summer', () => {
    expect(zonedToInstant('2026-01-13', '18:00', chicago).toISOString()).toBe('2026-01-14T00:00:00.000Z');
    expect(zonedToInstant('2026-07-14', '18:00', chicago).toISOString()).toBe('2026-07-14T23:00:00.000Z');
    expect(zonedToInstant('2026-07-14', '09:30', 'Asia/Kolkata').toISOString()).toBe(
      '2026-07-14T04:00:00.000Z',
    );
  });

  it('moves a time that never happens (spring forward, 8 March 2026) past the gap', () => {
    // 02:30 does not exist in Chicago that night; read with the winter offset it is 03:30 CDT.
    expect(zonedToInstant('2026-03-08', '02:30', chicago).toISOString()).toBe('2026-03-08T08:30:00.000Z');
    expect(instantToZoned(zonedToInstant('2026-03-08', '02:30', chicago), chicago).time).toBe('03:30');
  });

  it('takes the first of a time that happens twice (fall back, 1 November 2026)', () => {
    expect(zonedToInstant('2026-11-01', '01:30', chicago).toISOString()).toBe('2026-11-01T06:30:00.000Z');
  });

  it('reads an instant back as local date, time and weekday', () => {
    expect(instantToZoned(new Date('2026-01-14T00:00:00Z'), chicago)).toEqual({
      date: '2026-01-13',
      time: '18:00',
      weekday: 2,
    });
    expect(zoneOffsetMinutes(chicago, new Date('2026-01-14T00:00:00Z'))).toBe(-360);
    expect(zoneOffsetMinutes(chicago, new Date('2026-07-14T00:00:00Z'))).toBe(-300);
  });
});

describe('ISO weeks', () => {
  it('finds the week of a date, across year ends', () => {
    expect(isoWeekOf('2026-03-09')).toBe('2026-W11');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2026-01-04')).toBe('2026-W01');
  });

  it('lists a week’s dates Monday to Sunday, and refuses weeks that do not exist', () => {
    expect(isoWeekDates('2026-W01')).toEqual([
      '2025-12-29',
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
    ]);
    expect(isoWeekDates('2026-W53')?.[0]).toBe('2026-12-28');
    expect(isoWeekDates('2025-W53')).toBeNull();
    expect(isoWeekDates('2026-W00')).toBeNull();
    expect(isoWeekDates('2026-11')).toBeNull();
  });

  it('bounds a week by local midnights, 167 hours long when the clocks spring forward', () => {
    const spring = weekBounds('2026-W10', chicago);
    expect(spring?.start.toISOString()).toBe('2026-03-02T06:00:00.000Z');
    expect(((spring?.end.getTime() ?? 0) - (spring?.start.getTime() ?? 0)) / 3_600_000).toBe(167);
    const autumn = weekBounds('2026-W44', chicago);
    expect(((autumn?.end.getTime() ?? 0) - (autumn?.start.getTime() ?? 0)) / 3_600_000).toBe(169);
  });
});

const evening: SessionPattern = {
  startDate: '2026-02-24',
  startTime: '18:00',
  durationMinutes: 180,
  rrule: 'FREQ=WEEKLY;BYDAY=TU,TH',
  exceptions: [],
  timeZone: chicago,
};

describe('recurring sessions (RFC 5545 rules read in local time)', () => {
  it('keeps 18:00 local across the spring daylight-saving change', () => {
    const found = occurrencesBetween(evening, new Date('2026-03-01T00:00Z'), new Date('2026-03-15T00:00Z'));
    expect(found.map((occurrence) => occurrence.localDate)).toEqual([
      '2026-03-03',
      '2026-03-05',
      '2026-03-10',
      '2026-03-12',
    ]);
    // CST (UTC−6) before 8 March, CDT (UTC−5) after: the instants move, the local time does not.
    expect(found.map((occurrence) => occurrence.start.toISOString())).toEqual([
      '2026-03-04T00:00:00.000Z',
      '2026-03-06T00:00:00.000Z',
      '2026-03-10T23:00:00.000Z',
      '2026-03-12T23:00:00.000Z',
    ]);
    for (const occurrence of found) {
      expect(instantToZoned(occurrence.start, chicago).time).toBe('18:00');
      expect(occurrence.end.getTime() - occurrence.start.getTime()).toBe(180 * 60_000);
    }
  });

  it('keeps 09:00 local across the autumn change', () => {
    const morning = {
      ...evening,
      startDate: '2026-10-26',
      startTime: '09:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
    };
    const found = occurrencesBetween(morning, new Date('2026-10-26T00:00Z'), new Date('2026-11-05T00:00Z'));
    expect(found.map((occurrence) => occurrence.start.toISOString())).toEqual([
      '2026-10-26T14:00:00.000Z',
      '2026-10-28T14:00:00.000Z',
      '2026-11-02T15:00:00.000Z',
      '2026-11-04T15:00:00.000Z',
    ]);
  });

  it('skips exceptions and holidays, and stops at UNTIL (inclusive) or COUNT', () => {
    const window = [new Date('2026-02-01T00:00Z'), new Date('2026-04-01T00:00Z')] as const;
    const excepted = occurrencesBetween(
      { ...evening, exceptions: ['2026-02-26'], rrule: 'FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260305' },
      ...window,
      new Set(['2026-03-03']),
    );
    expect(excepted.map((occurrence) => occurrence.localDate)).toEqual(['2026-02-24', '2026-03-05']);
    const counted = occurrencesBetween({ ...evening, rrule: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3' }, ...window);
    expect(counted.map((occurrence) => occurrence.localDate)).toEqual([
      '2026-02-24',
      '2026-02-26',
      '2026-03-03',
    ]);
    const fortnightly = occurrencesBetween(
      { ...evening, rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU' },
      ...window,
    );
    expect(fortnightly.map((occurrence) => occurrence.localDate)).toEqual([
      '2026-02-24',
      '2026-03-10',
      '2026-03-24',
    ]);
  });

  it('gives a one-off session its single occurrence, inside the window only', () => {
    const once = { ...evening, rrule: null, startDate: '2026-03-10' };
    expect(
      occurrencesBetween(once, new Date('2026-03-01T00:00Z'), new Date('2026-03-31T00:00Z')),
    ).toHaveLength(1);
    expect(occurrencesBetween(once, new Date('2026-03-11T00:00Z'), new Date('2026-03-31T00:00Z'))).toEqual(
      [],
    );
  });

  it('accepts the rules sessions need and explains the ones it refuses', () => {
    expect(recurrenceProblem('FREQ=WEEKLY;BYDAY=MO,WE,TH')).toBeNull();
    expect(recurrenceProblem('FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;UNTIL=20261231')).toBeNull();
    expect(recurrenceProblem('FREQ=MONTHLY;BYMONTHDAY=1;COUNT=6')).toBeNull();
    expect(recurrenceProblem('FREQ=HOURLY')).toMatch(/FREQ must be/);
    expect(recurrenceProblem('DTSTART=20260101T000000Z;FREQ=WEEKLY')).toMatch(/not supported/);
    expect(recurrenceProblem('FREQ=WEEKLY;COUNT=3;UNTIL=20261231')).toMatch(/not both/);
    expect(recurrenceProblem('FREQ=WEEKLY;BYDAY=XX')).toMatch(/not a valid/);
    expect(recurrenceProblem('FREQ=WEEKLY;COUNT=0')).toMatch(/COUNT/);
    expect(recurrenceProblem('')).toMatch(/empty/);
  });
});

describe('weekly hours against the minimum (ASAM 2.1: 9 h adults, 6 h adolescents)', () => {
  const tuesThurs = occurrencesBetween(evening, new Date('2026-03-02T06:00Z'), new Date('2026-03-09T05:00Z'));

  it('adds a week’s scheduled and attended minutes per day', () => {
    const hours = weekHours({
      week: '2026-W10',
      zone: chicago,
      scheduled: tuesThurs,
      attended: tuesThurs.slice(0, 1),
      weeklyHoursMinimum: 9,
    });
    expect(hours).toMatchObject({
      week: '2026-W10',
      scheduledMinutes: 360,
      attendedMinutes: 180,
      requiredMinutes: 540,
      meetsMinimum: false,
    });
    expect(hours.days.map((day) => day.scheduledMinutes)).toEqual([0, 180, 0, 180, 0, 0, 0]);
    const saturday = {
      start: zonedToInstant('2026-03-07', '09:00', chicago),
      end: zonedToInstant('2026-03-07', '12:00', chicago),
    };
    const withSaturday = weekHours({
      week: '2026-W10',
      zone: chicago,
      scheduled: [...tuesThurs, saturday],
      attended: [],
      weeklyHoursMinimum: 9,
    });
    expect(withSaturday).toMatchObject({ scheduledMinutes: 540, meetsMinimum: true });
    expect(
      weekHours({
        ...withSaturday,
        zone: chicago,
        scheduled: tuesThurs,
        attended: [],
        weeklyHoursMinimum: 6,
      }),
    ).toMatchObject({ requiredMinutes: 360, meetsMinimum: true });
  });

  it('splits a session across midnight between its days, and across the week edge', () => {
    const lateSunday = {
      start: zonedToInstant('2026-03-15', '22:00', chicago),
      end: zonedToInstant('2026-03-16', '01:00', chicago),
    };
    expect(minutesByDate([lateSunday], ['2026-03-15', '2026-03-16'], chicago)).toEqual({
      '2026-03-15': 120,
      '2026-03-16': 60,
    });
    const week11 = weekHours({
      week: '2026-W11',
      zone: chicago,
      scheduled: [lateSunday],
      attended: [],
      weeklyHoursMinimum: 9,
    });
    const week12 = weekHours({
      week: '2026-W12',
      zone: chicago,
      scheduled: [lateSunday],
      attended: [],
      weeklyHoursMinimum: 9,
    });
    expect([week11.scheduledMinutes, week12.scheduledMinutes]).toEqual([120, 60]);
  });

  it('counts real minutes on the night the clocks change', () => {
    // 00:00–04:00 local on 8 March 2026 is three real hours in Chicago.
    const overnight = {
      start: zonedToInstant('2026-03-08', '00:00', chicago),
      end: zonedToInstant('2026-03-08', '04:00', chicago),
    };
    expect(minutesByDate([overnight], ['2026-03-08'], chicago)).toEqual({ '2026-03-08': 180 });
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});
