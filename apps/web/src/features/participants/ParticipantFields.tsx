import { SimpleGrid, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ParticipantFormValues } from './participant-form';

/** The demographic inputs shared by the create and edit forms. */
export function ParticipantFields({
  form,
  withRecordNumber,
}: {
  form: UseFormReturnType<ParticipantFormValues>;
  withRecordNumber: boolean;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput label="Given name" required {...form.getInputProps('givenName')} />
      <TextInput label="Family name" required {...form.getInputProps('familyName')} />
      <TextInput label="Preferred name" {...form.getInputProps('preferredName')} />
      <TextInput
        label="Pronouns"
        description="For example she/her, he/him, they/them"
        {...form.getInputProps('pronouns')}
      />
      <TextInput label="Date of birth" type="date" required {...form.getInputProps('dateOfBirth')} />
      <TextInput
        label="Preferred language"
        description="A language tag such as en, es or es-MX"
        {...form.getInputProps('preferredLanguage')}
      />
      <TextInput label="Email" type="email" {...form.getInputProps('email')} />
      <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
      {withRecordNumber && (
        <TextInput
          label="Record number"
          description="Leave blank to generate the next number (SW-000123)"
          {...form.getInputProps('recordNumber')}
        />
      )}
      <Textarea label="Address" autosize minRows={2} {...form.getInputProps('address')} />
    </SimpleGrid>
  );
}
