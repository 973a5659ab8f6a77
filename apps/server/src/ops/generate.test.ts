import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../db/database.js';
import { type Session, TestServer } from '../test/harness.js';
import { type GenerateResult, generate, generatedPassword } from './generate.js';

/*
 * The benchmark's synthetic clinic at scale 1, generated on a Wednesday in March: its week of groups
 * must hold the scheduling invariants the services enforce one booking at a time, and the calendar
 * and weekly hours must read it like any clinic's. Its clinical history (plans, attendance, notes,
 * tasks and alerts) must be what the services would have written, and each note of its signing pool
 * must sign.
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
  result = await generate(server.database, 1, () => {}, now, { signingPool: 40 });
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
    // Three or four groups a week, and one more for the people of the afternoon groups.
    expect(groupsEach.sort()).toEqual([3, 4, 5]);
  });

  it('shows a program week of 34 groups with their seat counts, and a participant’s hours', async () => {
    const programs = await clinician.get('/api/v1/programs?limit=100');
    expect(programs.body.items).toHaveLength(3);
    const calendar = await clinician.get(
      `/api/v1/programs/${programs.body.items[0].id}/calendar?week=${nextWeek}`,
    );
    expect(calendar.status).toBe(200);
    // The cohorts' 32, and the two afternoon groups on Wednesdays (the generation date's weekday).
    expect(calendar.body.items).toHaveLength(34);
    const first = calendar.body.items[0];
    expect(first).toMatchObject({ localDate: '2026-03-09', localStart: '09:00', capacity: 12 });
    expect(first.enrolled).toBeGreaterThan(0);

    const roster = await clinician.get(`/api/v1/session-series/${first.seriesId}/enrolments`);
    const member = roster.body.items.find((item: { status: string }) => item.status === 'enrolled');
    const hours = await clinician.get(`/api/v1/participants/${member.participantId}/hours?week=${nextWeek}`);
    expect(hours.status).toBe(200);
    // Three 3-hour groups, every other person a 90-minute one, and some an afternoon group.
    expect([540, 630, 720]).toContain(hours.body.scheduledMinutes);
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

  it('gives every admitted participant a plan in effect, and records only sessions already over', async () => {
    const org = result.organisationId;
    expect(result.clinical.plans).toBe(result.schedule.admitted);
    expect(
      await countOf(sql`
        select count(*) as n from episodes e where e.org_id = ${org}::uuid and e.status = 'open'
          and (select count(*) from treatment_plans t where t.episode_id = e.id and t.status = 'active') <> 1`),
    ).toBe(0);
    expect(result.clinical.attendance).toBeGreaterThan(1000);
    expect(
      await countOf(sql`
        select count(*) as n from attendance a join episodes e on e.id = a.episode_id
        join session_occurrences o on o.id = a.occurrence_id
        where a.org_id = ${org}::uuid and (o.ends_at > ${now.toISOString()}::timestamptz
          or e.participant_id <> a.participant_id or a.starts_at <> o.starts_at
          or o.local_date < e.start_date)`),
    ).toBe(0);
    // Every unexcused absence has its follow-up; alerts come from a second one in a row.
    expect(
      await countOf(sql`
        select count(*) as n from attendance a where a.org_id = ${org}::uuid and a.status = 'absent_unexcused'
          and not exists (select 1 from tasks t where t.source_id = a.id and t.kind = 'attendance_follow_up')`),
    ).toBe(0);
    expect(result.clinical.signedNotes).toBeGreaterThan(100);
    expect(result.clinical.openTasks).toBeGreaterThan(0);
  });

  it('gives the clinician sign-in two afternoon groups of twelve on the generation date', async () => {
    const rows = resultRows<{ local_date: string; start: string; enrolled: number | string }>(
      await server.database.db.execute(sql`
        select o.local_date::text as local_date, s.start_time::text as start,
          (select count(*) from series_enrolments e where e.series_id = s.id and e.status = 'enrolled') as enrolled
        from session_occurrences o join session_series s on s.id = o.series_id
        join users u on u.id = any(o.facilitator_ids)
        where u.email = ${result.logins.clinician} and o.local_date = '2026-03-04'
        order by o.starts_at`),
    );
    expect(rows.map((row) => [row.start, Number(row.enrolled)])).toEqual([
      ['13:00:00', 12],
      ['14:45:00', 12],
    ]);
    expect(result.logins.dayClinicians[0]).toBe(result.logins.clinician);
    expect(result.logins.dayClinicians).toHaveLength(4);
    // Portal accounts for the check-in benchmark, each for an admitted participant who can sign in.
    expect(result.logins.participants.length).toBeGreaterThan(0);
    const first = await server.signIn(result.logins.participants[0] ?? '', generatedPassword);
    expect((await first.get('/api/v1/me/check-ins')).status).toBe(200);
  });

  it('writes draft group notes of twelve individual parts that their author can sign', async () => {
    expect(result.clinical.draftNotes).toBe(40);
    const pool = result.logins.signingPool;
    expect(pool.flatMap((author) => author.noteIds)).toHaveLength(40);
    const org = result.organisationId;
    // Twelve parts each, all different, each attendee recorded present and reporting on a goal of
    // their plan in effect.
    expect(
      await countOf(sql`
        select count(*) as n from notes n where n.org_id = ${org}::uuid and n.status = 'draft' and (
          (select count(distinct p.content->>'participation') from note_parts p where p.note_id = n.id) <> 12
          or (select count(*) from attendance a where a.occurrence_id = n.occurrence_id and a.status = 'present') <> 12
          or exists (select 1 from note_parts p where p.note_id = n.id and not exists (
            select 1 from treatment_plans t, jsonb_array_elements(t.problems) pr, jsonb_array_elements(pr->'goals') g
            where t.participant_id = p.participant_id and t.status = 'active'
              and g->>'id' = p.content->'goalProgress'->0->>'goalId')))`),
    ).toBe(0);
    const [first] = pool;
    if (!first) throw new Error('no signing pool');
    const author = await server.signIn(first.email, generatedPassword);
    const signed = await author.post(`/api/v1/notes/${first.noteIds[0]}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body.parts).toHaveLength(12);
  });
});
