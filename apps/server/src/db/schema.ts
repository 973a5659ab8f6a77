import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * Drizzle's view of the tables created by ../../migrations/*.sql. The SQL files are the source of
 * truth (they also hold row-level security and triggers); this file must match them.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  mfaRequiredRoles: text('mfa_required_roles').array().notNull().default([]),
  nextRecordNumber: integer('next_record_number').notNull().default(1),
  createdAt: createdAt(),
});

export const sites = pgTable('sites', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  address: text('address'),
  phone: text('phone'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const programs = pgTable('programs', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  siteId: uuid('site_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  population: text('population').notNull(),
  weeklyHoursMinimum: numeric('weekly_hours_minimum', { mode: 'number' }).notNull(),
  groupCapacity: integer('group_capacity').notNull(),
  planReviewDays: integer('plan_review_days').notNull().default(30),
  crisisPhone: text('crisis_phone'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const tracks = pgTable('tracks', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  programId: uuid('program_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  days: smallint('days').array().notNull(),
  startTime: time('start_time').notNull(),
  endTime: time('end_time').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const participants = pgTable('participants', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  recordNumber: text('record_number').notNull(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  preferredName: text('preferred_name'),
  dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
  pronouns: text('pronouns'),
  preferredLanguage: text('preferred_language').notNull().default('en'),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
  sortName: text('sort_name').generatedAlwaysAs(sql`lower(family_name || ' ' || given_name)`),
  givenFamilyKey: text('given_family_key').generatedAlwaysAs(sql`lower(given_name || ' ' || family_name)`),
  familyKey: text('family_key').generatedAlwaysAs(sql`lower(family_name)`),
  givenKey: text('given_key').generatedAlwaysAs(sql`lower(given_name)`),
  recordKey: text('record_key').generatedAlwaysAs(sql`lower(record_number)`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const participantContacts = pgTable('participant_contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  relation: text('relation'),
  phone: text('phone'),
  email: text('email'),
  isEmergencyContact: boolean('is_emergency_contact').notNull().default(false),
  notes: text('notes'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  kind: text('kind').notNull(),
  roles: text('roles').array().notNull(),
  participantId: uuid('participant_id'),
  contactId: uuid('contact_id'),
  passwordHash: text('password_hash').notNull(),
  mfaSecret: text('mfa_secret'),
  mfaEnabled: boolean('mfa_enabled').notNull().default(false),
  mfaLastStep: bigint('mfa_last_step', { mode: 'number' }),
  mfaExempt: boolean('mfa_exempt').notNull().default(false),
  active: boolean('active').notNull().default(true),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  userId: uuid('user_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  userId: uuid('user_id').notNull(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const loginFailures = pgTable('login_failures', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  emailHash: text('email_hash').notNull(),
  ip: text('ip').notNull(),
  failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
});

export const auditEvents = pgTable('audit_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  seq: bigint('seq', { mode: 'number' }),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  actorUserId: uuid('actor_user_id'),
  actorKind: text('actor_kind').notNull(),
  action: text('action').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: text('subject_id'),
  participantId: uuid('participant_id'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  details: jsonb('details'),
  prevHash: text('prev_hash').notNull().default(''),
  hash: text('hash').notNull().default(''),
});

export const jobs = pgTable('jobs', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind').notNull(),
  payload: jsonb('payload').notNull(),
  dedupeKey: text('dedupe_key'),
  status: text('status').notNull(),
  runAt: timestamp('run_at', { withTimezone: true }).notNull(),
  attempts: integer('attempts').notNull(),
  maxAttempts: integer('max_attempts').notNull(),
  lockedAt: timestamp('locked_at', { withTimezone: true }),
  lockedBy: text('locked_by'),
  lastError: text('last_error'),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export const instrumentResponses = pgTable('instrument_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  instrument: text('instrument').notNull(),
  questionnaireResponse: jsonb('questionnaire_response').$type<Record<string, unknown>>().notNull(),
  total: integer('total'),
  band: text('band'),
  flags: text('flags').array().notNull().default([]),
  subscales: jsonb('subscales').$type<Record<string, number>>(),
  percent: integer('percent'),
  interpretation: text('interpretation').notNull(),
  administeredBy: uuid('administered_by').notNull(),
  authoredAt: timestamp('authored_at', { withTimezone: true }).notNull().defaultNow(),
});

export const alerts = pgTable('alerts', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  severity: text('severity').notNull(),
  rule: text('rule').notNull(),
  sourceType: text('source_type').notNull(),
  sourceId: uuid('source_id').notNull(),
  evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
  suggestedAction: text('suggested_action').notNull(),
  status: text('status').notNull().default('open'),
  createdAt: createdAt(),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  acknowledgedBy: uuid('acknowledged_by'),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  resolvedBy: uuid('resolved_by'),
  resolutionNote: text('resolution_note'),
  assignedTo: uuid('assigned_to'),
  assignedAt: timestamp('assigned_at', { withTimezone: true }),
  assignedBy: uuid('assigned_by'),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  escalatedTo: uuid('escalated_to').array().notNull().default(sql`'{}'`),
});

export const levelOfCareRuleSets = pgTable('level_of_care_rule_sets', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  programId: uuid('program_id').notNull(),
  version: integer('version').notNull(),
  rules: jsonb('rules').$type<unknown>().notNull(),
  changedBy: uuid('changed_by').notNull(),
  createdAt: createdAt(),
});

export const levelOfCareAssessments = pgTable('level_of_care_assessments', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  programId: uuid('program_id'),
  population: text('population').notNull(),
  dimensions: jsonb('dimensions').$type<unknown>().notNull(),
  notes: jsonb('notes').$type<Record<string, string>>().notNull().default({}),
  context: jsonb('context').$type<unknown>().notNull().default({}),
  recommendation: jsonb('recommendation').$type<unknown>().notNull(),
  recommendedLevel: text('recommended_level').notNull(),
  rulesVersion: integer('rules_version').notNull().default(0),
  assessedBy: uuid('assessed_by').notNull(),
  assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull().defaultNow(),
  decision: text('decision'),
  decidedLevel: text('decided_level'),
  overrideReason: text('override_reason'),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
});

export const referrals = pgTable('referrals', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  source: text('source').notNull(),
  referrerName: text('referrer_name'),
  referrerContact: text('referrer_contact'),
  reason: text('reason'),
  programId: uuid('program_id'),
  ownerId: uuid('owner_id'),
  status: text('status').notNull().default('new'),
  receivedOn: date('received_on', { mode: 'string' }).notNull(),
  statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
  referredOutTo: text('referred_out_to'),
  closingReason: text('closing_reason'),
  admittedOn: date('admitted_on', { mode: 'string' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const referralStatusChanges = pgTable('referral_status_changes', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  referralId: uuid('referral_id').notNull(),
  status: text('status').notNull(),
  note: text('note'),
  changedBy: uuid('changed_by').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});

export const episodes = pgTable('episodes', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  programId: uuid('program_id').notNull(),
  trackId: uuid('track_id'),
  referralId: uuid('referral_id'),
  levelOfCareAssessmentId: uuid('level_of_care_assessment_id').notNull(),
  phase: text('phase').notNull(),
  status: text('status').notNull().default('open'),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  expectedLengthDays: integer('expected_length_days').notNull(),
  primaryClinicianId: uuid('primary_clinician_id').notNull(),
  supervisorId: uuid('supervisor_id'),
  prescriberId: uuid('prescriber_id'),
  payer: text('payer'),
  authorizationNumber: text('authorization_number'),
  diagnoses: jsonb('diagnoses')
    .$type<{ code: string; description?: string | null }[]>()
    .notNull()
    .default([]),
  closedOn: date('closed_on', { mode: 'string' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const consents = pgTable('consents', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  kind: text('kind').notNull(),
  version: integer('version').notNull(),
  participantName: text('participant_name').notNull(),
  discloser: text('discloser'),
  information: text('information'),
  recipients: jsonb('recipients')
    .$type<{ type: string; name?: string; contactId?: string }[]>()
    .notNull()
    .default([]),
  purposes: text('purposes').array().notNull().default([]),
  purposeDetail: text('purpose_detail'),
  expiry: jsonb('expiry').$type<unknown>(),
  statement: text('statement').notNull(),
  statementVersion: text('statement_version').notNull(),
  signerName: text('signer_name').notNull(),
  signerRelationship: text('signer_relationship').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
  signedIp: text('signed_ip'),
  recordedBy: uuid('recorded_by').notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by'),
  revocationReason: text('revocation_reason'),
  expiredAt: timestamp('expired_at', { withTimezone: true }),
});

export const rooms = pgTable('rooms', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  siteId: uuid('site_id').notNull(),
  name: text('name').notNull(),
  capacity: integer('capacity'),
  createdAt: createdAt(),
});

export const closures = pgTable('closures', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  siteId: uuid('site_id'),
  date: date('date', { mode: 'string' }).notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const sessionSeries = pgTable('session_series', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  programId: uuid('program_id').notNull(),
  trackId: uuid('track_id'),
  kind: text('kind').notNull(),
  modality: text('modality').notNull(),
  topic: text('topic'),
  roomId: uuid('room_id'),
  telehealthUrl: text('telehealth_url'),
  facilitatorIds: uuid('facilitator_ids').array().notNull(),
  capacity: integer('capacity').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  startTime: time('start_time').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  rrule: text('rrule'),
  exceptions: date('exceptions', { mode: 'string' }).array().notNull().default([]),
  timeZone: text('time_zone').notNull(),
  materialisedUntil: date('materialised_until', { mode: 'string' }).notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
});

export const sessionOccurrences = pgTable('session_occurrences', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  seriesId: uuid('series_id').notNull(),
  localDate: date('local_date', { mode: 'string' }).notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  status: text('status').notNull().default('scheduled'),
  roomId: uuid('room_id'),
  facilitatorIds: uuid('facilitator_ids').array().notNull(),
  cancelReason: text('cancel_reason'),
  cancelledBy: uuid('cancelled_by'),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  moduleId: uuid('module_id'),
  modulePinned: boolean('module_pinned').notNull().default(false),
});

export const curriculumModules = pgTable('curriculum_modules', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  programId: uuid('program_id').notNull(),
  name: text('name').notNull(),
  modality: text('modality').notNull(),
  position: integer('position').notNull(),
  required: boolean('required').notNull().default(true),
  description: text('description'),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const seriesEnrolments = pgTable('series_enrolments', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  seriesId: uuid('series_id').notNull(),
  episodeId: uuid('episode_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  status: text('status').notNull(),
  fromDate: date('from_date', { mode: 'string' }).notNull(),
  waitlistedAt: timestamp('waitlisted_at', { withTimezone: true }),
  availabilityOverride: text('availability_override'),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
});

export const participantAvailability = pgTable('participant_availability', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  kind: text('kind').notNull(),
  weekday: smallint('weekday').notNull(),
  startTime: time('start_time').notNull(),
  endTime: time('end_time').notNull(),
  reason: text('reason'),
  note: text('note'),
});

export const staffWorkingHours = pgTable('staff_working_hours', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  userId: uuid('user_id').notNull(),
  weekday: smallint('weekday').notNull(),
  startTime: time('start_time').notNull(),
  endTime: time('end_time').notNull(),
});

export const staffLeave = pgTable('staff_leave', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  userId: uuid('user_id').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }).notNull(),
  note: text('note'),
  createdAt: createdAt(),
});

export const calendarFeeds = pgTable('calendar_feeds', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id'),
  userId: uuid('user_id'),
  tokenHash: text('token_hash').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const scheduleProposals = pgTable('schedule_proposals', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  programId: uuid('program_id').notNull(),
  week: text('week').notNull(),
  status: text('status').notNull().default('pending'),
  timeLimitSeconds: integer('time_limit_seconds').notNull(),
  basis: text('basis'),
  result: jsonb('result').$type<unknown>(),
  error: text('error'),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  appliedBy: uuid('applied_by'),
  appliedAt: timestamp('applied_at', { withTimezone: true }),
});

export const makeupBookings = pgTable('makeup_bookings', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  episodeId: uuid('episode_id').notNull(),
  missedOccurrenceId: uuid('missed_occurrence_id').notNull(),
  occurrenceId: uuid('occurrence_id').notNull(),
  status: text('status').notNull().default('booked'),
  availabilityOverride: text('availability_override'),
  note: text('note'),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
  cancelledBy: uuid('cancelled_by'),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
});

export const attendance = pgTable('attendance', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  occurrenceId: uuid('occurrence_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  episodeId: uuid('episode_id').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  status: text('status').notNull(),
  minutes: integer('minutes').notNull(),
  note: text('note'),
  recordedBy: uuid('recorded_by').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});

export const tasks = pgTable('tasks', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  assigneeId: uuid('assignee_id').notNull(),
  participantId: uuid('participant_id'),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  status: text('status').notNull().default('open'),
  sourceType: text('source_type').notNull(),
  sourceId: uuid('source_id').notNull(),
  createdAt: createdAt(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  completedBy: uuid('completed_by'),
  completionNote: text('completion_note'),
});

export const treatmentPlans = pgTable('treatment_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  episodeId: uuid('episode_id').notNull(),
  version: integer('version').notNull(),
  status: text('status').notNull().default('draft'),
  problems: jsonb('problems').$type<unknown>().notNull(),
  reviewEveryDays: integer('review_every_days').notNull(),
  nextReviewDate: date('next_review_date', { mode: 'string' }),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
  activatedBy: uuid('activated_by'),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  acknowledgedName: text('acknowledged_name'),
  acknowledgedBy: uuid('acknowledged_by'),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
});

export const planReviews = pgTable('plan_reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  planId: uuid('plan_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  reviewedBy: uuid('reviewed_by').notNull(),
  reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
  progress: jsonb('progress').$type<unknown>().notNull(),
  summary: text('summary'),
  nextReviewDate: date('next_review_date', { mode: 'string' }).notNull(),
  createdAt: createdAt(),
});

export const notes = pgTable('notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  kind: text('kind').notNull(),
  participantId: uuid('participant_id'),
  occurrenceId: uuid('occurrence_id'),
  authorId: uuid('author_id').notNull(),
  status: text('status').notNull().default('draft'),
  private: boolean('private').notNull().default(false),
  content: jsonb('content').$type<Record<string, unknown>>().notNull(),
  minutes: integer('minutes'),
  serviceCode: text('service_code'),
  requiresCosign: boolean('requires_cosign').notNull(),
  version: integer('version').notNull().default(1),
  signedAt: timestamp('signed_at', { withTimezone: true }),
  cosignedBy: uuid('cosigned_by'),
  cosignedAt: timestamp('cosigned_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const noteParts = pgTable('note_parts', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  noteId: uuid('note_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  episodeId: uuid('episode_id').notNull(),
  content: jsonb('content').$type<unknown>().notNull(),
  signed: boolean('signed').notNull().default(false),
});

export const noteVersions = pgTable('note_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  noteId: uuid('note_id').notNull(),
  participantId: uuid('participant_id'),
  content: jsonb('content').$type<unknown>().notNull(),
  savedBy: uuid('saved_by').notNull(),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
});

export const noteAddenda = pgTable('note_addenda', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  noteId: uuid('note_id').notNull(),
  authorId: uuid('author_id').notNull(),
  text: text('text').notNull(),
  createdAt: createdAt(),
});

export const checkIns = pgTable('check_ins', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  localDate: date('local_date', { mode: 'string' }).notNull(),
  mood: integer('mood').notNull(),
  craving: integer('craving').notNull(),
  sleepHours: numeric('sleep_hours', { precision: 3, scale: 1, mode: 'number' }),
  used: boolean('used').notNull(),
  use: jsonb('use').$type<{ substance: string; amount?: string | null }[]>().notNull().default([]),
  skillsUsed: uuid('skills_used').array().notNull().default([]),
  suicidalThoughts: boolean('suicidal_thoughts').notNull().default(false),
  note: text('note'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  alertId: uuid('alert_id'),
  title: text('title').notNull(),
  createdAt: createdAt(),
  readAt: timestamp('read_at', { withTimezone: true }),
  emailedAt: timestamp('emailed_at', { withTimezone: true }),
});

export const drugScreens = pgTable('drug_screens', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  collectedOn: date('collected_on', { mode: 'string' }).notNull(),
  method: text('method').notNull(),
  results: jsonb('results').$type<{ substance: string; result: string }[]>().notNull(),
  observed: boolean('observed').notNull(),
  labReference: text('lab_reference'),
  note: text('note'),
  recordedBy: uuid('recorded_by').notNull(),
  createdAt: createdAt(),
  enteredInErrorAt: timestamp('entered_in_error_at', { withTimezone: true }),
  enteredInErrorBy: uuid('entered_in_error_by'),
  enteredInErrorReason: text('entered_in_error_reason'),
});

/** A version of a program's assessment schedule (migration 0023); the newest applies. */
export const assessmentSchedules = pgTable('assessment_schedules', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  programId: uuid('program_id').notNull(),
  version: integer('version').notNull(),
  rules: jsonb('rules').$type<unknown>().notNull(),
  changedBy: uuid('changed_by').notNull(),
  createdAt: createdAt(),
});

/** A version of a participant's safety plan or relapse-prevention plan (migration 0024). */
export const recoveryPlans = pgTable('recovery_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  participantId: uuid('participant_id').notNull(),
  kind: text('kind').$type<'safety' | 'relapse_prevention'>().notNull(),
  version: integer('version').notNull(),
  status: text('status').$type<'draft' | 'active' | 'superseded' | 'discarded'>().notNull().default('draft'),
  content: jsonb('content').$type<unknown>().notNull(),
  revision: integer('revision').notNull().default(1),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: updatedAt(),
  clinicianSignedBy: uuid('clinician_signed_by'),
  clinicianSignedAt: timestamp('clinician_signed_at', { withTimezone: true }),
  participantSignedBy: uuid('participant_signed_by'),
  participantSignedName: text('participant_signed_name'),
  participantSignedAt: timestamp('participant_signed_at', { withTimezone: true }),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  supersededAt: timestamp('superseded_at', { withTimezone: true }),
  discardedBy: uuid('discarded_by'),
  discardedAt: timestamp('discarded_at', { withTimezone: true }),
});
