import {
  addDays,
  type CheckIn,
  type CheckInInput,
  checkInStreak,
  instantToZoned,
  suicidalThoughtsRule,
} from '@stepwise/core';
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { type Db, resultRows } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { checkIns } from '../../db/schema.js';
import { AppError, invalidField } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { draftOf, queueAlertEvaluation } from '../alerts/alert-engine.js';
import { raiseAlerts } from '../alerts/alerts.service.js';
import { recordAudit } from '../audit/audit-log.js';
import { requireParticipant } from '../participants/participants.service.js';
import { programCrisisLine } from '../recovery-plans/recovery-plans.service.js';

/*
 * The daily check-in (issue "Between sessions"): under a minute in the participant area, one per day,
 * a second the same day replacing the first. The participant sees their streak; the care team reads
 * them on the chart. Someone who reports suicidal thoughts gets crisis resources in the answer itself.
 */

/** Days back a participant may still check in for (a missed evening, remembered the next morning). */
export const checkInBackfillDays = 2;
/** Check-ins a list shows. */
const listDays = 30;

/** Shown at once to anyone who reports suicidal thoughts (domain-rules: 988, call or text). */
export const crisisResources = [{ name: '988 Suicide & Crisis Lifeline', phone: '988', text: true }];

/** 988, and the participant's program's crisis line when it has one. */
export async function crisisResourcesFor(tx: Db, orgId: string, participantId: string) {
  const line = await programCrisisLine(tx, orgId, participantId);
  return line ? [...crisisResources, { name: line.text, phone: line.phone, text: false }] : crisisResources;
}

/** The craving strategies and coping skills of the participant's relapse-prevention plan in effect. */
async function planSkills(
  tx: Db,
  orgId: string,
  participantId: string,
): Promise<{ id: string; text: string }[]> {
  return resultRows<{ id: string; text: string }>(
    await tx.execute(sql`
      select skill->>'id' as id, skill->>'text' as text
      from recovery_plans p,
        jsonb_array_elements(coalesce(p.content->'cravingStrategies', '[]') || coalesce(p.content->'copingSkills', '[]'))
          as skill
      where p.org_id = ${orgId}::uuid and p.participant_id = ${participantId}::uuid
        and p.kind = 'relapse_prevention' and p.status = 'active'`),
  );
}

type Row = typeof checkIns.$inferSelect;

const toCheckIn = (row: Row): CheckIn => ({
  id: row.id,
  date: row.localDate,
  mood: row.mood,
  craving: row.craving,
  sleepHours: row.sleepHours === null ? null : Number(row.sleepHours),
  used: row.used,
  use: row.use,
  skillsUsed: row.skillsUsed,
  suicidalThoughts: row.suicidalThoughts,
  note: row.note,
});

/** Today where the participant is treated: their open program's site, else the organisation's first site. */
async function participantToday(tx: Db, orgId: string, participantId: string): Promise<string> {
  const [row] = resultRows<{ time_zone: string }>(
    await tx.execute(sql`
      select coalesce(
        (select s.time_zone from episodes e join programs p on p.id = e.program_id join sites s on s.id = p.site_id
         where e.org_id = ${orgId}::uuid and e.participant_id = ${participantId}::uuid and e.status = 'open'
         order by e.start_date desc limit 1),
        (select time_zone from sites where org_id = ${orgId}::uuid order by created_at, id limit 1),
        'UTC') as time_zone`),
  );
  return instantToZoned(new Date(), row?.time_zone ?? 'UTC').date;
}

/** Only the participant's own account checks in (a family member's reaches their record too, but not this). */
function ownParticipant(ctx: ServiceContext): string {
  const id = ctx.actor.accountKind === 'participant' ? ctx.actor.participantId : null;
  if (!id) throw new AppError('conflict', 'check-ins are made by the participant themselves');
  return id;
}

async function recentOf(tx: Db, orgId: string, participantId: string, today: string) {
  return tx
    .select()
    .from(checkIns)
    .where(
      and(
        eq(checkIns.orgId, orgId),
        eq(checkIns.participantId, participantId),
        gte(checkIns.localDate, addDays(today, -listDays)),
      ),
    )
    .orderBy(desc(checkIns.localDate));
}

/** Records today's check-in (or a recent day's), replacing one already made that day. */
export function submitCheckIn(ctx: ServiceContext, input: CheckInInput) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const participantId = ownParticipant(ctx);
    const today = await participantToday(tx, orgId, participantId);
    const date = input.date ?? today;
    if (date > today) throw invalidField('date', 'cannot be in the future');
    if (date < addDays(today, -checkInBackfillDays)) {
      throw invalidField('date', `can be at most ${checkInBackfillDays} days back`);
    }
    if (input.skillsUsed.length > 0) {
      const known = new Set((await planSkills(tx, orgId, participantId)).map((skill) => skill.id));
      const unknown = input.skillsUsed.findIndex((id) => !known.has(id));
      if (unknown >= 0) {
        throw invalidField(
          `skillsUsed.${unknown}`,
          'is not a skill of your relapse-prevention plan in effect',
        );
      }
    }
    const values = {
      mood: input.mood,
      craving: input.craving,
      sleepHours: input.sleepHours ?? null,
      used: input.used,
      use: input.use.map((item) => ({ substance: item.substance, amount: item.amount ?? null })),
      skillsUsed: input.skillsUsed,
      suicidalThoughts: input.suicidalThoughts,
      note: input.note ?? null,
    };
    const [row] = await tx
      .insert(checkIns)
      .values({ orgId, participantId, localDate: date, ...values })
      .onConflictDoUpdate({
        target: [checkIns.participantId, checkIns.localDate],
        set: { ...values, updatedAt: new Date() },
      })
      .returning();
    if (!row) throw new Error('check-in not stored');
    // Thoughts of suicide reach the care team's inbox with the check-in itself, as PHQ-9 item 9 does;
    // the other rules read it in a queued job, so the participant's answer does not wait on them.
    const suicidal = suicidalThoughtsRule({ date, suicidalThoughts: input.suicidalThoughts });
    if (suicidal) await raiseAlerts(tx, ctx, [draftOf(participantId, suicidal, { date })]);
    await queueAlertEvaluation(tx, orgId, participantId);
    await recordAudit(tx, ctx, {
      action: 'check_in.recorded',
      subjectType: 'check_in',
      subjectId: row.id,
      participantId,
    });
    const recent = await recentOf(tx, orgId, participantId, today);
    return {
      checkIn: toCheckIn(row),
      streak: checkInStreak(
        recent.map((item) => item.localDate),
        today,
      ),
      crisisResources: input.suicidalThoughts ? await crisisResourcesFor(tx, orgId, participantId) : null,
    };
  });
}

async function listFor(ctx: ServiceContext, tx: Db, participantId: string) {
  const today = await participantToday(tx, ctx.actor.orgId, participantId);
  const recent = await recentOf(tx, ctx.actor.orgId, participantId, today);
  await recordAudit(tx, ctx, {
    action: 'check_in.read',
    subjectType: 'participant',
    subjectId: participantId,
    participantId,
    details: { items: recent.length },
  });
  return {
    streak: checkInStreak(
      recent.map((item) => item.localDate),
      today,
    ),
    items: recent.map(toCheckIn),
    skills: await planSkills(tx, ctx.actor.orgId, participantId),
    crisisResources: await crisisResourcesFor(tx, ctx.actor.orgId, participantId),
  };
}

/** The participant's own check-ins of the last 30 days, latest first, and their streak. */
export function myCheckIns(ctx: ServiceContext) {
  return withOrg(ctx.database, ctx.actor.orgId, (tx) => listFor(ctx, tx, ownParticipant(ctx)));
}

/** A participant's check-ins of the last 30 days, for the care team. */
export function participantCheckIns(ctx: ServiceContext, participantId: string) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    return listFor(ctx, tx, participantId);
  });
}
