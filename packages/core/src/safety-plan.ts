/*
 * The Stanley-Brown safety plan (issue "Between sessions"; domain-rules §6 [G7]): six sections, always
 * in this order, each a short list in the participant's own words. A new plan starts with the 988
 * Suicide & Crisis Lifeline among the professionals and crisis lines, and the program's own crisis
 * number when it has one.
 */

export const safetyPlanSections = [
  'warning_signs',
  'internal_coping',
  'distraction',
  'help',
  'professionals',
  'safe_environment',
] as const;
export type SafetyPlanSection = (typeof safetyPlanSections)[number];

export const safetyPlanSectionLabels: Record<SafetyPlanSection, { title: string; prompt: string }> = {
  warning_signs: {
    title: '1. Warning signs',
    prompt: 'Thoughts, images, moods, situations or behaviour that tell me a crisis may be coming',
  },
  internal_coping: {
    title: '2. Things I can do on my own',
    prompt: 'Ways to take my mind off my problems without contacting anyone (relaxation, exercise…)',
  },
  distraction: {
    title: '3. People and places that take my mind off things',
    prompt: 'People I can be with and places I can go',
  },
  help: {
    title: '4. People I can ask for help',
    prompt: 'Family members or friends, with their phone numbers',
  },
  professionals: {
    title: '5. Professionals and crisis lines',
    prompt: 'My clinician, the program, the 988 Suicide & Crisis Lifeline, the nearest emergency department',
  },
  safe_environment: {
    title: '6. Making my surroundings safe',
    prompt: 'How I will keep away or lock up what I could use to hurt myself',
  },
};

/** One entry of a section: what to do or whom to call, and a number when it is a person or a line. */
export interface SafetyPlanEntry {
  text: string;
  phone?: string;
}

export type SafetyPlanContent = Record<SafetyPlanSection, SafetyPlanEntry[]>;

/** The 988 Suicide & Crisis Lifeline (call or text), on every new plan. */
export const crisisLifeline: SafetyPlanEntry = {
  text: '988 Suicide & Crisis Lifeline (call or text)',
  phone: '988',
};

/** A new plan: empty sections, with 988 and the program's crisis line (when it has one) pre-filled. */
export function newSafetyPlan(programCrisisLine?: SafetyPlanEntry): SafetyPlanContent {
  return {
    warning_signs: [],
    internal_coping: [],
    distraction: [],
    help: [],
    professionals: [crisisLifeline, ...(programCrisisLine ? [programCrisisLine] : [])],
    safe_environment: [],
  };
}

/** True when the entry is the 988 Lifeline: its number, whatever the spacing. */
export const isCrisisLifeline = (entry: SafetyPlanEntry) => entry.phone?.replace(/\D/g, '') === '988';

/**
 * The sections still empty. Stanley and Brown fill every step with the person, so a plan is signed only
 * when none is empty (a step with nothing to add says so in the person's words, e.g. "no one yet").
 */
export function emptySafetyPlanSections(content: SafetyPlanContent): SafetyPlanSection[] {
  return safetyPlanSections.filter((section) => content[section].length === 0);
}
