import { Box, List, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { dimensionLabels, interventionLabels, type PlanProblem } from '@stepwise/core';
import { formatDate } from '../../ui/format';

/** A goal as the participant said it, in quotation marks. */
export function quoted(statement: string): string {
  return `“${statement}”`;
}

/**
 * A plan's content, read-only: each problem with its level-of-care dimension, its goals in the
 * participant's words with their dated objectives, and the interventions with who delivers them.
 * `order` is the heading level of each problem, one below the heading the plan sits under.
 */
export function PlanProblems({ problems, order }: { problems: PlanProblem[]; order: TitleOrder }) {
  return (
    <Stack gap="md">
      {problems.map((problem, p) => (
        <Box
          key={problem.id}
          pl="sm"
          style={{ borderLeft: '3px solid var(--mantine-color-gray-4)', overflowWrap: 'break-word' }}
        >
          <Title order={order} size="h5">
            Problem {p + 1}: {problem.title}
          </Title>
          {problem.dimension && <Text size="sm">Dimension: {dimensionLabels[problem.dimension]}</Text>}
          <Text size="sm" fw={600} mt="xs">
            {problem.goals.length === 1 ? 'Goal' : 'Goals'}
          </Text>
          <List size="sm" spacing={4}>
            {problem.goals.map((goal) => (
              <List.Item key={goal.id}>
                <Text size="sm" fs="italic" component="span">
                  {quoted(goal.statement)}
                </Text>
                <List size="sm" withPadding listStyleType="disc" spacing={2} mt={2}>
                  {goal.objectives.map((objective) => (
                    <List.Item key={objective.id}>
                      {objective.text}, by {formatDate(objective.targetDate)}
                    </List.Item>
                  ))}
                </List>
              </List.Item>
            ))}
          </List>
          <Text size="sm" fw={600} mt="xs">
            {problem.interventions.length === 1 ? 'Intervention' : 'Interventions'}
          </Text>
          <List size="sm" spacing={2}>
            {problem.interventions.map((intervention, i) => (
              // Interventions have no id of their own; their place in the plan names them.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <List.Item key={i}>
                {interventionLabels[intervention.kind]}, {intervention.frequency} (
                {intervention.responsibleStaff.name})
              </List.Item>
            ))}
          </List>
        </Box>
      ))}
    </Stack>
  );
}
