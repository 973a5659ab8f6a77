import {
  canMoveReferral,
  closedReferralStatuses,
  type Referral,
  type ReferralInput,
  type ReferralStatus,
  type ReferralStatusInput,
  type ReferralUpdate,
  referralStatusLabels,
} from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { registerParticipant, requireParticipant } from '../participants/participants.service.js';
import { requireActiveStaff } from '../staff/staff.service.js';
import { requireProgram } from '../structure/structure.service.js';
import * as repo from './referrals.repository.js';

/** Today's calendar date in UTC, as `YYYY-MM-DD`. */
const today = () => new Date().toISOString().slice(0, 10);

async function checkProgram(tx: Db, orgId: string, programId: string | null | undefined): Promise<void> {
  if (!programId) return;
  await requireProgram(tx, orgId, programId, 'programId');
}

/**
 * Records a referral, registering the person first when they are new to the clinic, and starts its
 * history at `new`.
 */
export function createReferral(ctx: ServiceContext, input: ReferralInput): Promise<Referral> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const receivedOn = input.receivedOn ?? today();
    if (receivedOn > today()) throw invalidField('receivedOn', 'cannot be in the future');
    await checkProgram(tx, orgId, input.programId);
    if (input.ownerId) await requireActiveStaff(tx, orgId, input.ownerId, 'ownerId');
    const participantId = input.newParticipant
      ? (await registerParticipant(tx, ctx, input.newParticipant)).id
      : (await requireParticipant(tx, orgId, input.participantId ?? '')).id;
    const row = await repo.insertReferral(tx, {
      orgId,
      participantId,
      source: input.source,
      referrerName: input.referrerName ?? null,
      referrerContact: input.referrerContact ?? null,
      reason: input.reason ?? null,
      programId: input.programId ?? null,
      ownerId: input.ownerId ?? null,
      receivedOn,
    });
    await repo.insertStatusChange(tx, orgId, {
      referralId: row.id,
      status: 'new',
      note: null,
      changedBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'referral.created',
      subjectType: 'referral',
      subjectId: row.id,
      participantId,
      details: { source: input.source },
    });
    return present(tx, orgId, row.id);
  });
}

export function getReferral(ctx: ServiceContext, id: string): Promise<Referral> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const referral = await present(tx, ctx.actor.orgId, id);
    await recordAudit(tx, ctx, {
      action: 'referral.read',
      subjectType: 'referral',
      subjectId: id,
      participantId: referral.participantId,
    });
    return referral;
  });
}

/** The referral board, or one participant's referrals. */
export function listReferrals(
  ctx: ServiceContext,
  query: { status?: ReferralStatus; open?: 'true' | 'false'; participantId?: string; limit: number },
): Promise<{ items: Referral[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const items = await repo.listReferrals(tx, ctx.actor.orgId, {
      ...query,
      open: query.open === undefined ? undefined : query.open === 'true',
    });
    await recordAudit(tx, ctx, {
      action: 'referral.listed',
      subjectType: 'referral',
      participantId: query.participantId ?? null,
      details: { shown: items.map((referral) => referral.participantId) },
    });
    return { items };
  });
}

/** Changes who owns a referral, its program or its notes, while it is still open. */
export function updateReferral(ctx: ServiceContext, id: string, input: ReferralUpdate): Promise<Referral> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const row = await repo.lockReferral(tx, orgId, id);
    if (!row) throw notFound('referral');
    if (closedReferralStatuses.includes(row.status as ReferralStatus)) {
      throw new AppError(
        'conflict',
        `this referral is closed (${referralStatusLabels[row.status as ReferralStatus]})`,
      );
    }
    await checkProgram(tx, orgId, input.programId);
    if (input.ownerId) await requireActiveStaff(tx, orgId, input.ownerId, 'ownerId');
    await repo.updateReferral(tx, orgId, id, input);
    await recordAudit(tx, ctx, {
      action: 'referral.updated',
      subjectType: 'referral',
      subjectId: id,
      participantId: row.participantId,
      details: { fields: Object.keys(input) },
    });
    return present(tx, orgId, id);
  });
}

async function move(
  tx: Db,
  ctx: ServiceContext,
  row: repo.ReferralRow,
  to: ReferralStatus,
  change: {
    note: string | null;
    referredOutTo?: string | null;
    closingReason?: string | null;
    admittedOn?: string;
  },
): Promise<void> {
  const from = row.status as ReferralStatus;
  if (!canMoveReferral(from, to)) {
    throw new AppError(
      'conflict',
      `a referral in ${referralStatusLabels[from]} cannot move to ${referralStatusLabels[to]}`,
    );
  }
  await repo.updateReferral(tx, ctx.actor.orgId, row.id, {
    status: to,
    statusChangedAt: new Date(),
    ...(change.referredOutTo !== undefined ? { referredOutTo: change.referredOutTo } : {}),
    ...(change.closingReason !== undefined ? { closingReason: change.closingReason } : {}),
    ...(change.admittedOn !== undefined ? { admittedOn: change.admittedOn } : {}),
  });
  await repo.insertStatusChange(tx, ctx.actor.orgId, {
    referralId: row.id,
    status: to,
    note: change.note,
    changedBy: ctx.actor.userId,
  });
  await recordAudit(tx, ctx, {
    action: 'referral.status_changed',
    subjectType: 'referral',
    subjectId: row.id,
    participantId: row.participantId,
    details: { from, to },
  });
}

/**
 * Moves a referral along the pipeline. Referring out records where to and why; declining records why;
 * a move the pipeline does not allow is a conflict.
 */
export function moveReferral(ctx: ServiceContext, id: string, input: ReferralStatusInput): Promise<Referral> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await repo.lockReferral(tx, ctx.actor.orgId, id);
    if (!row) throw notFound('referral');
    const closing = input.status === 'referred_out' || input.status === 'declined';
    await move(tx, ctx, row, input.status, {
      note: input.note ?? (input.status === 'waitlisted' ? (input.reason ?? null) : null),
      ...(closing ? { referredOutTo: input.referredOutTo ?? null, closingReason: input.reason ?? null } : {}),
    });
    return present(tx, ctx.actor.orgId, id);
  });
}

/**
 * Marks a referral admitted, inside the admission's transaction: it must be the participant's, and at a
 * stage that may lead to admission (assessment or the waitlist).
 */
export async function admitReferral(
  tx: Db,
  ctx: ServiceContext,
  referralId: string,
  participantId: string,
  admittedOn: string,
): Promise<void> {
  const row = await repo.lockReferral(tx, ctx.actor.orgId, referralId);
  if (!row || row.participantId !== participantId) {
    throw invalidField('referralId', 'no referral of this participant has this id');
  }
  if (admittedOn < row.receivedOn)
    throw invalidField('startDate', 'cannot be before the referral was received');
  await move(tx, ctx, row, 'admitted', { note: null, admittedOn });
}

async function present(tx: Db, orgId: string, id: string): Promise<Referral> {
  const referral = await repo.findReferral(tx, orgId, id);
  if (!referral) throw notFound('referral');
  return referral;
}
