import { Button, Fieldset, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import {
  type CurriculumModule,
  type RelapsePreventionContentInput,
  type RelapsePreventionContentView,
  relapsePreventionContentInput,
  relapsePreventionSectionLabels,
} from '@stepwise/core';
import { useState } from 'react';
import { apiFieldErrors, type FieldErrors, schemaErrors } from '../../api/form-errors';
import { ErrorAlert } from '../../ui/ErrorAlert';

/*
 * The relapse-prevention plan editor: lists in the participant's words, coping responses that may name
 * the group module that teaches them (picked from the program's curriculum), and people with numbers.
 * Skill ids from the plan before are kept, so check-ins that named a skill still mean it.
 */

const textSections = ['triggers', 'warningSigns', 'reasons', 'afterLapse'] as const;
type TextSection = (typeof textSections)[number];
const skillSections = ['cravingStrategies', 'copingSkills'] as const;
type SkillSection = (typeof skillSections)[number];

interface TextValues {
  key: string;
  text: string;
}
interface SkillValues {
  key: string;
  id?: string | undefined;
  text: string;
  moduleId: string | null;
}
interface PersonValues {
  key: string;
  name: string;
  relationship: string;
  phone: string;
}
type PlanValues = Record<TextSection, TextValues[]> &
  Record<SkillSection, SkillValues[]> & { people: PersonValues[] };
type PlanForm = UseFormReturnType<PlanValues>;

function valuesOf(content: RelapsePreventionContentView): PlanValues {
  const texts = (items: string[]) => items.map((text) => ({ key: randomId(), text }));
  const skills = (items: RelapsePreventionContentView['copingSkills']) =>
    items.map((skill) => ({
      key: skill.id,
      id: skill.id,
      text: skill.text,
      moduleId: skill.module?.id ?? null,
    }));
  return {
    triggers: texts(content.triggers),
    warningSigns: texts(content.warningSigns),
    reasons: texts(content.reasons),
    afterLapse: texts(content.afterLapse),
    cravingStrategies: skills(content.cravingStrategies),
    copingSkills: skills(content.copingSkills),
    people: content.people.map((person) => ({
      key: randomId(),
      name: person.name,
      relationship: person.relationship ?? '',
      phone: person.phone,
    })),
  };
}

function toInput(values: PlanValues) {
  const texts = (items: TextValues[]) => items.map((item) => item.text);
  const skills = (items: SkillValues[]) =>
    items.map((item) => ({ id: item.id, text: item.text, moduleId: item.moduleId }));
  return {
    triggers: texts(values.triggers),
    warningSigns: texts(values.warningSigns),
    cravingStrategies: skills(values.cravingStrategies),
    copingSkills: skills(values.copingSkills),
    people: values.people.map((person) => ({
      name: person.name,
      relationship: person.relationship.trim() === '' ? null : person.relationship,
      phone: person.phone,
    })),
    reasons: texts(values.reasons),
    afterLapse: texts(values.afterLapse),
  };
}

/** A text list's item is a string in the API ("triggers.0") and a `text` field in the form. */
function formErrors(errors: FieldErrors): FieldErrors {
  const mapped: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    mapped[/^(triggers|warningSigns|reasons|afterLapse)\.\d+$/.test(path) ? `${path}.text` : path] = message;
  }
  return mapped;
}

export function RelapsePreventionPlanForm({
  initial,
  modules,
  save,
}: {
  initial: RelapsePreventionContentView;
  /** The program's curriculum, to link a skill to the module that teaches it. */
  modules: CurriculumModule[];
  save: (content: RelapsePreventionContentInput) => Promise<void>;
}) {
  const form = useForm<PlanValues>({
    initialValues: valuesOf(initial),
    validate: (values) => formErrors(schemaErrors(relapsePreventionContentInput, toInput(values))),
  });
  const [failure, setFailure] = useState<unknown>(undefined);
  const submit = form.onSubmit(async (values) => {
    setFailure(undefined);
    try {
      await save(relapsePreventionContentInput.parse(toInput(values)));
    } catch (error) {
      form.setErrors(formErrors(apiFieldErrors(error)));
      setFailure(error);
    }
  });
  // A module linked before it was retired still shows by name.
  const linked = [...initial.cravingStrategies, ...initial.copingSkills].flatMap((skill) =>
    skill.module && !modules.some((module) => module.id === skill.module?.id) ? [skill.module] : [],
  );
  const moduleOptions = [
    ...modules
      .filter((module) => module.retiredAt === null)
      .map((module) => ({ value: module.id, label: module.name })),
    ...linked.map((module) => ({ value: module.id, label: module.name })),
  ];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={failure} title="The relapse-prevention plan could not be saved" />
        <TextList form={form} section="triggers" />
        <TextList form={form} section="warningSigns" />
        <SkillList form={form} section="cravingStrategies" moduleOptions={moduleOptions} />
        <SkillList form={form} section="copingSkills" moduleOptions={moduleOptions} />
        <PeopleList form={form} />
        <TextList form={form} section="reasons" />
        <TextList form={form} section="afterLapse" />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Save draft
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ListShell({
  form,
  section,
  onAdd,
  children,
}: {
  form: PlanForm;
  section: TextSection | SkillSection | 'people';
  onAdd: () => void;
  children: React.ReactNode;
}) {
  const { title, prompt } = relapsePreventionSectionLabels[section];
  return (
    <Fieldset legend={title} p="sm">
      <Stack gap="xs">
        <Text size="sm">{prompt}</Text>
        {children}
        {form.errors[section] && (
          <Text size="sm" c="var(--mantine-color-error)">
            {form.errors[section]}
          </Text>
        )}
        <Group>
          <Button variant="outline" size="xs" aria-label={`Add to ${title}`} onClick={onAdd}>
            Add entry
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function RemoveEntry({ form, section, index }: { form: PlanForm; section: string; index: number }) {
  const title = relapsePreventionSectionLabels[section as TextSection].title;
  return (
    <Button
      variant="outline"
      color="red.9"
      size="xs"
      aria-label={`Remove entry ${index + 1} from ${title}`}
      onClick={() => form.removeListItem(section, index)}
    >
      Remove
    </Button>
  );
}

function TextList({ form, section }: { form: PlanForm; section: TextSection }) {
  const { title } = relapsePreventionSectionLabels[section];
  return (
    <ListShell
      form={form}
      section={section}
      onAdd={() => form.insertListItem(section, { key: randomId(), text: '' })}
    >
      {form.values[section].map((item, index) => (
        <Group key={item.key} align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={`${title}: entry ${index + 1}`}
            required
            style={{ flex: '1 1 16rem' }}
            {...form.getInputProps(`${section}.${index}.text`)}
          />
          <RemoveEntry form={form} section={section} index={index} />
        </Group>
      ))}
    </ListShell>
  );
}

function SkillList({
  form,
  section,
  moduleOptions,
}: {
  form: PlanForm;
  section: SkillSection;
  moduleOptions: { value: string; label: string }[];
}) {
  const { title } = relapsePreventionSectionLabels[section];
  return (
    <ListShell
      form={form}
      section={section}
      onAdd={() => form.insertListItem(section, { key: randomId(), text: '', moduleId: null })}
    >
      {form.values[section].map((item, index) => (
        <Group key={item.key} align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={`${title}: entry ${index + 1}`}
            required
            style={{ flex: '1 1 16rem' }}
            {...form.getInputProps(`${section}.${index}.text`)}
          />
          <Select
            label={`Entry ${index + 1} taught in`}
            placeholder="No module"
            clearable
            searchable
            data={moduleOptions}
            nothingFoundMessage="No module by that name"
            style={{ flex: '1 1 14rem' }}
            {...form.getInputProps(`${section}.${index}.moduleId`)}
          />
          <RemoveEntry form={form} section={section} index={index} />
        </Group>
      ))}
    </ListShell>
  );
}

function PeopleList({ form }: { form: PlanForm }) {
  return (
    <ListShell
      form={form}
      section="people"
      onAdd={() => form.insertListItem('people', { key: randomId(), name: '', relationship: '', phone: '' })}
    >
      {form.values.people.map((person, index) => (
        <Group key={person.key} align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={`Person ${index + 1} name`}
            required
            style={{ flex: '1 1 12rem' }}
            {...form.getInputProps(`people.${index}.name`)}
          />
          <TextInput
            label={`Person ${index + 1} relationship`}
            style={{ flex: '1 1 10rem' }}
            {...form.getInputProps(`people.${index}.relationship`)}
          />
          <TextInput
            label={`Person ${index + 1} phone`}
            type="tel"
            required
            w={170}
            {...form.getInputProps(`people.${index}.phone`)}
          />
          <RemoveEntry form={form} section="people" index={index} />
        </Group>
      ))}
    </ListShell>
  );
}
