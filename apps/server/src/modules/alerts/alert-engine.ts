import { createHash } from 'node:crypto';
import {
  addDays,
  type CheckInSignal,
  cravingRule,
  type InstrumentCode,
  isInstrumentCode,
  positiveScreenRule,
  type RuleHit,
  reportedUseRule,
  silenceRule,
  worseningRule,
} from '@stepwise/core';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/database.js';
import { resultRows } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { enqueueJob, type JobHandler } from '../../jobs/queue.js';
import { systemActor } from '../audit/audit-log.js';
import type { AlertDraft } from './alerts.repository.js';
import { raiseAlerts } from './alerts.service.js';

/*
 * The alert engine (issue "Between sessions"). What a participant reports between sessions and what
 * staff record is evaluated by jobs in the Postgres-backed queue, not in the request that stored it:
 * the participant's check-in returns at once, the evaluation survives a restart, and a failed run is
 * retried. The rules themselves are pure functions in core (risk-rules.ts).
 *
 * Evidence is identified: each rule's hit names its evidence (`evidenceKey`), turned here into the
 * alert's source id, and the alerts table is unique on (organisation, rule, source). However often an
 * evaluation runs — twice for the same check-in, on two workers at once — the same evidence never
 * raises the same alert twice.
 *
 * PHQ-9 item 9 above 0 and a high C-SSRS screen are the exception: they are raised in the transaction
 * that stores the answers, because nothing may stand between those answers and the care team's
 * inbox. Two unexcused absences in a row are raised where attendance is recorded.
 */

export const alertEvaluateJob = 'alerts.evaluate';
export const alertSweepJob = 'alerts.sweep';

/** Check-ins the craving rules read (the last five) are taken from this many days back at most. */
const checkInLookbackDays = 14;
/** Reported use is alerted for check-ins of the last few days (a check-in may be filled in two days late). */
const useLookbackDays = 3;

/** A stable UUID for a participant's evidence key (SHA-256, shaped as a version 8 UUID). */
export function evidenceId(participantId: string, evidenceKey: string): string {
  const hex = createHash('sha256').update(`${participantId}\n${evidenceKey}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An alert draft from a rule's hit, with the values it read kept as evidence. */
export function draftOf(
  participantId: string,
  hit: RuleHit,
  values: Record<string, unknown> = {},
): AlertDraft {
  return {
    participantId,
    severity: hit.severity,
    rule: hit.rule,
    sourceType: 'evidence',
    sourceId: evidenceId(participantId, hit.evidenceKey),
    evidence: { summary: hit.evidence, key: hit.evidenceKey, ...values },
    suggestedAction: hit.suggestedAction,
  };
}

/** Queues an evaluation of one participant's signals, in the transaction that stored a new one. */
export async function queueAlertEvaluation(tx: Db, orgId: string, participantId: string): Promise<void> {
  await enqueueJob(tx, alertEvaluateJob, { orgId, participantId });
}

interface CheckInRow {
  id: string;
  local_date: string;
  craving: number;
  used: boolean;
  use: { substance: string; amount: string | null }[];
}

interface ScoreRow {
  id: string;
  instrument: string;
  total: number;
  authored_on: string;
  is_baseline: boolean;
}

/** The participant's recent check-ins, latest first. */
async function recentCheckIns(tx: Db, orgId: string, participantId: string): Promise<CheckInRow[]> {
  return resultRows<CheckInRow>(
    await tx.execute(sql`
      select id, local_date::text as local_date, craving, used, use from check_ins
      where org_id = ${orgId}::uuid and participant_id = ${participantId}::uuid
        and local_date >= current_date - ${checkInLookbackDays}::int
      order by local_date desc
      limit 5`),
  );
}

/** A score this many days before admission (the intake screen) still serves as the episode's baseline. */
const baselineBeforeAdmissionDays = 30;

/**
 * Each instrument's baseline (the first score of the current episode, counting the intake screen in
 * the month before admission; the first ever when there is no open episode) and latest score.
 */
async function baselineAndLatest(tx: Db, orgId: string, participantId: string): Promise<ScoreRow[]> {
  return resultRows<ScoreRow>(
    await tx.execute(sql`
      with since as (
        select coalesce(max(start_date) - ${baselineBeforeAdmissionDays}::int, '-infinity'::date) as start_date from episodes
        where org_id = ${orgId}::uuid and participant_id = ${participantId}::uuid and status = 'open'
      ),
      scored as (
        select r.id, r.instrument, r.total, r.authored_at,
          row_number() over (partition by r.instrument order by r.authored_at, r.id) as first_rank,
          row_number() over (partition by r.instrument order by r.authored_at desc, r.id desc) as last_rank
        from instrument_responses r, since
        where r.org_id = ${orgId}::uuid and r.participant_id = ${participantId}::uuid and r.total is not null
          and r.authored_at >= since.start_date
      )
      select id, instrument, total, (authored_at at time zone 'UTC')::date::text as authored_on,
        first_rank = 1 as is_baseline
      from scored where first_rank = 1 or last_rank = 1
      order by instrument, authored_at`),
  );
}

/** Positive screens are alerted when collected within this many days (a lab result can take a while). */
const screenLookbackDays = 30;

/** Positive screens of the last month, not entered in error, with the substances found. */
async function recentPositiveScreens(tx: Db, orgId: string, participantId: string) {
  return resultRows<{ id: string; collected_on: string; method: string; positive_for: string[] }>(
    await tx.execute(sql`
      select s.id, s.collected_on::text as collected_on, s.method,
        array(select r->>'substance' from jsonb_array_elements(s.results) r where r->>'result' = 'positive') as positive_for
      from drug_screens s
      where s.org_id = ${orgId}::uuid and s.participant_id = ${participantId}::uuid
        and s.entered_in_error_at is null and s.collected_on >= current_date - ${screenLookbackDays}::int
        and s.results @> '[{"result": "positive"}]'`),
  );
}

/** Rules whose evidence shifts with every new check-in: while one of their alerts is still being handled, no second is raised. */
const ongoingRules = ['checkin.craving_high', 'checkin.craving_rising'];

async function rulesInHand(tx: Db, orgId: string, participantId: string): Promise<Set<string>> {
  const rows = resultRows<{ rule: string }>(
    await tx.execute(sql`
      select distinct rule from alerts
      where org_id = ${orgId}::uuid and participant_id = ${participantId}::uuid and status <> 'resolved'
        and rule = any(${`{${ongoingRules.join(',')}}`}::text[])`),
  );
  return new Set(rows.map((row) => row.rule));
}

/** Every rule that reads one participant's check-ins and scores, as drafts. */
export async function participantDrafts(tx: Db, orgId: string, participantId: string): Promise<AlertDraft[]> {
  const drafts: AlertDraft[] = [];
  const checkIns = await recentCheckIns(tx, orgId, participantId);
  const signals: CheckInSignal[] = checkIns.map((row) => ({
    date: row.local_date,
    craving: row.craving,
    used: row.used,
  }));
  const inHand = await rulesInHand(tx, orgId, participantId);
  const craving = cravingRule(signals);
  if (craving && !inHand.has(craving.rule)) {
    drafts.push(
      draftOf(participantId, craving, {
        checkIns: signals.map((signal) => ({ date: signal.date, craving: signal.craving })).reverse(),
      }),
    );
  }
  const newest = checkIns[0]?.local_date;
  for (const row of checkIns) {
    if (!newest || row.local_date < addDays(newest, -useLookbackDays)) continue;
    const hit = reportedUseRule({ date: row.local_date, craving: row.craving, used: row.used });
    if (hit) {
      drafts.push(
        draftOf(participantId, hit, {
          date: row.local_date,
          substances: row.use.map((item) => item.substance),
        }),
      );
    }
  }
  for (const screen of await recentPositiveScreens(tx, orgId, participantId)) {
    const hit = positiveScreenRule({
      id: screen.id,
      date: screen.collected_on,
      positiveFor: screen.positive_for,
    });
    if (hit) {
      drafts.push(
        draftOf(participantId, hit, {
          date: screen.collected_on,
          substances: screen.positive_for,
          method: screen.method,
        }),
      );
    }
  }
  const scores = await baselineAndLatest(tx, orgId, participantId);
  const byInstrument = new Map<string, ScoreRow[]>();
  for (const row of scores)
    byInstrument.set(row.instrument, [...(byInstrument.get(row.instrument) ?? []), row]);
  for (const [instrument, rows] of byInstrument) {
    const baseline = rows.find((row) => row.is_baseline);
    const latest = rows.at(-1);
    if (!baseline || !latest || latest.id === baseline.id || !isInstrumentCode(instrument)) continue;
    const hit = worseningRule({
      code: instrument as InstrumentCode,
      baseline: { score: baseline.total, date: baseline.authored_on },
      latest: { score: latest.total, date: latest.authored_on, responseId: latest.id },
    });
    if (hit) {
      drafts.push(
        draftOf(participantId, hit, {
          instrument,
          baseline: { score: baseline.total, date: baseline.authored_on },
          latest: { score: latest.total, date: latest.authored_on },
        }),
      );
    }
  }
  return drafts;
}

/** Evaluates one participant's signals and raises what they call for; returns the ids of alerts raised. */
export function evaluateParticipant(
  database: Database,
  orgId: string,
  participantId: string,
): Promise<string[]> {
  return withOrg(database, orgId, async (tx) =>
    raiseAlerts(tx, systemActor(orgId), await participantDrafts(tx, orgId, participantId)),
  );
}

export const runAlertEvaluation: JobHandler = async (payload, ctx) => {
  const orgId = String(payload.orgId);
  const participantId = String(payload.participantId);
  await evaluateParticipant(ctx.database, orgId, participantId);
};

interface SilentRow {
  org_id: string;
  participant_id: string;
  today: string;
  episode_start: string;
  last_check_in: string | null;
  last_attended: string | null;
}

/** Minutes between sweeps for silence (no check-in and no attended session for five days). */
const sweepIntervalMinutes = 60;

function sweepSlot(at: Date): { key: string; start: Date } {
  const slotMs = sweepIntervalMinutes * 60_000;
  const start = new Date(Math.floor(at.getTime() / slotMs) * slotMs);
  return { key: `${alertSweepJob}:${start.toISOString()}`, start };
}

/** Makes sure the silence sweep is queued for the current hour (idempotent; called at start-up). */
export async function scheduleAlertSweep(executor: Db, now = new Date()): Promise<void> {
  const { key, start } = sweepSlot(now);
  await enqueueJob(executor, alertSweepJob, {}, { dedupeKey: key, runAt: start });
}

/**
 * Everyone in an open episode with their last check-in and last attended session, as of `today` in
 * their program's time zone. Runs as the owner across organisations (the sweep is the system's, not
 * one clinic's); the alerts are then raised per organisation under its row-level security.
 */
async function silenceCandidates(database: Database, now: Date, orgId?: string): Promise<SilentRow[]> {
  return resultRows<SilentRow>(
    await database.db.execute(sql`
      select e.org_id, e.participant_id,
        (${now.toISOString()}::timestamptz at time zone s.time_zone)::date::text as today,
        min(e.start_date)::text as episode_start,
        (select max(c.local_date)::text from check_ins c
          where c.org_id = e.org_id and c.participant_id = e.participant_id) as last_check_in,
        (select max((a.starts_at at time zone s.time_zone)::date)::text from attendance a
          where a.org_id = e.org_id and a.participant_id = e.participant_id
            and a.status in ('present', 'late', 'left_early', 'telehealth')) as last_attended
      from episodes e
      join programs p on p.id = e.program_id
      join sites s on s.id = p.site_id
      where e.status = 'open' ${orgId ? sql`and e.org_id = ${orgId}::uuid` : sql``}
      group by e.org_id, e.participant_id, s.time_zone`),
  );
}

/** Raises the silence alerts due at `now`; `orgId` limits the sweep to one organisation. Returns how many were raised. */
export async function sweepForSilence(database: Database, now: Date, orgId?: string): Promise<number> {
  const byOrg = new Map<string, AlertDraft[]>();
  for (const row of await silenceCandidates(database, now, orgId)) {
    const hit = silenceRule({
      today: row.today,
      episodeStart: row.episode_start,
      lastCheckIn: row.last_check_in,
      lastAttended: row.last_attended,
    });
    if (!hit) continue;
    const draft = draftOf(row.participant_id, hit, {
      lastCheckIn: row.last_check_in,
      lastAttended: row.last_attended,
      episodeStart: row.episode_start,
    });
    byOrg.set(row.org_id, [...(byOrg.get(row.org_id) ?? []), draft]);
  }
  let raised = 0;
  for (const [org, drafts] of byOrg) {
    raised += (await withOrg(database, org, (tx) => raiseAlerts(tx, systemActor(org), drafts))).length;
  }
  return raised;
}

/** Queues the next sweep first (a failed run does not end the schedule), then sweeps. */
export const runAlertSweep: JobHandler = async (_payload, ctx) => {
  const next = sweepSlot(new Date(ctx.now.getTime() + sweepIntervalMinutes * 60_000));
  await enqueueJob(ctx.database.db, alertSweepJob, {}, { dedupeKey: next.key, runAt: next.start });
  await sweepForSilence(ctx.database, ctx.now);
};
