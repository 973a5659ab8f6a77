import { trackPresets } from '@stepwise/core';
import { count } from 'drizzle-orm';
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
import { seededRandom, syntheticContacts, syntheticParticipant } from '../seed/synthetic.js';

/** Password of every generated account. */
export const generatedPassword = 'stepwise-bench-password';

/** Participants per unit of scale. */
export const participantsPerScale = 500;

export interface GenerateResult {
  organisationId: string;
  participants: number;
  contacts: number;
  staff: number;
  /** Sign-ins the benchmark uses, all with `generatedPassword`. */
  logins: { clinician: string; admin: string };
}

export type Progress = (done: number, total: number, label: string) => void;

/**
 * Generates a synthetic clinic for benchmarks: at scale N, N × 500 participants with one or two
 * contacts each, N sites, three programs per site, 10 staff per scale unit. The same scale always
 * produces the same people (seeded). A second small organisation is added so isolation is exercised.
 * Bulk-loaded as the database owner; no audit events are written for generated data.
 */
export async function generate(
  database: Database,
  scale: number,
  onProgress: Progress = () => {},
): Promise<GenerateResult> {
  const random = seededRandom(1000 + scale);
  const passwordHash = await hashPassword(generatedPassword);
  const total = scale * participantsPerScale;
  const db = database.db;
  // Accounts need unique emails even when generate runs twice; the count of existing organisations
  // keeps them deterministic for a given starting database.
  const [existing] = await db.select({ n: count() }).from(organisations);
  const tag = `s${scale}-o${Number(existing?.n ?? 0)}`;

  const [org] = await db
    .insert(organisations)
    .values({ name: `Benchmark Clinic (synthetic, scale ${scale})`, nextRecordNumber: total + 1 })
    .returning();
  if (!org) throw new Error('organisation not created');
  const siteRows = await db
    .insert(sites)
    .values(
      Array.from({ length: scale }, (_, i) => ({
        orgId: org.id,
        name: `Synthetic Site ${i + 1}`,
        timeZone: 'America/Chicago',
      })),
    )
    .returning({ id: sites.id });
  for (const site of siteRows) {
    const programRows = await db
      .insert(programs)
      .values(
        (['substance_use', 'mental_health', 'co_occurring'] as const).map((kind) => ({
          orgId: org.id,
          siteId: site.id,
          name: `Synthetic ${kind} IOP`,
          kind,
          population: 'adult',
          weeklyHoursMinimum: 9,
          groupCapacity: 12,
        })),
      )
      .returning({ id: programs.id });
    for (const program of programRows) {
      await db.insert(tracks).values(
        (['morning', 'evening', 'weekend'] as const).map((kind) => ({
          orgId: org.id,
          programId: program.id,
          name: `${kind} track`,
          kind,
          ...trackPresets[kind],
        })),
      );
    }
  }
  const staffCount = scale * 10;
  const staffRoles = [
    'clinician',
    'clinician',
    'clinician',
    'clinician',
    'intake',
    'supervisor',
    'director',
    'billing',
    'compliance',
    'admin',
  ] as const;
  await db.insert(users).values(
    Array.from({ length: staffCount }, (_, i) => ({
      orgId: org.id,
      email: `staff${i}.${tag}@bench.stepwise.test`,
      displayName: `Synthetic Staff ${i}`,
      kind: 'staff',
      roles: [staffRoles[i % staffRoles.length] ?? 'clinician'],
      passwordHash,
    })),
  );

  let contacts = 0;
  const batch = 250;
  for (let start = 0; start < total; start += batch) {
    const people = Array.from({ length: Math.min(batch, total - start) }, (_, i) =>
      syntheticParticipant(random, start + i, 'adult'),
    );
    await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const inserted = await tx
        .insert(participants)
        .values(
          people.map((person, i) => ({
            orgId: org.id,
            recordNumber: `SW-${String(start + i + 1).padStart(6, '0')}`,
            ...person,
          })),
        )
        .returning({ id: participants.id });
      const contactRows = inserted.flatMap((row, i) => {
        const person = people[i];
        return person
          ? syntheticContacts(random, person).map((contact) => ({
              orgId: org.id,
              participantId: row.id,
              ...contact,
            }))
          : [];
      });
      await tx.insert(participantContacts).values(contactRows);
      contacts += contactRows.length;
    });
    onProgress(Math.min(start + batch, total), total, 'participants');
  }

  const [other] = await db
    .insert(organisations)
    .values({ name: `Other Clinic (synthetic, scale ${scale})` })
    .returning();
  if (other) {
    const people = Array.from({ length: 50 }, (_, i) => syntheticParticipant(random, total + i, 'adult'));
    await db.insert(participants).values(
      people.map((person, i) => ({
        orgId: other.id,
        recordNumber: `SW-${String(i + 1).padStart(6, '0')}`,
        ...person,
      })),
    );
  }
  // After a bulk load, give the planner statistics (and the visibility map) the way a running server
  // has them: autovacuum on a PostgreSQL server, the maintenance job on the embedded one.
  await database.raw.exec('VACUUM (ANALYZE) participants, participant_contacts, users, sessions');

  return {
    organisationId: org.id,
    participants: total,
    contacts,
    staff: staffCount,
    logins: { clinician: `staff0.${tag}@bench.stepwise.test`, admin: `staff9.${tag}@bench.stepwise.test` },
  };
}
