import { Box, Button, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import type { PlanReview, TreatmentPlan } from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { ratingLabels } from './labels';
import { planReviewList } from './lists';
import { quoted } from './PlanProblems';
import { ReviewForm } from './ReviewForm';

/**
 * The reviews of the plan in effect, newest first, each goal's progress named by its statement; for
 * writers, recording the next one.
 */
export function PlanReviews({
  plan,
  canWrite,
  onRecorded,
}: {
  plan: TreatmentPlan;
  canWrite: boolean;
  onRecorded: (review: PlanReview) => void;
}) {
  const [reviewing, setReviewing] = useState(false);
  const reviews = useApiData(
    () => api.get(`/treatment-plans/${plan.id}/reviews`, { schema: planReviewList }),
    [plan.id],
  );
  const statements = new Map(
    plan.problems.flatMap((problem) => problem.goals.map((goal) => [goal.id, goal.statement] as const)),
  );
  const items = reviews.data?.items.slice().sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Box component="section" aria-labelledby="plan-reviews-heading" mt="md">
      <Group justify="space-between" mb={4}>
        <Title order={4} size="h5" id="plan-reviews-heading">
          Reviews
        </Title>
        {canWrite && (
          <Button variant="outline" size="xs" onClick={() => setReviewing(true)}>
            Record a review
          </Button>
        )}
      </Group>
      <ErrorAlert error={reviews.error} title="The reviews could not be loaded" />
      {!reviews.data && !reviews.error && <Text size="sm">Loading reviews…</Text>}
      {items && items.length === 0 && (
        <Text size="sm">
          No reviews yet
          {plan.nextReviewDate ? `: the first is due by ${formatDate(plan.nextReviewDate)}.` : '.'}
        </Text>
      )}
      {items && items.length > 0 && (
        <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Past reviews">
          {items.map((review) => (
            <Box
              component="li"
              key={review.id}
              pt="xs"
              style={{ borderTop: '1px solid var(--mantine-color-gray-3)', overflowWrap: 'break-word' }}
            >
              <Text size="sm" fw={600}>
                Reviewed {formatDate(review.reviewedOn)} by {review.reviewedBy.name}
              </Text>
              <List size="sm" spacing={2}>
                {review.progress.map((goal) => (
                  <List.Item key={goal.goalId}>
                    {quoted(statements.get(goal.goalId) ?? 'A goal no longer in the plan')}:{' '}
                    <strong>{ratingLabels[goal.rating]}</strong>
                    {goal.comment ? `. ${goal.comment}` : ''}
                  </List.Item>
                ))}
              </List>
              {review.summary && <Text size="sm">Summary: {review.summary}</Text>}
            </Box>
          ))}
        </Stack>
      )}
      <Modal opened={reviewing} onClose={() => setReviewing(false)} title="Record a review" size="lg">
        {reviewing && (
          <ReviewForm
            plan={plan}
            onRecorded={(review) => {
              setReviewing(false);
              reviews.reload();
              onRecorded(review);
            }}
          />
        )}
      </Modal>
    </Box>
  );
}
