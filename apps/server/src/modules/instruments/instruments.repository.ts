import type { InstrumentCode, InstrumentResponse, InstrumentScore } from '@stepwise/core';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { instrumentResponses, users } from '../../db/schema.js';

export interface NewResponse {
  participantId: string;
  instrument: InstrumentCode;
  questionnaireResponse: Record<string, unknown>;
  score: InstrumentScore;
  administeredBy: string;
  authoredAt: Date;
}

export async function insertResponse(tx: Db, orgId: string, response: NewResponse): Promise<string> {
  const { score } = response;
  const [row] = await tx
    .insert(instrumentResponses)
    .values({
      orgId,
      participantId: response.participantId,
      instrument: response.instrument,
      questionnaireResponse: response.questionnaireResponse,
      total: score.total,
      band: score.band,
      flags: score.flags,
      subscales: score.subscales ?? null,
      percent: score.percent ?? null,
      interpretation: score.interpretation,
      administeredBy: response.administeredBy,
      authoredAt: response.authoredAt,
    })
    .returning({ id: instrumentResponses.id });
  if (!row) throw new Error('instrument response not stored');
  return row.id;
}

type ResponseRow = { response: typeof instrumentResponses.$inferSelect; administeredByName: string };

export function toInstrumentResponse(row: ResponseRow, alertIds: string[]): InstrumentResponse {
  const { response } = row;
  const instrument = response.instrument as InstrumentCode;
  return {
    id: response.id,
    participantId: response.participantId,
    instrument,
    authoredAt: response.authoredAt.toISOString(),
    administeredBy: { id: response.administeredBy, name: row.administeredByName },
    score: {
      code: instrument,
      total: response.total,
      band: response.band,
      flags: response.flags,
      ...(response.subscales ? { subscales: response.subscales } : {}),
      ...(response.percent !== null ? { percent: response.percent } : {}),
      interpretation: response.interpretation,
    },
    questionnaireResponse: { ...response.questionnaireResponse, id: response.id },
    alertIds,
  };
}

const columns = { response: instrumentResponses, administeredByName: users.displayName };

export async function findResponse(tx: Db, orgId: string, id: string): Promise<ResponseRow | undefined> {
  const [row] = await tx
    .select(columns)
    .from(instrumentResponses)
    .innerJoin(users, eq(users.id, instrumentResponses.administeredBy))
    .where(and(eq(instrumentResponses.orgId, orgId), eq(instrumentResponses.id, id)));
  return row;
}

/** A participant's responses, newest first, optionally of one instrument. */
export function listResponses(
  tx: Db,
  orgId: string,
  participantId: string,
  instrument?: InstrumentCode,
): Promise<ResponseRow[]> {
  return tx
    .select(columns)
    .from(instrumentResponses)
    .innerJoin(users, eq(users.id, instrumentResponses.administeredBy))
    .where(
      and(
        eq(instrumentResponses.orgId, orgId),
        eq(instrumentResponses.participantId, participantId),
        instrument ? eq(instrumentResponses.instrument, instrument) : undefined,
      ),
    )
    .orderBy(desc(instrumentResponses.authoredAt), desc(instrumentResponses.id))
    .limit(200);
}
