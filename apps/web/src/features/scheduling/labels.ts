import {
  type BlackoutReason,
  blackoutReasonLabels,
  type SessionKind,
  type SessionModality,
  sessionModalityLabels,
  weekdayNames,
} from '@stepwise/core';

export const sessionKindLabels: Record<SessionKind, string> = {
  group: 'Group',
  individual: 'Individual',
  family: 'Family',
  makeup: 'Make-up',
};

/** A blackout reason as a label at the start of a line: "Work shift", "No transport". */
export function blackoutReasonLabel(reason: BlackoutReason): string {
  const label = blackoutReasonLabels[reason];
  return `${label[0]?.toUpperCase() ?? ''}${label.slice(1)}`;
}

/** Full name of an ISO weekday (1 = Monday). */
export function weekdayLabel(weekday: number): string {
  return weekdayNames[weekday - 1] ?? String(weekday);
}

/** ISO weekdays as select options, Monday first. */
export const weekdayOptions = weekdayNames.map((name, index) => ({ value: String(index + 1), label: name }));

/** "Group therapy: Evening process group", or the modality alone when the session has no topic. */
export function sessionTitle(session: { modality: SessionModality; topic: string | null }): string {
  return `${sessionModalityLabels[session.modality]}${session.topic ? `: ${session.topic}` : ''}`;
}
