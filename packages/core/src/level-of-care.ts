import { z } from 'zod';
import { type Population, populations } from './program-rules.js';

/**
 * Level-of-care decision support: a six-dimension assessment in the shape of the ASAM Criteria's
 * dimensions (3rd ed., domain-rules §1 [A6]), each rated 0–4 [A4], turned into a recommendation by
 * Stepwise's own transparent rule set. ASAM's decision algorithm is licensed and is not encoded here;
 * the placement grid it summarises (older PPC crosswalk [A8a, A8b]) only informs the defaults.
 *
 * The rules are data (`LevelOfCareRules`): ordered rules, first match wins, and flags that apply
 * whatever the level. A program may tune them; the defaults follow the product's published rule set.
 */

export const levelsOfCare = [
  'withdrawal_management',
  'inpatient',
  'residential',
  'php',
  'iop',
  'outpatient',
] as const;
export type LevelOfCare = (typeof levelsOfCare)[number];

/** Levels where the person stays overnight: 24-hour care. */
export const twentyFourHourLevels: readonly LevelOfCare[] = [
  'withdrawal_management',
  'inpatient',
  'residential',
];

export const levelOfCareLabels: Record<LevelOfCare, string> = {
  withdrawal_management: 'Withdrawal management',
  inpatient: 'Inpatient (24-hour medically managed)',
  residential: 'Residential',
  php: 'Partial hospitalization (PHP)',
  iop: 'Intensive outpatient (IOP)',
  outpatient: 'Outpatient',
};

export const dimensionKeys = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'] as const;
export type DimensionKey = (typeof dimensionKeys)[number];

/** The six dimensions in plain words (3rd-edition names, domain-rules §1 [A6]). */
export const dimensionLabels: Record<DimensionKey, string> = {
  d1: 'Withdrawal potential',
  d2: 'Physical health (biomedical conditions)',
  d3: 'Emotional, behavioural or cognitive conditions',
  d4: 'Readiness to change',
  d5: 'Relapse or continued-use potential',
  d6: 'Recovery and living environment',
};

const rating = z.int().min(0, 'must be 0–4').max(4, 'must be 0–4');

export const dimensionRatingsSchema = z.strictObject({
  d1: rating,
  d2: rating,
  d3: rating,
  d4: rating,
  d5: rating,
  d6: rating,
});
export type DimensionRatings = z.infer<typeof dimensionRatingsSchema>;

export const steppingDownLevels = ['inpatient', 'residential', 'php'] as const;

export const levelOfCareContextSchema = z.strictObject({
  needsMedicalDetox: z.boolean().optional(),
  steppingDownFrom: z.enum(steppingDownLevels).optional(),
  canAttendInpatient: z.boolean().optional(),
  stableHome: z.boolean().optional(),
  recentRelapseAfterStability: z.boolean().optional(),
});
export type LevelOfCareContext = z.infer<typeof levelOfCareContextSchema>;

export const levelOfCareRequestSchema = z.strictObject({
  population: z.enum(populations),
  dimensions: dimensionRatingsSchema,
  context: levelOfCareContextSchema.default({}),
});
export type LevelOfCareRequest = z.infer<typeof levelOfCareRequestSchema>;

export const levelOfCareFlags = [
  'unstable_home_environment',
  'step_down',
  'low_readiness',
  'barrier_to_recommended_level',
] as const;

export interface LevelOfCareReason {
  dimension?: DimensionKey;
  text: string;
}

export interface LevelOfCareRecommendation {
  level: LevelOfCare;
  reasons: LevelOfCareReason[];
  flags: string[];
  weeklyHoursMinimum?: number;
  /** The rule that matched, by id, so a record shows which version of which rule decided. */
  ruleId: string;
}

/** Context answers a rule can test, each a yes/no fact. */
export const contextFacts = [
  'needsMedicalDetox',
  'canAttendInpatient',
  'stableHome',
  'recentRelapseAfterStability',
] as const;

/**
 * A condition over an assessment. Leaves test one fact; `any`/`all`/`not` combine them. `always`
 * holds for every assessment (a final, catch-all rule); `levelIn` is for flags and tests the level
 * already recommended.
 */
export type Condition =
  | { dimension: DimensionKey; atLeast?: number; atMost?: number }
  | { context: (typeof contextFacts)[number]; is: boolean }
  | { steppingDown: true }
  | { everyDimensionAtMost: number }
  | { levelIn: LevelOfCare[] }
  | { always: true }
  | { any: Condition[] }
  | { all: Condition[] }
  | { not: Condition };

const threshold = z.int().min(0).max(4);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z
      .strictObject({
        dimension: z.enum(dimensionKeys),
        atLeast: threshold.optional(),
        atMost: threshold.optional(),
      })
      .refine((leaf) => leaf.atLeast !== undefined || leaf.atMost !== undefined, {
        message: 'a dimension condition needs atLeast or atMost',
      }),
    z.strictObject({ context: z.enum(contextFacts), is: z.boolean() }),
    z.strictObject({ steppingDown: z.literal(true) }),
    z.strictObject({ everyDimensionAtMost: threshold }),
    z.strictObject({ levelIn: z.array(z.enum(levelsOfCare)).min(1) }),
    z.strictObject({ always: z.literal(true) }),
    z.strictObject({ any: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ all: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

export const levelOfCareRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]{1,40}$/, 'must be 1–40 lower-case letters, digits or underscores'),
  /** The rule's number in the published list, as participants and clinicians read it. */
  label: z.string().trim().min(1).max(40),
  level: z.enum(levelsOfCare),
  when: conditionSchema,
  /** Why this level follows, in words a participant could read; completes "…, so <explanation>." */
  explanation: z.string().trim().min(1).max(300),
});
export type LevelOfCareRule = z.infer<typeof levelOfCareRuleSchema>;

export const levelOfCareFlagRuleSchema = z.strictObject({
  flag: z.string().regex(/^[a-z0-9_]{1,40}$/, 'must be 1–40 lower-case letters, digits or underscores'),
  when: conditionSchema,
});

export const levelOfCareRulesSchema = z
  .strictObject({
    rules: z.array(levelOfCareRuleSchema).min(1).max(30),
    flags: z.array(levelOfCareFlagRuleSchema).max(30),
    weeklyHoursMinimum: z.strictObject({
      adult: z.number().min(0).max(40),
      adolescent: z.number().min(0).max(40),
    }),
  })
  .superRefine((rules, ctx) => {
    const last = rules.rules.at(-1);
    if (last && !holdsAlways(last.when)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', rules.rules.length - 1, 'when'],
        message:
          'the last rule must apply to everyone ({ "always": true }), so every assessment gets a level',
      });
    }
    const ids = rules.rules.map((rule) => rule.id);
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate)
      ctx.addIssue({ code: 'custom', path: ['rules'], message: `rule id "${duplicate}" is used twice` });
    rules.rules.forEach((rule, index) => {
      if (usesLevel(rule.when)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'when'],
          message: 'levelIn can only be used by flags: a rule decides the level',
        });
      }
    });
  });
export type LevelOfCareRules = z.infer<typeof levelOfCareRulesSchema>;

function holdsAlways(condition: Condition): boolean {
  if ('always' in condition) return true;
  if ('any' in condition) return condition.any.some(holdsAlways);
  if ('all' in condition) return condition.all.every(holdsAlways);
  return false;
}

function usesLevel(condition: Condition): boolean {
  if ('levelIn' in condition) return true;
  if ('any' in condition) return condition.any.some(usesLevel);
  if ('all' in condition) return condition.all.some(usesLevel);
  if ('not' in condition) return usesLevel(condition.not);
  return false;
}

const atLeast = (dimension: DimensionKey, value: number): Condition => ({ dimension, atLeast: value });
const exactly = (dimension: DimensionKey, value: number): Condition => ({
  dimension,
  atLeast: value,
  atMost: value,
});
const unstableHome: Condition = { any: [atLeast('d6', 3), { context: 'stableHome', is: false }] };

/**
 * Stepwise's default rule set, in the published order (first match wins):
 * 1. medical detox needed or D1 ≥ 3 → withdrawal management (D1 high risk needs managed withdrawal [A5]);
 * 2. D2 = 4 or D3 = 4 → inpatient (24-hour medical or psychiatric care, Level 4 [A8a]);
 * 3. D2 = 3 or D3 = 3 → residential with an unstable home (D6 ≥ 3 or no stable home), otherwise PHP;
 * 4. D5 ≥ 3 and D6 ≥ 3 → residential (cannot control use and the home does not support recovery [A8a]);
 * 5. every dimension ≤ 1 and not stepping down → outpatient (Level 1 [A8a]);
 * 6. otherwise IOP, at 9 weekly hours for adults and 6 for adolescents (Level 2.1 [A2, A3]).
 */
export const defaultLevelOfCareRules: LevelOfCareRules = {
  rules: [
    {
      id: 'withdrawal',
      label: 'Rule 1',
      level: 'withdrawal_management',
      when: { any: [{ context: 'needsMedicalDetox', is: true }, atLeast('d1', 3)] },
      explanation:
        'withdrawal needs to be managed safely, with medical care, before other treatment can go on',
    },
    {
      id: 'acute_medical_or_psychiatric',
      label: 'Rule 2',
      level: 'inpatient',
      when: { any: [exactly('d2', 4), exactly('d3', 4)] },
      explanation: 'this needs 24-hour medical or psychiatric care in a hospital setting',
    },
    {
      id: 'structure_without_stable_home',
      label: 'Rule 3',
      level: 'residential',
      when: { all: [{ any: [exactly('d2', 3), exactly('d3', 3)] }, unstableHome] },
      explanation:
        'this needs daily structure and the home cannot provide it, so a residential setting is safer',
    },
    {
      id: 'structure_with_stable_home',
      label: 'Rule 3',
      level: 'php',
      when: { any: [exactly('d2', 3), exactly('d3', 3)] },
      explanation:
        'this needs treatment most of the day, and the home is stable enough to return to each evening',
    },
    {
      id: 'use_and_environment',
      label: 'Rule 4',
      level: 'residential',
      when: { all: [atLeast('d5', 3), atLeast('d6', 3)] },
      explanation:
        'a high chance of continued use together with an unsupportive home calls for a residential setting',
    },
    {
      id: 'low_severity',
      label: 'Rule 5',
      level: 'outpatient',
      when: { all: [{ everyDimensionAtMost: 1 }, { not: { steppingDown: true } }] },
      explanation: 'needs are low in every area, so regular outpatient sessions are enough',
    },
    {
      id: 'intensive_outpatient',
      label: 'Rule 6',
      level: 'iop',
      when: {
        any: [
          ...dimensionKeys.map((dimension) => atLeast(dimension, 2)),
          { steppingDown: true },
          { always: true },
        ],
      },
      explanation:
        'several hours of treatment a week while living at home fits best: more than outpatient care, ' +
        'without the need for a 24-hour setting',
    },
  ],
  flags: [
    { flag: 'unstable_home_environment', when: unstableHome },
    { flag: 'step_down', when: { steppingDown: true } },
    { flag: 'low_readiness', when: atLeast('d4', 3) },
    {
      flag: 'barrier_to_recommended_level',
      when: { all: [{ context: 'canAttendInpatient', is: false }, { levelIn: [...twentyFourHourLevels] }] },
    },
  ],
  weeklyHoursMinimum: { adult: 9, adolescent: 6 },
};

interface Assessment {
  dimensions: DimensionRatings;
  context: LevelOfCareContext;
  level?: LevelOfCare;
}

/** Whether the condition holds, with a sentence for each fact that made it hold. */
function evaluate(
  condition: Condition,
  assessment: Assessment,
): { holds: boolean; facts: LevelOfCareReason[] } {
  const { dimensions, context } = assessment;
  if ('dimension' in condition) {
    const value = dimensions[condition.dimension];
    const holds =
      (condition.atLeast === undefined || value >= condition.atLeast) &&
      (condition.atMost === undefined || value <= condition.atMost);
    return {
      holds,
      facts: holds ? [{ dimension: condition.dimension, text: ratedText(condition, value) }] : [],
    };
  }
  if ('context' in condition) {
    const holds = context[condition.context] === condition.is;
    return { holds, facts: holds ? [{ text: contextText(condition.context, condition.is) }] : [] };
  }
  if ('steppingDown' in condition) {
    const from = context.steppingDownFrom;
    return {
      holds: from !== undefined,
      facts: from
        ? [{ text: `the person is stepping down from ${levelOfCareLabels[from].toLowerCase()}` }]
        : [],
    };
  }
  if ('everyDimensionAtMost' in condition) {
    const holds = dimensionKeys.every((key) => dimensions[key] <= condition.everyDimensionAtMost);
    return {
      holds,
      facts: holds ? [{ text: `every dimension is rated ${condition.everyDimensionAtMost} or lower` }] : [],
    };
  }
  if ('levelIn' in condition) {
    return {
      holds: assessment.level !== undefined && condition.levelIn.includes(assessment.level),
      facts: [],
    };
  }
  if ('always' in condition) return { holds: true, facts: [] };
  if ('not' in condition) return { holds: !evaluate(condition.not, assessment).holds, facts: [] };
  const parts = ('any' in condition ? condition.any : condition.all).map((part) =>
    evaluate(part, assessment),
  );
  const holds = 'any' in condition ? parts.some((part) => part.holds) : parts.every((part) => part.holds);
  // Every part that held is a reason, not only the first: a person may meet a rule several ways.
  return { holds, facts: holds ? parts.filter((part) => part.holds).flatMap((part) => part.facts) : [] };
}

function ratedText(condition: { dimension: DimensionKey; atLeast?: number; atMost?: number }, value: number) {
  const name = `${dimensionLabels[condition.dimension]} (${condition.dimension.toUpperCase()})`;
  const { atLeast: low, atMost: high } = condition;
  const range =
    low !== undefined && high !== undefined
      ? low === high
        ? `${low}`
        : `${low}–${high}`
      : low !== undefined
        ? `${low} or more`
        : `${high} or less`;
  return `${name} is rated ${value} of 4 (the rule looks for ${range})`;
}

function contextText(fact: (typeof contextFacts)[number], is: boolean): string {
  const texts: Record<(typeof contextFacts)[number], [string, string]> = {
    needsMedicalDetox: ['medically supervised detox is needed', 'medically supervised detox is not needed'],
    canAttendInpatient: [
      'the person can attend a 24-hour program',
      'the person cannot attend a 24-hour program',
    ],
    stableHome: ['the person has a stable home', 'the person does not have a stable home'],
    recentRelapseAfterStability: [
      'the person recently relapsed after a period of stability',
      'there was no recent relapse after a period of stability',
    ],
  };
  return texts[fact][is ? 0 : 1];
}

/**
 * Recommends a level of care: the first rule whose condition holds decides, and each fact that made
 * it hold becomes a reason naming the rule; flags are added whatever the level.
 */
export function recommendLevelOfCare(
  request: { population: Population; dimensions: DimensionRatings; context?: LevelOfCareContext },
  rules: LevelOfCareRules = defaultLevelOfCareRules,
): LevelOfCareRecommendation {
  const assessment: Assessment = { dimensions: request.dimensions, context: request.context ?? {} };
  for (const rule of rules.rules) {
    const { holds, facts } = evaluate(rule.when, assessment);
    if (!holds) continue;
    const reasons: LevelOfCareReason[] = (
      facts.length > 0 ? facts : [{ text: 'no earlier rule applied' }]
    ).map((fact) => ({ ...fact, text: `${rule.label}: ${fact.text}, so ${rule.explanation}.` }));
    if (assessment.context.recentRelapseAfterStability) {
      reasons.push({ text: `Also considered: ${contextText('recentRelapseAfterStability', true)}.` });
    }
    const decided = { ...assessment, level: rule.level };
    const flags = rules.flags.filter((flag) => evaluate(flag.when, decided).holds).map((flag) => flag.flag);
    return {
      level: rule.level,
      reasons,
      flags,
      ruleId: rule.id,
      ...(rule.level === 'iop' ? { weeklyHoursMinimum: rules.weeklyHoursMinimum[request.population] } : {}),
    };
  }
  // The schema requires the last rule to hold always; a rule set built in code without one lands here.
  throw new Error('the level-of-care rules have no rule that applies to everyone');
}
