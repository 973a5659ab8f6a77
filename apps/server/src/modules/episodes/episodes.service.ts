import { type Episode, type EpisodeInput, levelOfCareLabels } from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { requireDecidedAssessment } from '../level-of-care/level-of-care.service.js';
import { requireParticipant } from '../participants/participants.service.js';
import { admitReferral } from '../referrals/referrals.service.js';
import { requireActiveStaff } from '../staff/staff.service.js';
import { requireProgram, requireTrack } from '../structure/structure.service.js';
import * as repo from './episodes.repository.js';

/**
 * Admits a participant: opens an episode of care in a program, justified by a level-of-care assessment
 * decided for intensive outpatient care, with its care team, payer and diagnoses. The referral it
 * answers, if any, becomes admitted in the same transaction. A participant has at most one open
 * episode per program.
 */
export function admit(ctx: ServiceContext, participantId: string, input: EpisodeInput): Promise<Episode> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    const program = await requireProgram(tx, orgId, input.programId, 'programId');
    if (input.trackId) {
      const track = await requireTrack(tx, orgId, input.trackId, 'trackId');
      if (track.programId !== program.id)
        throw invalidField('trackId', 'the track belongs to another program');
    }
    const assessment = await requireDecidedAssessment(
      tx,
      orgId,
      input.levelOfCareAssessmentId,
      participantId,
    );
    if (assessment.decision.level !== 'iop') {
      throw new AppError(
        'conflict',
        `the level-of-care decision was ${levelOfCareLabels[assessment.decision.level].toLowerCase()}, not ` +
          'intensive outpatient: refer out, or record a new assessment',
      );
    }
    await requireActiveStaff(tx, orgId, input.primaryClinicianId, 'primaryClinicianId');
    if (input.supervisorId) await requireActiveStaff(tx, orgId, input.supervisorId, 'supervisorId');
    if (input.prescriberId) await requireActiveStaff(tx, orgId, input.prescriberId, 'prescriberId');
    if (input.referralId) await admitReferral(tx, ctx, input.referralId, participantId, input.startDate);
    const row = await repo.insertEpisode(tx, {
      orgId,
      participantId,
      programId: program.id,
      trackId: input.trackId ?? null,
      referralId: input.referralId ?? null,
      levelOfCareAssessmentId: assessment.id,
      phase: input.phase,
      startDate: input.startDate,
      expectedLengthDays: input.expectedLengthDays,
      primaryClinicianId: input.primaryClinicianId,
      supervisorId: input.supervisorId ?? null,
      prescriberId: input.prescriberId ?? null,
      payer: input.payer ?? null,
      authorizationNumber: input.authorizationNumber ?? null,
      diagnoses: input.diagnoses.map((diagnosis) => ({
        code: diagnosis.code,
        description: diagnosis.description ?? null,
      })),
    });
    if (!row) {
      throw new AppError('conflict', `the participant already has an open episode in ${program.name}`);
    }
    await recordAudit(tx, ctx, {
      action: 'episode.created',
      subjectType: 'episode',
      subjectId: row.id,
      participantId,
      details: { programId: program.id, referralId: input.referralId ?? null },
    });
    const episode = await repo.findEpisode(tx, orgId, row.id);
    if (!episode) throw notFound('episode');
    return episode;
  });
}

export function listEpisodes(ctx: ServiceContext, participantId: string): Promise<{ items: Episode[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    const items = await repo.listEpisodes(tx, ctx.actor.orgId, participantId);
    await recordAudit(tx, ctx, {
      action: 'episode.listed',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
    });
    return { items };
  });
}

/** An open episode, inside another module's transaction: a 400 on `field` when missing or closed. */
export async function requireOpenEpisode(tx: Db, orgId: string, id: string, field: string): Promise<Episode> {
  const episode = await repo.findEpisode(tx, orgId, id);
  if (!episode) throw invalidField(field, 'no episode of care with this id in the organisation');
  if (episode.status !== 'open') throw invalidField(field, 'the episode of care is closed');
  return episode;
}

/** An episode of care by id, open or closed, for other modules (its care team, its program). */
export function episodeById(tx: Db, orgId: string, id: string): Promise<Episode | undefined> {
  return repo.findEpisode(tx, orgId, id);
}

/** The open episodes of a participant (usually one), for weekly hours and rosters. */
export function openEpisodesOf(tx: Db, orgId: string, participantId: string): Promise<Episode[]> {
  return repo
    .listEpisodes(tx, orgId, participantId)
    .then((items) => items.filter((item) => item.status === 'open'));
}

/** The open episodes of a program, with participant names, for rosters and hours views. */
export function openEpisodesInProgram(tx: Db, orgId: string, programId: string) {
  return repo.openEpisodesInProgram(tx, orgId, programId);
}
