/*
 * The relapse-prevention plan (issue "Between sessions"; Marlatt's model, domain-rules §6 [G6]): the
 * participant's high-risk situations and warning signs, the coping responses they rehearse (each may
 * name the curriculum module that teaches it), the people they call, why they are in recovery, and
 * what they will do after a lapse so that one drink or use does not become a relapse (the abstinence
 * violation effect).
 */

export const relapsePreventionSections = [
  'triggers',
  'warningSigns',
  'cravingStrategies',
  'copingSkills',
  'people',
  'reasons',
  'afterLapse',
] as const;
export type RelapsePreventionSection = (typeof relapsePreventionSections)[number];

export const relapsePreventionSectionLabels: Record<
  RelapsePreventionSection,
  { title: string; prompt: string }
> = {
  triggers: {
    title: 'Triggers and high-risk situations',
    prompt: 'People, places, feelings and times when using is most likely',
  },
  warningSigns: {
    title: 'Warning signs',
    prompt: 'Changes in my thoughts, mood or routine that tell me I am drifting toward using',
  },
  cravingStrategies: {
    title: 'When a craving comes',
    prompt: 'What I do in the moment: urge surfing, delay and distract, leave the situation…',
  },
  copingSkills: {
    title: 'Coping skills',
    prompt: 'Skills I practise to stay well, from groups and my own experience',
  },
  people: {
    title: 'People I can call',
    prompt: 'Who supports my recovery, and how to reach them',
  },
  reasons: {
    title: 'My reasons for recovery',
    prompt: 'What matters to me, in my own words',
  },
  afterLapse: {
    title: 'If I slip',
    prompt: 'What I will do after a lapse so that it does not become a relapse',
  },
};

/** A coping response the participant rehearses; its id lasts from version to version (check-ins name it). */
export interface PlanSkill {
  id: string;
  text: string;
  /** The curriculum module that teaches it, when one does. */
  moduleId: string | null;
}

/** Someone to call. */
export interface PlanPerson {
  name: string;
  relationship: string | null;
  phone: string;
}

export interface RelapsePreventionContent {
  triggers: string[];
  warningSigns: string[];
  cravingStrategies: PlanSkill[];
  copingSkills: PlanSkill[];
  people: PlanPerson[];
  reasons: string[];
  afterLapse: string[];
}

/** A new plan: every section empty, written with the participant. */
export function newRelapsePreventionPlan(): RelapsePreventionContent {
  return {
    triggers: [],
    warningSigns: [],
    cravingStrategies: [],
    copingSkills: [],
    people: [],
    reasons: [],
    afterLapse: [],
  };
}

/**
 * What a plan still lacks before it is signed: its high-risk situations and at least one coping
 * response (a craving strategy or a coping skill), the two halves of Marlatt's model. The other
 * sections are worth filling but may honestly be empty for a while.
 */
export function relapsePreventionGaps(content: RelapsePreventionContent): RelapsePreventionSection[] {
  const gaps: RelapsePreventionSection[] = [];
  if (content.triggers.length === 0) gaps.push('triggers');
  if (content.cravingStrategies.length === 0 && content.copingSkills.length === 0) gaps.push('copingSkills');
  return gaps;
}

/** Every skill of the plan (craving strategies and coping skills): what a check-in may say was used. */
export const planSkills = (content: RelapsePreventionContent): PlanSkill[] => [
  ...content.cravingStrategies,
  ...content.copingSkills,
];
