import { participantSchema } from '@stepwise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Clinic, type Session, TestServer, testPassword, unknownId } from '../../test/harness.js';

let server: TestServer;
let clinic: Clinic;
let intake: Session;

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Participants Clinic');
  intake = await server.signIn(clinic.staff.intake.email);
});
afterAll(() => server.close());

const newPerson = {
  givenName: 'Juniper',
  familyName: 'Sampleton',
  preferredName: 'June',
  dateOfBirth: '1988-02-29',
  pronouns: 'she/her',
  preferredLanguage: 'es',
  email: 'June.Sampleton@Example.test',
  phone: '+1 312 555 0177',
};

describe('registering and finding participants', () => {
  it('creates a participant with a generated record number and finds them by name or number', async () => {
    // First, the intake coordinator registers a new participant.
    const created = await intake.post('/api/v1/participants', newPerson);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      givenName: 'Juniper',
      familyName: 'Sampleton',
      dateOfBirth: '1988-02-29',
      email: 'june.sampleton@example.test',
    });
    expect(created.body.recordNumber).toMatch(/^SW-\d{6}$/);

    // Then a clinician finds them by family-name prefix, given name, full name and record number.
    const clinician = await server.signIn(clinic.staff.clinician.email);
    for (const q of [
      'samp',
      'JUNI',
      'juniper samp',
      'sampleton jun',
      created.body.recordNumber.toLowerCase(),
    ]) {
      const found = await clinician.get(`/api/v1/participants?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
      // Listed exactly as created, times to the millisecond included.
      expect(found.body.items.find((p: { id: string }) => p.id === created.body.id)).toEqual(created.body);
    }
    const notFound = await clinician.get('/api/v1/participants?q=zzz');
    expect(notFound.body.items).toEqual([]);
    // A search term's wildcards are taken literally.
    expect((await clinician.get('/api/v1/participants?q=%25')).body.items).toEqual([]);

    const read = await clinician.get(`/api/v1/participants/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.preferredName).toBe('June');
    expect(read.body).toEqual(created.body);
    expect(read.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('pages through everyone in name order with a cursor', async () => {
    for (const familyName of ['Aardvarkson', 'Beta', 'Gamma', 'Delta', 'Epsilonne']) {
      await intake.post('/api/v1/participants', {
        givenName: 'Paging',
        familyName,
        dateOfBirth: '1970-01-01',
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { familyName: string }[]; nextCursor: string | null } } = await intake.get(
        `/api/v1/participants?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p) => p.familyName));
      cursor = page.body.nextCursor;
    } while (cursor);
    const sorted = [...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(seen).toEqual(sorted);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('Aardvarkson');
    expect(seen.length).toBeGreaterThanOrEqual(7);
  });

  it('pages through search results from every branch in one name order, each exactly once', async () => {
    // Family names, given names and a full name that all start with "Zan", spread through the alphabet.
    const people = [
      ['Alder', 'Zandra'],
      ['Zanetti', 'Brook'],
      ['Zanetti', 'Able'],
      ['Moss', 'Zane'],
      ['Zander', 'Cole'],
      ['Quarry', 'Zanna'],
      ['Zan Holt', 'Ember'],
    ] as const;
    for (const [familyName, givenName] of people) {
      await intake.post('/api/v1/participants', { givenName, familyName, dateOfBirth: '1980-05-05' });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: {
        body: { items: { familyName: string; givenName: string }[]; nextCursor: string | null };
      } = await intake.get(`/api/v1/participants?q=zan&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p) => `${p.familyName} ${p.givenName}`.toLowerCase()));
      cursor = page.body.nextCursor;
    } while (cursor);
    // Byte order of the lower-cased "family given" name.
    const expected = people.map(([family, given]) => `${family} ${given}`.toLowerCase()).sort();
    expect(seen).toEqual(expected);
  });

  it('writes lists and records exactly in the documented shape, special characters included', async () => {
    const created = await intake.post('/api/v1/participants', {
      givenName: 'Zoë "Quote"',
      familyName: 'Backslash\\Tab\tO’Neil',
      dateOfBirth: '1999-12-31',
      address: 'Line one\nLine two',
    });
    expect(created.status).toBe(201);
    const strictParticipant = z.strictObject(participantSchema.shape);
    const strictPage = z.strictObject({
      items: z.array(strictParticipant),
      nextCursor: z.string().nullable(),
    });
    const read = await intake.get(`/api/v1/participants/${created.body.id}`);
    expect(read.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(strictParticipant.parse(read.body)).toEqual(created.body);
    const listed = await intake.get(`/api/v1/participants?q=${encodeURIComponent('backslash')}&limit=1`);
    expect(listed.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(strictPage.parse(listed.body)).toEqual({ items: [created.body], nextCursor: null });
    const firstPage = strictPage.parse((await intake.get('/api/v1/participants?limit=1')).body);
    expect(firstPage.items).toHaveLength(1);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
  });

  it('answers 400, not 500, to a forged cursor or a search term no database can hold', async () => {
    const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const cases = {
      [`cursor=${forged(['a', 'not-an-id'])}`]: /query\.cursor/,
      [`cursor=${forged(['a\u0000', clinic.participantId])}`]: /query\.cursor/,
      [`cursor=${forged(['a', clinic.participantId, 'extra'])}`]: /query\.cursor/,
      'cursor=%%%': /query\.cursor/,
      'q=%00': /NUL/,
      [`q=${'x'.repeat(101)}`]: /q/,
    };
    for (const [query, message] of Object.entries(cases)) {
      const response = await intake.get(`/api/v1/participants?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.message, query).toMatch(message);
    }
    // A cursor from a real page still works.
    const first = await intake.get('/api/v1/participants?limit=1');
    const next = await intake.get(`/api/v1/participants?limit=1&cursor=${first.body.nextCursor}`);
    expect(next.status).toBe(200);
  });

  it('refuses invalid details with a clear message and keeps nothing', async () => {
    const before = (await intake.get('/api/v1/participants?limit=100')).body.items.length;
    const future = await intake.post('/api/v1/participants', { ...newPerson, dateOfBirth: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/dateOfBirth/);
    const badPhone = await intake.post('/api/v1/participants', { ...newPerson, phone: 'call me maybe' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details[0].path).toBe('body.phone');
    const missing = await intake.post('/api/v1/participants', { givenName: 'Only' });
    expect(missing.status).toBe(400);
    expect((await intake.get('/api/v1/participants?limit=100')).body.items.length).toBe(before);
  });

  it('refuses a duplicate record number with 409', async () => {
    expect((await intake.post('/api/v1/participants', { ...newPerson, recordNumber: 'MRN-77' })).status).toBe(
      201,
    );
    const duplicate = await intake.post('/api/v1/participants', { ...newPerson, recordNumber: 'MRN-77' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('conflict');
  });

  it('updates only the fields given', async () => {
    const created = await intake.post('/api/v1/participants', { ...newPerson, givenName: 'Rowan' });
    const updated = await intake.patch(`/api/v1/participants/${created.body.id}`, {
      pronouns: 'they/them',
      phone: null,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      givenName: 'Rowan',
      pronouns: 'they/them',
      phone: null,
      preferredLanguage: 'es',
    });
    expect((await intake.patch(`/api/v1/participants/${created.body.id}`, {})).status).toBe(400);
    expect((await intake.patch(`/api/v1/participants/${unknownId}`, { pronouns: 'he/him' })).status).toBe(
      404,
    );
  });
});

describe('contacts', () => {
  it('keeps family, support and emergency contacts for a participant', async () => {
    const person = await intake.post('/api/v1/participants', { ...newPerson, givenName: 'Clover' });
    const url = `/api/v1/participants/${person.body.id}/contacts`;
    const emergencyWithoutPhone = await intake.post(url, { name: 'Heath Testerby', kind: 'emergency' });
    expect(emergencyWithoutPhone.status).toBe(400);
    expect(emergencyWithoutPhone.body.error.message).toMatch(/phone/);

    const emergency = await intake.post(url, {
      name: 'Heath Testerby',
      kind: 'emergency',
      relation: 'brother',
      phone: '+1 312 555 0150',
    });
    expect(emergency.status).toBe(201);
    expect(emergency.body.isEmergencyContact).toBe(true);
    const sponsor = await intake.post(url, { name: 'Lark Mockridge', kind: 'support', relation: 'sponsor' });
    expect(sponsor.body.isEmergencyContact).toBe(false);

    const listed = await intake.get(url);
    expect(listed.body.items.map((c: { name: string }) => c.name)).toEqual([
      'Heath Testerby',
      'Lark Mockridge',
    ]);

    const updated = await intake.patch(`${url}/${sponsor.body.id}`, {
      phone: '+1 312 555 0151',
      notes: 'Call after 6pm',
    });
    expect(updated.body).toMatchObject({ phone: '+1 312 555 0151', notes: 'Call after 6pm' });
    // Turning a contact into an emergency contact without a phone is refused.
    const person2 = await intake.post('/api/v1/participants', { ...newPerson, givenName: 'Dell' });
    const friend = await intake.post(`/api/v1/participants/${person2.body.id}/contacts`, {
      name: 'Glen Fakesby',
      kind: 'support',
    });
    expect(
      (
        await intake.patch(`/api/v1/participants/${person2.body.id}/contacts/${friend.body.id}`, {
          kind: 'emergency',
        })
      ).status,
    ).toBe(400);

    expect((await intake.delete(`${url}/${sponsor.body.id}`)).status).toBe(204);
    expect((await intake.get(url)).body.items).toHaveLength(1);
    // A contact of another participant cannot be reached through this one.
    expect(
      (await intake.delete(`/api/v1/participants/${person2.body.id}/contacts/${emergency.body.id}`)).status,
    ).toBe(404);
  });
});

describe('portal accounts', () => {
  it('gives the participant and a family member their own sign-ins, each seeing only what they should', async () => {
    const person = await intake.post('/api/v1/participants', {
      ...newPerson,
      givenName: 'Linden',
      email: null,
    });
    const contact = await intake.post(`/api/v1/participants/${person.body.id}/contacts`, {
      name: 'Marsh Demoson',
      kind: 'family',
      relation: 'father',
    });
    const accounts = `/api/v1/participants/${person.body.id}/accounts`;
    const own = await intake.post(accounts, {
      kind: 'participant',
      email: 'linden.portal@clinic.test',
      password: 'a long first password',
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      kind: 'participant',
      roles: ['participant'],
      participantId: person.body.id,
    });
    expect(own.body).not.toHaveProperty('passwordHash');
    expect(
      (
        await intake.post(accounts, {
          kind: 'participant',
          email: 'second@clinic.test',
          password: 'a long first password',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await intake.post(accounts, {
          kind: 'family',
          email: 'marsh@clinic.test',
          password: 'a long first password',
        })
      ).status,
    ).toBe(400);
    const family = await intake.post(accounts, {
      kind: 'family',
      email: 'marsh@clinic.test',
      password: 'a long first password',
      contactId: contact.body.id,
    });
    expect(family.status).toBe(201);
    expect(
      (
        await intake.post(accounts, {
          kind: 'family',
          email: clinic.staff.admin.email,
          password: 'a long first password',
          contactId: contact.body.id,
        })
      ).status,
    ).toBe(409);
    expect((await intake.get(accounts)).body.items).toHaveLength(2);

    // The participant signs in and sees their own record.
    const participant = await server.signIn('linden.portal@clinic.test', 'a long first password');
    const mine = await participant.get('/api/v1/me/record');
    expect(mine.body).toMatchObject({
      viewer: 'participant',
      participant: { id: person.body.id, givenName: 'Linden', dateOfBirth: '1988-02-29' },
    });
    // The family member sees the name only.
    const relative = await server.signIn('marsh@clinic.test', 'a long first password');
    const theirs = await relative.get('/api/v1/me/record');
    expect(theirs.body).toMatchObject({
      viewer: 'family',
      participant: { givenName: 'Linden', dateOfBirth: null, familyName: null, recordNumber: null },
    });
    // A linked family contact cannot be deleted from under its account.
    expect(
      (await intake.delete(`/api/v1/participants/${person.body.id}/contacts/${contact.body.id}`)).status,
    ).toBe(409);
  });

  it('signs the seeded participant in with the shared test password', async () => {
    const participant = await server.signIn(clinic.participantAccount.email, testPassword);
    expect(participant.user.kind).toBe('participant');
  });
});
