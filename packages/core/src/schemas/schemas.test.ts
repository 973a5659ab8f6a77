import { describe, expect, it } from 'vitest';
import { checkInInput, drugScreenInput } from './between-sessions.js';
import { listQuery } from './common.js';
import {
  contactInput,
  participantInput,
  participantUpdate,
  portalAccountInput,
  staffInput,
} from './people.js';
import { programInput, siteInput, trackInput } from './structure.js';

const person = { givenName: ' Quill ', familyName: 'Testwell', dateOfBirth: '1990-05-17' };

describe('participant details', () => {
  it('trims names, lower-cases email and defaults the language to English', () => {
    const parsed = participantInput.parse({ ...person, email: 'Quill@Example.TEST' });
    expect(parsed).toMatchObject({
      givenName: 'Quill',
      email: 'quill@example.test',
      preferredLanguage: 'en',
    });
  });

  it('refuses impossible or future birth dates, bad phones and unknown fields', () => {
    expect(participantInput.safeParse({ ...person, dateOfBirth: '1990-02-30' }).success).toBe(false);
    expect(participantInput.safeParse({ ...person, dateOfBirth: '2999-01-01' }).success).toBe(false);
    expect(participantInput.safeParse({ ...person, dateOfBirth: '1850-01-01' }).success).toBe(false);
    expect(participantInput.safeParse({ ...person, phone: 'call me' }).success).toBe(false);
    expect(participantInput.safeParse({ ...person, phone: '+1 (312) 555-0100' }).success).toBe(true);
    expect(participantInput.safeParse({ ...person, diagnosis: 'x' }).success).toBe(false);
    expect(participantInput.safeParse({ ...person, preferredLanguage: 'Spanish' }).success).toBe(false);
    expect(participantInput.safeParse({ ...person, preferredLanguage: 'es-MX' }).success).toBe(true);
  });

  it('refuses an update that changes nothing', () => {
    expect(participantUpdate.safeParse({}).success).toBe(false);
    expect(participantUpdate.safeParse({ pronouns: null }).success).toBe(true);
  });
});

describe('contacts and accounts', () => {
  it('needs a phone number for an emergency contact', () => {
    expect(contactInput.safeParse({ name: 'Fern', kind: 'emergency' }).success).toBe(false);
    expect(
      contactInput.safeParse({ name: 'Fern', kind: 'emergency', phone: '+1 312 555 0142' }).success,
    ).toBe(true);
    expect(contactInput.safeParse({ name: 'Fern', kind: 'neighbour' }).success).toBe(false);
  });

  it('ties a family account to a contact and needs a 12-character password', () => {
    const base = { kind: 'family', email: 'fern@example.test', password: 'twelve chars' };
    expect(portalAccountInput.safeParse(base).success).toBe(false);
    expect(
      portalAccountInput.safeParse({ ...base, contactId: '8c1f2b9e-6a43-4d1e-9b8a-3f5c2d7e1a90' }).success,
    ).toBe(true);
    expect(
      portalAccountInput.safeParse({ ...base, kind: 'participant', password: 'eleven char' }).success,
    ).toBe(false);
    expect(
      staffInput.safeParse({ email: 'a@b.test', displayName: 'A', roles: [], password: 'long enough pass' })
        .success,
    ).toBe(false);
    expect(
      staffInput.safeParse({
        email: 'a@b.test',
        displayName: 'A',
        roles: ['participant'],
        password: 'long enough pass',
      }).success,
    ).toBe(false);
  });
});

describe('sites, programs and tracks', () => {
  it('accepts IANA time zones only', () => {
    expect(siteInput.safeParse({ name: 'Main', timeZone: 'America/Chicago' }).success).toBe(true);
    expect(siteInput.safeParse({ name: 'Main', timeZone: 'CST' }).success).toBe(false);
    expect(siteInput.safeParse({ name: 'Main', timeZone: 'Mars/Olympus' }).success).toBe(false);
  });

  it('keeps weekly hours in half-hour steps and capacity within payer-typical bounds', () => {
    const program = {
      siteId: '8c1f2b9e-6a43-4d1e-9b8a-3f5c2d7e1a90',
      name: 'IOP',
      kind: 'substance_use',
      population: 'adult',
    };
    expect(programInput.parse(program).groupCapacity).toBe(12);
    expect(programInput.safeParse({ ...program, weeklyHoursMinimum: 9.25 }).success).toBe(false);
    expect(programInput.safeParse({ ...program, groupCapacity: 100 }).success).toBe(false);
  });

  it('needs days and times for a custom track, in order, without repeated days', () => {
    const track = { programId: '8c1f2b9e-6a43-4d1e-9b8a-3f5c2d7e1a90', name: 'Shift', kind: 'custom' };
    expect(trackInput.safeParse(track).success).toBe(false);
    expect(
      trackInput.safeParse({ ...track, days: [1, 1], startTime: '09:00', endTime: '12:00' }).success,
    ).toBe(false);
    expect(
      trackInput.safeParse({ ...track, days: [1, 8], startTime: '09:00', endTime: '12:00' }).success,
    ).toBe(false);
    expect(trackInput.safeParse({ ...track, days: [1], startTime: '12:00', endTime: '09:00' }).success).toBe(
      false,
    );
    expect(trackInput.safeParse({ ...track, days: [1], startTime: '24:00', endTime: '25:00' }).success).toBe(
      false,
    );
    expect(
      trackInput.safeParse({ ...track, days: [1, 4], startTime: '17:30', endTime: '20:30' }).success,
    ).toBe(true);
    expect(trackInput.safeParse({ ...track, kind: 'morning' }).success).toBe(true);
  });
});

describe('list queries', () => {
  it('defaults to 25 per page and caps at 100', () => {
    expect(listQuery.parse({})).toEqual({ limit: 25 });
    expect(listQuery.parse({ limit: '100' }).limit).toBe(100);
    expect(listQuery.safeParse({ limit: '101' }).success).toBe(false);
    expect(listQuery.safeParse({ limit: '0' }).success).toBe(false);
  });

  it('refuses a search term no database can hold', () => {
    expect(listQuery.parse({ q: '  Quill ' }).q).toBe('Quill');
    const nul = listQuery.safeParse({ q: 'qu\u0000ill' });
    expect(nul.success).toBe(false);
    expect(nul.error?.issues[0]?.message).toBe('must not contain a NUL character');
  });
});

describe('check-ins and drug screens', () => {
  it('takes a check-in in under a minute: ratings, sleep, use and skills', () => {
    const parsed = checkInInput.parse({ mood: 6, craving: 3, sleepHours: 6.5, used: false });
    expect(parsed).toMatchObject({ use: [], skillsUsed: [], suicidalThoughts: false });
    const refused = checkInInput.safeParse({ mood: 11, craving: -1, sleepHours: 6.3, used: false });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'mood',
      'craving',
      'sleepHours',
    ]);
  });

  it('describes use only when use was reported', () => {
    const described = {
      mood: 4,
      craving: 8,
      used: true,
      use: [{ substance: 'alcohol', amount: 'three beers' }],
    };
    expect(checkInInput.safeParse(described).success).toBe(true);
    const contradictory = checkInInput.safeParse({ ...described, used: false });
    expect(contradictory.error?.issues[0]?.path).toEqual(['use']);
  });

  it('records each substance of a screen once', () => {
    const screen = {
      collectedOn: '2026-03-08',
      method: 'urine',
      observed: true,
      results: [
        { substance: 'Opiates', result: 'negative' },
        { substance: 'opiates', result: 'positive' },
      ],
    };
    expect(drugScreenInput.safeParse(screen).error?.issues[0]?.message).toBe('each substance once');
    expect(drugScreenInput.safeParse({ ...screen, results: [] }).success).toBe(false);
    expect(drugScreenInput.safeParse({ ...screen, results: screen.results.slice(0, 1) }).success).toBe(true);
  });
});
