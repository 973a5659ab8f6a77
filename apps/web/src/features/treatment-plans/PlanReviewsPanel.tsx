import { Anchor, Badge, Card, Group, List, Text, Title } from '@mantine/core';
import { type Program, planReviewNoticeDays } from '@stepwise/core';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { reviewStateColors, reviewStateLabels } from './labels';
import { reviewDueList } from './lists';

/**
 * The program's treatment-plan reviews that need doing: overdue ones first, then those due within the
 * notice days, each linked to the participant's record. Reviews further off are only counted.
 */
export function PlanReviewsPanel({ program }: { program: Program }) {
  const reviews = useApiData(
    () => api.get(`/programs/${program.id}/plan-reviews`, { schema: reviewDueList }),
    [program.id],
  );
  const due = reviews.data?.items.filter((item) => item.state !== 'scheduled') ?? [];
  const later = (reviews.data?.items.length ?? 0) - due.length;
  return (
    <Card withBorder component="section" aria-labelledby="plan-reviews-panel-heading">
      <Title order={2} size="h3" id="plan-reviews-panel-heading" mb={4}>
        Plan reviews
      </Title>
      <Text size="sm" mb="sm">
        Treatment plans in {program.name} whose review is overdue or due in the next {planReviewNoticeDays}{' '}
        days.
      </Text>
      <ErrorAlert error={reviews.error} title="The plan reviews could not be loaded" />
      {!reviews.data && !reviews.error && <Text size="sm">Loading…</Text>}
      {reviews.data && due.length === 0 && <Text size="sm">No plan review is overdue or due soon.</Text>}
      {due.length > 0 && (
        <List size="sm" spacing={6} aria-label="Plan reviews due">
          {due.map((item) => (
            <List.Item key={item.planId}>
              <Group gap={6} wrap="wrap">
                <Anchor component={Link} to={`/participants/${item.participantId}`} fw={600}>
                  {item.participantName}
                </Anchor>
                <span>
                  version {item.version}, due {formatDate(item.nextReviewDate)}
                </span>
                <Badge color={reviewStateColors[item.state]} variant="filled" size="sm">
                  {reviewStateLabels[item.state]}
                </Badge>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {reviews.data && later > 0 && (
        <Text size="sm" mt="xs">
          {later} more {later === 1 ? 'plan is' : 'plans are'} reviewed later.
        </Text>
      )}
    </Card>
  );
}
