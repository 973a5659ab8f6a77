import { renderCalendar } from '@stepwise/core';
import type { AppDeps } from '../../app.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { randomSecret, sha256 } from '../auth/secrets.js';
import { requireParticipant } from '../participants/participants.service.js';
import * as repo from './calendar-feeds.repository.js';

/** The path of a feed; the token is the only credential, so it is long and random. */
export const feedPath = (token: string) => `/api/v1/calendar-feeds/${token}.ics`;

/**
 * Creates a private subscription link for the owner's sessions, revoking any earlier one (a lost
 * phone's calendar stops updating once a new link is made). The token is returned once.
 */
async function createLink(
  ctx: ServiceContext,
  owner: repo.FeedOwner,
  origin: string,
): Promise<{ url: string }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    if ('participantId' in owner) await requireParticipant(tx, ctx.actor.orgId, owner.participantId);
    await repo.revokeFeeds(tx, ctx.actor.orgId, owner);
    const token = randomSecret('swcal_');
    const id = await repo.insertFeed(tx, ctx.actor.orgId, owner, {
      tokenHash: sha256(token),
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'calendar_feed.created',
      subjectType: 'calendar_feed',
      subjectId: id,
      participantId: 'participantId' in owner ? owner.participantId : null,
    });
    return { url: `${origin}${feedPath(token)}` };
  });
}

async function revokeLink(ctx: ServiceContext, owner: repo.FeedOwner): Promise<void> {
  await withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    if ('participantId' in owner) await requireParticipant(tx, ctx.actor.orgId, owner.participantId);
    if ((await repo.revokeFeeds(tx, ctx.actor.orgId, owner)) === 0) throw notFound('calendar link');
    await recordAudit(tx, ctx, {
      action: 'calendar_feed.revoked',
      subjectType: 'calendar_feed',
      participantId: 'participantId' in owner ? owner.participantId : null,
    });
  });
}

export const createParticipantLink = (ctx: ServiceContext, participantId: string, origin: string) =>
  createLink(ctx, { participantId }, origin);
export const revokeParticipantLink = (ctx: ServiceContext, participantId: string) =>
  revokeLink(ctx, { participantId });

/** The signed-in user's own link: a participant's sessions, or the sessions a staff member runs. */
function ownerOf(ctx: ServiceContext): repo.FeedOwner {
  if (ctx.actor.accountKind === 'participant' && ctx.actor.participantId) {
    return { participantId: ctx.actor.participantId };
  }
  if (ctx.actor.accountKind === 'staff') return { userId: ctx.actor.userId };
  throw new AppError(
    'conflict',
    'calendar links are for participants and staff; family sessions show in the portal',
  );
}
export const createOwnLink = (ctx: ServiceContext, origin: string) => createLink(ctx, ownerOf(ctx), origin);
export const revokeOwnLink = (ctx: ServiceContext) => revokeLink(ctx, ownerOf(ctx));

const day = 86_400_000;

/**
 * The feed behind a token as iCalendar text: the last 30 and next 120 days of sessions. Unknown or
 * revoked tokens are not found, without saying which. Each fetch is audited with the link as actor.
 */
export async function renderFeed(
  deps: Pick<AppDeps, 'database'>,
  file: string,
  meta: ServiceContext['meta'],
): Promise<string> {
  const token = file.endsWith('.ics') ? file.slice(0, -4) : file;
  if (!/^swcal_[A-Za-z0-9_-]{43}$/.test(token)) throw notFound('calendar');
  const feed = await repo.findLiveFeed(deps.database.db, sha256(token));
  if (!feed) throw notFound('calendar');
  const owner: repo.FeedOwner = feed.participantId
    ? { participantId: feed.participantId }
    : { userId: feed.userId ?? '' };
  return withOrg(deps.database, feed.orgId, async (tx) => {
    const now = new Date();
    const { events, zones } = await repo.feedEvents(tx, feed.orgId, owner, {
      from: new Date(now.getTime() - 30 * day),
      to: new Date(now.getTime() + 120 * day),
    });
    await recordAudit(
      tx,
      { actor: { userId: null, orgId: feed.orgId, accountKind: 'calendar_feed' }, meta },
      {
        action: 'calendar_feed.read',
        subjectType: 'calendar_feed',
        subjectId: feed.id,
        participantId: feed.participantId,
        details: { events: events.length },
      },
    );
    return renderCalendar({ name: 'Stepwise sessions', zone: zones[0] ?? 'UTC', events, now });
  });
}
