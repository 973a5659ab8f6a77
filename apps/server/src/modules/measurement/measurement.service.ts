import {
  chartedScore,
  chartScaleOf,
  type InstrumentCode,
  type InstrumentOutcome,
  type InstrumentTrend,
  instrumentCodes,
  instruments,
  isInstrumentCode,
  type OutcomesQuery,
  outcomeShares,
  type ParticipantMeasurement,
  type ProgramOutcomes,
  reliableChangePoints,
  type ScoreChange,
  scoreChange,
} from '@stepwise/core';
import { withOrg } from '../../db/org-scope.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { requireParticipant } from '../participants/participants.service.js';
import { requireProgram } from '../structure/structure.service.js';
import { screenTrendOf } from './drug-screens.service.js';
import * as repo from './measurement.repository.js';

/*
 * Measurement-based care (issue "Between sessions"; domain-rules §4): each instrument's scores over
 * time with its bands, the change from baseline in clinicians' terms (response, remission, reliable
 * change: core measurement.ts), the screen results over time, and per program the share of
 * participants improved, unchanged and worse.
 */

type Point = InstrumentTrend['points'][number];

/** Instruments in the order Stepwise lists them. */
const order = (code: string) => instrumentCodes.indexOf(code as InstrumentCode);

/**
 * A participant's trends: per instrument the scored responses oldest first, the bands to shade, the
 * baseline (first response of the current episode, else the first of all), the latest, and how far it
 * moved; and the valid screens with their results per substance.
 */
export function participantMeasurement(
  ctx: ServiceContext,
  participantId: string,
): Promise<ParticipantMeasurement> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    const timeZone = await repo.participantTimeZone(tx, orgId, participantId);
    const episodeStart = await repo.currentEpisodeStart(tx, orgId, participantId);
    const responses = await repo.scoredResponses(tx, orgId, participantId, timeZone);
    const byInstrument = new Map<InstrumentCode, Point[]>();
    for (const response of responses) {
      if (!isInstrumentCode(response.instrument)) continue;
      const score = chartedScore(response.instrument, response.total, response.percent);
      if (score === null) continue;
      const points = byInstrument.get(response.instrument) ?? [];
      points.push({
        responseId: response.id,
        authoredAt: response.authoredAt.toISOString(),
        date: response.date,
        score,
        band: response.band,
      });
      byInstrument.set(response.instrument, points);
    }
    const trends: InstrumentTrend[] = [];
    for (const [code, points] of byInstrument) {
      const scale = chartScaleOf(instruments[code]);
      const latest = points.at(-1);
      const inEpisode = episodeStart ? points.find((point) => point.date >= episodeStart) : undefined;
      const baseline = inEpisode ?? points[0];
      if (!scale || !latest || !baseline) continue;
      trends.push({
        instrument: code,
        title: instruments[code].title,
        max: scale.max,
        bands: scale.bands,
        points,
        baseline,
        latest,
        change:
          latest.responseId === baseline.responseId ? null : scoreChange(code, baseline.score, latest.score),
        reliableChangePoints: reliableChangePoints[code] ?? null,
      });
    }
    trends.sort((a, b) => order(a.instrument) - order(b.instrument));
    const screens = await screenTrendOf(tx, orgId, participantId);
    await recordAudit(tx, ctx, {
      action: 'measurement.read',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
      details: { instruments: trends.map((trend) => trend.instrument), screens: screens.screens.length },
    });
    return { episodeStart, instruments: trends, screens };
  });
}

/**
 * A program's outcomes per instrument: of the episodes covered (open, and closed within the period when
 * given), how many were measured at least twice in the episode, and the counts and shares improved,
 * unchanged and worse from the episode's first score to its latest. Instruments without a published
 * reliable change are left out: they have no verdict to share.
 */
export function programOutcomes(
  ctx: ServiceContext,
  programId: string,
  query: OutcomesQuery,
): Promise<ProgramOutcomes> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const program = await requireProgram(tx, orgId, programId);
    const closed = { from: query.closedFrom ?? null, to: query.closedTo ?? null };
    const { episodes, scores } = await repo.programEpisodeScores(tx, orgId, programId, closed);
    // Per instrument, per episode: the charted scores in order.
    const series = new Map<InstrumentCode, Map<string, number[]>>();
    for (const row of scores) {
      if (!isInstrumentCode(row.instrument) || reliableChangePoints[row.instrument] === undefined) continue;
      const score = chartedScore(row.instrument, row.total, row.percent);
      if (score === null) continue;
      const perEpisode = series.get(row.instrument) ?? new Map<string, number[]>();
      perEpisode.set(row.episodeId, [...(perEpisode.get(row.episodeId) ?? []), score]);
      series.set(row.instrument, perEpisode);
    }
    const outcomes: InstrumentOutcome[] = [];
    for (const [code, perEpisode] of series) {
      const changes: ScoreChange[] = [];
      for (const values of perEpisode.values()) {
        const [baseline] = values;
        const latest = values.at(-1);
        if (values.length >= 2 && baseline !== undefined && latest !== undefined) {
          changes.push(scoreChange(code, baseline, latest));
        }
      }
      const shares = outcomeShares(changes);
      const count = (direction: ScoreChange['direction']) =>
        changes.filter((change) => change.direction === direction).length;
      outcomes.push({
        instrument: code,
        title: instruments[code].title,
        participants: perEpisode.size,
        measured: shares.measured,
        improved: count('improved'),
        unchanged: count('unchanged'),
        worse: count('worse'),
        shares: { improved: shares.improved, unchanged: shares.unchanged, worse: shares.worse },
      });
    }
    outcomes.sort((a, b) => order(a.instrument) - order(b.instrument));
    await recordAudit(tx, ctx, {
      action: 'outcomes.read',
      subjectType: 'program',
      subjectId: programId,
      details: { episodes, closedFrom: closed.from, closedTo: closed.to },
    });
    return {
      programId,
      programName: program.name,
      episodes,
      closedFrom: closed.from,
      closedTo: closed.to,
      instruments: outcomes,
    };
  });
}
