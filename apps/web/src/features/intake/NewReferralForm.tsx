import {
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  type Program,
  type Referral,
  type ReferralSource,
  referralInput,
  referralSchema,
  referralSourceLabels,
  referralSources,
  type User,
} from '@stepwise/core';
import { api } from '../../api/client';
import { optional, schemaErrors } from '../../api/form-errors';
import { useSaveForm } from '../../api/use-save-form';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ParticipantPicker } from '../participants/ParticipantPicker';
import { isoDate } from './labels';
import { staffOptions } from './staff-options';

interface ReferralFormValues {
  person: 'existing' | 'new';
  participantId: string;
  newParticipant: { givenName: string; familyName: string; dateOfBirth: string; phone: string };
  source: ReferralSource | '';
  referrerName: string;
  referrerContact: string;
  reason: string;
  /** Null when left empty: a clearable select shows its clear button for any other value. */
  programId: string | null;
  ownerId: string | null;
  receivedOn: string;
}

function toReferralInput(values: ReferralFormValues) {
  const person = values.newParticipant;
  return {
    participantId: values.person === 'existing' ? optional(values.participantId) : undefined,
    newParticipant:
      values.person === 'new'
        ? {
            givenName: person.givenName,
            familyName: person.familyName,
            dateOfBirth: person.dateOfBirth,
            phone: optional(person.phone),
          }
        : undefined,
    source: values.source || undefined,
    referrerName: optional(values.referrerName),
    referrerContact: optional(values.referrerContact),
    reason: optional(values.reason),
    programId: values.programId || undefined,
    ownerId: values.ownerId || undefined,
    receivedOn: optional(values.receivedOn),
  };
}

/** The schema's messages, with the two that name API fields said in the form's words. */
function referralErrors(values: ReferralFormValues) {
  const errors = schemaErrors(referralInput, toReferralInput(values));
  // The schema checks "one of the two" only once every other field is valid: say it at once.
  if (values.person === 'existing' && !values.participantId) {
    errors.participantId = 'Choose the participant, or enter a new person.';
  }
  if (errors.source) errors.source = 'Choose where the referral came from.';
  return errors;
}

/**
 * A new referral: for someone already registered (found by search) or for a new person, who is then
 * registered with it.
 */
export function NewReferralForm({
  programs,
  staff,
  me,
  onCreated,
}: {
  programs: Program[];
  staff: User[] | undefined;
  /** The signed-in coordinator, who owns the referral unless someone else is chosen. */
  me: { id: string };
  onCreated: (referral: Referral) => void;
}) {
  const form = useForm<ReferralFormValues>({
    initialValues: {
      person: 'existing',
      participantId: '',
      newParticipant: { givenName: '', familyName: '', dateOfBirth: '', phone: '' },
      source: '',
      referrerName: '',
      referrerContact: '',
      reason: '',
      programId: null,
      ownerId: staff?.some((user) => user.id === me.id) ? me.id : null,
      receivedOn: isoDate(new Date()),
    },
    validate: referralErrors,
  });
  const { submit, failure } = useSaveForm(form, async (values) => {
    const created = await api.post('/referrals', toReferralInput(values), { schema: referralSchema });
    onCreated(created);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={failure} title="The referral could not be saved" />
        <div>
          <Text component="span" size="sm" fw={500} id="referral-person-label">
            Who is referred
          </Text>
          <SegmentedControl
            fullWidth
            aria-labelledby="referral-person-label"
            data={[
              { value: 'existing', label: 'A registered participant' },
              { value: 'new', label: 'A new person' },
            ]}
            {...form.getInputProps('person')}
          />
        </div>
        {form.values.person === 'existing' ? (
          <ParticipantPicker
            value={form.values.participantId}
            onChange={(id) => form.setFieldValue('participantId', id)}
            error={form.errors.participantId}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Given name"
              required
              data-autofocus
              {...form.getInputProps('newParticipant.givenName')}
            />
            <TextInput label="Family name" required {...form.getInputProps('newParticipant.familyName')} />
            <TextInput
              label="Date of birth"
              type="date"
              required
              {...form.getInputProps('newParticipant.dateOfBirth')}
            />
            <TextInput label="Phone" type="tel" {...form.getInputProps('newParticipant.phone')} />
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Source"
            required
            data={referralSources.map((value) => ({ value, label: referralSourceLabels[value] }))}
            {...form.getInputProps('source')}
          />
          <TextInput label="Received on" type="date" {...form.getInputProps('receivedOn')} />
          <TextInput
            label="Referrer"
            description="The hospital, court, practice or person who referred"
            {...form.getInputProps('referrerName')}
          />
          <TextInput
            label="Referrer contact"
            description="Phone or email to reach them"
            {...form.getInputProps('referrerContact')}
          />
          <Select
            label="Program"
            placeholder="Not decided yet"
            clearable
            data={programs.map((program) => ({ value: program.id, label: program.name }))}
            {...form.getInputProps('programId')}
          />
          <Select
            label="Owner"
            description="Who works this referral"
            placeholder="No one yet"
            clearable
            data={staffOptions(staff)}
            {...form.getInputProps('ownerId')}
          />
        </SimpleGrid>
        <Textarea label="Reason for referral" autosize minRows={2} {...form.getInputProps('reason')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Create referral
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
