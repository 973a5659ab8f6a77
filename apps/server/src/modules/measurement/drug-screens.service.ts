import {
  type DrugScreen,
  type DrugScreenInput,
  type EnteredInErrorInput,
  instantToZoned,
  type ScreenTrend,
} from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { queueAlertEvaluation } from '../alerts/alert-engine.js';
import { recordAudit } from '../audit/audit-log.js';
import { requireParticipant } from '../participants/participants.service.js';
import * as repo from './measurement.repository.js';

/*
 * Drug and alcohol screens entered by staff (issue "Between sessions"). A screen is never edited: a
 * wrong entry is marked entered in error with a reason, stays on the chart struck through, and is left
 * out of trends. A positive screen queues the alert engine's evaluation in the transaction that stores it.
 */

/** The substances a screen found, in the words the alert rules read (`positiveScreenRule`). */
export function positiveSubstances(screen: Pick<DrugScreen, 'results'>): string[] {
  return screen.results.filter((item) => item.result === 'positive').map((item) => item.substance);
}

/** Records a screen for a participant: collected today or earlier, not before they were known to the clinic. */
export function recordScreen(
  ctx: ServiceContext,
  participantId: string,
  input: DrugScreenInput,
): Promise<DrugScreen> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    const timeZone = await repo.participantTimeZone(tx, orgId, participantId);
    const today = instantToZoned(new Date(), timeZone).date;
    if (input.collectedOn > today) throw invalidField('collectedOn', 'cannot be in the future');
    const first = await repo.firstKnownDate(tx, orgId, participantId, timeZone);
    if (input.collectedOn < first) {
      throw invalidField(
        'collectedOn',
        `cannot be before the participant was known to the clinic (${first})`,
      );
    }
    const id = await repo.insertScreen(tx, orgId, {
      participantId,
      collectedOn: input.collectedOn,
      method: input.method,
      results: input.results.map((item) => ({ substance: item.substance, result: item.result })),
      observed: input.observed,
      labReference: input.labReference ?? null,
      note: input.note ?? null,
      recordedBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'drug_screen.recorded',
      subjectType: 'drug_screen',
      subjectId: id,
      participantId,
      details: { method: input.method, substances: input.results.length },
    });
    const row = await repo.findScreen(tx, orgId, id);
    if (!row) throw notFound('drug screen');
    // A positive screen is evaluated by the alert engine's queued job, queued in this transaction.
    if (positiveSubstances(input).length > 0) await queueAlertEvaluation(tx, orgId, participantId);
    return repo.toDrugScreen(row);
  });
}

/** A participant's screens, newest first, those entered in error included and marked. */
export function listScreens(ctx: ServiceContext, participantId: string): Promise<{ items: DrugScreen[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    const rows = await repo.listScreens(tx, ctx.actor.orgId, participantId);
    await recordAudit(tx, ctx, {
      action: 'drug_screen.listed',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
      details: { shown: rows.length },
    });
    return { items: rows.map(repo.toDrugScreen) };
  });
}

/** Marks a screen entered in error, with the reason; a second marking is refused. */
export function markEnteredInError(
  ctx: ServiceContext,
  screenId: string,
  input: EnteredInErrorInput,
): Promise<DrugScreen> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const found = await repo.findScreen(tx, orgId, screenId);
    if (!found) throw notFound('drug screen');
    const marked = await repo.markEnteredInError(tx, orgId, screenId, ctx.actor.userId, input.reason);
    if (!marked) throw new AppError('conflict', 'the screen is already marked entered in error');
    await recordAudit(tx, ctx, {
      action: 'drug_screen.entered_in_error',
      subjectType: 'drug_screen',
      subjectId: screenId,
      participantId: found.screen.participantId,
    });
    const row = await repo.findScreen(tx, orgId, screenId);
    if (!row) throw notFound('drug screen');
    return repo.toDrugScreen(row);
  });
}

/** Valid screens, oldest first, with each substance's result: the chart's screen trend. */
export async function screenTrendOf(tx: Db, orgId: string, participantId: string): Promise<ScreenTrend> {
  const rows = await repo.validScreens(tx, orgId, participantId);
  const substances = new Map<string, string>();
  const screens = rows.map((row) => {
    const results: ScreenTrend['screens'][number]['results'] = {};
    for (const item of row.results) {
      // Substances are matched without regard to case; the first spelling seen names the row.
      const key = item.substance.toLowerCase();
      if (!substances.has(key)) substances.set(key, item.substance);
      results[substances.get(key) ?? item.substance] = item.result as
        | 'negative'
        | 'positive'
        | 'inconclusive';
    }
    return { id: row.id, collectedOn: row.collectedOn, results };
  });
  return { substances: [...substances.values()], screens };
}
