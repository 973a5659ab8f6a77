import {
  type Answer,
  consentStatements,
  consentStatementsVersion,
  criticalFlagAlerts,
  type DimensionRatings,
  type InstrumentCode,
  instruments,
  type LevelOfCareContext,
  questionnaireResponseOf,
  type ReferralSource,
  type ReferralStatus,
  recommendLevelOfCare,
  scoreInstrument,
} from '@stepwise/core';
import type { Db } from '../db/database.js';
import {
  alerts,
  consents,
  episodes,
  instrumentResponses,
  levelOfCareAssessments,
  referralStatusChanges,
  referrals,
} from '../db/schema.js';

export interface DemoPerson {
  participantId: string;
  name: string;
  familyContactId?: string;
}

/** An admission the demo made, for the demo schedule to enrol. */
export interface DemoAdmission {
  episodeId: string;
  participantId: string;
  startDate: string;
}

interface DemoStaff {
  intake: string;
  clinician: string;
  supervisor: string;
}

const day = 86_400_000;
const dateDaysAgo = (now: Date, days: number) =>
  new Date(now.getTime() - days * day).toISOString().slice(0, 10);
const timeDaysAgo = (now: Date, days: number, hour = 15) => {
  const at = new Date(now.getTime() - days * day);
  at.setUTCHours(hour, 0, 0, 0);
  return at;
};

/** Where each demo referral stands, so every column of the board and both outcomes can be seen. */
const pipeline: { status: ReferralStatus; source: ReferralSource; daysAgo: number; referrer: string }[] = [
  {
    status: 'admitted',
    source: 'residential_step_down',
    daysAgo: 40,
    referrer: 'Sampleview Residential (demo)',
  },
  { status: 'admitted', source: 'hospital', daysAgo: 33, referrer: 'Example General ED (demo)' },
  { status: 'admitted', source: 'primary_care', daysAgo: 26, referrer: 'Maple Family Practice (demo)' },
  { status: 'admitted', source: 'court', daysAgo: 21, referrer: 'County Drug Court (demo)' },
  { status: 'new', source: 'self', daysAgo: 1, referrer: 'Self-referral by phone' },
  { status: 'new', source: 'employer', daysAgo: 2, referrer: 'Acme Works EAP (demo)' },
  { status: 'screening', source: 'family', daysAgo: 4, referrer: 'Sister, by phone' },
  {
    status: 'screening',
    source: 'inpatient_step_down',
    daysAgo: 5,
    referrer: 'St. Example Behavioral Unit (demo)',
  },
  { status: 'assessment', source: 'primary_care', daysAgo: 7, referrer: 'Oak Street Clinic (demo)' },
  { status: 'waitlisted', source: 'self', daysAgo: 12, referrer: 'Walk-in' },
  { status: 'referred_out', source: 'hospital', daysAgo: 15, referrer: 'Example General ED (demo)' },
  { status: 'declined', source: 'other', daysAgo: 18, referrer: 'Community outreach (demo)' },
];

const stagesTo: Record<ReferralStatus, ReferralStatus[]> = {
  new: ['new'],
  screening: ['new', 'screening'],
  assessment: ['new', 'screening', 'assessment'],
  waitlisted: ['new', 'screening', 'waitlisted'],
  admitted: ['new', 'screening', 'assessment', 'admitted'],
  referred_out: ['new', 'screening', 'assessment', 'referred_out'],
  declined: ['new', 'declined'],
};

/**
 * The demo clinic's front door: referrals in every stage, screening scores, level-of-care decisions,
 * admitted episodes with consents, and one open critical alert, all dated relative to `now` so the
 * demo always looks current. Scores and recommendations come from the real rules.
 */
export async function seedDemoIntake(
  tx: Db,
  orgId: string,
  programId: string,
  people: DemoPerson[],
  staff: DemoStaff,
  now = new Date(),
): Promise<DemoAdmission[]> {
  const admitted: DemoAdmission[] = [];
  for (const [index, spec] of pipeline.entries()) {
    const person = people[index];
    if (!person) break;
    const receivedOn = dateDaysAgo(now, spec.daysAgo);
    const stages = stagesTo[spec.status];
    const admittedOn = spec.status === 'admitted' ? dateDaysAgo(now, spec.daysAgo - 6) : null;
    const [referral] = await tx
      .insert(referrals)
      .values({
        orgId,
        participantId: person.participantId,
        source: spec.source,
        referrerName: spec.referrer,
        reason: 'Synthetic demo referral.',
        programId,
        ownerId: staff.intake,
        status: spec.status,
        receivedOn,
        statusChangedAt: timeDaysAgo(now, spec.daysAgo - stages.length + 1),
        referredOutTo: spec.status === 'referred_out' ? 'Harbor Withdrawal Center (demo)' : null,
        closingReason:
          spec.status === 'referred_out'
            ? 'Needs medically managed withdrawal first; re-refer after.'
            : spec.status === 'declined'
              ? 'Chose an outpatient counsellor closer to home.'
              : null,
        admittedOn,
      })
      .returning({ id: referrals.id });
    if (!referral) throw new Error('demo referral not created');
    await tx.insert(referralStatusChanges).values(
      stages.map((status, step) => ({
        orgId,
        referralId: referral.id,
        status,
        note: status === 'waitlisted' ? 'Evening track full; offered the next opening.' : null,
        changedBy: staff.intake,
        changedAt: timeDaysAgo(now, spec.daysAgo - step),
      })),
    );

    if (stages.includes('screening')) {
      const item9 = index === 1 ? 1 : 0;
      await administer(
        tx,
        orgId,
        person,
        'phq9',
        [2, 2, 1, 1, 2, 1, 1, 0, item9],
        staff.intake,
        timeDaysAgo(now, spec.daysAgo - 1),
      );
      await administer(
        tx,
        orgId,
        person,
        'gad7',
        [1, 2, 1, 1, 1, 0, 1],
        staff.intake,
        timeDaysAgo(now, spec.daysAgo - 1),
      );
      await administer(
        tx,
        orgId,
        person,
        'auditc',
        [3, 2, 2],
        staff.intake,
        timeDaysAgo(now, spec.daysAgo - 1),
        'male',
      );
    }
    if (!stages.includes('assessment')) continue;

    const withdrawal = spec.status === 'referred_out';
    const dimensions: DimensionRatings = withdrawal
      ? { d1: 3, d2: 1, d3: 1, d4: 2, d5: 2, d6: 2 }
      : { d1: 0, d2: 1, d3: 2, d4: 2, d5: 2, d6: index % 2 };
    const context: LevelOfCareContext =
      spec.source === 'residential_step_down'
        ? { steppingDownFrom: 'residential', stableHome: true }
        : { stableHome: true };
    const recommendation = recommendLevelOfCare({ population: 'adult', dimensions, context });
    const decided = spec.status === 'admitted' || withdrawal;
    const [assessment] = await tx
      .insert(levelOfCareAssessments)
      .values({
        orgId,
        participantId: person.participantId,
        programId,
        population: 'adult',
        dimensions,
        notes: { d5: 'Synthetic note: lapses under stress at work.' },
        context,
        recommendation,
        recommendedLevel: recommendation.level,
        assessedBy: staff.clinician,
        assessedAt: timeDaysAgo(now, spec.daysAgo - 2),
        ...(decided
          ? {
              decision: 'confirmed',
              decidedLevel: recommendation.level,
              decidedBy: staff.clinician,
              decidedAt: timeDaysAgo(now, spec.daysAgo - 2, 16),
            }
          : {}),
      })
      .returning({ id: levelOfCareAssessments.id });
    if (!assessment || spec.status !== 'admitted' || !admittedOn) continue;

    const [episode] = await tx
      .insert(episodes)
      .values({
        orgId,
        participantId: person.participantId,
        programId,
        referralId: referral.id,
        levelOfCareAssessmentId: assessment.id,
        phase: 'Early recovery',
        startDate: admittedOn,
        expectedLengthDays: 56,
        primaryClinicianId: staff.clinician,
        supervisorId: staff.supervisor,
        payer: 'Synthetic Health Plan',
        authorizationNumber: `DEMO-AUTH-${String(index + 1).padStart(4, '0')}`,
        diagnoses: [{ code: 'F10.20', description: 'Alcohol use disorder, moderate' }],
      })
      .returning({ id: episodes.id });
    if (episode)
      admitted.push({ episodeId: episode.id, participantId: person.participantId, startDate: admittedOn });
    const signedAt = timeDaysAgo(now, spec.daysAgo - 6, 14);
    const signature = {
      orgId,
      participantId: person.participantId,
      participantName: person.name,
      signerName: person.name,
      signerRelationship: 'self',
      signedAt,
      recordedBy: staff.intake,
      statementVersion: consentStatementsVersion,
      version: 1,
    };
    await tx.insert(consents).values([
      {
        ...signature,
        kind: 'tpo',
        discloser: 'Demo Recovery Center',
        purposes: ['treatment', 'payment', 'health_care_operations'],
        expiry: { kind: 'event', event: 'end of treatment' },
        statement: consentStatements.tpo,
      },
      { ...signature, kind: 'privacy_notice', statement: consentStatements.privacy_notice },
      ...(person.familyContactId
        ? [
            {
              ...signature,
              kind: 'family_involvement',
              recipients: [{ type: 'family_member', contactId: person.familyContactId }],
              purposes: ['family_involvement'],
              information: 'Attendance and progress, and family sessions.',
              expiry: { kind: 'none' },
              statement: consentStatements.family_involvement,
            },
          ]
        : []),
    ]);
  }
  return admitted;
}

async function administer(
  tx: Db,
  orgId: string,
  person: DemoPerson,
  code: InstrumentCode,
  answers: Answer[],
  authorId: string,
  authoredAt: Date,
  sex?: 'female' | 'male',
): Promise<void> {
  const definition = instruments[code];
  const outcome = scoreInstrument(definition, answers, sex ? { sex } : {});
  if (!outcome.ok) throw new Error(`demo ${code} answers do not score`);
  const { score } = outcome;
  const [response] = await tx
    .insert(instrumentResponses)
    .values({
      orgId,
      participantId: person.participantId,
      instrument: code,
      questionnaireResponse: questionnaireResponseOf(definition, answers, {
        participantId: person.participantId,
        authorId,
        authoredAt,
      }),
      total: score.total,
      band: score.band,
      flags: score.flags,
      subscales: score.subscales ?? null,
      percent: score.percent ?? null,
      interpretation: score.interpretation,
      administeredBy: authorId,
      authoredAt,
    })
    .returning({ id: instrumentResponses.id });
  if (response && score.flags.includes('suicidal_ideation')) {
    await tx.insert(alerts).values({
      orgId,
      participantId: person.participantId,
      severity: 'critical',
      ...criticalFlagAlerts.suicidal_ideation,
      sourceType: 'instrument_response',
      sourceId: response.id,
      evidence: {
        instrument: 'phq9',
        responseId: response.id,
        item: 9,
        value: answers[8],
        total: score.total,
      },
      createdAt: authoredAt,
    });
  }
}
