import {
  defaultWeeklyHoursMinimum,
  type ListQuery,
  type Organisation,
  type OrganisationUpdate,
  type Program,
  type ProgramInput,
  type ProgramUpdate,
  type Site,
  type SiteInput,
  type SiteUpdate,
  type Track,
  type TrackInput,
  type TrackUpdate,
  trackPresets,
} from '@stepwise/core';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { decodeCursor, pageOf } from '../../db/paging.js';
import { organisations, programs, sites, tracks } from '../../db/schema.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import * as repo from './structure.repository.js';

type Page<T> = { items: T[]; nextCursor: string | null };

/** The caller's organisation and its settings. */
export function getOrganisation(ctx: ServiceContext): Promise<Organisation> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await repo.findOrganisation(tx, ctx.actor.orgId);
    if (!row) throw notFound('organisation');
    return repo.toOrganisation(row);
  });
}

/** Renames the organisation or changes which roles must use MFA. */
export function updateOrganisation(ctx: ServiceContext, input: OrganisationUpdate): Promise<Organisation> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const [row] = await tx
      .update(organisations)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.mfaRequiredRoles !== undefined
          ? { mfaRequiredRoles: [...new Set(input.mfaRequiredRoles)] }
          : {}),
      })
      .where(eq(organisations.id, ctx.actor.orgId))
      .returning();
    if (!row) throw notFound('organisation');
    await recordAudit(tx, ctx, {
      action: 'organisation.updated',
      subjectType: 'organisation',
      subjectId: row.id,
      details: { fields: Object.keys(input) },
    });
    ctx.sessionCache.forgetOrganisation(row.id);
    return repo.toOrganisation(row);
  });
}

export function listSites(ctx: ServiceContext, query: ListQuery): Promise<Page<Site>> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const rows = await repo.listSites(
      tx,
      ctx.actor.orgId,
      query.limit,
      query.cursor ? decodeCursor(query.cursor, ['text', 'id']) : null,
    );
    const page = pageOf(rows, query.limit, (row) => [row.name, row.id]);
    return { items: page.items.map(repo.toSite), nextCursor: page.nextCursor };
  });
}

export function getSite(ctx: ServiceContext, id: string): Promise<Site> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await repo.findSite(tx, ctx.actor.orgId, id);
    if (!row) throw notFound('site');
    return repo.toSite(row);
  });
}

export function createSite(ctx: ServiceContext, input: SiteInput): Promise<Site> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const [row] = await tx
      .insert(sites)
      .values({
        orgId: ctx.actor.orgId,
        name: input.name,
        timeZone: input.timeZone,
        address: input.address ?? null,
        phone: input.phone ?? null,
      })
      .returning();
    if (!row) throw new AppError('internal_error', 'the site was not stored');
    await recordAudit(tx, ctx, { action: 'site.created', subjectType: 'site', subjectId: row.id });
    return repo.toSite(row);
  });
}

export function updateSite(ctx: ServiceContext, id: string, input: SiteUpdate): Promise<Site> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const [row] = await tx
      .update(sites)
      .set({ ...input, updatedAt: sql`now()` })
      .where(and(eq(sites.orgId, ctx.actor.orgId), eq(sites.id, id)))
      .returning();
    if (!row) throw notFound('site');
    await recordAudit(tx, ctx, {
      action: 'site.updated',
      subjectType: 'site',
      subjectId: id,
      details: { fields: Object.keys(input) },
    });
    return repo.toSite(row);
  });
}

export function listPrograms(
  ctx: ServiceContext,
  query: ListQuery & { siteId?: string | undefined },
): Promise<Page<Program>> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const rows = await repo.listPrograms(
      tx,
      ctx.actor.orgId,
      query.limit,
      query.cursor ? decodeCursor(query.cursor, ['text', 'id']) : null,
      query.siteId,
    );
    const page = pageOf(rows, query.limit, (row) => [row.name, row.id]);
    return { items: page.items.map(repo.toProgram), nextCursor: page.nextCursor };
  });
}

/** The site, inside another module's transaction: a 400 on `field` when missing. */
export async function requireSite(tx: Db, orgId: string, id: string, field: string): Promise<Site> {
  const row = await repo.findSite(tx, orgId, id);
  if (!row) throw invalidField(field, 'no such site in this organisation');
  return repo.toSite(row);
}

/**
 * The program, inside another module's transaction: 404 when missing, or, when the id came from a
 * request body field, a 400 naming that field.
 */
export async function requireProgram(tx: Db, orgId: string, id: string, field?: string): Promise<Program> {
  const row = await repo.findProgram(tx, orgId, id);
  if (!row) throw field ? invalidField(field, 'no such program in this organisation') : notFound('program');
  return repo.toProgram(row);
}

export function getProgram(ctx: ServiceContext, id: string): Promise<Program> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await repo.findProgram(tx, ctx.actor.orgId, id);
    if (!row) throw notFound('program');
    return repo.toProgram(row);
  });
}

/** Creates a program; the weekly-hours minimum defaults by population (adult 9, adolescent 6). */
export function createProgram(ctx: ServiceContext, input: ProgramInput): Promise<Program> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findSite(tx, ctx.actor.orgId, input.siteId))) {
      throw invalidField('body.siteId', 'no such site in your organisation');
    }
    const [row] = await tx
      .insert(programs)
      .values({
        orgId: ctx.actor.orgId,
        siteId: input.siteId,
        name: input.name,
        kind: input.kind,
        population: input.population,
        weeklyHoursMinimum: input.weeklyHoursMinimum ?? defaultWeeklyHoursMinimum(input.population),
        groupCapacity: input.groupCapacity,
        planReviewDays: input.planReviewDays,
        crisisPhone: input.crisisPhone ?? null,
      })
      .returning();
    if (!row) throw new AppError('internal_error', 'the program was not stored');
    await recordAudit(tx, ctx, { action: 'program.created', subjectType: 'program', subjectId: row.id });
    return repo.toProgram(row);
  });
}

export function updateProgram(ctx: ServiceContext, id: string, input: ProgramUpdate): Promise<Program> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const [row] = await tx
      .update(programs)
      .set({ ...input, updatedAt: sql`now()` })
      .where(and(eq(programs.orgId, ctx.actor.orgId), eq(programs.id, id)))
      .returning();
    if (!row) throw notFound('program');
    await recordAudit(tx, ctx, {
      action: 'program.updated',
      subjectType: 'program',
      subjectId: id,
      details: { fields: Object.keys(input) },
    });
    return repo.toProgram(row);
  });
}

export function listTracks(
  ctx: ServiceContext,
  query: ListQuery & { programId?: string | undefined },
): Promise<Page<Track>> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const rows = await repo.listTracks(
      tx,
      ctx.actor.orgId,
      query.limit,
      query.cursor ? decodeCursor(query.cursor, ['text', 'id']) : null,
      query.programId,
    );
    const page = pageOf(rows, query.limit, (row) => [row.name, row.id]);
    return { items: page.items.map(repo.toTrack), nextCursor: page.nextCursor };
  });
}

/** The track, inside another module's transaction; missing is a 400 on `field`, as for programs. */
/** A track of the organisation: 400 naming `field` when unknown, or 404 when it is the path's id (no field). */
export async function requireTrack(tx: Db, orgId: string, id: string, field?: string): Promise<Track> {
  const row = await repo.findTrack(tx, orgId, id);
  if (!row) throw field ? invalidField(field, 'no such track in this organisation') : notFound('track');
  return repo.toTrack(row);
}

export function getTrack(ctx: ServiceContext, id: string): Promise<Track> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await repo.findTrack(tx, ctx.actor.orgId, id);
    if (!row) throw notFound('track');
    return repo.toTrack(row);
  });
}

/** Creates a track; morning, evening and weekend tracks take their preset days and times unless given. */
export function createTrack(ctx: ServiceContext, input: TrackInput): Promise<Track> {
  const preset = input.kind === 'custom' ? undefined : trackPresets[input.kind];
  const days = input.days ?? preset?.days;
  const startTime = input.startTime ?? preset?.startTime;
  const endTime = input.endTime ?? preset?.endTime;
  if (!days || !startTime || !endTime)
    throw new AppError('validation_failed', 'a custom track needs days, startTime and endTime');
  if (startTime >= endTime) throw invalidField('body.endTime', 'must be after startTime');
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findProgram(tx, ctx.actor.orgId, input.programId))) {
      throw invalidField('body.programId', 'no such program in your organisation');
    }
    const [row] = await tx
      .insert(tracks)
      .values({
        orgId: ctx.actor.orgId,
        programId: input.programId,
        name: input.name,
        kind: input.kind,
        days: [...days].sort((a, b) => a - b),
        startTime,
        endTime,
      })
      .returning();
    if (!row) throw new AppError('internal_error', 'the track was not stored');
    await recordAudit(tx, ctx, { action: 'track.created', subjectType: 'track', subjectId: row.id });
    return repo.toTrack(row);
  });
}

export function updateTrack(ctx: ServiceContext, id: string, input: TrackUpdate): Promise<Track> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const current = await repo.findTrack(tx, ctx.actor.orgId, id);
    if (!current) throw notFound('track');
    const startTime = input.startTime ?? current.startTime.slice(0, 5);
    const endTime = input.endTime ?? current.endTime.slice(0, 5);
    if (startTime >= endTime) throw invalidField('body.endTime', 'must be after startTime');
    const [row] = await tx
      .update(tracks)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.days !== undefined ? { days: [...input.days].sort((a, b) => a - b) } : {}),
        startTime,
        endTime,
        updatedAt: sql`now()`,
      })
      .where(and(eq(tracks.orgId, ctx.actor.orgId), eq(tracks.id, id)))
      .returning();
    if (!row) throw notFound('track');
    await recordAudit(tx, ctx, {
      action: 'track.updated',
      subjectType: 'track',
      subjectId: id,
      details: { fields: Object.keys(input) },
    });
    return repo.toTrack(row);
  });
}

export function deleteTrack(ctx: ServiceContext, id: string): Promise<void> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const deleted = await tx
      .delete(tracks)
      .where(and(eq(tracks.orgId, ctx.actor.orgId), eq(tracks.id, id)))
      .returning({ id: tracks.id });
    if (deleted.length === 0) throw notFound('track');
    await recordAudit(tx, ctx, { action: 'track.deleted', subjectType: 'track', subjectId: id });
  });
}
