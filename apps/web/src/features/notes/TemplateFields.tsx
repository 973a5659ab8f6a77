import { Fieldset, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import type { NoteTemplate, TemplateField } from '@stepwise/core';
import type { FieldErrors } from '../../api/form-errors';

/**
 * The fields of a note's template, written in the note's form: text as text areas, a choice among the
 * template's options as a select. Fields signing needs are marked required (and say so); errors are
 * keyed "fields.<key>", as the server names them.
 */
export function TemplateFields({
  template,
  values,
  errors,
  onChange,
}: {
  template: NoteTemplate;
  values: Readonly<Record<string, string>>;
  errors: FieldErrors;
  onChange: (key: string, value: string) => void;
}) {
  const choices = template.fields.filter((field) => field.kind === 'choice');
  const texts = template.fields.filter((field) => field.kind === 'text');
  const input = (field: TemplateField) => {
    const error = errors[`fields.${field.key}`];
    if (field.kind === 'choice') {
      return (
        <Select
          key={field.key}
          label={field.label}
          description={field.help}
          required={field.requiredToSign}
          clearable
          data={field.options.map((option) => ({ value: option.value, label: option.label }))}
          value={values[field.key] || null}
          onChange={(value) => onChange(field.key, value ?? '')}
          error={error}
        />
      );
    }
    return (
      <Textarea
        key={field.key}
        label={field.label}
        description={field.help}
        required={field.requiredToSign}
        autosize
        minRows={2}
        maxLength={field.maxLength}
        value={values[field.key] ?? ''}
        onChange={(event) => onChange(field.key, event.currentTarget.value)}
        error={error}
      />
    );
  };
  return (
    <Fieldset legend={`${template.label} template`} p="sm">
      <Stack gap="sm">
        <Text size="sm">Fields marked * are needed to sign the note.</Text>
        {choices.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {choices.map(input)}
          </SimpleGrid>
        )}
        {texts.map(input)}
      </Stack>
    </Fieldset>
  );
}
