import { Badge, Group, List, Text } from '@mantine/core';
import type { DueAssessmentItem } from '@stepwise/core';
import { dueReasonLabels, dueText } from './labels';

/**
 * Questionnaires someone owes, for the care team: each with why it is due, since when, and whether it
 * is overdue. Renders "Nothing due." when the list is empty.
 */
export function DueAssessmentList({
  items,
  today,
  label,
}: {
  items: readonly DueAssessmentItem[];
  today: string;
  /** Names the list for screen readers, e.g. "Assessments due: Ana Demo". */
  label: string;
}) {
  if (items.length === 0) return <Text size="sm">Nothing due.</Text>;
  return (
    <List size="sm" spacing={4} aria-label={label}>
      {items.map((item) => (
        <List.Item key={item.instrument}>
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={600} span>
              {item.title}
            </Text>
            <Text size="sm" span>
              {dueReasonLabels[item.reason]} · {dueText(item, today)}
            </Text>
            {item.overdue && (
              <Badge color="red.9" variant="filled" size="sm">
                Overdue
              </Badge>
            )}
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
