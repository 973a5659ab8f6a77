import { describe, expect, it } from 'vitest';
import {
  blankTemplateFields,
  legacyGroupFieldsOnto,
  noteTemplateOf,
  noteTemplates,
  templateFieldProblems,
  templateFieldText,
  unwrittenRequiredFields,
} from './note-templates.js';
import { groupContent, storedGroupContent } from './schemas/notes.js';
import { sessionModalities } from './schemas/scheduling.js';

describe('a note template for every session modality', () => {
  it('has one per modality, keyed by it, with unique field keys and options', () => {
    expect(Object.keys(noteTemplates).sort()).toEqual([...sessionModalities].sort());
    for (const [key, template] of Object.entries(noteTemplates)) {
      expect(template.key).toBe(key);
      const keys = template.fields.map((field) => field.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(template.fields.some((field) => field.requiredToSign)).toBe(true);
      for (const field of template.fields) {
        expect(field.label).not.toBe('');
        expect(field.help).not.toBe('');
        if (field.kind === 'choice') {
          const values = field.options.map((option) => option.value);
          expect(values.length).toBeGreaterThanOrEqual(2);
          expect(new Set(values).size).toBe(values.length);
        }
      }
    }
  });

  it('asks every template for the homework given, and skill-teaching ones for the skills taught', () => {
    for (const template of Object.values(noteTemplates)) {
      expect(template.fields.map((field) => field.key)).toContain('homework');
    }
    for (const key of ['cbt_group', 'dbt_skills_group', 'life_skills', 'relapse_prevention'] as const) {
      const skills = noteTemplates[key].fields.find((field) => field.key === 'skillsTaught');
      expect(skills?.requiredToSign, key).toBe(true);
    }
  });

  it('names the four DBT skills modules, and the middle path taught to adolescents (domain-rules §6 [G9])', () => {
    const module = noteTemplates.dbt_skills_group.fields.find((field) => field.key === 'dbtModule');
    expect(module?.kind === 'choice' && module.options.map((option) => option.label)).toEqual([
      'Mindfulness',
      'Distress tolerance',
      'Emotion regulation',
      'Interpersonal effectiveness',
      'Walking the middle path',
    ]);
    expect(noteTemplates.dbt_skills_group.fields.map((field) => field.key)).toContain('diaryCardReview');
  });

  it('asks relapse prevention for high-risk situations and coping skills (Marlatt, domain-rules §6 [G6])', () => {
    const required = noteTemplates.relapse_prevention.fields
      .filter((field) => field.requiredToSign)
      .map((field) => field.label);
    expect(required).toEqual(['High-risk situations and triggers discussed', 'Coping skills rehearsed']);
  });

  it('finds a template by key, and none for an unknown one', () => {
    expect(noteTemplateOf('cbt_group')?.label).toBe('CBT group');
    expect(noteTemplateOf('astrology')).toBeUndefined();
    expect(noteTemplateOf(undefined)).toBeUndefined();
  });
});

describe('checking a note’s fields against its template', () => {
  const dbt = noteTemplates.dbt_skills_group;

  it('starts every field blank', () => {
    expect(blankTemplateFields(dbt)).toEqual({
      dbtModule: '',
      mindfulnessPractice: '',
      diaryCardReview: '',
      skillsTaught: '',
      homework: '',
    });
  });

  it('accepts options, free text and blanks', () => {
    expect(
      templateFieldProblems(dbt, { dbtModule: 'distress_tolerance', skillsTaught: 'TIPP', homework: '' }),
    ).toEqual([]);
  });

  it('refuses keys the template lacks and choices not among the options, without repeating the value', () => {
    const problems = templateFieldProblems(dbt, {
      dbtModule: 'radical acceptance of my boss',
      distortionsTargeted: 'catastrophizing',
    });
    expect(problems).toEqual([
      {
        key: 'dbtModule',
        message:
          'must be one of mindfulness, distress_tolerance, emotion_regulation, interpersonal_effectiveness, walking_the_middle_path',
      },
      { key: 'distortionsTargeted', message: 'is not a field of the DBT skills group template' },
    ]);
    expect(JSON.stringify(problems)).not.toContain('boss');
  });

  it('refuses text longer than the field takes', () => {
    expect(templateFieldProblems(dbt, { mindfulnessPractice: 'x'.repeat(501) })).toEqual([
      { key: 'mindfulnessPractice', message: 'must be at most 500 characters' },
    ]);
  });

  it('names the fields signing needs that are blank or missing', () => {
    expect(
      unwrittenRequiredFields(dbt, {
        dbtModule: 'mindfulness',
        skillsTaught: '  ',
        homework: 'Wise mind',
      }).map((field) => field.key),
    ).toEqual(['diaryCardReview', 'skillsTaught']);
  });

  it('reads a choice back by its option’s label', () => {
    const module = dbt.fields[0];
    expect(module && templateFieldText(module, 'emotion_regulation')).toBe('Emotion regulation');
  });
});

describe('group notes written before templates', () => {
  const legacy = {
    topic: 'Coping with lapses',
    module: '',
    interventions: ['Relapse prevention'],
    narrative: 'Mapped the hours before a lapse.',
    skillsTaught: 'Refusal skills',
    homework: 'A plan for Friday',
  };

  it('still read back, though new content takes a template’s fields instead', () => {
    expect(storedGroupContent.safeParse(legacy).success).toBe(true);
    expect(groupContent.safeParse(legacy).success).toBe(false);
    const { skillsTaught: _skills, homework: _homework, ...shared } = legacy;
    expect(groupContent.parse({ ...shared, template: 'relapse_prevention' }).fields).toEqual({});
  });

  it('move onto a template, keeping what has no field of its own in the narrative', () => {
    expect(legacyGroupFieldsOnto(noteTemplates.relapse_prevention, legacy)).toEqual({
      narrative: 'Mapped the hours before a lapse.',
      fields: {
        highRiskSituations: '',
        skillsTaught: 'Refusal skills',
        lapseManagement: '',
        homework: 'A plan for Friday',
      },
    });
    const moved = legacyGroupFieldsOnto(noteTemplates.psychoeducation, legacy);
    expect(moved.narrative).toBe('Mapped the hours before a lapse.\n\nSkills taught: Refusal skills');
    expect(moved.fields.homework).toBe('A plan for Friday');
  });
});
