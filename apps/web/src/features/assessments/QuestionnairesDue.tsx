import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { dueAssessmentListSchema } from '@stepwise/core';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';

/**
 * On the participant's home: the questionnaires their care team asks them to answer now, each a large
 * button to start it with the day it fell due. Nothing says "overdue" or why: a gentle list, not a
 * reproach.
 */
export function QuestionnairesDue() {
  const due = useApiData(() => api.get('/me/assessments/due', { schema: dueAssessmentListSchema }), []);
  return (
    <Card withBorder component="section" aria-labelledby="questionnaires-due-heading">
      <Title order={2} size="h3" id="questionnaires-due-heading" mb={4}>
        Questionnaires due
      </Title>
      <ErrorAlert error={due.error} title="Your questionnaires could not be loaded" />
      {!due.data && !due.error && <Text size="sm">Loading…</Text>}
      {due.data && due.data.items.length === 0 && (
        <Text size="sm">Nothing to answer right now. Thank you for keeping up.</Text>
      )}
      {due.data && due.data.items.length > 0 && (
        <>
          <Text size="sm" mb="sm">
            Your care team uses these to see how you are doing. Each takes a few minutes.
          </Text>
          <Stack
            component="ul"
            gap="xs"
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
            aria-label="Questionnaires due"
          >
            {due.data.items.map((item) => (
              <li key={item.instrument}>
                <Button
                  component={Link}
                  to={`/me/questionnaires/${item.instrument}`}
                  fullWidth
                  size="md"
                  variant="default"
                  justify="space-between"
                  aria-label={`Answer the ${item.title}`}
                  rightSection={
                    <Text size="xs" span>
                      {item.dueDate === due.data?.today ? 'today' : `since ${formatDate(item.dueDate)}`}
                    </Text>
                  }
                >
                  {item.title}
                </Button>
              </li>
            ))}
          </Stack>
        </>
      )}
    </Card>
  );
}
