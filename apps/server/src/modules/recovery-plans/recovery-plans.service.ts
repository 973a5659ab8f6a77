import { randomUUID } from 'node:crypto';
import {
  type AuditAction,
  emptySafetyPlanSections,
  newRelapsePreventionPlan,
  newSafetyPlan,
  type ParticipantPlanSignatureInput,
  type RecoveryPlanDraftInput,
  type RelapsePreventionContent,
  type RelapsePreventionContentInput,
  type RelapsePreventionContentView,
  relapsePreventionGaps,
  relapsePreventionSectionLabels,
  type SafetyPlan,
  type SafetyPlanContent,
  type SafetyPlanContentInput,
  type SafetyPlanContentView,
  safetyPlanSectionLabels,
  safetyPlanSections,
} from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { moduleNames } from '../curriculum/curriculum.service.js';
import { openEpisodesOf } from '../episodes/episodes.service.js';
import { requireParticipant } from '../participants/participants.service.js';
import { requireProgram } from '../structure/structure.service.js';
import * as repo from './recovery-plans.repository.js';

/*
 * The relapse-prevention plan and the Stanley-Brown safety plan (issue "Between sessions"). Each is
 * versioned per participant: the care team writes a draft with the participant and may change it
 * until someone signs; a clinician signs from the chart and the participant from their own account,
 * in either order; the second signature puts the version into effect and supersedes the one before.
 * What anyone has signed never changes (409 here; the database trigger of migration 0024 as well).
 * A new draft starts from the version in effect, or from a blank plan (988 and the program's crisis
 * line pre-filled on a safety plan).
 *
 * Family accounts do not reach either plan: the plan is the participant's own, written with them, and
 * a family member's account may see only what the participant agreed to share (there is no consent
 * kind for these plans yet). Their `/me` calls answer 404, as for the treatment plan.
 */

/** A version as the API gives it, whatever its content. */
export type PlanVersion<View> = Omit<SafetyPlan, 'content'> & { content: View };

/** What differs between the two kinds of plan. */
interface KindRules<Input, Stored, View> {
  kind: repo.PlanKind;
  /** How messages name it. */
  noun: string;
  actions: Record<'drafted' | 'updated' | 'signed' | 'activated' | 'discarded' | 'read', AuditAction>;
  /** What a blank draft starts with. */
  blank(tx: Db, orgId: string, participantId: string): Promise<Stored>;
  /** The input as stored, checked against the organisation (400 naming the field). */
  store(tx: Db, orgId: string, input: Input): Promise<Stored>;
  /** Stored contents as the API shows them (one look-up for many versions). */
  view(tx: Db, orgId: string, stored: Stored[]): Promise<View[]>;
  /** The titles of what is still missing before it may be signed. */
  gaps(stored: Stored): string[];
}

/** The program's crisis line for a participant: their open program's, when it has one. */
export async function programCrisisLine(tx: Db, orgId: string, participantId: string) {
  const [episode] = await openEpisodesOf(tx, orgId, participantId);
  if (!episode) return undefined;
  const program = await requireProgram(tx, orgId, episode.programId);
  return program.crisisPhone
    ? { text: `${program.name} crisis line`, phone: program.crisisPhone }
    : undefined;
}

const safetyRules: KindRules<SafetyPlanContentInput, SafetyPlanContent, SafetyPlanContentView> = {
  kind: 'safety',
  noun: 'safety plan',
  actions: {
    drafted: 'safety_plan.drafted',
    updated: 'safety_plan.updated',
    signed: 'safety_plan.signed',
    activated: 'safety_plan.activated',
    discarded: 'safety_plan.discarded',
    read: 'safety_plan.read',
  },
  async blank(tx, orgId, participantId) {
    return newSafetyPlan(await programCrisisLine(tx, orgId, participantId));
  },
  async store(_tx, _orgId, input) {
    const stored = {} as SafetyPlanContent;
    for (const section of safetyPlanSections) {
      stored[section] = input[section].map((entry) =>
        entry.phone ? { text: entry.text, phone: entry.phone } : { text: entry.text },
      );
    }
    return stored;
  },
  async view(_tx, _orgId, stored) {
    return stored.map((content) => {
      const view = {} as SafetyPlanContentView;
      for (const section of safetyPlanSections) {
        view[section] = (content[section] ?? []).map((entry) => ({
          text: entry.text,
          phone: entry.phone ?? null,
        }));
      }
      return view;
    });
  },
  gaps: (stored) => emptySafetyPlanSections(stored).map((section) => safetyPlanSectionLabels[section].title),
};

const relapsePreventionRules: KindRules<
  RelapsePreventionContentInput,
  RelapsePreventionContent,
  RelapsePreventionContentView
> = {
  kind: 'relapse_prevention',
  noun: 'relapse-prevention plan',
  actions: {
    drafted: 'relapse_prevention_plan.drafted',
    updated: 'relapse_prevention_plan.updated',
    signed: 'relapse_prevention_plan.signed',
    activated: 'relapse_prevention_plan.activated',
    discarded: 'relapse_prevention_plan.discarded',
    read: 'relapse_prevention_plan.read',
  },
  async blank() {
    return newRelapsePreventionPlan();
  },
  /**
   * Skills keep their ids from version to version (a check-in names the skills used) and get one when
   * new, never the same twice; each linked module must be one of the organisation's curriculum.
   */
  async store(tx, orgId, input) {
    const lists = ['cravingStrategies', 'copingSkills'] as const;
    const linked = lists.flatMap((list) =>
      input[list].flatMap((skill) => (skill.moduleId ? [skill.moduleId] : [])),
    );
    const known = await moduleNames(tx, orgId, linked);
    const seen = new Set<string>();
    const skills = (list: (typeof lists)[number]) =>
      input[list].map((skill, index) => {
        const id = skill.id ?? randomUUID();
        if (seen.has(id)) throw invalidField(`${list}.${index}.id`, 'is used twice in the plan');
        seen.add(id);
        const moduleId = skill.moduleId ?? null;
        if (moduleId && !known.has(moduleId)) {
          throw invalidField(`${list}.${index}.moduleId`, 'is not a curriculum module of this organisation');
        }
        return { id, text: skill.text, moduleId };
      });
    return {
      triggers: input.triggers,
      warningSigns: input.warningSigns,
      cravingStrategies: skills('cravingStrategies'),
      copingSkills: skills('copingSkills'),
      people: input.people.map((person) => ({
        name: person.name,
        relationship: person.relationship ?? null,
        phone: person.phone,
      })),
      reasons: input.reasons,
      afterLapse: input.afterLapse,
    };
  },
  async view(tx, orgId, stored) {
    const names = await moduleNames(
      tx,
      orgId,
      stored.flatMap((content) =>
        [...content.cravingStrategies, ...content.copingSkills].flatMap((skill) =>
          skill.moduleId ? [skill.moduleId] : [],
        ),
      ),
    );
    const skillView = (skill: RelapsePreventionContent['copingSkills'][number]) => ({
      id: skill.id,
      text: skill.text,
      module: skill.moduleId ? { id: skill.moduleId, name: names.get(skill.moduleId) ?? '' } : null,
    });
    return stored.map((content) => ({
      ...content,
      cravingStrategies: content.cravingStrategies.map(skillView),
      copingSkills: content.copingSkills.map(skillView),
    }));
  },
  gaps: (stored) =>
    relapsePreventionGaps(stored).map((section) =>
      section === 'copingSkills'
        ? `${relapsePreventionSectionLabels.cravingStrategies.title} or ${relapsePreventionSectionLabels.copingSkills.title}`
        : relapsePreventionSectionLabels[section].title,
    ),
};

/** The service of one kind of plan: the same versioning and signing, its own content. */
function planService<Input, Stored, View>(rules: KindRules<Input, Stored, View>) {
  type Version = PlanVersion<View>;

  async function present(tx: Db, orgId: string, rows: repo.PlanRow[]): Promise<Version[]> {
    const names = await repo.userNames(tx, orgId, rows.flatMap(repo.peopleOf));
    const contents = await rules.view(
      tx,
      orgId,
      rows.map((row) => row.content as Stored),
    );
    const named = (id: string) => ({ id, name: names.get(id) ?? '' });
    return rows.map((row, index) => ({
      id: row.id,
      participantId: row.participantId,
      version: row.version,
      status: row.status,
      revision: row.revision,
      createdBy: named(row.createdBy),
      createdAt: row.createdAt.toISOString(),
      updatedBy: named(row.updatedBy),
      updatedAt: row.updatedAt.toISOString(),
      clinicianSignature:
        row.clinicianSignedBy && row.clinicianSignedAt
          ? { by: named(row.clinicianSignedBy), at: row.clinicianSignedAt.toISOString() }
          : null,
      participantSignature:
        row.participantSignedName && row.participantSignedAt
          ? { name: row.participantSignedName, at: row.participantSignedAt.toISOString() }
          : null,
      activatedAt: row.activatedAt?.toISOString() ?? null,
      supersededAt: row.supersededAt?.toISOString() ?? null,
      content: contents[index] as View,
    }));
  }
  async function presentOne(tx: Db, orgId: string, row: repo.PlanRow): Promise<Version> {
    const [version] = await present(tx, orgId, [row]);
    if (!version) throw new Error('plan version not presented');
    return version;
  }

  async function requireVersion(tx: Db, orgId: string, id: string, lock = false) {
    const row = await repo.findPlan(tx, orgId, rules.kind, id, lock);
    if (!row) throw notFound(rules.noun);
    return row;
  }

  /** A draft nobody has signed yet, the only kind of version whose words may change. */
  function requireUnsignedDraft(row: repo.PlanRow) {
    if (row.status !== 'draft') {
      throw new AppError(
        'conflict',
        `version ${row.version} is ${statusWords[row.status]}; start a new draft`,
      );
    }
    if (row.clinicianSignedAt || row.participantSignedAt) {
      throw new AppError(
        'conflict',
        `version ${row.version} has been signed and never changes; discard it and start a new draft`,
      );
    }
  }

  /**
   * Signs a draft as the clinician or as the participant. The signer names the revision they read;
   * the plan must have what it needs (every section of a safety plan). The second signature puts the
   * version into effect and supersedes the version before.
   */
  async function sign(
    tx: Db,
    ctx: ServiceContext,
    row: repo.PlanRow,
    revision: number,
    signer: { as: 'clinician' } | { as: 'participant'; typedName: string },
  ): Promise<repo.PlanRow> {
    const orgId = ctx.actor.orgId;
    if (row.status !== 'draft') {
      throw new AppError(
        'conflict',
        `version ${row.version} is ${statusWords[row.status]}; only a draft is signed`,
      );
    }
    if (revision !== row.revision) {
      throw new AppError(
        'conflict',
        'the draft has changed since it was opened; read it again before signing',
      );
    }
    const already = signer.as === 'clinician' ? row.clinicianSignedAt : row.participantSignedAt;
    if (already) throw new AppError('conflict', `the ${signer.as} has already signed version ${row.version}`);
    const gaps = rules.gaps(row.content as Stored);
    if (gaps.length > 0) {
      throw new AppError('conflict', `fill in ${gaps.join('; ')} before signing the ${rules.noun}`);
    }
    const now = new Date();
    let signed = await repo.updatePlan(
      tx,
      orgId,
      row.id,
      signer.as === 'clinician'
        ? { clinicianSignedBy: ctx.actor.userId, clinicianSignedAt: now }
        : {
            participantSignedBy: ctx.actor.userId,
            participantSignedName: signer.typedName,
            participantSignedAt: now,
          },
    );
    await recordAudit(tx, ctx, {
      action: rules.actions.signed,
      subjectType: `${rules.kind}_plan`,
      subjectId: row.id,
      participantId: row.participantId,
      details: { version: row.version, as: signer.as },
    });
    if (signed.clinicianSignedAt && signed.participantSignedAt) {
      const previous = await repo.planIn(tx, orgId, rules.kind, row.participantId, 'active', true);
      if (previous)
        await repo.updatePlan(tx, orgId, previous.id, { status: 'superseded', supersededAt: now });
      signed = await repo.updatePlan(tx, orgId, row.id, { status: 'active', activatedAt: now });
      await recordAudit(tx, ctx, {
        action: rules.actions.activated,
        subjectType: `${rules.kind}_plan`,
        subjectId: row.id,
        participantId: row.participantId,
        details: { version: row.version, ...(previous ? { supersedes: previous.version } : {}) },
      });
    }
    return signed;
  }

  /** Only the participant's own account reaches their plan in the portal (see the note above). */
  function ownParticipant(ctx: ServiceContext): string {
    const id = ctx.actor.accountKind === 'participant' ? ctx.actor.participantId : null;
    if (!id) throw notFound(rules.noun);
    return id;
  }

  return {
    /** Every version of the participant's plan, newest first, for the care team. */
    versions(ctx: ServiceContext, participantId: string): Promise<{ items: Version[] }> {
      return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
        const orgId = ctx.actor.orgId;
        await requireParticipant(tx, orgId, participantId);
        const rows = await repo.planVersions(tx, orgId, rules.kind, participantId);
        await recordAudit(tx, ctx, {
          action: rules.actions.read,
          subjectType: 'participant',
          subjectId: participantId,
          participantId,
          details: { versions: rows.length },
        });
        return { items: await present(tx, orgId, rows) };
      });
    },

    /** The version in effect, or 404 when none is yet. */
    active(ctx: ServiceContext, participantId: string): Promise<Version> {
      return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
        const orgId = ctx.actor.orgId;
        await requireParticipant(tx, orgId, participantId);
        const row = await repo.planIn(tx, orgId, rules.kind, participantId, 'active');
        if (!row) throw notFound(rules.noun);
        await recordAudit(tx, ctx, {
          action: rules.actions.read,
          subjectType: `${rules.kind}_plan`,
          subjectId: row.id,
          participantId,
        });
        return presentOne(tx, orgId, row);
      });
    },

    get(ctx: ServiceContext, id: string): Promise<Version> {
      return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
        const row = await requireVersion(tx, ctx.actor.orgId, id);
        await recordAudit(tx, ctx, {
          action: rules.actions.read,
          subjectType: `${rules.kind}_plan`,
          subjectId: id,
          participantId: row.participantId,
        });
        return presentOne(tx, ctx.actor.orgId, row);
      });
    },

    /** Starts the next version as a draft: from the version in effect (when there is one) or blank. */
    startDraft(ctx: ServiceContext, participantId: string, input: RecoveryPlanDraftInput): Promise<Version> {
      return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
        const orgId = ctx.actor.orgId;
        await requireParticipant(tx, orgId, participantId);
        const draft = await repo.planIn(tx, orgId, rules.kind, participantId, 'draft');
        if (draft) {
          throw new AppError(
            'conflict',
            `there is already a draft (version ${draft.version}); work on that draft`,
          );
        }
        const active = await repo.planIn(tx, orgId, rules.kind, participantId, 'active');
        const startFrom = input.startFrom ?? (active ? 'active' : 'blank');
        if (startFrom === 'active' && !active) {
          throw invalidField('startFrom', `there is no ${rules.noun} in effect to start from`);
        }
        const content =
          startFrom === 'active' && active ? active.content : await rules.blank(tx, orgId, participantId);
        const row = await repo.insertPlan(tx, {
          orgId,
          participantId,
          kind: rules.kind,
          version: (await repo.lastVersion(tx, orgId, rules.kind, participantId)) + 1,
          status: 'draft',
          content,
          createdBy: ctx.actor.userId,
          updatedBy: ctx.actor.userId,
        });
        await recordAudit(tx, ctx, {
          action: rules.actions.drafted,
          subjectType: `${rules.kind}_plan`,
          subjectId: row.id,
          participantId,
          details: { version: row.version, startFrom },
        });
        return presentOne(tx, orgId, row);
      });
    },

    /** Replaces a draft's content; refused (409) once anyone has signed it. */
    updateDraft(ctx: ServiceContext, id: string, input: Input): Promise<Version> {
      return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
        const orgId = ctx.actor.orgId;
        const row = await requireVersion(tx, orgId, id, true);
        requireUnsignedDraft(row);
        const saved = await repo.updatePlan(tx, orgId, id, {
          content: await rules.store(tx, orgId, input),
          revision: row.revision + 1,
          updatedBy: ctx.actor.userId,
          updatedAt: new Date(),
        });
        await recordAudit(tx, ctx, {
          action: rules.actions.updated,
          subjectType: `${rules.kind}_plan`,
          subjectId: id,
          participantId: row.participantId,
          details: { version: row.version, revision: saved.revision },
        });
        return presentOne(tx, orgId, saved);
      });
    },

    /** The clinician's signature on a draft. */
    signAsClinician(ctx: ServiceContext, id: string, revision: number): Promise<Version> {
      return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
        const row = await requireVersion(tx, ctx.actor.orgId, id, true);
        return presentOne(tx, ctx.actor.orgId, await sign(tx, ctx, row, revision, { as: 'clinician' }));
      });
    },

    /** Sets a draft aside (kept, as it may carry a signature), so a new draft can start. */
    discard(ctx: ServiceContext, id: string): Promise<Version> {
      return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
        const orgId = ctx.actor.orgId;
        const row = await requireVersion(tx, orgId, id, true);
        if (row.status !== 'draft') {
          throw new AppError(
            'conflict',
            `version ${row.version} is ${statusWords[row.status]}; only a draft is discarded`,
          );
        }
        const discarded = await repo.updatePlan(tx, orgId, id, {
          status: 'discarded',
          discardedBy: ctx.actor.userId,
          discardedAt: new Date(),
        });
        await recordAudit(tx, ctx, {
          action: rules.actions.discarded,
          subjectType: `${rules.kind}_plan`,
          subjectId: id,
          participantId: row.participantId,
          details: { version: row.version },
        });
        return presentOne(tx, orgId, discarded);
      });
    },

    /** The participant's own plan: the version in effect and a draft to read and sign, either may be null. */
    mine(ctx: ServiceContext): Promise<{ active: Version | null; draft: Version | null }> {
      return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
        const orgId = ctx.actor.orgId;
        const participantId = ownParticipant(ctx);
        const active = await repo.planIn(tx, orgId, rules.kind, participantId, 'active');
        const draft = await repo.planIn(tx, orgId, rules.kind, participantId, 'draft');
        await recordAudit(tx, ctx, {
          action: rules.actions.read,
          subjectType: 'participant',
          subjectId: participantId,
          participantId,
          details: { versions: [active?.version, draft?.version].filter((version) => version !== undefined) },
        });
        const rows = [active, draft].filter((row): row is repo.PlanRow => row !== undefined);
        const shown = await present(tx, orgId, rows);
        return {
          active: active ? (shown[0] ?? null) : null,
          draft: draft ? (shown[rows.length - 1] ?? null) : null,
        };
      });
    },

    /** The participant signs the draft they read, with their typed name. */
    signAsParticipant(ctx: ServiceContext, input: ParticipantPlanSignatureInput): Promise<Version> {
      return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
        const participantId = ownParticipant(ctx);
        const row = await repo.findPlan(tx, ctx.actor.orgId, rules.kind, input.planId, true);
        if (!row || row.participantId !== participantId) throw notFound(rules.noun);
        const signed = await sign(tx, ctx, row, input.revision, {
          as: 'participant',
          typedName: input.typedName,
        });
        return presentOne(tx, ctx.actor.orgId, signed);
      });
    },
  };
}

const statusWords: Record<repo.PlanRow['status'], string> = {
  draft: 'a draft',
  active: 'in effect',
  superseded: 'superseded',
  discarded: 'discarded',
};

export const safetyPlans = planService(safetyRules);
export const relapsePreventionPlans = planService(relapsePreventionRules);
