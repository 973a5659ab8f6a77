import {
  defaultWeeklyHoursMinimum,
  type Population,
  type ProgramKind,
  type Role,
  type StaffRole,
  staffRoles,
  trackPresets,
} from '@stepwise/core';
import { count, eq } from 'drizzle-orm';
import type { Database, Db } from '../db/database.js';
import {
  organisations,
  participantContacts,
  participants,
  programs,
  sites,
  tracks,
  users,
} from '../db/schema.js';
import { hashPassword } from '../modules/auth/secrets.js';
import { type DemoPerson, seedDemoIntake } from './demo-intake.js';
import { seedDemoSchedule } from './demo-schedule.js';
import { seededRandom, syntheticContacts, syntheticParticipant } from './synthetic.js';

export const demoPassword = 'stepwise-demo';

/** The demo sign-ins, printed at start-up and in the README. */
export const demoLogins: { email: string; role: Role | 'admin (second organisation)' }[] = [
  ...staffRoles.map((role) => ({ email: `${role}@demo.stepwise.test`, role })),
  { email: 'participant@demo.stepwise.test', role: 'participant' },
  { email: 'family@demo.stepwise.test', role: 'family' },
  { email: 'admin@second.stepwise.test', role: 'admin (second organisation)' },
];

const staffNames: Record<StaffRole, string> = {
  admin: 'Avery Adminton (demo)',
  director: 'Dana Directorly (demo)',
  intake: 'Ines Intakeford (demo)',
  clinician: 'Casey Clinwell (demo)',
  supervisor: 'Sam Supervale (demo)',
  billing: 'Billie Ledgerton (demo)',
  compliance: 'Corin Auditson (demo)',
};

/** True when the database holds no organisation yet (a fresh install). */
export async function isEmpty(database: Database): Promise<boolean> {
  const [row] = await database.db.select({ n: count() }).from(organisations);
  return Number(row?.n ?? 0) === 0;
}

/**
 * Seeds "Demo Recovery Center" (two sites, three IOPs, morning/evening/weekend tracks, a user in every
 * role, about 40 synthetic participants with contacts, participant and family portal logins, a front
 * door with referrals in every stage, screening scores, admissions and consents, and a weekly schedule
 * of groups, individual and family sessions) and
 * "Second Demo Clinic", so isolation between organisations can be seen. Runs as the database owner
 * (a bulk load, not a user's action) in one transaction.
 */
export async function seedDemo(database: Database): Promise<void> {
  const passwordHash = await hashPassword(demoPassword);
  await database.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const random = seededRandom(20261126);
    const [org] = await tx
      .insert(organisations)
      .values({ name: 'Demo Recovery Center', isDemo: true })
      .returning();
    if (!org) throw new Error('demo organisation not created');
    const [riverside, lakeview] = await tx
      .insert(sites)
      .values([
        {
          orgId: org.id,
          name: 'Riverside Campus (demo)',
          timeZone: 'America/Chicago',
          address: '100 Example Avenue, Springfield',
          phone: '+1 312 555 0100',
        },
        {
          orgId: org.id,
          name: 'Lakeview Clinic (demo)',
          timeZone: 'America/New_York',
          address: '200 Sample Street, Lakeview',
          phone: '+1 312 555 0101',
        },
      ])
      .returning();
    if (!riverside || !lakeview) throw new Error('demo sites not created');

    const programSpecs: {
      siteId: string;
      name: string;
      kind: ProgramKind;
      population: Population;
      /** The program's own crisis line, beside 988 on a new safety plan. */
      crisisPhone?: string;
    }[] = [
      {
        siteId: riverside.id,
        name: 'Adult Substance Use IOP',
        kind: 'substance_use',
        population: 'adult',
        crisisPhone: '+1 312 555 0199',
      },
      { siteId: lakeview.id, name: 'Adult Mental Health IOP', kind: 'mental_health', population: 'adult' },
      { siteId: riverside.id, name: 'Adolescent IOP', kind: 'co_occurring', population: 'adolescent' },
    ];
    const createdPrograms = await tx
      .insert(programs)
      .values(
        programSpecs.map((spec) => ({
          orgId: org.id,
          ...spec,
          weeklyHoursMinimum: defaultWeeklyHoursMinimum(spec.population),
          groupCapacity: 12,
        })),
      )
      .returning();
    for (const program of createdPrograms) {
      const kinds =
        program.population === 'adolescent'
          ? (['evening', 'weekend'] as const)
          : (['morning', 'evening', 'weekend'] as const);
      await tx.insert(tracks).values(
        kinds.map((kind) => ({
          orgId: org.id,
          programId: program.id,
          name: `${kind[0]?.toUpperCase()}${kind.slice(1)} track`,
          kind,
          ...trackPresets[kind],
        })),
      );
    }

    const demoStaff = await tx
      .insert(users)
      .values(
        staffRoles.map((role) => ({
          orgId: org.id,
          email: `${role}@demo.stepwise.test`,
          displayName: staffNames[role],
          kind: 'staff',
          roles: [role],
          passwordHash,
          mfaExempt: true,
        })),
      )
      .returning({ id: users.id, roles: users.roles });
    const staffId = (role: StaffRole) => {
      const found = demoStaff.find((member) => member.roles.includes(role));
      if (!found) throw new Error(`demo ${role} not created`);
      return found.id;
    };
    const intakePeople: DemoPerson[] = [];

    let first:
      | { participantId: string; familyContactId: string; name: string; familyName: string }
      | undefined;
    for (let index = 0; index < 40; index += 1) {
      const population = index % 5 === 4 ? 'adolescent' : 'adult';
      const person = syntheticParticipant(random, index, population);
      const [participant] = await tx
        .insert(participants)
        .values({ orgId: org.id, recordNumber: `SW-${String(index + 1).padStart(6, '0')}`, ...person })
        .returning({ id: participants.id });
      if (!participant) throw new Error('demo participant not created');
      const contacts = await tx
        .insert(participantContacts)
        .values(
          syntheticContacts(random, person).map((contact) => ({
            orgId: org.id,
            participantId: participant.id,
            ...contact,
          })),
        )
        .returning({
          id: participantContacts.id,
          name: participantContacts.name,
          kind: participantContacts.kind,
        });
      const family = contacts.find((contact) => contact.kind === 'family');
      if (population === 'adult' && intakePeople.length < 12) {
        intakePeople.push({
          participantId: participant.id,
          name: `${person.preferredName ?? person.givenName} ${person.familyName}`,
          ...(family ? { familyContactId: family.id } : {}),
        });
      }
      if (!first && family) {
        first = {
          participantId: participant.id,
          familyContactId: family.id,
          name: person.givenName,
          familyName: family.name,
        };
      }
    }
    await tx.update(organisations).set({ nextRecordNumber: 41 }).where(eq(organisations.id, org.id));
    const adultSud = createdPrograms.find((program) => program.name === 'Adult Substance Use IOP');
    if (!adultSud) throw new Error('demo program not created');
    const frontDoorStaff = {
      intake: staffId('intake'),
      clinician: staffId('clinician'),
      supervisor: staffId('supervisor'),
    };
    const admissions = await seedDemoIntake(tx, org.id, adultSud.id, intakePeople, frontDoorStaff);
    await seedDemoSchedule(
      tx,
      org.id,
      {
        id: adultSud.id,
        siteId: riverside.id,
        timeZone: riverside.timeZone,
        groupCapacity: adultSud.groupCapacity,
      },
      admissions,
      frontDoorStaff,
    );
    if (!first) throw new Error('demo participant not created');
    await tx.insert(users).values([
      {
        orgId: org.id,
        email: 'participant@demo.stepwise.test',
        displayName: `${first.name} (demo participant)`,
        kind: 'participant',
        roles: ['participant'],
        participantId: first.participantId,
        passwordHash,
        mfaExempt: true,
      },
      {
        orgId: org.id,
        email: 'family@demo.stepwise.test',
        displayName: `${first.familyName} (demo family)`,
        kind: 'family',
        roles: ['family'],
        participantId: first.participantId,
        contactId: first.familyContactId,
        passwordHash,
        mfaExempt: true,
      },
    ]);

    const [second] = await tx
      .insert(organisations)
      .values({ name: 'Second Demo Clinic', isDemo: true, nextRecordNumber: 6 })
      .returning();
    if (!second) throw new Error('second demo organisation not created');
    const [secondSite] = await tx
      .insert(sites)
      .values({ orgId: second.id, name: 'Second Clinic Main Site (demo)', timeZone: 'America/Denver' })
      .returning();
    if (!secondSite) throw new Error('second demo site not created');
    await tx.insert(programs).values({
      orgId: second.id,
      siteId: secondSite.id,
      name: 'Co-occurring IOP',
      kind: 'co_occurring',
      population: 'adult',
      weeklyHoursMinimum: 9,
      groupCapacity: 10,
    });
    await tx.insert(users).values({
      orgId: second.id,
      email: 'admin@second.stepwise.test',
      displayName: 'Alex Secondary (demo)',
      kind: 'staff',
      roles: ['admin', 'director'],
      passwordHash,
      mfaExempt: true,
    });
    for (let index = 0; index < 5; index += 1) {
      const person = syntheticParticipant(random, 1000 + index, 'adult');
      await tx
        .insert(participants)
        .values({ orgId: second.id, recordNumber: `SW-${String(index + 1).padStart(6, '0')}`, ...person });
    }
  });
}
