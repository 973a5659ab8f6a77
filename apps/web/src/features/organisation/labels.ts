import type { Population, ProgramKind, TrackKind } from '@stepwise/core';

export const programKindLabels: Record<ProgramKind, string> = {
  substance_use: 'Substance use',
  mental_health: 'Mental health',
  co_occurring: 'Co-occurring',
};

export const populationLabels: Record<Population, string> = {
  adult: 'Adult',
  adolescent: 'Adolescent',
};

export const trackKindLabels: Record<TrackKind, string> = {
  morning: 'Morning',
  evening: 'Evening',
  weekend: 'Weekend',
  custom: 'Custom',
};
