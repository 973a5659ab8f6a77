import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../db/database.js';
import { type Session, TestServer } from '../test/harness.js';
import { type GenerateResult, generate, generatedPassword } from './generate.js';

/*
 * The benchmark's synthetic clinic at scale 1, generated on a Wednesday in March: its week of groups
 * must hold the scheduling invariants the services enforce one booking at a time, and the calendar
 * and weekly hours must read it like any clinic's.
 */
let server: TestServer;
let result: GenerateResult;
let clinician: Session;
const now = new Date('2026-03-04T15:00:00Z');
// The week after: every admitted participant is enrolled through all of it (and it crosses the
// spring daylight-saving change in Chicago on its Sunday before).
const nextWeek = '2026-W11';

beforeAll(async () => {
  server = await TestServer.start();
  result = await generate(server.database, 1, () => {}, now);
  clinician = await server.signIn(result.logins.clinician, generatedPassword);
});
afterAll(async () => {
  await server.close();
});

/** Counts rows of a query over the generated organisation, as the database owner. */
async function countOf(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = resultRows<{ n: number | string }>(await server.database.db.execute(query));
  return Number(row?.n ?? Number.NaN);
}

describe('generate', () => {
  it('admits about half the participants into groups of three programs', () => {
    expect(result.participants).toBe(500);
    expect(result.schedule.rooms).toBe(12);
    // Three programs × four cohorts × two tracks × four weekly groups.
    expect(result.schedule.series).toBe(96);
    expect(result.schedule.admitted).toBeGreaterThan(230);
    expect(result.schedule.admitted).toBeLessThan(300);
  });

  it('books no room and no counsellor twice, and seats no more than a group holds', async () => {
    const org = result.organisationId;
    const overlapping = (shared: ReturnType<typeof sql>) => sql`
      select count(*) as n from session_occurrences a join session_occurrences b
        on a.id < b.id and a.starts_at < b.ends_at and b.starts_at < a.ends_at and ${shared}
      where a.org_id = ${org}::uuid and a.status = 'scheduled' and b.status = 'scheduled'`;
    expect(await countOf(overlapping(sql`a.room_id = b.room_id`))).toBe(0);
    expect(await countOf(overlapping(sql`a.facilitator_ids && b.facilitator_ids`))).toBe(0);
    expect(
      await countOf(sql`
        select count(*) as n from session_series s
        where s.org_id = ${org}::uuid and s.capacity < (select count(*) from series_enrolments e
          where e.series_id = s.id and e.status = 'enrolled')`),
    ).toBe(0);
  });

  it('enrols people only through an open episode of the same program, in no two groups at once', async () => {
    const org = result.organisationId;
    expect(
      await countOf(sql`
        select count(*) as n from series_enrolments e
        join episodes ep on ep.id = e.episode_id
        join session_series s on s.id = e.series_id
        where e.org_id = ${org}::uuid and (ep.status <> 'open' or ep.program_id <> s.program_id
          or ep.participant_id <> e.participant_id or e.from_date < ep.start_date)`),
    ).toBe(0);
    expect(
      await countOf(sql`
        with theirs as (
          select e.participant_id, o.id, o.starts_at, o.ends_at from series_enrolments e
          join session_occurrences o on o.series_id = e.series_id
          where e.org_id = ${org}::uuid and e.status = 'enrolled')
        select count(*) as n from theirs a join theirs b
          on a.participant_id = b.participant_id and a.id < b.id
          and a.starts_at < b.ends_at and b.starts_at < a.ends_at`),
    ).toBe(0);
    const groupsEach = resultRows<{ groups: number | string }>(
      await server.database.db.execute(sql`
        select distinct count(*) as groups from series_enrolments
        where org_id = ${org}::uuid and status = 'enrolled' group by participant_id`),
    ).map((row) => Number(row.groups));
    expect(groupsEach.sort()).toEqual([3, 4]);
  });

  it('shows a program week of 32 groups with their seat counts, and a participant’s hours', async () => {
    const programs = await clinician.get('/api/v1/programs?limit=100');
    expect(programs.body.items).toHaveLength(3);
    const calendar = await clinician.get(
      `/api/v1/programs/${programs.body.items[0].id}/calendar?week=${nextWeek}`,
    );
    expect(calendar.status).toBe(200);
    expect(calendar.body.items).toHaveLength(32);
    const first = calendar.body.items[0];
    expect(first).toMatchObject({ localDate: '2026-03-09', localStart: '09:00', capacity: 12 });
    expect(first.enrolled).toBeGreaterThan(0);

    const roster = await clinician.get(`/api/v1/session-series/${first.seriesId}/enrolments`);
    const member = roster.body.items.find((item: { status: string }) => item.status === 'enrolled');
    const hours = await clinician.get(`/api/v1/participants/${member.participantId}/hours?week=${nextWeek}`);
    expect(hours.status).toBe(200);
    // Three 3-hour groups, and every other person a 90-minute one.
    expect([540, 630]).toContain(hours.body.scheduledMinutes);
  });

  it('leaves the booking service refusing a room the generated groups already use', async () => {
    const programs = await clinician.get('/api/v1/programs?limit=100');
    const programId = programs.body.items[0].id;
    const calendar = await clinician.get(`/api/v1/programs/${programId}/calendar?week=${nextWeek}`);
    const monday = calendar.body.items[0];
    const clash = await clinician.post(`/api/v1/programs/${programId}/session-series`, {
      modality: 'psychoeducation',
      roomId: monday.roomId,
      facilitatorIds: [clinician.user.id],
      startDate: monday.localDate,
      startTime: '10:00',
      durationMinutes: 60,
    });
    expect(clash.status).toBe(409);
  });
});
