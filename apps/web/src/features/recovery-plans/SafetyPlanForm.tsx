import { Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import {
  type SafetyPlanContentInput,
  type SafetyPlanContentView,
  type SafetyPlanSection,
  safetyPlanContentInput,
  safetyPlanSectionLabels,
  safetyPlanSections,
} from '@stepwise/core';
import { useState } from 'react';
import { apiFieldErrors, schemaErrors } from '../../api/form-errors';
import { ErrorAlert } from '../../ui/ErrorAlert';

/*
 * The safety plan editor: the six Stanley-Brown sections in order, each a list of entries in the
 * participant's words with a number where it is a person or a line to call.
 */

interface EntryValues {
  key: string;
  text: string;
  phone: string;
}
type SafetyPlanValues = Record<SafetyPlanSection, EntryValues[]>;

function valuesOf(content: SafetyPlanContentView): SafetyPlanValues {
  const values = {} as SafetyPlanValues;
  for (const section of safetyPlanSections) {
    values[section] = content[section].map((entry) => ({
      key: randomId(),
      text: entry.text,
      phone: entry.phone ?? '',
    }));
  }
  return values;
}

function toInput(values: SafetyPlanValues) {
  const input: Record<string, { text: string; phone: string | null }[]> = {};
  for (const section of safetyPlanSections) {
    input[section] = values[section].map((entry) => ({
      text: entry.text,
      phone: entry.phone.trim() === '' ? null : entry.phone,
    }));
  }
  return input;
}

export function SafetyPlanForm({
  initial,
  save,
}: {
  initial: SafetyPlanContentView;
  save: (content: SafetyPlanContentInput) => Promise<void>;
}) {
  const form = useForm<SafetyPlanValues>({
    initialValues: valuesOf(initial),
    validate: (values) => schemaErrors(safetyPlanContentInput, toInput(values)),
  });
  const [failure, setFailure] = useState<unknown>(undefined);
  const submit = form.onSubmit(async (values) => {
    setFailure(undefined);
    try {
      await save(safetyPlanContentInput.parse(toInput(values)));
    } catch (error) {
      form.setErrors(apiFieldErrors(error));
      setFailure(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={failure} title="The safety plan could not be saved" />
        {safetyPlanSections.map((section) => {
          const { title, prompt } = safetyPlanSectionLabels[section];
          const withPhone = section === 'help' || section === 'professionals' || section === 'distraction';
          return (
            <Fieldset key={section} legend={title} p="sm">
              <Stack gap="xs">
                <Text size="sm">{prompt}</Text>
                {form.values[section].map((entry, index) => (
                  <Group key={entry.key} align="flex-end" gap="xs" wrap="wrap">
                    <TextInput
                      label={`${title}: entry ${index + 1}`}
                      required
                      style={{ flex: '1 1 16rem' }}
                      {...form.getInputProps(`${section}.${index}.text`)}
                    />
                    {withPhone && (
                      <TextInput
                        label={`Entry ${index + 1} phone`}
                        type="tel"
                        w={170}
                        {...form.getInputProps(`${section}.${index}.phone`)}
                      />
                    )}
                    <Button
                      variant="outline"
                      color="red.9"
                      size="xs"
                      aria-label={`Remove entry ${index + 1} from ${title}`}
                      onClick={() => form.removeListItem(section, index)}
                    >
                      Remove
                    </Button>
                  </Group>
                ))}
                {form.errors[section] && (
                  <Text size="sm" c="var(--mantine-color-error)">
                    {form.errors[section]}
                  </Text>
                )}
                <Group>
                  <Button
                    variant="outline"
                    size="xs"
                    aria-label={`Add to ${title}`}
                    onClick={() => form.insertListItem(section, { key: randomId(), text: '', phone: '' })}
                  >
                    Add entry
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          );
        })}
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Save draft
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
