import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clinic, type Session, TestServer } from '../../test/harness.js';

let server: TestServer;
let clinic: Clinic;
let director: Session;

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Structure Clinic');
  director = await server.signIn(clinic.staff.director.email);
});
afterAll(() => server.close());

describe('sites, programs and tracks', () => {
  it('sets up a site in its own time zone, refusing names that are not IANA zones', async () => {
    const bad = await director.post('/api/v1/sites', { name: 'Eastside', timeZone: 'Eastern Time' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/IANA time zone/);
    const site = await director.post('/api/v1/sites', {
      name: 'Eastside',
      timeZone: 'America/New_York',
      phone: '+1 312 555 0190',
    });
    expect(site.status).toBe(201);
    expect(site.body.timeZone).toBe('America/New_York');
    const renamed = await director.patch(`/api/v1/sites/${site.body.id}`, { name: 'Eastside Annex' });
    expect(renamed.body).toMatchObject({ name: 'Eastside Annex', timeZone: 'America/New_York' });
  });

  it('defaults the weekly-hours minimum to 9 for adults and 6 for adolescents (ASAM level 2.1)', async () => {
    const adult = await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Adult SUD IOP',
      kind: 'substance_use',
      population: 'adult',
    });
    expect(adult.status).toBe(201);
    expect(adult.body).toMatchObject({ weeklyHoursMinimum: 9, groupCapacity: 12 });
    const teen = await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Teen IOP',
      kind: 'co_occurring',
      population: 'adolescent',
    });
    expect(teen.body.weeklyHoursMinimum).toBe(6);
    const custom = await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'MH IOP',
      kind: 'mental_health',
      population: 'adult',
      weeklyHoursMinimum: 10.5,
      groupCapacity: 8,
    });
    expect(custom.body).toMatchObject({ weeklyHoursMinimum: 10.5, groupCapacity: 8 });
    expect(
      (
        await director.post('/api/v1/programs', {
          siteId: clinic.siteId,
          name: 'X',
          kind: 'residential',
          population: 'adult',
        })
      ).status,
    ).toBe(400);
    const listed = await director.get(`/api/v1/programs?siteId=${clinic.siteId}`);
    expect(listed.body.items.map((p: { name: string }) => p.name)).toEqual([
      'Adult SUD IOP',
      'MH IOP',
      'Teen IOP',
    ]);
  });

  it('gives morning, evening and weekend tracks their preset times and requires them for a custom track', async () => {
    const program = await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Track IOP',
      kind: 'substance_use',
      population: 'adult',
    });
    const programId = program.body.id;
    const evening = await director.post('/api/v1/tracks', { programId, name: 'Evening', kind: 'evening' });
    expect(evening.status).toBe(201);
    expect(evening.body).toMatchObject({
      days: [2, 3, 4],
      startTime: '18:00',
      endTime: '21:00',
      weeklyMinutes: 540,
    });

    const customWithoutTimes = await director.post('/api/v1/tracks', {
      programId,
      name: 'Shift workers',
      kind: 'custom',
    });
    expect(customWithoutTimes.status).toBe(400);
    const backwards = await director.post('/api/v1/tracks', {
      programId,
      name: 'Shift',
      kind: 'custom',
      days: [1],
      startTime: '14:00',
      endTime: '10:00',
    });
    expect(backwards.status).toBe(400);
    const custom = await director.post('/api/v1/tracks', {
      programId,
      name: 'Shift workers',
      kind: 'custom',
      days: [6, 1, 3],
      startTime: '13:00',
      endTime: '16:30',
    });
    expect(custom.body).toMatchObject({ days: [1, 3, 6], weeklyMinutes: 630 });

    const moved = await director.patch(`/api/v1/tracks/${custom.body.id}`, { startTime: '12:30' });
    expect(moved.body).toMatchObject({ startTime: '12:30', endTime: '16:30', weeklyMinutes: 720 });
    expect((await director.patch(`/api/v1/tracks/${custom.body.id}`, { startTime: '17:00' })).status).toBe(
      400,
    );

    const tracks = await director.get(`/api/v1/tracks?programId=${programId}`);
    expect(tracks.body.items).toHaveLength(2);
    expect((await director.delete(`/api/v1/tracks/${evening.body.id}`)).status).toBe(204);
    expect((await director.get(`/api/v1/tracks/${evening.body.id}`)).status).toBe(404);
  });

  it('lets clinicians read the structure but not change it', async () => {
    const clinician = await server.signIn(clinic.staff.clinician.email);
    expect((await clinician.get('/api/v1/sites')).status).toBe(200);
    expect((await clinician.post('/api/v1/sites', { name: 'Mine', timeZone: 'UTC' })).status).toBe(403);
  });
});

describe('staff accounts', () => {
  it('creates staff with roles, finds them, and ends their sessions when deactivated', async () => {
    const admin = await server.signIn(clinic.staff.admin.email);
    const weak = await admin.post('/api/v1/staff', {
      email: 'new.counsellor@clinic.test',
      displayName: 'Iris Protoway',
      roles: ['clinician'],
      password: 'short',
    });
    expect(weak.status).toBe(400);
    const created = await admin.post('/api/v1/staff', {
      email: 'New.Counsellor@clinic.test',
      displayName: 'Iris Protoway',
      roles: ['clinician', 'supervisor'],
      password: 'a long enough passphrase',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'new.counsellor@clinic.test',
      roles: ['clinician', 'supervisor'],
      kind: 'staff',
      active: true,
    });
    expect(
      (
        await admin.post('/api/v1/staff', {
          email: 'new.counsellor@clinic.test',
          displayName: 'Again',
          roles: ['billing'],
          password: 'a long enough passphrase',
        })
      ).status,
    ).toBe(409);
    const found = await admin.get('/api/v1/staff?q=iris');
    expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([created.body.id]);

    const counsellor = await server.signIn('new.counsellor@clinic.test', 'a long enough passphrase');
    expect((await counsellor.get('/api/v1/participants')).status).toBe(200);
    expect((await admin.patch(`/api/v1/staff/${created.body.id}`, { active: false })).body.active).toBe(
      false,
    );
    expect((await counsellor.get('/api/v1/participants')).status).toBe(401);
    const again = await server.request('POST', '/api/v1/auth/login', {
      email: 'new.counsellor@clinic.test',
      password: 'a long enough passphrase',
    });
    expect(again.status).toBe(401);
  });

  it('keeps an admin from locking themselves out', async () => {
    const admin = await server.signIn(clinic.staff.admin.email);
    expect((await admin.patch(`/api/v1/staff/${clinic.staff.admin.id}`, { active: false })).status).toBe(409);
    expect((await admin.patch(`/api/v1/staff/${clinic.staff.admin.id}`, { roles: ['billing'] })).status).toBe(
      409,
    );
  });
});
