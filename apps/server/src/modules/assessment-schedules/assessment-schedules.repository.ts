import {
  type AssessmentSchedule,
  assessmentScheduleSchema,
  intakeWindowDays,
  isInstrumentCode,
  type ScheduledResponse,
} from '@stepwise/core';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, resultRows } from '../../db/database.js';
import { assessmentSchedules, users } from '../../db/schema.js';

/** The program's newest schedule version, if it ever set its own. */
export async function latestSchedule(tx: Db, orgId: string, programId: string) {
  const [row] = await tx
    .select({ schedule: assessmentSchedules, changedByName: users.displayName })
    .from(assessmentSchedules)
    .innerJoin(users, eq(users.id, assessmentSchedules.changedBy))
    .where(and(eq(assessmentSchedules.orgId, orgId), eq(assessmentSchedules.programId, programId)))
    .orderBy(desc(assessmentSchedules.version))
    .limit(1);
  return row;
}

/** Inserts a version; undefined when that version was saved at the same time by someone else. */
export async function insertSchedule(
  tx: Db,
  orgId: string,
  values: { programId: string; version: number; rules: AssessmentSchedule['rules']; changedBy: string },
) {
  const [row] = await tx
    .insert(assessmentSchedules)
    .values({ orgId, ...values })
    .onConflictDoNothing()
    .returning({ id: assessmentSchedules.id });
  return row;
}

/**
 * What the schedule needs per open episode chosen by `filter` (SQL over the episode `e`): the
 * participant, the episode's dates, its site's time zone, its program's newest schedule (JSON text, null
 * for the default) and the participant's responses since the intake window opened (JSON text: each
 * instrument, local date at the site, flags and instant). One row per open episode; every part is
 * bounded by an index on one organisation and one episode, program or participant.
 *
 * The clinician's day embeds it as a CTE, so it stays one statement there (clinician-day.repository).
 */
export function scheduleInputsSql(orgId: string, filter: SQL): SQL {
  // One extra day before the intake window: the bound is on instants, the window on local dates.
  const since = intakeWindowDays + 1;
  return sql`
    select e.participant_id as "participantId",
      coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as "participantName",
      e.program_id as "programId", e.start_date::text as "startDate",
      (e.start_date + e.expected_length_days)::text as "plannedDischargeDate", s.time_zone as "timeZone",
      (select a.rules::text from assessment_schedules a
        where a.org_id = ${orgId}::uuid and a.program_id = e.program_id
        order by a.version desc limit 1) as "rules",
      (select coalesce(json_agg(json_build_object('instrument', r.instrument,
          'date', (r.authored_at at time zone s.time_zone)::date, 'flags', r.flags,
          'at', (extract(epoch from r.authored_at) * 1000)::float8)), '[]'::json)::text
        from instrument_responses r
        where r.org_id = ${orgId}::uuid and r.participant_id = e.participant_id
          and r.authored_at >= (e.start_date - ${since}::int)::timestamptz) as "responses"
    from episodes e
    join programs pr on pr.id = e.program_id
    join sites s on s.id = pr.site_id
    join participants p on p.id = e.participant_id
    where e.org_id = ${orgId}::uuid and e.status = 'open' and ${filter}`;
}

/** One open episode as the schedule reads it (see `scheduleInputsSql`). */
export interface ScheduleInput {
  participantId: string;
  participantName: string;
  programId: string;
  startDate: string;
  plannedDischargeDate: string;
  timeZone: string;
  /** The program's own schedule; null when it uses the default. */
  schedule: AssessmentSchedule | null;
  responses: ScheduledResponse[];
}

interface ScheduleInputRow {
  participantId: string;
  participantName: string;
  programId: string;
  startDate: string;
  plannedDischargeDate: string;
  timeZone: string;
  rules: string | null;
  responses: string;
}

/** Parses a row of `scheduleInputsSql` (from the driver, or from JSON built around it). */
export function toScheduleInput(row: ScheduleInputRow): ScheduleInput {
  const stored = JSON.parse(row.responses) as {
    instrument: string;
    date: string;
    flags: string[];
    at: number;
  }[];
  // A response of an instrument this version no longer knows cannot satisfy or trigger anything.
  const responses = stored.filter((item) => isInstrumentCode(item.instrument)) as ScheduledResponse[];
  return {
    participantId: row.participantId,
    participantName: row.participantName,
    programId: row.programId,
    startDate: String(row.startDate).slice(0, 10),
    plannedDischargeDate: String(row.plannedDischargeDate).slice(0, 10),
    timeZone: row.timeZone,
    // Stored rules passed this schema when saved; parsing again guards against a hand-edited row.
    schedule: row.rules === null ? null : assessmentScheduleSchema.parse({ rules: JSON.parse(row.rules) }),
    responses,
  };
}

/** The open episodes `filter` selects, with what their schedules need. */
export async function scheduleInputs(tx: Db, orgId: string, filter: SQL): Promise<ScheduleInput[]> {
  return resultRows<ScheduleInputRow>(await tx.execute(scheduleInputsSql(orgId, filter))).map(
    toScheduleInput,
  );
}

/** The organisation's time zone when nothing more specific is known: its first site's. */
export async function organisationTimeZone(tx: Db, orgId: string): Promise<string> {
  const [row] = resultRows<{ time_zone: string }>(
    await tx.execute(
      sql`select time_zone from sites where org_id = ${orgId}::uuid order by created_at, id limit 1`,
    ),
  );
  return row?.time_zone ?? 'UTC';
}

/** Advisory-lock namespace of a participant's own answers (the second key is the participant's hash). */
const answeringLock = 4_271_023;

/**
 * Holds, until the transaction ends, the right to answer a questionnaire for this participant: two
 * submissions at once (a double tap, two tabs) are checked against what is due one after the other,
 * so only the first is taken.
 */
export async function lockParticipantAnswers(tx: Db, participantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${answeringLock}, hashtext(${participantId}))`);
}
