import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  type DimensionKey,
  dimensionKeys,
  dimensionLabels,
  type LevelOfCare,
  type LevelOfCareAssessment,
  levelOfCareAssessmentInput,
  levelOfCareAssessmentSchema,
  levelOfCareDecisionInput,
  levelOfCareLabels,
  levelsOfCare,
  type Population,
  type Program,
  populations,
  steppingDownLevels,
} from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { optional, schemaErrors } from '../../api/form-errors';
import { useSaveForm } from '../../api/use-save-form';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { populationLabels } from '../organisation/labels';
import { levelOfCareFlagLabel } from './labels';

/**
 * Step two of the intake: the six-dimension assessment, the explained recommendation, and the
 * clinician's confirmation or override with a reason.
 */
export function LevelOfCareStep({
  participantId,
  latest,
  programs,
  defaultProgramId,
  canRecord,
  onChanged,
  onContinue,
}: {
  participantId: string;
  /** The newest assessment of this person, if any. */
  latest: LevelOfCareAssessment | undefined;
  programs: Program[];
  defaultProgramId: string | null;
  /** False once the referral is closed: assessments stay visible, no new ones are recorded here. */
  canRecord: boolean;
  onChanged: () => void;
  onContinue: () => void;
}) {
  const [assessingAgain, setAssessingAgain] = useState(false);
  const assessing = canRecord && (!latest || assessingAgain);

  return (
    <Stack gap="md">
      {assessing ? (
        <AssessmentForm
          participantId={participantId}
          programs={programs}
          defaultProgramId={latest?.programId ?? defaultProgramId}
          onAssessed={() => {
            setAssessingAgain(false);
            onChanged();
          }}
          onCancel={latest ? () => setAssessingAgain(false) : undefined}
        />
      ) : latest ? (
        <>
          <Recommendation assessment={latest} />
          {latest.decision ? (
            <DecisionSummary assessment={latest} />
          ) : (
            canRecord && <DecisionForm assessment={latest} onDecided={onChanged} />
          )}
          <Group>
            {latest.decision && <Button onClick={onContinue}>Continue to the decision</Button>}
            {canRecord && (
              <Button variant="outline" onClick={() => setAssessingAgain(true)}>
                Start a new assessment
              </Button>
            )}
          </Group>
        </>
      ) : (
        <Text>No level-of-care assessment was recorded.</Text>
      )}
    </Stack>
  );
}

type Tristate = '' | 'yes' | 'no';

interface AssessmentFormValues {
  /** Null when left empty: a clearable select shows its clear button for any other value. */
  programId: string | null;
  population: Population | '';
  dimensions: Record<DimensionKey, string>;
  notes: Record<DimensionKey, string>;
  context: {
    needsMedicalDetox: boolean;
    steppingDownFrom: (typeof steppingDownLevels)[number] | null;
    canAttendInpatient: Tristate;
    stableHome: Tristate;
    recentRelapseAfterStability: boolean;
  };
}

const perDimension = <T,>(value: T) =>
  Object.fromEntries(dimensionKeys.map((key) => [key, value])) as Record<DimensionKey, T>;

/** Yes, no, or not asked: an unasked fact is left out, so no rule reads it as "no". */
const fromTristate = (value: Tristate) => (value === '' ? undefined : value === 'yes');

function toAssessmentInput(values: AssessmentFormValues) {
  const { context } = values;
  return {
    programId: values.programId || undefined,
    population: values.programId ? undefined : values.population || undefined,
    dimensions: Object.fromEntries(
      dimensionKeys.map((key) => [
        key,
        values.dimensions[key] === '' ? undefined : Number(values.dimensions[key]),
      ]),
    ),
    notes: Object.fromEntries(dimensionKeys.map((key) => [key, optional(values.notes[key])])),
    context: {
      needsMedicalDetox: context.needsMedicalDetox || undefined,
      steppingDownFrom: context.steppingDownFrom || undefined,
      canAttendInpatient: fromTristate(context.canAttendInpatient),
      stableHome: fromTristate(context.stableHome),
      recentRelapseAfterStability: context.recentRelapseAfterStability || undefined,
    },
  };
}

function assessmentErrors(values: AssessmentFormValues) {
  const errors = schemaErrors(levelOfCareAssessmentInput, toAssessmentInput(values));
  for (const key of dimensionKeys) {
    if (errors[`dimensions.${key}`] && values.dimensions[key] === '') {
      errors[`dimensions.${key}`] = 'Rate this dimension from 0 to 4.';
    }
  }
  if (!values.programId && !values.population) errors.population = 'Choose a program, or the population.';
  return errors;
}

const tristateOptions = [
  { value: '', label: 'Not asked' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

function AssessmentForm({
  participantId,
  programs,
  defaultProgramId,
  onAssessed,
  onCancel,
}: {
  participantId: string;
  programs: Program[];
  defaultProgramId: string | null;
  onAssessed: () => void;
  onCancel: (() => void) | undefined;
}) {
  const form = useForm<AssessmentFormValues>({
    initialValues: {
      programId: defaultProgramId,
      population: '',
      dimensions: perDimension(''),
      notes: perDimension(''),
      context: {
        needsMedicalDetox: false,
        steppingDownFrom: null,
        canAttendInpatient: '',
        stableHome: '',
        recentRelapseAfterStability: false,
      },
    },
    validate: assessmentErrors,
  });
  const { submit, failure } = useSaveForm(form, async (values) => {
    await api.post(`/participants/${participantId}/level-of-care-assessments`, toAssessmentInput(values), {
      schema: levelOfCareAssessmentSchema,
    });
    onAssessed();
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={failure} title="The assessment could not be recorded" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Program"
            description="Its rules and population apply"
            placeholder="Stepwise’s default rules"
            clearable
            data={programs.map((program) => ({ value: program.id, label: program.name }))}
            {...form.getInputProps('programId')}
          />
          {!form.values.programId && (
            <Select
              label="Population"
              required
              data={populations.map((value) => ({ value, label: populationLabels[value] }))}
              {...form.getInputProps('population')}
            />
          )}
        </SimpleGrid>
        <Text size="sm">
          Rate each dimension from 0 (no problem or risk) to 4 (severe problem or risk), and note what the
          rating rests on.
        </Text>
        {dimensionKeys.map((key) => (
          <Paper key={key} withBorder p="sm">
            <Radio.Group
              label={`${key.toUpperCase()} · ${dimensionLabels[key]}`}
              required
              {...form.getInputProps(`dimensions.${key}`)}
            >
              <Group gap="lg" mt={4}>
                {[0, 1, 2, 3, 4].map((rating) => (
                  <Radio key={rating} value={String(rating)} label={String(rating)} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label={`Notes on ${dimensionLabels[key].toLowerCase()}`}
              autosize
              minRows={1}
              mt="xs"
              {...form.getInputProps(`notes.${key}`)}
            />
          </Paper>
        ))}
        <Paper withBorder p="sm">
          <Title order={4} size="h5" mb="xs">
            Circumstances
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Checkbox
              label="Needs medically supervised detox"
              {...form.getInputProps('context.needsMedicalDetox', { type: 'checkbox' })}
            />
            <Checkbox
              label="Recently relapsed after a period of stability"
              {...form.getInputProps('context.recentRelapseAfterStability', { type: 'checkbox' })}
            />
            <Select
              label="Stepping down from"
              placeholder="Not stepping down"
              clearable
              data={steppingDownLevels.map((value) => ({ value, label: levelOfCareLabels[value] }))}
              {...form.getInputProps('context.steppingDownFrom')}
            />
            <Select
              label="Has a stable home"
              data={tristateOptions}
              allowDeselect={false}
              {...form.getInputProps('context.stableHome')}
            />
            <Select
              label="Can attend a 24-hour program"
              description="Work, school or family may make it impossible"
              data={tristateOptions}
              allowDeselect={false}
              {...form.getInputProps('context.canAttendInpatient')}
            />
          </SimpleGrid>
        </Paper>
        <Group>
          <Button type="submit" loading={form.submitting}>
            Recommend level of care
          </Button>
          {onCancel && (
            <Button variant="subtle" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The recommended level, why, and what the team should discuss. */
export function Recommendation({ assessment }: { assessment: LevelOfCareAssessment }) {
  const { recommendation } = assessment;
  return (
    <Card withBorder component="section" aria-labelledby="recommendation-heading">
      <Title order={3} size="h4" id="recommendation-heading">
        Recommendation
      </Title>
      <Text size="xl" fw={700} mt={4}>
        {levelOfCareLabels[recommendation.level]}
      </Text>
      {recommendation.weeklyHoursMinimum !== undefined && (
        <Text>At least {recommendation.weeklyHoursMinimum} hours of treatment a week.</Text>
      )}
      <Text size="sm" mt={4}>
        Ratings {dimensionKeys.map((key) => `${key.toUpperCase()} ${assessment.dimensions[key]}`).join(', ')}{' '}
        · assessed by {assessment.assessedBy.name}, {formatDateTime(assessment.assessedAt)}
      </Text>
      <Title order={4} size="h5" mt="sm">
        Why
      </Title>
      <List spacing={4} size="sm">
        {recommendation.reasons.map((reason) => (
          <List.Item key={reason.text}>{reason.text}</List.Item>
        ))}
      </List>
      {recommendation.flags.length > 0 && (
        <>
          <Title order={4} size="h5" mt="sm">
            To discuss
          </Title>
          <Group gap={6} mt={4}>
            {recommendation.flags.map((flag) => (
              <Badge key={flag} color="yellow.4" variant="filled">
                {levelOfCareFlagLabel(flag)}
              </Badge>
            ))}
          </Group>
        </>
      )}
    </Card>
  );
}

/** What the clinician decided, and why when it differs from the recommendation. */
function DecisionSummary({ assessment }: { assessment: LevelOfCareAssessment }) {
  const { decision } = assessment;
  if (!decision) return null;
  return (
    <Alert color={decision.kind === 'confirmed' ? 'teal' : 'yellow'} role="status" title="Decision recorded">
      {decision.kind === 'confirmed' ? 'Confirmed' : 'Overridden to'} {levelOfCareLabels[decision.level]} by{' '}
      {decision.decidedBy.name}, {formatDateTime(decision.decidedAt)}.
      {decision.reason && <> Reason: {decision.reason}</>}
    </Alert>
  );
}

interface OverrideValues {
  level: LevelOfCare | '';
  reason: string;
}

/** Confirm the recommendation, or override it with another level and a reason. */
function DecisionForm({
  assessment,
  onDecided,
}: {
  assessment: LevelOfCareAssessment;
  onDecided: () => void;
}) {
  const [overriding, setOverriding] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [confirming, setConfirming] = useState(false);
  const path = `/level-of-care-assessments/${assessment.id}/decision`;
  const form = useForm<OverrideValues>({
    initialValues: { level: '', reason: '' },
    validate: (values) => {
      const errors = schemaErrors(levelOfCareDecisionInput, { decision: 'override', ...values });
      if (!values.level) errors.level = 'Choose the level of care.';
      return errors;
    },
  });
  const { submit, failure: overrideFailure } = useSaveForm(form, async (values) => {
    await api.post(path, { decision: 'override', ...values }, { schema: levelOfCareAssessmentSchema });
    onDecided();
  });

  const confirm = async () => {
    setFailure(undefined);
    setConfirming(true);
    try {
      await api.post(path, { decision: 'confirm' }, { schema: levelOfCareAssessmentSchema });
      onDecided();
    } catch (error) {
      setFailure(error);
    } finally {
      setConfirming(false);
    }
  };

  const recommended = levelOfCareLabels[assessment.recommendation.level];
  return (
    <Card withBorder component="section" aria-labelledby="decision-heading">
      <Title order={3} size="h4" id="decision-heading" mb="xs">
        Clinician’s decision
      </Title>
      <ErrorAlert error={failure} title="The decision could not be recorded" />
      {!overriding ? (
        <Group>
          <Button loading={confirming} onClick={() => void confirm()}>
            Confirm {recommended}
          </Button>
          <Button variant="outline" onClick={() => setOverriding(true)}>
            Override
          </Button>
        </Group>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ErrorAlert error={overrideFailure} title="The override could not be recorded" />
            <Select
              label="Level of care"
              required
              data={levelsOfCare
                .filter((level) => level !== assessment.recommendation.level)
                .map((level) => ({ value: level, label: levelOfCareLabels[level] }))}
              {...form.getInputProps('level')}
            />
            <Textarea
              label="Reason for the override"
              description="At least a sentence: it is kept with the assessment"
              required
              autosize
              minRows={2}
              {...form.getInputProps('reason')}
            />
            <Group>
              <Button type="submit" loading={form.submitting}>
                Record override
              </Button>
              <Button variant="subtle" onClick={() => setOverriding(false)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
