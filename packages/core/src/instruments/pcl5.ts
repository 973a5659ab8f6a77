import { bandFor, type InstrumentDefinition, sumOf } from './instrument.js';

/**
 * PTSD Checklist for DSM-5 (Weathers, Litz, Keane, Palmieri, Marx & Schnurr 2013, National Center for
 * PTSD). Twenty items 0–4 about the past month, total 0–80, in the four DSM-5 symptom clusters
 * B (items 1–5), C (6–7), D (8–14) and E (15–20). The published provisional cut-off is 31–33; Stepwise
 * uses 33 for "probable PTSD" (domain-rules §4 [I12a, I12b]).
 */
const extent = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'A little bit' },
  { value: 2, label: 'Moderately' },
  { value: 3, label: 'Quite a bit' },
  { value: 4, label: 'Extremely' },
] as const;

const bands = [
  [0, 'below_threshold'],
  [33, 'probable_ptsd'],
] as const;

const interpretations: Record<(typeof bands)[number][1], string> = {
  below_threshold: 'PTSD symptoms below the provisional cut-off of 33.',
  probable_ptsd:
    'PTSD symptoms at or above the provisional cut-off of 33: probable PTSD. The checklist does not diagnose; ' +
    'a clinician should confirm with a structured assessment.',
};

/** DSM-5 symptom clusters by item, with the number of endorsed items each needs (domain-rules §4 [I12a, I12b]). */
const clusters = {
  b: { items: [1, 2, 3, 4, 5], needed: 1 },
  c: { items: [6, 7], needed: 1 },
  d: { items: [8, 9, 10, 11, 12, 13, 14], needed: 2 },
  e: { items: [15, 16, 17, 18, 19, 20], needed: 2 },
} as const;

/** An item counts as an endorsed symptom when rated "Moderately" (2) or higher (domain-rules §4 [I12a, I12b]). */
const endorsedFrom = 2;

export const pcl5: InstrumentDefinition = {
  code: 'pcl5',
  title: 'PCL-5',
  instructions:
    'Below is a list of problems that people sometimes have in response to a very stressful experience. ' +
    'In the past month, how much were you bothered by:',
  items: [
    'Repeated, disturbing, and unwanted memories of the stressful experience?',
    'Repeated, disturbing dreams of the stressful experience?',
    'Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?',
    'Feeling very upset when something reminded you of the stressful experience?',
    'Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?',
    'Avoiding memories, thoughts, or feelings related to the stressful experience?',
    'Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?',
    'Trouble remembering important parts of the stressful experience?',
    'Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?',
    'Blaming yourself or someone else for the stressful experience or what happened after it?',
    'Having strong negative feelings such as fear, horror, anger, guilt, or shame?',
    'Loss of interest in activities that you used to enjoy?',
    'Feeling distant or cut off from other people?',
    'Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?',
    'Irritable behavior, angry outbursts, or acting aggressively?',
    'Taking too many risks or doing things that could cause you harm?',
    'Being "superalert" or watchful or on guard?',
    'Feeling jumpy or easily startled?',
    'Having difficulty concentrating?',
    'Trouble falling or staying asleep?',
  ].map((text, index) => ({ linkId: `pcl5-${index + 1}`, text, kind: 'scale' as const, options: extent })),
  needsSex: false,
  bands: bands.map(([, band]) => band),
  bandFrom: bands.map(([from]) => from),
  source:
    'Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 ' +
    '(PCL-5). 2013. National Center for PTSD, U.S. Department of Veterans Affairs.',
  licence: 'Public domain: a U.S. Department of Veterans Affairs instrument, "not copyrighted".',
  score(answers) {
    const total = sumOf(
      answers,
      Array.from({ length: 20 }, (_, index) => index + 1),
    );
    const band = bandFor(total, bands);
    const subscales = {
      b: sumOf(answers, clusters.b.items),
      c: sumOf(answers, clusters.c.items),
      d: sumOf(answers, clusters.d.items),
      e: sumOf(answers, clusters.e.items),
    };
    const symptomPattern = Object.values(clusters).every(
      ({ items, needed }) =>
        items.filter((item) => Number(answers[item - 1]) >= endorsedFrom).length >= needed,
    );
    const flags = [
      ...(band === 'probable_ptsd' ? ['probable_ptsd'] : []),
      ...(symptomPattern ? ['dsm5_symptom_pattern'] : []),
    ];
    const pattern = symptomPattern
      ? ' The answers meet the DSM-5 symptom pattern (at least one intrusion, one avoidance, two mood and ' +
        'two arousal symptoms rated "Moderately" or higher).'
      : '';
    return {
      code: 'pcl5',
      total,
      band,
      flags,
      subscales,
      interpretation: `${interpretations[band]}${pattern}`,
    };
  },
};
