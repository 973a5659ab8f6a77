import type { DueAssessmentItem, ScheduleReason } from '@stepwise/core';
import { formatDate } from '../../ui/format';

/** Why a questionnaire is due, as the care team reads it. */
export const dueReasonLabels: Record<ScheduleReason, string> = {
  admission: 'At admission',
  interval: 'Regular measure',
  discharge: 'Before discharge',
  triggered: 'After PHQ-9 item 9',
};

/** "Due today", "Due since Nov 20, 2026" or "Overdue since …", for a due assessment. */
export function dueText(item: DueAssessmentItem, today: string): string {
  if (item.dueDate === today) return 'Due today';
  return `${item.overdue ? 'Overdue' : 'Due'} since ${formatDate(item.dueDate)}`;
}
