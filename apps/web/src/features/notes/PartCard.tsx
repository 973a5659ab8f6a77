import { Alert, Card, List, Loader, Stack, Text, Textarea, Title } from '@mantine/core';
import { useId } from 'react';
import type { FieldErrors } from '../../api/form-errors';
import { quoted } from '../treatment-plans/PlanProblems';
import type { PartDraft, PartGoal } from './group-note-drafts';

/**
 * One attendee's part of a draft group note: how they took part, how they responded, and their
 * progress on each goal of their treatment plan. What the server refused at signing shows at the top.
 */
export function PartCard({
  name,
  draft,
  goals,
  errors,
  problems,
  unsaved,
  onChange,
}: {
  name: string;
  draft: PartDraft;
  /** The goals of their plan in effect; undefined while it loads. */
  goals: readonly PartGoal[] | undefined;
  /** Keyed "participation", "response" and "progress.<goalId>". */
  errors: FieldErrors;
  /** Why signing was refused for this part, from the server. */
  problems: string[];
  unsaved: boolean;
  onChange: (change: Partial<PartDraft>) => void;
}) {
  const headingId = useId();
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId} mb={4} style={{ overflowWrap: 'break-word' }}>
        {name}
      </Title>
      {unsaved && (
        <Text size="sm" mb="xs">
          Changed, not saved yet.
        </Text>
      )}
      {problems.length > 0 && (
        <Alert color="red" title="Not signed: individualize this part" mb="sm">
          <List size="sm">
            {problems.map((problem) => (
              <List.Item key={problem}>{problem}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Stack gap="sm">
        <Textarea
          label="Participation"
          description="How they took part: what they shared, how engaged they were"
          autosize
          minRows={2}
          maxLength={2000}
          value={draft.participation}
          onChange={(event) => onChange({ participation: event.currentTarget.value })}
          error={errors.participation}
        />
        <Textarea
          label="Response"
          description="Their response to the interventions"
          autosize
          minRows={2}
          maxLength={2000}
          value={draft.response}
          onChange={(event) => onChange({ response: event.currentTarget.value })}
          error={errors.response}
        />
        {goals === undefined && <Loader size="sm" aria-label={`Loading the goals of ${name}`} />}
        {goals?.length === 0 && (
          <Text size="sm">
            {name} has no treatment plan goals in effect: the part can be signed once a plan with goals is in
            effect.
          </Text>
        )}
        {goals?.map((goal, index) => (
          <Textarea
            key={goal.id}
            label={`Progress on goal ${index + 1}`}
            description={goal.statement ? quoted(goal.statement) : undefined}
            autosize
            minRows={1}
            maxLength={1000}
            value={draft.progress[goal.id] ?? ''}
            onChange={(event) =>
              onChange({ progress: { ...draft.progress, [goal.id]: event.currentTarget.value } })
            }
            error={errors[`progress.${goal.id}`]}
          />
        ))}
      </Stack>
    </Card>
  );
}
