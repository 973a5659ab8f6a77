import { Card, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { noteTemplates } from '@stepwise/core';
import type { FieldErrors } from '../../api/form-errors';
import type { SharedDraft } from './group-note-drafts';
import { TemplateFields } from './TemplateFields';

/** The part of a group note written once for the whole group, with its modality's template. */
export function GroupSharedFields({
  draft,
  errors,
  unsaved,
  onChange,
}: {
  draft: SharedDraft;
  errors: FieldErrors;
  unsaved: boolean;
  onChange: (change: Partial<SharedDraft>) => void;
}) {
  return (
    <Card withBorder component="section" aria-labelledby="shared-part-heading">
      <Title order={2} size="h3" id="shared-part-heading" mb={4}>
        For the whole group
      </Title>
      {unsaved && (
        <Text size="sm" mb="xs">
          Changed, not saved yet.
        </Text>
      )}
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Topic"
            required
            maxLength={200}
            value={draft.topic}
            onChange={(event) => onChange({ topic: event.currentTarget.value })}
            error={errors.topic}
          />
          <TextInput
            label="Curriculum module"
            description="e.g. Matrix Model early recovery session 4"
            maxLength={200}
            value={draft.module}
            onChange={(event) => onChange({ module: event.currentTarget.value })}
            error={errors.module}
          />
        </SimpleGrid>
        <TextInput
          label="Interventions"
          description="Separated by commas, e.g. Relapse prevention, Motivational interviewing"
          value={draft.interventions}
          onChange={(event) => onChange({ interventions: event.currentTarget.value })}
          error={errors.interventions}
        />
        <Textarea
          label="Narrative"
          description="What the group did and discussed"
          required
          autosize
          minRows={3}
          maxLength={4000}
          value={draft.narrative}
          onChange={(event) => onChange({ narrative: event.currentTarget.value })}
          error={errors.narrative}
        />
        <TemplateFields
          template={noteTemplates[draft.template]}
          values={draft.fields}
          errors={errors}
          onChange={(key, value) => onChange({ fields: { ...draft.fields, [key]: value } })}
        />
      </Stack>
    </Card>
  );
}
