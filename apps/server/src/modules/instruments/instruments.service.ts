import {
  type Answer,
  criticalFlagAlerts,
  type Instrument,
  type InstrumentCode,
  type InstrumentDefinition,
  type InstrumentResponse,
  type InstrumentResponseInput,
  type InstrumentScore,
  instruments,
  isInstrumentCode,
  questionnaireResponseOf,
  type ScoreRequest,
  scoreInstrument,
} from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { queueAlertEvaluation } from '../alerts/alert-engine.js';
import type { AlertDraft } from '../alerts/alerts.service.js';
import { raiseAlerts } from '../alerts/alerts.service.js';
import { recordAudit } from '../audit/audit-log.js';
import { requireParticipant } from '../participants/participants.service.js';
import * as repo from './instruments.repository.js';

/** An instrument as the API lists it: the definition without its scoring function. */
function present(definition: InstrumentDefinition): Instrument {
  return {
    code: definition.code,
    title: definition.title,
    instructions: definition.instructions,
    needsSex: definition.needsSex,
    bands: [...definition.bands],
    source: definition.source,
    licence: definition.licence,
    items: definition.items.map((item) =>
      item.kind === 'scale'
        ? { linkId: item.linkId, text: item.text, kind: item.kind, options: [...item.options] }
        : { linkId: item.linkId, text: item.text, kind: item.kind },
    ),
  };
}

export function listInstruments(): { items: Instrument[] } {
  return { items: Object.values(instruments).map(present) };
}

function definitionOf(code: string): InstrumentDefinition {
  if (!isInstrumentCode(code)) throw notFound(`instrument "${code.slice(0, 40)}"`);
  return instruments[code];
}

export function getInstrument(code: string): Instrument {
  return present(definitionOf(code));
}

/** Scores answers without storing anything: the calculator behind the intake screens. */
export function scoreAnswers(code: string, request: ScoreRequest): InstrumentScore {
  return scored(definitionOf(code), request.answers, request.sex);
}

function scored(definition: InstrumentDefinition, answers: readonly Answer[], sex: ScoreRequest['sex']) {
  const outcome = scoreInstrument(definition, answers, sex ? { sex } : {});
  if (!outcome.ok) {
    const first = outcome.problems[0];
    const where = first?.item !== undefined ? `item ${first.item}: ` : '';
    throw new AppError(
      'validation_failed',
      `${where}${first?.message ?? 'the answers do not fit the instrument'}`,
      outcome.problems.map((problem) => ({
        path: problem.item !== undefined ? `answers.${problem.item - 1}` : 'answers',
        message: problem.message,
      })),
    );
  }
  return outcome.score;
}

/**
 * The alerts a score raises at once (domain-rules §4: any PHQ-9 item 9 answer above 0 always needs
 * follow-up [I1]; a C-SSRS screener at high risk needs action now [I11a, I11b]).
 */
function criticalAlerts(
  score: InstrumentScore,
  answers: readonly Answer[],
  source: { participantId: string; responseId: string; authoredAt: Date },
): AlertDraft[] {
  const base = {
    participantId: source.participantId,
    severity: 'critical' as const,
    sourceType: 'instrument_response',
    sourceId: source.responseId,
  };
  const evidence = {
    instrument: score.code,
    responseId: source.responseId,
    authoredAt: source.authoredAt.toISOString(),
    total: score.total,
    band: score.band,
  };
  const drafts: AlertDraft[] = [];
  if (score.flags.includes('suicidal_ideation')) {
    drafts.push({
      ...base,
      ...criticalFlagAlerts.suicidal_ideation,
      evidence: { ...evidence, item: 9, value: answers[8] },
    });
  }
  if (score.flags.includes('high_suicide_risk')) {
    drafts.push({
      ...base,
      ...criticalFlagAlerts.high_suicide_risk,
      evidence: {
        ...evidence,
        endorsed: answers.flatMap((answer, index) => (answer === true ? [index + 1] : [])),
      },
    });
  }
  return drafts;
}

/**
 * Administers an instrument: scores the answers, stores them as a FHIR QuestionnaireResponse with the
 * score, and raises the critical alerts the score calls for, all in one transaction.
 */
export function recordResponse(
  ctx: ServiceContext,
  participantId: string,
  input: InstrumentResponseInput,
): Promise<InstrumentResponse> {
  const score = scoreResponse(input);
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    return storeResponse(tx, ctx, participantId, input, score);
  });
}

/** Scores a response before it is stored; bad answers are a 400 with a message per item. */
export function scoreResponse(input: InstrumentResponseInput): InstrumentScore {
  return scored(instruments[input.instrument], input.answers, input.sex);
}

/**
 * Stores a scored response in the caller's transaction (the participant already checked), its audit
 * event and the critical alerts its score calls for: the one path every response takes, whether staff
 * administer it or the participant answers it themselves (`selfReported`), so no response can skip an
 * alert. `administered_by` is the signed-in user: a participant's own account is a user too.
 */
export async function storeResponse(
  tx: Db,
  ctx: ServiceContext,
  participantId: string,
  input: InstrumentResponseInput,
  score: InstrumentScore,
  options: { selfReported?: boolean } = {},
): Promise<InstrumentResponse> {
  const definition = instruments[input.instrument];
  const authoredAt = new Date();
  const questionnaireResponse = questionnaireResponseOf(definition, input.answers, {
    participantId,
    authorId: ctx.actor.userId,
    authoredAt,
    ...(options.selfReported ? { selfReported: true } : {}),
  });
  const id = await repo.insertResponse(tx, ctx.actor.orgId, {
    participantId,
    instrument: definition.code,
    questionnaireResponse,
    score,
    administeredBy: ctx.actor.userId,
    authoredAt,
  });
  await recordAudit(tx, ctx, {
    action: 'instrument_response.created',
    subjectType: 'instrument_response',
    subjectId: id,
    participantId,
    details: { instrument: definition.code, ...(options.selfReported ? { selfReported: true } : {}) },
  });
  const alertIds = await raiseAlerts(
    tx,
    ctx,
    criticalAlerts(score, input.answers, { participantId, responseId: id, authoredAt }),
  );
  // Worsening against the baseline is judged by the alert engine's queued evaluation.
  await queueAlertEvaluation(tx, ctx.actor.orgId, participantId);
  const row = await repo.findResponse(tx, ctx.actor.orgId, id);
  if (!row) throw notFound('instrument response');
  return repo.toInstrumentResponse(row, alertIds);
}

/** A participant's responses, newest first. */
export function listResponses(
  ctx: ServiceContext,
  participantId: string,
  instrument?: InstrumentCode,
): Promise<{ items: InstrumentResponse[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    const rows = await repo.listResponses(tx, ctx.actor.orgId, participantId, instrument);
    await recordAudit(tx, ctx, {
      action: 'instrument_response.listed',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
      details: { instrument: instrument ?? null, shown: rows.length },
    });
    return { items: rows.map((row) => repo.toInstrumentResponse(row, [])) };
  });
}
