/**
 * Synthetic people for the demo and benchmark data sets: deterministic, and obviously not real
 * (invented surnames, fictional 555-01xx phone numbers, example.test addresses).
 */

/** A small seeded pseudo-random generator (mulberry32), so the same seed always gives the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const givenNames = [
  'Alder',
  'Birch',
  'Cedar',
  'Dune',
  'Ember',
  'Fern',
  'Grove',
  'Harbor',
  'Iris',
  'Juniper',
  'Kestrel',
  'Linden',
  'Meadow',
  'Nova',
  'Onyx',
  'Pike',
  'Quill',
  'Rowan',
  'Sage',
  'Tamsin',
  'Umber',
  'Vale',
  'Willow',
  'Yarrow',
  'Zephyr',
  'Aspen',
  'Brook',
  'Clover',
  'Dell',
  'Flint',
  'Glen',
  'Heath',
  'Indigo',
  'Jasper',
  'Lark',
  'Marsh',
];
const familyNames = [
  'Testwell',
  'Sampleton',
  'Mockford',
  'Placeholder',
  'Fakesby',
  'Demoson',
  'Fictiva',
  'Synthwood',
  'Dummyfield',
  'Examplar',
  'Protoway',
  'Trialwood',
  'Trialton',
  'Prototon',
  'Mockridge',
  'Samplewood',
  'Testerby',
  'Fixtureman',
];
const pronounOptions = ['she/her', 'he/him', 'they/them', null] as const;
const relations = [
  'sister',
  'brother',
  'mother',
  'father',
  'partner',
  'spouse',
  'aunt',
  'grandparent',
] as const;
const supportRelations = ['sponsor', 'friend', 'mentor', 'coworker'] as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A fictional phone number: 555-0100 to 555-0199 are reserved for fiction in North America. */
export function fictionalPhone(random: () => number): string {
  return `+1 312 555 01${String(Math.floor(random() * 100)).padStart(2, '0')}`;
}

export interface SyntheticParticipant {
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string;
  pronouns: string | null;
  preferredLanguage: string;
  email: string;
  phone: string;
}

export interface SyntheticContact {
  name: string;
  kind: 'family' | 'support' | 'emergency';
  relation: string;
  phone: string;
  email: string | null;
  isEmergencyContact: boolean;
}

/** The index-th synthetic participant, adult or adolescent, born relative to `today`. */
export function syntheticParticipant(
  random: () => number,
  index: number,
  population: 'adult' | 'adolescent',
  today = new Date('2026-01-01T00:00:00Z'),
): SyntheticParticipant {
  const givenName = pick(random, givenNames);
  const familyName = pick(random, familyNames);
  const age = population === 'adult' ? 19 + Math.floor(random() * 50) : 13 + Math.floor(random() * 5);
  const birth = new Date(today.getTime() - (age * 365.25 + Math.floor(random() * 360)) * 86_400_000);
  return {
    givenName,
    familyName,
    preferredName: random() < 0.15 ? pick(random, givenNames) : null,
    dateOfBirth: birth.toISOString().slice(0, 10),
    pronouns: pick(random, pronounOptions),
    preferredLanguage: random() < 0.2 ? 'es' : 'en',
    email: `${givenName}.${familyName}.${index}@example.test`.toLowerCase(),
    phone: fictionalPhone(random),
  };
}

/** One to three contacts for a participant: family, often a support person, always an emergency contact. */
export function syntheticContacts(
  random: () => number,
  participant: SyntheticParticipant,
): SyntheticContact[] {
  const relative: SyntheticContact = {
    name: `${pick(random, givenNames)} ${participant.familyName}`,
    kind: 'family',
    relation: pick(random, relations),
    phone: fictionalPhone(random),
    email: random() < 0.6 ? `family.${participant.email}` : null,
    isEmergencyContact: true,
  };
  const contacts = [relative];
  if (random() < 0.5) {
    contacts.push({
      name: `${pick(random, givenNames)} ${pick(random, familyNames)}`,
      kind: 'support',
      relation: pick(random, supportRelations),
      phone: fictionalPhone(random),
      email: null,
      isEmergencyContact: false,
    });
  }
  return contacts;
}
