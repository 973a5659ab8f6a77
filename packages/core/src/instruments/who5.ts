import type { InstrumentDefinition } from './instrument.js';
import { sumOf } from './instrument.js';

/**
 * WHO-5 Well-Being Index (WHO Regional Office for Europe 1998; Topp, Østergaard, Søndergaard & Bech 2015,
 * Psychother Psychosom 84:167–176). Five items 0–5 about the last two weeks, raw total 0–25, shown as a
 * percentage (raw × 4, 0–100). A raw total below 13 or any item answered 0 or 1 indicates poor
 * well-being and calls for a depression check (domain-rules §4 [I13a, I13b]).
 */
const frequency = [
  { value: 5, label: 'All of the time' },
  { value: 4, label: 'Most of the time' },
  { value: 3, label: 'More than half of the time' },
  { value: 2, label: 'Less than half of the time' },
  { value: 1, label: 'Some of the time' },
  { value: 0, label: 'At no time' },
] as const;

const bands = ['poor', 'adequate'] as const;

// Poor well-being: raw total below 13, or any item at 0 or 1 (domain-rules §4 [I13a, I13b]).
const poorBelowRaw = 13;
const poorItemAtMost = 1;

const interpretations: Record<(typeof bands)[number], string> = {
  poor: 'Poor well-being: screen for depression, for example with the PHQ-9.',
  adequate: 'Well-being is not poor.',
};

export const who5: InstrumentDefinition = {
  code: 'who5',
  title: 'WHO-5 Well-Being Index',
  instructions: 'Over the last two weeks:',
  items: [
    'I have felt cheerful and in good spirits',
    'I have felt calm and relaxed',
    'I have felt active and vigorous',
    'I woke up feeling fresh and rested',
    'My daily life has been filled with things that interest me',
  ].map((text, index) => ({ linkId: `who5-${index + 1}`, text, kind: 'scale' as const, options: frequency })),
  needsSex: false,
  bands,
  // On the percentage: a raw 13 is 52 %. A point can still be poor above it (an item at 0 or 1).
  bandFrom: [0, poorBelowRaw * 4],
  source:
    'WHO Regional Office for Europe, 1998. Topp CW, Østergaard SD, Søndergaard S, Bech P. The WHO-5 ' +
    'Well-Being Index: a systematic review of the literature. Psychother Psychosom 2015;84(3):167–176.',
  licence: 'World Health Organization; free use unconfirmed (domain-rules §4).',
  score(answers) {
    const total = sumOf(answers, [1, 2, 3, 4, 5]);
    const percent = total * 4;
    const poor = total < poorBelowRaw || answers.some((answer) => Number(answer) <= poorItemAtMost);
    const band = poor ? 'poor' : 'adequate';
    const flags = poor ? ['poor_wellbeing'] : [];
    return { code: 'who5', total, band, flags, percent, interpretation: interpretations[band] };
  },
};
