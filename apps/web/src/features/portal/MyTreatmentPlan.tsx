import {
  Alert,
  Box,
  Button,
  Card,
  Fieldset,
  Group,
  List,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { planAcknowledgementInput, type TreatmentPlan, treatmentPlanSchema } from '@stepwise/core';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { useSaveForm } from '../../api/use-save-form';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { quoted } from '../treatment-plans/PlanProblems';

/** The answer when no plan is in effect yet: a 404, which is not a failure here. */
const noPlanYet = (error: unknown) => error instanceof ApiError && error.status === 404;

/**
 * The participant's treatment plan in effect as they read it: their goals in their own words with the
 * steps toward each, and their typed signature to say they have read it and agree (once per version).
 */
export function MyTreatmentPlan() {
  const loaded = useApiData(() => api.get('/me/treatment-plan', { schema: treatmentPlanSchema }), []);
  const [plan, setPlan] = useState<TreatmentPlan | undefined>(undefined);
  useEffect(() => setPlan(loaded.data), [loaded.data]);

  return (
    <Card withBorder component="section" aria-labelledby="my-plan-heading">
      <Title order={2} size="h3" id="my-plan-heading" mb="sm">
        My treatment plan
      </Title>
      {noPlanYet(loaded.error) ? (
        <Text>
          You have no treatment plan in effect yet. Your care team writes it with you in your first weeks; it
          will show here.
        </Text>
      ) : (
        <ErrorAlert error={loaded.error} title="Your treatment plan could not be loaded" />
      )}
      {!plan && !loaded.error && <Text size="sm">Loading your plan…</Text>}
      {plan && (
        <Stack gap="md">
          <Text size="sm">
            Version {plan.version}, in effect since {formatDateTime(plan.activatedAt)}.
            {plan.nextReviewDate
              ? ` Your care team reviews it with you by ${formatDate(plan.nextReviewDate)}.`
              : ''}
          </Text>
          <MyGoals plan={plan} />
          {plan.acknowledgement ? (
            <Alert color="green" title="You signed this plan" role="status">
              Signed as “{plan.acknowledgement.name}”, {formatDateTime(plan.acknowledgement.at)}.
            </Alert>
          ) : (
            <SignatureForm
              onSigned={(signed) => {
                setPlan(signed);
              }}
            />
          )}
        </Stack>
      )}
    </Card>
  );
}

/** Every goal of the plan in the participant's words, with its objectives and their dates. */
function MyGoals({ plan }: { plan: TreatmentPlan }) {
  const goals = plan.problems.flatMap((problem) => problem.goals);
  return (
    <Box component="section" aria-labelledby="my-goals-heading">
      <Title order={3} size="h4" id="my-goals-heading" mb="xs">
        My goals
      </Title>
      <Stack component="ol" gap="sm" m={0} pl="md">
        {goals.map((goal) => (
          <Box component="li" key={goal.id} style={{ overflowWrap: 'break-word' }}>
            <Text fw={600}>{quoted(goal.statement)}</Text>
            <Text size="sm">Steps toward it:</Text>
            <List size="sm" spacing={2}>
              {goal.objectives.map((objective) => (
                <List.Item key={objective.id}>
                  {objective.text}, by {formatDate(objective.targetDate)}
                </List.Item>
              ))}
            </List>
          </Box>
        ))}
      </Stack>
    </Box>
  );
}

/** The typed-name signature: the participant's name, typed by them, is their signature. */
function SignatureForm({ onSigned }: { onSigned: (plan: TreatmentPlan) => void }) {
  const form = useForm({
    initialValues: { typedName: '' },
    validate: (values) => {
      const errors = schemaErrors(planAcknowledgementInput, values);
      if (errors.typedName && !values.typedName.trim()) errors.typedName = 'Type your full name to sign.';
      return errors;
    },
  });
  const { submit, failure } = useSaveForm(form, async (values) => {
    onSigned(
      await api.post('/me/treatment-plan/acknowledge', values, {
        schema: treatmentPlanSchema,
      }),
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Fieldset legend="Sign my plan" p="sm">
        <Stack gap="sm">
          <ErrorAlert error={failure} title="Your signature could not be recorded" />
          <Text size="sm">
            By typing your name and signing, you say that you have read this plan and agree to work on it with
            your care team.
          </Text>
          <TextInput
            label="Your full name"
            description="Typed by you: this is your signature"
            required
            autoComplete="off"
            {...form.getInputProps('typedName')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Sign my plan
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}
