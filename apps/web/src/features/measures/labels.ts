import type { InstrumentTrend, screenMethods, screenResults } from '@stepwise/core';

type ScreenMethod = (typeof screenMethods)[number];
type ScreenResult = (typeof screenResults)[number];

export const screenMethodLabels: Record<ScreenMethod, string> = {
  urine: 'Urine',
  breath: 'Breath',
  oral_fluid: 'Oral fluid',
  blood: 'Blood',
  hair: 'Hair',
  sweat_patch: 'Sweat patch',
};

export const screenResultLabels: Record<ScreenResult, string> = {
  negative: 'Negative',
  positive: 'Positive',
  inconclusive: 'Inconclusive',
};

/** Background tints for results; always shown with the result's words, never colour alone. */
export const screenResultTints: Record<ScreenResult, string> = {
  negative: 'var(--mantine-color-green-1)',
  positive: 'var(--mantine-color-red-1)',
  inconclusive: 'var(--mantine-color-yellow-1)',
};

/** A change label as a clinician reads it, with the badge colour that carries it (text always shown). */
export interface ChangeLabel {
  text: string;
  color: string;
}

/** "Response", "Remission" and the reliable-change verdict for a trend, in that order. */
export function changeLabels(change: InstrumentTrend['change']): ChangeLabel[] {
  if (!change) return [];
  const labels: ChangeLabel[] = [];
  if (change.response) labels.push({ text: 'Response', color: 'teal.9' });
  if (change.remission) labels.push({ text: 'Remission', color: 'teal.9' });
  if (change.direction === 'improved') labels.push({ text: 'Reliable improvement', color: 'teal.9' });
  if (change.direction === 'worse') labels.push({ text: 'Reliable worsening', color: 'red.9' });
  if (change.direction === 'unchanged') labels.push({ text: 'No reliable change', color: 'gray.7' });
  return labels;
}

/** "−11 points" / "+2 points" / "no change". */
export function pointsText(points: number): string {
  if (points === 0) return 'no change';
  const size = Math.abs(points);
  return `${points < 0 ? '−' : '+'}${size} point${size === 1 ? '' : 's'}`;
}
