import { z } from 'zod';
import { idSchema, timestampSchema } from './common.js';

/** Every kind of audit event. Closed: adding one is a deliberate change here. */
export const auditActions = [
  /** A user signed in. */
  'auth.login',
  /** A user signed out. */
  'auth.logout',
  /** A user enabled TOTP multi-factor authentication. */
  'auth.mfa_enabled',
  /** A user disabled TOTP multi-factor authentication. */
  'auth.mfa_disabled',
  /** A user changed their password. */
  'auth.password_changed',
  /** A personal API token was created. */
  'auth.token_created',
  /** A personal API token was revoked. */
  'auth.token_revoked',
  /** Organisation settings changed (name, MFA policy). */
  'organisation.updated',
  /** A site was created or changed. */
  'site.created',
  'site.updated',
  /** A program was created or changed. */
  'program.created',
  'program.updated',
  /** A track was created, changed or removed. */
  'track.created',
  'track.updated',
  'track.deleted',
  /** A staff account was created or changed (roles, active). */
  'staff.created',
  'staff.updated',
  /** A participant record was created. */
  'participant.created',
  /** A participant record was opened. */
  'participant.read',
  /** A participant record was changed; details list the changed fields, never their values. */
  'participant.updated',
  /** Participants were listed or searched; details list the ids shown. */
  'participant.listed',
  /** A participant's contacts were listed. */
  'contact.listed',
  /** A contact was added, changed or removed. */
  'contact.created',
  'contact.updated',
  'contact.deleted',
  /** A portal account (participant or family) was created for a participant. */
  'account.created',
  /** A participant or family member opened their own record in the portal. */
  'portal.record_read',
  /** An instrument was administered to a participant; details name the instrument, never the answers. */
  'instrument_response.created',
  /** A participant's instrument responses were listed. */
  'instrument_response.listed',
  /** A drug or alcohol screen was recorded; details carry the method and count, never the results. */
  'drug_screen.recorded',
  /** A participant's drug screens were listed. */
  'drug_screen.listed',
  /** A screen was marked entered in error (kept, struck through, out of trends); details carry no reason. */
  'drug_screen.entered_in_error',
  /** A participant's measurement trends (scores and screens) were read. */
  'measurement.read',
  /** A program's outcomes (counts and shares, no names) were read. */
  'outcomes.read',
  /** A program's assessment schedule was changed; details carry the new version. */
  'assessment_schedule.changed',
  /** The assessments a participant owes were read (by the care team or by the participant). */
  'assessment.due_read',
  /** A program's overdue assessments were listed; details list the participants shown. */
  'assessment.overdue_listed',
  /** An alert was raised for the care team. */
  'alert.created',
  /** The alert inbox was read; details list the participants whose alerts were shown. */
  'alert.listed',
  /** An alert was acknowledged. */
  'alert.acknowledged',
  /** An alert was handed to a member of the care team; details name them. */
  'alert.assigned',
  /** An alert was resolved with a note (the note stays on the alert, not in the log). */
  'alert.resolved',
  /** A critical alert nobody acknowledged in time was escalated to supervisors; details name them. */
  'alert.escalated',
  /** One alert was opened, with its evidence. */
  'alert.read',
  /** A level-of-care assessment was recorded. */
  'level_of_care.assessed',
  /** A level-of-care recommendation was confirmed or overridden; details carry the decision. */
  'level_of_care.decided',
  /** A participant's level-of-care assessments were listed. */
  'level_of_care.listed',
  /** A program's level-of-care rules were changed; details carry the new version. */
  'level_of_care.rules_changed',
  /** A referral was recorded; details name its source. */
  'referral.created',
  /** A referral was opened. */
  'referral.read',
  /** The referral board or a participant's referrals were listed; details list the participants shown. */
  'referral.listed',
  /** A referral's owner, program or notes changed; details list the fields. */
  'referral.updated',
  /** A referral moved along the pipeline; details carry from and to. */
  'referral.status_changed',
  /** A participant was admitted: an episode of care opened. */
  'episode.created',
  /** A participant's episodes were listed. */
  'episode.listed',
  /** A consent was signed and recorded; details name its kind and version. */
  'consent.created',
  /** A consent was revoked. */
  'consent.revoked',
  /** A participant's consents were listed. */
  'consent.listed',
  /** Whether a disclosure is allowed was checked; details carry the recipient type, purpose and answer. */
  'disclosure.checked',
  /** A room or a closure (holiday) was added. */
  'room.created',
  'closure.created',
  /** A session or a recurring series was scheduled; details carry how many occurrences. */
  'session_series.created',
  /** A participant was enrolled in a series, or placed on its waitlist; details carry the status. */
  'enrolment.created',
  /** A participant left a series; details name who was offered the freed seat. */
  'enrolment.withdrawn',
  /** A waitlisted participant was given a seat that freed up. */
  'enrolment.promoted',
  /** A series' roster was read. */
  'enrolment.listed',
  /** A session (one occurrence) was cancelled; details carry how many people it affected. */
  'session.cancelled',
  /** A make-up was booked for a missed or cancelled session, cancelled, or a participant's make-ups read. */
  'makeup.booked',
  'makeup.cancelled',
  'makeup.listed',
  /** A program's curriculum changed: a module added, changed or retired, the rotation reordered. */
  'curriculum.module_added',
  'curriculum.module_updated',
  'curriculum.reordered',
  /** Staff set the module one session teaches. */
  'session.module_set',
  /** A participant's curriculum coverage was read, or a program's list of who will miss a module. */
  'curriculum.coverage_read',
  'curriculum.gaps_read',
  /** A participant's availability and blackouts were recorded, or read. */
  'availability.updated',
  'availability.read',
  /** A staff member's working hours were recorded, or leave added. */
  'staff.working_hours_updated',
  'staff.leave_added',
  /** A private calendar link was created or revoked. */
  'calendar_feed.created',
  'calendar_feed.revoked',
  /** A calendar application fetched a feed; the actor is the link, not a user. */
  'calendar_feed.read',
  /** The optimizer was asked for a proposal; its result was read; a director applied it. */
  'schedule_proposal.created',
  'schedule_proposal.read',
  'schedule_proposal.applied',
  /** A session's attendance was recorded or corrected, or read; a participant's attendance history read. */
  'attendance.recorded',
  'attendance.read',
  /** A task was created for a staff member, completed, or cancelled because its reason went away. */
  'task.created',
  'task.completed',
  'task.cancelled',
  /** A staff member read their task inbox. */
  'task.listed',
  /** A treatment plan was drafted, revised, took effect, was read, reviewed or acknowledged by the participant. */
  'treatment_plan.drafted',
  'treatment_plan.updated',
  'treatment_plan.activated',
  'treatment_plan.read',
  'treatment_plan.reviewed',
  'treatment_plan.acknowledged',
  /** A draft plan was thrown away before taking effect. */
  'treatment_plan.discarded',
  /** The program's list of plan reviews due was read. */
  'treatment_plan.reviews_listed',
  /** A clinician read their day: sessions, rosters and flags, notes owed. */
  'clinician_day.read',
  /** A note was drafted, saved, signed, co-signed, given an addendum, read, or a chart's notes listed. */
  'note.created',
  'note.updated',
  'note.signed',
  'note.cosigned',
  'note.addendum_added',
  'note.read',
  'note.listed',
  /** A participant checked in (or replaced the day's check-in); check-ins were read. */
  'check_in.recorded',
  'check_in.read',
  /**
   * A safety plan or relapse-prevention plan: a draft started or changed, signed (details say by whom:
   * clinician or participant), in effect once both signed, a draft discarded, versions read.
   */
  'safety_plan.drafted',
  'safety_plan.updated',
  'safety_plan.signed',
  'safety_plan.activated',
  'safety_plan.discarded',
  'safety_plan.read',
  'relapse_prevention_plan.drafted',
  'relapse_prevention_plan.updated',
  'relapse_prevention_plan.signed',
  'relapse_prevention_plan.activated',
  'relapse_prevention_plan.discarded',
  'relapse_prevention_plan.read',
  /** A participant's weekly hours were read. */
  'participant.hours_read',
  /** The audit trail was read. */
  'audit.listed',
  /** The audit trail's hash chain was checked. */
  'audit.verified',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEventSchema = z.object({
  id: idSchema,
  seq: z.number(),
  occurredAt: timestampSchema,
  actorUserId: idSchema.nullable(),
  actorName: z.string().nullable(),
  actorKind: z.string(),
  action: z.enum(auditActions),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  participantId: idSchema.nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
  participantId: idSchema.optional(),
});

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  eventsChecked: z.number(),
  problems: z.array(z.object({ seq: z.number().nullable(), problem: z.string() })),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
