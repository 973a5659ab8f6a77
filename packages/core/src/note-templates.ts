import { type SessionModality, sessionModalities } from './schemas/scheduling.js';

/*
 * Note templates, one per session modality (issue "Templates per modality"). A note about a session
 * carries its modality's template and a value for each of the template's fields: free text, or one of
 * the listed options. Some fields must be written before the note is signed.
 *
 * The fields follow how each modality is commonly documented, not one published form:
 * - CBT groups: session structure of homework review, a skill (thought records and cognitive
 *   restructuring aimed at cognitive distortions, behavioural activation, problem solving), and new
 *   homework.
 * - DBT skills groups: the four skills modules, plus walking the middle path for adolescents
 *   (domain-rules §6 [G9]), opening mindfulness, the diary card (domain-rules §6 [G8a]) and homework.
 * - Relapse prevention: high-risk situations, coping responses, lapse management and lifestyle
 *   balance (Marlatt's model, domain-rules §6 [G6]).
 * - Psychoeducation: what was taught and whether participants' understanding was checked.
 * - Family work: who took part, the family patterns worked on, and skills for supporting recovery
 *   (family psychoeducation is a core IOP service, domain-rules §6 [G1]).
 */

/** Modalities are the templates' keys: a session's modality decides its note's template. */
export type NoteTemplateKey = SessionModality;
export const noteTemplateKeys = sessionModalities;

interface FieldBase {
  /** Key in the note's `fields`. */
  key: string;
  label: string;
  /** What to write, shown under the label. */
  help: string;
  /** Whether the note can be signed only once the field is written (or an option chosen). */
  requiredToSign: boolean;
}
export interface TextTemplateField extends FieldBase {
  kind: 'text';
  maxLength: number;
}
export interface ChoiceTemplateField extends FieldBase {
  kind: 'choice';
  options: readonly { value: string; label: string }[];
}
export type TemplateField = TextTemplateField | ChoiceTemplateField;

export interface NoteTemplate {
  key: NoteTemplateKey;
  label: string;
  fields: readonly TemplateField[];
}

const text = (
  key: string,
  label: string,
  help: string,
  requiredToSign: boolean,
  maxLength = 2000,
): TextTemplateField => ({ key, label, help, requiredToSign, kind: 'text', maxLength });

const choice = (
  key: string,
  label: string,
  help: string,
  requiredToSign: boolean,
  options: [value: string, label: string][],
): ChoiceTemplateField => ({
  key,
  label,
  help,
  requiredToSign,
  kind: 'choice',
  options: options.map(([value, optionLabel]) => ({ value, label: optionLabel })),
});

/** Homework given, in every template: practice between sessions is how skills reach daily life. */
const homework = (requiredToSign: boolean, help: string) =>
  text('homework', 'Homework given', help, requiredToSign, 1000);

export const noteTemplates: Record<NoteTemplateKey, NoteTemplate> = {
  group_therapy: {
    key: 'group_therapy',
    label: 'Group therapy',
    fields: [
      text(
        'themes',
        'Themes discussed',
        'What members brought to the group, e.g. shame after a lapse, trust, loneliness in early recovery',
        true,
      ),
      text(
        'groupProcess',
        'Group process',
        'How members related to each other: support, feedback, conflict, and how it was worked with',
        false,
      ),
      text(
        'skillsTaught',
        'Skills practised',
        'Any skill practised in the group, e.g. giving feedback',
        false,
        1000,
      ),
      homework(false, 'If any, e.g. notice one moment of shame this week and say it aloud to someone safe'),
    ],
  },
  cbt_group: {
    key: 'cbt_group',
    label: 'CBT group',
    fields: [
      choice(
        'homeworkReview',
        'Last homework reviewed',
        'How the homework from the last session went',
        true,
        [
          ['completed', 'Completed by most'],
          ['partly', 'Partly completed'],
          ['not_done', 'Mostly not done'],
          ['none_set', 'None was set'],
        ],
      ),
      choice('technique', 'Main technique', 'The CBT technique the session centred on', true, [
        ['thought_record', 'Thought records'],
        ['cognitive_restructuring', 'Cognitive restructuring'],
        ['behavioural_activation', 'Behavioural activation'],
        ['behavioural_experiment', 'Behavioural experiment'],
        ['problem_solving', 'Problem solving'],
        ['coping_with_cravings', 'Coping with cravings'],
      ]),
      text(
        'distortionsTargeted',
        'Cognitive distortions targeted',
        'e.g. all-or-nothing thinking, catastrophizing, mind reading, should statements',
        false,
        1000,
      ),
      text(
        'skillsTaught',
        'Skills taught',
        'e.g. catching an automatic thought, weighing the evidence, writing a balanced thought',
        true,
        1000,
      ),
      homework(true, 'e.g. a thought record for two stressful moments before the next group'),
    ],
  },
  dbt_skills_group: {
    key: 'dbt_skills_group',
    label: 'DBT skills group',
    fields: [
      choice('dbtModule', 'DBT module', 'The skills module the session taught', true, [
        ['mindfulness', 'Mindfulness'],
        ['distress_tolerance', 'Distress tolerance'],
        ['emotion_regulation', 'Emotion regulation'],
        ['interpersonal_effectiveness', 'Interpersonal effectiveness'],
        ['walking_the_middle_path', 'Walking the middle path'],
      ]),
      text(
        'mindfulnessPractice',
        'Opening mindfulness practice',
        'e.g. observing the breath for three minutes',
        false,
        500,
      ),
      choice(
        'diaryCardReview',
        'Diary cards reviewed',
        'Whether members’ diary cards were gone through',
        true,
        [
          ['all', 'With every member'],
          ['some', 'With some members'],
          ['not_reviewed', 'Not reviewed'],
        ],
      ),
      text(
        'skillsTaught',
        'Skills taught',
        'e.g. TIPP, STOP, opposite action, DEAR MAN, wise mind',
        true,
        1000,
      ),
      homework(true, 'e.g. practise STOP once a day and mark it on the diary card'),
    ],
  },
  psychoeducation: {
    key: 'psychoeducation',
    label: 'Psychoeducation',
    fields: [
      text(
        'keyPoints',
        'Key points taught',
        'e.g. how alcohol affects sleep, what post-acute withdrawal feels like and how long it lasts',
        true,
      ),
      text('materials', 'Materials used', 'e.g. a handout, a short video, a worksheet', false, 500),
      choice(
        'understandingChecked',
        'Understanding checked',
        'How you checked that participants understood',
        true,
        [
          ['teach_back', 'Teach-back in their own words'],
          ['questions', 'Questions or a short quiz'],
          ['discussion', 'Discussion'],
          ['not_checked', 'Not checked'],
        ],
      ),
      homework(false, 'If any, e.g. share one thing learnt with a support person'),
    ],
  },
  life_skills: {
    key: 'life_skills',
    label: 'Life skills',
    fields: [
      choice('skillArea', 'Skill area', 'The area of daily life the session worked on', true, [
        ['stress', 'Stress management'],
        ['boundaries', 'Boundaries'],
        ['relationships', 'Healthy relationships'],
        ['communication', 'Communication'],
        ['routine', 'Routine, sleep and self-care'],
        ['work_and_money', 'Work, study and money'],
      ]),
      text(
        'skillsTaught',
        'Skills taught',
        'e.g. saying no without over-explaining, planning the week',
        true,
        1000,
      ),
      text('practice', 'Practice in session', 'e.g. role play in pairs, a budgeting worksheet', false, 1000),
      homework(false, 'e.g. set one boundary this week and note how it went'),
    ],
  },
  relapse_prevention: {
    key: 'relapse_prevention',
    label: 'Relapse prevention',
    fields: [
      text(
        'highRiskSituations',
        'High-risk situations and triggers discussed',
        'e.g. payday, conflict at home, being around people who use, boredom in the evening',
        true,
      ),
      text(
        'skillsTaught',
        'Coping skills rehearsed',
        'e.g. refusal skills, urge surfing, leaving early, calling a support person',
        true,
        1000,
      ),
      text(
        'lapseManagement',
        'Warning signs and lapse management',
        'Early warning signs, and what to do after a lapse so it does not become a relapse',
        false,
        1000,
      ),
      homework(false, 'e.g. write a three-step plan for the riskiest evening of the week'),
    ],
  },
  family_group: {
    key: 'family_group',
    label: 'Family group',
    fields: [
      text(
        'familiesAttending',
        'Family members attending',
        'How many families and who, by relationship, e.g. four families: three parents, two partners',
        true,
        500,
      ),
      text(
        'familyThemes',
        'Family themes addressed',
        'e.g. enabling, rebuilding trust, boundaries, how to respond to a lapse',
        true,
      ),
      text(
        'skillsTaught',
        'Skills taught',
        'e.g. I-statements, active listening, setting a boundary',
        false,
        1000,
      ),
      homework(false, 'e.g. one calm conversation about the week, using I-statements'),
    ],
  },
  individual_therapy: {
    key: 'individual_therapy',
    label: 'Individual therapy',
    fields: [
      choice('approach', 'Main approach', 'The approach the session mostly used', true, [
        ['cbt', 'Cognitive behavioural therapy'],
        ['dbt', 'Dialectical behaviour therapy skills'],
        ['motivational_interviewing', 'Motivational interviewing'],
        ['relapse_prevention', 'Relapse prevention'],
        ['trauma_informed', 'Trauma-informed work'],
        ['supportive', 'Supportive therapy'],
      ]),
      choice('riskReview', 'Safety and risk', 'Whether risk to self or others was reviewed', true, [
        ['no_concerns', 'Reviewed: no current concerns'],
        ['concerns_addressed', 'Reviewed: concerns addressed'],
        ['not_reviewed', 'Not reviewed this session'],
      ]),
      text(
        'skillsTaught',
        'Skills taught',
        'e.g. urge surfing, a thought record, paced breathing',
        false,
        1000,
      ),
      homework(false, 'e.g. log cravings and what helped, until the next session'),
    ],
  },
  family_therapy: {
    key: 'family_therapy',
    label: 'Family therapy',
    fields: [
      choice('focus', 'Main focus', 'What the session mostly worked on', true, [
        ['communication', 'Communication'],
        ['boundaries_and_roles', 'Boundaries and roles'],
        ['supporting_recovery', 'Supporting recovery'],
        ['conflict_and_repair', 'Conflict and repair'],
        ['family_education', 'Family education'],
        ['safety', 'Safety and crisis planning'],
      ]),
      text(
        'familyDynamics',
        'Family dynamics and communication patterns addressed',
        'e.g. a blaming cycle, enabling, roles that changed during the participant’s use, how conflict is raised',
        true,
      ),
      text(
        'strengths',
        'Family strengths noted',
        'e.g. the family still eats together most evenings',
        false,
        1000,
      ),
      text(
        'skillsTaught',
        'Skills taught',
        'e.g. I-statements, active listening, asking about cravings calmly',
        false,
        1000,
      ),
      homework(false, 'e.g. a fifteen-minute family meeting each week'),
    ],
  },
};

/** The template named by a key, or undefined for an unknown key. */
export function noteTemplateOf(key: unknown): NoteTemplate | undefined {
  return noteTemplateKeys.find((candidate) => candidate === key)
    ? noteTemplates[key as NoteTemplateKey]
    : undefined;
}

/** Every field of a template, unwritten: how a new note's `fields` start. */
export function blankTemplateFields(template: NoteTemplate): Record<string, string> {
  return Object.fromEntries(template.fields.map((field) => [field.key, '']));
}

/** A problem with one field's value; `key` is the field's key, the message never repeats the value. */
export interface TemplateFieldProblem {
  key: string;
  message: string;
}

/**
 * What is wrong with a note's field values for its template: a key the template does not have, a
 * choice that is not one of the field's options, text longer than the field takes. Empty when the
 * values fit; unwritten fields are fine in a draft (see `unwrittenRequiredFields`).
 */
export function templateFieldProblems(
  template: NoteTemplate,
  fields: Readonly<Record<string, string>>,
): TemplateFieldProblem[] {
  const problems: TemplateFieldProblem[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const field = template.fields.find((candidate) => candidate.key === key);
    if (!field) {
      problems.push({ key, message: `is not a field of the ${template.label} template` });
    } else if (field.kind === 'choice') {
      if (value !== '' && !field.options.some((option) => option.value === value)) {
        problems.push({
          key,
          message: `must be one of ${field.options.map((option) => option.value).join(', ')}`,
        });
      }
    } else if (value.length > field.maxLength) {
      problems.push({ key, message: `must be at most ${field.maxLength} characters` });
    }
  }
  return problems;
}

/** The fields signing needs that are still unwritten (blank, or no option chosen). */
export function unwrittenRequiredFields(
  template: NoteTemplate,
  fields: Readonly<Record<string, unknown>>,
): TemplateField[] {
  return template.fields.filter((field) => {
    const value = fields[field.key];
    return field.requiredToSign && (typeof value !== 'string' || value.trim() === '');
  });
}

/** A field's value as a reader sees it: an option's label for a choice. */
export function templateFieldText(field: TemplateField, value: string): string {
  if (field.kind === 'text') return value;
  return field.options.find((option) => option.value === value)?.label ?? value;
}

/**
 * The legacy group note content (before templates): skills taught and homework were free text on
 * every group note. Labels for reading such notes back.
 */
export const legacyGroupFieldLabels = { skillsTaught: 'Skills taught', homework: 'Homework' } as const;

/**
 * Moves a group note written before templates onto a template: its skills taught and homework go to
 * the template's fields of the same key; one the template lacks is kept at the end of the narrative,
 * under its label, so nothing written is lost.
 */
export function legacyGroupFieldsOnto(
  template: NoteTemplate,
  legacy: { narrative: string; skillsTaught?: string | undefined; homework?: string | undefined },
): { narrative: string; fields: Record<string, string> } {
  const fields = blankTemplateFields(template);
  let narrative = legacy.narrative;
  for (const key of ['skillsTaught', 'homework'] as const) {
    const value = legacy[key]?.trim() ?? '';
    if (value === '') continue;
    if (key in fields) fields[key] = value;
    else narrative = `${narrative}${narrative === '' ? '' : '\n\n'}${legacyGroupFieldLabels[key]}: ${value}`;
  }
  return { narrative, fields };
}
