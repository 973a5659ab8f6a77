import { Button, Fieldset, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import {
  type DimensionKey,
  dimensionKeys,
  dimensionLabels,
  type InterventionKind,
  interventionKinds,
  interventionLabels,
  type PlanContentInput,
  planContentInput,
  type TreatmentPlan,
  type User,
} from '@stepwise/core';
import { schemaErrors } from '../../api/form-errors';
import { useSaveForm } from '../../api/use-save-form';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { staffOptions } from '../intake/staff-options';

/*
 * The plan editor: problems, each with goals (and their objectives) and interventions, any of which can
 * be added or removed. Every row carries a `key` for React only; ids of problems, goals and objectives
 * that came from the plan in effect are kept and sent back, so they last from version to version.
 */

interface ObjectiveValues {
  key: string;
  id?: string | undefined;
  text: string;
  targetDate: string;
}
interface GoalValues {
  key: string;
  id?: string | undefined;
  statement: string;
  objectives: ObjectiveValues[];
}
interface InterventionValues {
  key: string;
  kind: InterventionKind | null;
  frequency: string;
  responsibleStaffId: string | null;
}
interface ProblemValues {
  key: string;
  id?: string | undefined;
  title: string;
  dimension: DimensionKey | null;
  goals: GoalValues[];
  interventions: InterventionValues[];
}
export interface PlanFormValues {
  problems: ProblemValues[];
}

const newObjective = (): ObjectiveValues => ({ key: randomId(), text: '', targetDate: '' });
const newGoal = (): GoalValues => ({ key: randomId(), statement: '', objectives: [newObjective()] });
const newIntervention = (): InterventionValues => ({
  key: randomId(),
  kind: null,
  frequency: '',
  responsibleStaffId: null,
});
const newProblem = (): ProblemValues => ({
  key: randomId(),
  title: '',
  dimension: null,
  goals: [newGoal()],
  interventions: [newIntervention()],
});

/** An empty plan: one problem with one goal, one objective and one intervention to fill in. */
export function blankPlan(): PlanFormValues {
  return { problems: [newProblem()] };
}

/** A plan's content as form values, ids kept: to revise it as a new version, or edit a draft. */
export function planValues(plan: TreatmentPlan): PlanFormValues {
  return {
    problems: plan.problems.map((problem) => ({
      key: problem.id,
      id: problem.id,
      title: problem.title,
      dimension: problem.dimension,
      goals: problem.goals.map((goal) => ({
        key: goal.id,
        id: goal.id,
        statement: goal.statement,
        objectives: goal.objectives.map((objective) => ({ key: objective.id, ...objective })),
      })),
      interventions: problem.interventions.map((intervention) => ({
        key: randomId(),
        kind: intervention.kind,
        frequency: intervention.frequency,
        responsibleStaffId: intervention.responsibleStaff.id,
      })),
    })),
  };
}

/** What the form sends: its values without the React keys. */
function toPlanContent(values: PlanFormValues) {
  return {
    problems: values.problems.map((problem) => ({
      id: problem.id,
      title: problem.title,
      dimension: problem.dimension,
      goals: problem.goals.map((goal) => ({
        id: goal.id,
        statement: goal.statement,
        objectives: goal.objectives.map((objective) => ({
          id: objective.id,
          text: objective.text,
          targetDate: objective.targetDate,
        })),
      })),
      interventions: problem.interventions.map((intervention) => ({
        kind: intervention.kind,
        frequency: intervention.frequency,
        responsibleStaffId: intervention.responsibleStaffId,
      })),
    })),
  };
}

/** The field's last path segment, and the words the form uses when it is missing. */
const missingMessages: Record<string, string> = {
  title: 'Name the problem.',
  statement: 'Write the goal in the participant’s own words.',
  text: 'Describe the objective: what will be done, and how it is measured.',
  targetDate: 'Choose the target date.',
  kind: 'Choose the intervention.',
  frequency: 'Say how often, e.g. weekly.',
  responsibleStaffId: 'Choose who is responsible.',
};

/** The schema's messages, with a missing value said in the form's words. */
function planErrors(values: PlanFormValues) {
  const errors = schemaErrors(planContentInput, toPlanContent(values));
  for (const path of Object.keys(errors)) {
    const field = path.split('.').at(-1) ?? '';
    const value = path
      .split('.')
      .reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key], values);
    const missing = value === null || (typeof value === 'string' && value.trim() === '');
    const message = missingMessages[field];
    if (missing && message) errors[path] = message;
  }
  return errors;
}

type PlanFormApi = UseFormReturnType<PlanFormValues>;

/**
 * Writes a plan's content: a first draft, a revision of the plan in effect, or changes to a draft.
 * `save` sends the content (POST or PUT, the caller's choice); the server's field errors land on the
 * fields.
 */
export function PlanForm({
  initial,
  staff,
  submitLabel,
  save,
}: {
  initial: PlanFormValues;
  /** The staff directory, for who is responsible for an intervention. */
  staff: User[] | undefined;
  submitLabel: string;
  save: (content: PlanContentInput) => Promise<void>;
}) {
  const form = useForm<PlanFormValues>({ initialValues: initial, validate: planErrors });
  const { submit, failure } = useSaveForm(form, (values) =>
    // The validation above ran the same schema, so the values have the shape it describes.
    save(planContentInput.parse(toPlanContent(values))),
  );
  const staffChoices = staffOptions(staff, ['director', 'clinician', 'supervisor', 'intake']);
  const { problems } = form.values;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={failure} title="The plan could not be saved" />
        {problems.map((problem, p) => (
          <ProblemFields
            key={problem.key}
            form={form}
            index={p}
            removable={problems.length > 1}
            staffChoices={staffChoices}
          />
        ))}
        <ListError form={form} path="problems" />
        <Group justify="space-between">
          <Button variant="outline" onClick={() => form.insertListItem('problems', newProblem())}>
            Add problem
          </Button>
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A message about a list as a whole ("a plan names at least one problem"), under the list. */
function ListError({ form, path }: { form: PlanFormApi; path: string }) {
  const message = form.errors[path];
  if (!message) return null;
  return (
    <Text size="sm" c="var(--mantine-color-error)">
      {message}
    </Text>
  );
}

function ProblemFields({
  form,
  index: p,
  removable,
  staffChoices,
}: {
  form: PlanFormApi;
  index: number;
  removable: boolean;
  staffChoices: { value: string; label: string }[];
}) {
  const problem = form.values.problems[p];
  if (!problem) return null;
  const at = `problems.${p}`;
  return (
    <Fieldset legend={`Problem ${p + 1}`} p="sm">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Problem"
            description="In clinical terms, e.g. drinking when stressed at work"
            required
            {...form.getInputProps(`${at}.title`)}
          />
          <Select
            label="Dimension"
            description="The level-of-care dimension it belongs to, if one"
            placeholder="None"
            clearable
            data={dimensionKeys.map((key, n) => ({ value: key, label: `${n + 1}. ${dimensionLabels[key]}` }))}
            {...form.getInputProps(`${at}.dimension`)}
          />
        </SimpleGrid>
        {problem.goals.map((goal, g) => (
          <Fieldset key={goal.key} legend={`Goal ${g + 1}`} p="sm" variant="filled">
            <Stack gap="xs">
              <Textarea
                label="Goal, in the participant’s own words"
                required
                autosize
                minRows={2}
                {...form.getInputProps(`${at}.goals.${g}.statement`)}
              />
              {goal.objectives.map((objective, o) => (
                <Group key={objective.key} align="flex-end" gap="xs" wrap="wrap">
                  <TextInput
                    label={`Objective ${o + 1}`}
                    description="Measurable: what, how often, how it is seen"
                    required
                    style={{ flex: '1 1 16rem' }}
                    {...form.getInputProps(`${at}.goals.${g}.objectives.${o}.text`)}
                  />
                  <TextInput
                    label={`Objective ${o + 1} target date`}
                    type="date"
                    required
                    w={180}
                    {...form.getInputProps(`${at}.goals.${g}.objectives.${o}.targetDate`)}
                  />
                  {goal.objectives.length > 1 && (
                    <RemoveButton
                      label={`Remove objective ${o + 1} of goal ${g + 1}`}
                      onClick={() => form.removeListItem(`${at}.goals.${g}.objectives`, o)}
                    />
                  )}
                </Group>
              ))}
              <ListError form={form} path={`${at}.goals.${g}.objectives`} />
              <Group gap="xs">
                <Button
                  variant="outline"
                  size="xs"
                  aria-label={`Add objective to goal ${g + 1} of problem ${p + 1}`}
                  onClick={() => form.insertListItem(`${at}.goals.${g}.objectives`, newObjective())}
                >
                  Add objective
                </Button>
                {problem.goals.length > 1 && (
                  <RemoveButton
                    label={`Remove goal ${g + 1} of problem ${p + 1}`}
                    onClick={() => form.removeListItem(`${at}.goals`, g)}
                  >
                    Remove goal
                  </RemoveButton>
                )}
              </Group>
            </Stack>
          </Fieldset>
        ))}
        <ListError form={form} path={`${at}.goals`} />
        <Group>
          <Button
            variant="outline"
            size="xs"
            aria-label={`Add goal to problem ${p + 1}`}
            onClick={() => form.insertListItem(`${at}.goals`, newGoal())}
          >
            Add goal
          </Button>
        </Group>
        <Fieldset legend={`Interventions for problem ${p + 1}`} p="sm" variant="filled">
          <Stack gap="sm">
            {problem.interventions.map((intervention, i) => (
              <Group key={intervention.key} align="flex-end" gap="xs" wrap="wrap">
                <Select
                  label={`Intervention ${i + 1}`}
                  required
                  data={interventionKinds.map((kind) => ({ value: kind, label: interventionLabels[kind] }))}
                  style={{ flex: '1 1 14rem' }}
                  {...form.getInputProps(`${at}.interventions.${i}.kind`)}
                />
                <TextInput
                  label={`Intervention ${i + 1} frequency`}
                  description="e.g. three groups a week"
                  required
                  style={{ flex: '1 1 12rem' }}
                  {...form.getInputProps(`${at}.interventions.${i}.frequency`)}
                />
                <Select
                  label={`Intervention ${i + 1} responsible staff`}
                  required
                  searchable
                  data={staffChoices}
                  nothingFoundMessage="No staff member by that name"
                  style={{ flex: '1 1 14rem' }}
                  {...form.getInputProps(`${at}.interventions.${i}.responsibleStaffId`)}
                />
                {problem.interventions.length > 1 && (
                  <RemoveButton
                    label={`Remove intervention ${i + 1} of problem ${p + 1}`}
                    onClick={() => form.removeListItem(`${at}.interventions`, i)}
                  />
                )}
              </Group>
            ))}
            <ListError form={form} path={`${at}.interventions`} />
            <Group>
              <Button
                variant="outline"
                size="xs"
                aria-label={`Add intervention to problem ${p + 1}`}
                onClick={() => form.insertListItem(`${at}.interventions`, newIntervention())}
              >
                Add intervention
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        {removable && (
          <Group>
            <RemoveButton
              label={`Remove problem ${p + 1}`}
              onClick={() => form.removeListItem('problems', p)}
            >
              Remove problem
            </RemoveButton>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}

/** A red outlined button that takes a row out of the plan; "Remove" unless told otherwise. */
function RemoveButton({
  label,
  onClick,
  children = 'Remove',
}: {
  /** The accessible name, naming the row: "Remove objective 2 of goal 1". */
  label: string;
  onClick: () => void;
  children?: string;
}) {
  return (
    <Button variant="outline" color="red.9" size="xs" aria-label={label} onClick={onClick}>
      {children}
    </Button>
  );
}
