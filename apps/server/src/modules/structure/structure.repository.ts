import type { Organisation, Program, Role, Site, Track } from '@stepwise/core';
import { weeklyTrackMinutes } from '@stepwise/core';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { after } from '../../db/paging.js';
import { organisations, programs, sites, tracks } from '../../db/schema.js';

export function toOrganisation(row: typeof organisations.$inferSelect): Organisation {
  return {
    id: row.id,
    name: row.name,
    isDemo: row.isDemo,
    mfaRequiredRoles: row.mfaRequiredRoles as Role[],
    createdAt: row.createdAt.toISOString(),
  };
}

export function toSite(row: typeof sites.$inferSelect): Site {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    address: row.address,
    phone: row.phone,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toProgram(row: typeof programs.$inferSelect): Program {
  return {
    id: row.id,
    siteId: row.siteId,
    name: row.name,
    kind: row.kind as Program['kind'],
    population: row.population as Program['population'],
    weeklyHoursMinimum: Number(row.weeklyHoursMinimum),
    groupCapacity: row.groupCapacity,
    planReviewDays: row.planReviewDays,
    crisisPhone: row.crisisPhone,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toTrack(row: typeof tracks.$inferSelect): Track {
  const times = {
    days: row.days as Track['days'] as (1 | 2 | 3 | 4 | 5 | 6 | 7)[],
    startTime: row.startTime.slice(0, 5),
    endTime: row.endTime.slice(0, 5),
  };
  return {
    id: row.id,
    programId: row.programId,
    name: row.name,
    kind: row.kind as Track['kind'],
    ...times,
    weeklyMinutes: weeklyTrackMinutes(times),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findOrganisation(tx: Db, orgId: string) {
  const [row] = await tx.select().from(organisations).where(eq(organisations.id, orgId));
  return row;
}

export async function listSites(tx: Db, orgId: string, limit: number, cursor: string[] | null) {
  return tx
    .select()
    .from(sites)
    .where(and(eq(sites.orgId, orgId), cursor ? after([sites.name, sites.id], cursor) : undefined))
    .orderBy(asc(sites.name), asc(sites.id))
    .limit(limit + 1);
}

export async function findSite(tx: Db, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(sites)
    .where(and(eq(sites.orgId, orgId), eq(sites.id, id)));
  return row;
}

export async function listPrograms(
  tx: Db,
  orgId: string,
  limit: number,
  cursor: string[] | null,
  siteId?: string,
) {
  return tx
    .select()
    .from(programs)
    .where(
      and(
        eq(programs.orgId, orgId),
        siteId ? eq(programs.siteId, siteId) : undefined,
        cursor ? after([programs.name, programs.id], cursor) : undefined,
      ),
    )
    .orderBy(asc(programs.name), asc(programs.id))
    .limit(limit + 1);
}

export async function findProgram(tx: Db, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(programs)
    .where(and(eq(programs.orgId, orgId), eq(programs.id, id)));
  return row;
}

export async function listTracks(
  tx: Db,
  orgId: string,
  limit: number,
  cursor: string[] | null,
  programId?: string,
) {
  return tx
    .select()
    .from(tracks)
    .where(
      and(
        eq(tracks.orgId, orgId),
        programId ? eq(tracks.programId, programId) : undefined,
        cursor ? after([tracks.name, tracks.id], cursor) : undefined,
      ),
    )
    .orderBy(asc(tracks.name), asc(tracks.id))
    .limit(limit + 1);
}

export async function findTrack(tx: Db, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(tracks)
    .where(and(eq(tracks.orgId, orgId), eq(tracks.id, id)));
  return row;
}
