import type { DrugScreen } from '@stepwise/core';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, resultRows } from '../../db/database.js';
import { drugScreens, users } from '../../db/schema.js';

/*
 * SQL for measurement-based care: drug screens (owned here), and read-only views of instrument
 * responses and episodes for trends and program outcomes. Those reads skip the instruments and
 * episodes services on purpose: a trend reads every scored response at once, in one query.
 */

/** The participant's time zone: their open program's site, else the organisation's first site. */
export async function participantTimeZone(tx: Db, orgId: string, participantId: string): Promise<string> {
  const [row] = resultRows<{ time_zone: string }>(
    await tx.execute(sql`
      select coalesce(
        (select s.time_zone from episodes e join programs p on p.id = e.program_id join sites s on s.id = p.site_id
         where e.org_id = ${orgId}::uuid and e.participant_id = ${participantId}::uuid and e.status = 'open'
         order by e.start_date desc limit 1),
        (select time_zone from sites where org_id = ${orgId}::uuid order by created_at, id limit 1),
        'UTC') as time_zone`),
  );
  return row?.time_zone ?? 'UTC';
}

/**
 * The first local date the participant is known to the clinic: the record's creation, or an earlier
 * admission date (an admission entered after the fact).
 */
export async function firstKnownDate(
  tx: Db,
  orgId: string,
  participantId: string,
  timeZone: string,
): Promise<string> {
  const [row] = resultRows<{ first: string }>(
    await tx.execute(sql`
      select least(
        (select (created_at at time zone ${timeZone})::date from participants
          where org_id = ${orgId}::uuid and id = ${participantId}::uuid),
        (select min(start_date) from episodes where org_id = ${orgId}::uuid and participant_id = ${participantId}::uuid)
      )::text as first`),
  );
  if (!row) throw new Error('participant not found');
  return row.first;
}

/** The start of the participant's current (latest open) episode, or null. */
export async function currentEpisodeStart(
  tx: Db,
  orgId: string,
  participantId: string,
): Promise<string | null> {
  const [row] = resultRows<{ start_date: string }>(
    await tx.execute(sql`
      select start_date::text as start_date from episodes
      where org_id = ${orgId}::uuid and participant_id = ${participantId}::uuid and status = 'open'
      order by start_date desc limit 1`),
  );
  return row?.start_date ?? null;
}

export interface NewScreen {
  participantId: string;
  collectedOn: string;
  method: string;
  results: { substance: string; result: string }[];
  observed: boolean;
  labReference: string | null;
  note: string | null;
  recordedBy: string;
}

export async function insertScreen(tx: Db, orgId: string, screen: NewScreen): Promise<string> {
  const [row] = await tx
    .insert(drugScreens)
    .values({ orgId, ...screen })
    .returning({ id: drugScreens.id });
  if (!row) throw new Error('drug screen not stored');
  return row.id;
}

const recorder = alias(users, 'recorder');
const marker = alias(users, 'marker');
const screenColumns = {
  screen: drugScreens,
  recorderName: recorder.displayName,
  markerName: marker.displayName,
};
type ScreenRow = { screen: typeof drugScreens.$inferSelect; recorderName: string; markerName: string | null };

function screensQuery(tx: Db) {
  return tx
    .select(screenColumns)
    .from(drugScreens)
    .innerJoin(recorder, eq(recorder.id, drugScreens.recordedBy))
    .leftJoin(marker, eq(marker.id, drugScreens.enteredInErrorBy));
}

export function toDrugScreen({ screen, recorderName, markerName }: ScreenRow): DrugScreen {
  const marked = screen.enteredInErrorAt;
  return {
    id: screen.id,
    participantId: screen.participantId,
    collectedOn: screen.collectedOn,
    method: screen.method as DrugScreen['method'],
    results: screen.results as DrugScreen['results'],
    observed: screen.observed,
    labReference: screen.labReference,
    note: screen.note,
    recordedBy: { id: screen.recordedBy, name: recorderName },
    recordedAt: screen.createdAt.toISOString(),
    enteredInError:
      marked && screen.enteredInErrorBy
        ? {
            at: marked.toISOString(),
            by: { id: screen.enteredInErrorBy, name: markerName ?? '' },
            reason: screen.enteredInErrorReason ?? '',
          }
        : null,
  };
}

export async function findScreen(tx: Db, orgId: string, id: string): Promise<ScreenRow | undefined> {
  const [row] = await screensQuery(tx).where(and(eq(drugScreens.orgId, orgId), eq(drugScreens.id, id)));
  return row;
}

/** A participant's screens, newest collection first (entered-in-error ones included). */
export function listScreens(tx: Db, orgId: string, participantId: string): Promise<ScreenRow[]> {
  return screensQuery(tx)
    .where(and(eq(drugScreens.orgId, orgId), eq(drugScreens.participantId, participantId)))
    .orderBy(desc(drugScreens.collectedOn), desc(drugScreens.createdAt), desc(drugScreens.id))
    .limit(500);
}

/** A participant's valid screens, oldest first, for trends. */
export function validScreens(tx: Db, orgId: string, participantId: string) {
  return tx
    .select({ id: drugScreens.id, collectedOn: drugScreens.collectedOn, results: drugScreens.results })
    .from(drugScreens)
    .where(
      and(
        eq(drugScreens.orgId, orgId),
        eq(drugScreens.participantId, participantId),
        isNull(drugScreens.enteredInErrorAt),
      ),
    )
    .orderBy(asc(drugScreens.collectedOn), asc(drugScreens.createdAt), asc(drugScreens.id))
    .limit(500);
}

/** Marks a screen entered in error, unless it already is; true when this call marked it. */
export async function markEnteredInError(
  tx: Db,
  orgId: string,
  id: string,
  by: string,
  reason: string,
): Promise<boolean> {
  const rows = await tx
    .update(drugScreens)
    .set({ enteredInErrorAt: new Date(), enteredInErrorBy: by, enteredInErrorReason: reason })
    .where(and(eq(drugScreens.orgId, orgId), eq(drugScreens.id, id), isNull(drugScreens.enteredInErrorAt)))
    .returning({ id: drugScreens.id });
  return rows.length > 0;
}

/** A scored response as trends read it. */
export interface ScoredResponse {
  id: string;
  instrument: string;
  total: number | null;
  percent: number | null;
  band: string | null;
  authoredAt: Date;
  /** The local date it was answered. */
  date: string;
}

/** A participant's responses with a total, oldest first, dated in the given time zone. */
export async function scoredResponses(
  tx: Db,
  orgId: string,
  participantId: string,
  timeZone: string,
): Promise<ScoredResponse[]> {
  const rows = resultRows<{
    id: string;
    instrument: string;
    total: number | null;
    percent: number | null;
    band: string | null;
    authored_at: string | Date;
    local_date: string;
  }>(
    await tx.execute(sql`
      select id, instrument, total, percent, band, authored_at,
        (authored_at at time zone ${timeZone})::date::text as local_date
      from instrument_responses
      where org_id = ${orgId}::uuid and participant_id = ${participantId}::uuid and total is not null
      order by authored_at, id
      limit 2000`),
  );
  return rows.map((row) => ({
    id: row.id,
    instrument: row.instrument,
    total: row.total === null ? null : Number(row.total),
    percent: row.percent === null ? null : Number(row.percent),
    band: row.band,
    authoredAt: new Date(row.authored_at),
    date: row.local_date,
  }));
}

/** One episode's scored response, for program outcomes: no names. */
export interface EpisodeScore {
  episodeId: string;
  instrument: string;
  total: number;
  percent: number | null;
}

/**
 * The program's episodes that outcomes cover (open ones, and those closed within the period when one
 * is given) and their responses with a total, answered from the episode's start to its close, oldest
 * first.
 */
export async function programEpisodeScores(
  tx: Db,
  orgId: string,
  programId: string,
  closed: { from: string | null; to: string | null },
): Promise<{ episodes: number; scores: EpisodeScore[] }> {
  const covered = sql`
    e.org_id = ${orgId}::uuid and e.program_id = ${programId}::uuid
    and (e.status = 'open' or (${closed.from !== null || closed.to !== null}::boolean and e.status = 'closed'
      and e.closed_on >= coalesce(${closed.from}::date, '-infinity'::date)
      and e.closed_on <= coalesce(${closed.to}::date, 'infinity'::date)))`;
  const [count] = resultRows<{ n: number | string }>(
    await tx.execute(sql`select count(*) as n from episodes e where ${covered}`),
  );
  const rows = resultRows<{ episode_id: string; instrument: string; total: number; percent: number | null }>(
    await tx.execute(sql`
      select e.id as episode_id, r.instrument, r.total, r.percent
      from episodes e
      join programs p on p.id = e.program_id
      join sites s on s.id = p.site_id
      join instrument_responses r on r.org_id = e.org_id and r.participant_id = e.participant_id
      where ${covered} and r.total is not null
        and (r.authored_at at time zone s.time_zone)::date >= e.start_date
        and (e.closed_on is null or (r.authored_at at time zone s.time_zone)::date <= e.closed_on)
      order by e.id, r.instrument, r.authored_at, r.id`),
  );
  return {
    episodes: Number(count?.n ?? 0),
    scores: rows.map((row) => ({
      episodeId: row.episode_id,
      instrument: row.instrument,
      total: Number(row.total),
      percent: row.percent === null ? null : Number(row.percent),
    })),
  };
}
