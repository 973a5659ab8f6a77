import { Anchor, Badge, Card, Group, List, Text, Title } from '@mantine/core';
import { overdueAssessmentListSchema, overdueGraceDays, type Program } from '@stepwise/core';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { dueReasonLabels } from './labels';

/**
 * The program's overdue assessments: who owes which questionnaire, the most overdue first, each
 * linked to the participant's record.
 */
export function OverdueAssessmentsPanel({ program }: { program: Program }) {
  const overdue = useApiData(
    () => api.get(`/programs/${program.id}/assessments/overdue`, { schema: overdueAssessmentListSchema }),
    [program.id],
  );
  const items = overdue.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="overdue-assessments-heading">
      <Title order={2} size="h3" id="overdue-assessments-heading" mb={4}>
        Overdue assessments
      </Title>
      <Text size="sm" mb="sm">
        Questionnaires in {program.name}’s schedule not answered within {overdueGraceDays} days of falling
        due.
      </Text>
      <ErrorAlert error={overdue.error} title="The overdue assessments could not be loaded" />
      {!overdue.data && !overdue.error && <Text size="sm">Loading…</Text>}
      {overdue.data && items.length === 0 && <Text size="sm">No assessment is overdue.</Text>}
      {items.length > 0 && (
        <List size="sm" spacing={6} aria-label="Overdue assessments">
          {items.map((item) => (
            <List.Item key={`${item.participantId}:${item.instrument}`}>
              <Group gap={6} wrap="wrap">
                <Anchor component={Link} to={`/participants/${item.participantId}`} fw={600}>
                  {item.participantName}
                </Anchor>
                <span>
                  {item.title} · {dueReasonLabels[item.reason]} · due {formatDate(item.dueDate)}
                </span>
                <Badge color="red.9" variant="filled" size="sm">
                  {item.daysLate} {item.daysLate === 1 ? 'day' : 'days'} late
                </Badge>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
