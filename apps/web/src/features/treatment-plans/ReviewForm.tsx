import { Button, Fieldset, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  type GoalProgressRating,
  goalProgressRatings,
  type PlanReview,
  planReviewInput,
  planReviewSchema,
  type TreatmentPlan,
} from '@stepwise/core';
import { api } from '../../api/client';
import { optional, schemaErrors } from '../../api/form-errors';
import { useSaveForm } from '../../api/use-save-form';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ratingLabels } from './labels';
import { quoted } from './PlanProblems';

interface ReviewValues {
  /** One row per goal of the plan, in the plan's order. */
  progress: { goalId: string; statement: string; rating: GoalProgressRating | null; comment: string }[];
  summary: string;
}

function toReviewInput(values: ReviewValues) {
  return {
    progress: values.progress.map((goal) => ({
      goalId: goal.goalId,
      rating: goal.rating,
      comment: optional(goal.comment),
    })),
    summary: optional(values.summary),
  };
}

/** The schema's messages, with an unrated goal said in the form's words. */
function reviewErrors(values: ReviewValues) {
  const errors = schemaErrors(planReviewInput, toReviewInput(values));
  values.progress.forEach((goal, index) => {
    if (goal.rating === null) errors[`progress.${index}.rating`] = 'Rate the progress on this goal.';
  });
  return errors;
}

/**
 * Reviews the plan in effect: for every goal how it moved since the last review, with a comment, and a
 * summary. Recording it sets the next review date.
 */
export function ReviewForm({
  plan,
  onRecorded,
}: {
  plan: TreatmentPlan;
  onRecorded: (review: PlanReview) => void;
}) {
  const goals = plan.problems.flatMap((problem) => problem.goals);
  const form = useForm<ReviewValues>({
    initialValues: {
      progress: goals.map((goal) => ({
        goalId: goal.id,
        statement: goal.statement,
        rating: null,
        comment: '',
      })),
      summary: '',
    },
    validate: reviewErrors,
  });
  const { submit, failure } = useSaveForm(form, async (values) => {
    const review = await api.post(`/treatment-plans/${plan.id}/reviews`, toReviewInput(values), {
      schema: planReviewSchema,
    });
    onRecorded(review);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={failure} title="The review could not be recorded" />
        {form.values.progress.map((goal, index) => (
          <Fieldset key={goal.goalId} legend={`Goal ${index + 1}`} p="sm">
            <Text size="sm" fs="italic" mb="xs" style={{ overflowWrap: 'break-word' }}>
              {quoted(goal.statement)}
            </Text>
            <Radio.Group
              label={`Progress on goal ${index + 1}`}
              required
              {...form.getInputProps(`progress.${index}.rating`)}
              value={goal.rating ?? ''}
            >
              <Group gap="md" mt={6}>
                {goalProgressRatings.map((rating) => (
                  <Radio key={rating} value={rating} label={ratingLabels[rating]} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              mt="sm"
              label={`Comment on goal ${index + 1}`}
              description="Optional: what moved it, in a sentence or two"
              autosize
              minRows={2}
              {...form.getInputProps(`progress.${index}.comment`)}
            />
          </Fieldset>
        ))}
        <Textarea
          label="Summary"
          description="Optional: the review in a few sentences, and any change of direction"
          autosize
          minRows={3}
          {...form.getInputProps('summary')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Record review
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
