import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import {
  type Consent,
  type ConsentKind,
  type Contact,
  consentInput,
  consentKindLabels,
  consentKinds,
  consentSchema,
  consentStatements,
  consentStatementsVersion,
  type DisclosurePurpose,
  disclosurePurposes,
  type RecipientType,
  recipientTypes,
} from '@stepwise/core';
import { api } from '../../api/client';
import { optional, schemaErrors } from '../../api/form-errors';
import { useSaveForm } from '../../api/use-save-form';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Fact, Facts } from '../../ui/Fact';
import {
  disclosurePurposeLabels,
  recipientTypeLabels,
  type SignerRelationship,
  signerRelationshipLabels,
  signerRelationships,
} from './labels';

type ExpiryKind = 'date' | 'event' | 'none';

interface ConsentFormValues {
  kind: ConsentKind;
  discloser: string;
  information: string;
  /** Part 2 disclosure recipients. */
  recipients: { type: RecipientType; name: string }[];
  /** Family involvement: the contacts named. */
  familyContactIds: string[];
  purposes: DisclosurePurpose[];
  purposeDetail: string;
  expiry: { kind: ExpiryKind; date: string; event: string };
  signature: { signerName: string; relationship: SignerRelationship; agreed: boolean };
}

/** The expiry choices each kind offers; a Part 2 disclosure consent must say when it ends (§2.31(a)(6)). */
const expiryChoices: Record<ConsentKind, ExpiryKind[]> = {
  part2_disclosure: ['date', 'event'],
  tpo: ['event', 'none'],
  privacy_notice: [],
  telehealth: ['none', 'date', 'event'],
  family_involvement: ['date', 'event', 'none'],
};

const expiryLabels: Record<ExpiryKind, string> = {
  date: 'On a date',
  event: 'When an event happens',
  none: 'No expiry',
};

/** TPO consents end with treatment or not at all (domain-rules §3). */
function expiryLabel(kind: ConsentKind, choice: ExpiryKind): string {
  return kind === 'tpo' && choice === 'event' ? 'At the end of treatment' : expiryLabels[choice];
}

function expiryOf(values: ConsentFormValues) {
  const { expiry } = values;
  if (values.kind === 'tpo') {
    return expiry.kind === 'event' ? { kind: 'event', event: 'end of treatment' } : { kind: 'none' };
  }
  if (expiry.kind === 'date') return { kind: 'date', date: expiry.date };
  if (expiry.kind === 'event') return { kind: 'event', event: expiry.event };
  return { kind: 'none' };
}

function toConsentInput(values: ConsentFormValues, contacts: Contact[]) {
  const signature = { ...values.signature };
  switch (values.kind) {
    case 'part2_disclosure':
      return {
        kind: values.kind,
        signature,
        discloser: values.discloser,
        information: values.information,
        recipients: values.recipients.map((recipient) => ({
          type: recipient.type,
          name: optional(recipient.name),
        })),
        purposes: values.purposes,
        purposeDetail: optional(values.purposeDetail),
        expiry: expiryOf(values),
      };
    case 'tpo':
      return { kind: values.kind, signature, discloser: values.discloser, expiry: expiryOf(values) };
    case 'privacy_notice':
      return { kind: values.kind, signature };
    case 'telehealth':
      return { kind: values.kind, signature, expiry: expiryOf(values) };
    case 'family_involvement':
      return {
        kind: values.kind,
        signature,
        recipients: values.familyContactIds.map((contactId) => ({
          type: 'family_member',
          contactId,
          name: contacts.find((contact) => contact.id === contactId)?.name,
        })),
        information: values.information,
        expiry: expiryOf(values),
      };
  }
}

/** The schema's messages, with a few said in the form's words. */
function consentErrors(values: ConsentFormValues, contacts: Contact[]) {
  const errors = schemaErrors(consentInput, toConsentInput(values, contacts));
  if (values.kind === 'part2_disclosure') {
    values.recipients.forEach((recipient, index) => {
      if (!recipient.name.trim()) errors[`recipients.${index}.name`] = 'Name the recipient.';
    });
  }
  if (errors['expiry.date'] && !values.expiry.date) errors['expiry.date'] = 'Choose the expiry date.';
  if (errors['expiry.event']) errors['expiry.event'] = 'Describe the event, e.g. discharge from the program.';
  if (errors.information && values.information.trim().length < 3) {
    errors.information = 'Describe the information, in a few words at least.';
  }
  if (errors['signature.agreed']) errors['signature.agreed'] = 'The signer must agree to the statement.';
  if (errors['signature.signerName'] && !values.signature.signerName.trim()) {
    errors['signature.signerName'] = 'The signer types their full name.';
  }
  return errors;
}

/**
 * Signs a consent: the fixed statement for its kind, the kind's elements (for a Part 2 disclosure every
 * element §2.31 requires), and the electronic signature (typed full name, relationship, agreement).
 */
export function ConsentForm({
  participantId,
  participantName,
  organisationName,
  contacts,
  onRecorded,
}: {
  participantId: string;
  participantName: string;
  /** Who discloses, by default: the program's organisation. */
  organisationName: string;
  contacts: Contact[];
  onRecorded: (consent: Consent) => void;
}) {
  const form = useForm<ConsentFormValues>({
    initialValues: {
      kind: 'tpo',
      discloser: organisationName,
      information: '',
      recipients: [{ type: 'treating_provider', name: '' }],
      familyContactIds: [],
      purposes: [],
      purposeDetail: '',
      expiry: { kind: 'event', date: '', event: '' },
      signature: { signerName: '', relationship: 'self', agreed: false },
    },
    validate: (values) => consentErrors(values, contacts),
  });
  const { submit, failure } = useSaveForm(form, async (values) => {
    const consent = await api.post(
      `/participants/${participantId}/consents`,
      toConsentInput(values, contacts),
      {
        schema: consentSchema,
      },
    );
    onRecorded(consent);
  });
  const { kind } = form.values;

  const chooseKind = (next: ConsentKind) => {
    form.setFieldValue('kind', next);
    form.setFieldValue('expiry.kind', expiryChoices[next][0] ?? 'none');
    form.clearErrors();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={failure} title="The consent could not be recorded" />
        <Select
          label="Consent"
          data={consentKinds.map((value) => ({ value, label: consentKindLabels[value] }))}
          allowDeselect={false}
          value={kind}
          onChange={(value) => value && chooseKind(value as ConsentKind)}
        />
        <Paper withBorder p="sm" bg="gray.0">
          <Title order={3} size="h5" mb={4}>
            Statement
          </Title>
          <Text size="sm">{consentStatements[kind]}</Text>
          <Text size="xs" mt={4}>
            Statement version {consentStatementsVersion}
          </Text>
        </Paper>
        <Facts cols={2}>
          <Fact label="Participant">{participantName}</Fact>
          <Fact label="Date signed">Today, when recorded</Fact>
        </Facts>
        {(kind === 'part2_disclosure' || kind === 'tpo') && (
          <TextInput
            label="Who may disclose"
            description="The program or person holding the records"
            required
            {...form.getInputProps('discloser')}
          />
        )}
        {kind === 'part2_disclosure' && <Part2Fields form={form} />}
        {kind === 'family_involvement' && <FamilyFields form={form} contacts={contacts} />}
        {expiryChoices[kind].length > 0 && <ExpiryFields form={form} />}
        <SignatureFields form={form} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Sign and record consent
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type ConsentFormApi = UseFormReturnType<ConsentFormValues>;

/** To whom, what, and why: the elements of a Part 2 disclosure consent beyond the statement. */
function Part2Fields({ form }: { form: ConsentFormApi }) {
  const { recipients } = form.values;
  return (
    <>
      <Textarea
        label="Information to be disclosed"
        description="How much and what kind, e.g. attendance, diagnosis, treatment plan and progress"
        required
        autosize
        minRows={2}
        {...form.getInputProps('information')}
      />
      <Fieldset legend="Recipients" p="sm">
        <Stack gap="xs">
          {recipients.map((_recipient, index) => (
            // Rows have no identity of their own; the position is their key while the form is open.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <Group key={index} align="flex-start" gap="xs" wrap="wrap">
              <Select
                label={`Recipient ${index + 1} type`}
                data={recipientTypes.map((value) => ({ value, label: recipientTypeLabels[value] }))}
                allowDeselect={false}
                w={220}
                {...form.getInputProps(`recipients.${index}.type`)}
              />
              <TextInput
                label={`Recipient ${index + 1} name`}
                required
                style={{ flex: '1 1 200px' }}
                {...form.getInputProps(`recipients.${index}.name`)}
              />
              {recipients.length > 1 && (
                <ActionIcon
                  variant="outline"
                  color="red.9"
                  size="lg"
                  mt={25}
                  aria-label={`Remove recipient ${index + 1}`}
                  onClick={() => form.removeListItem('recipients', index)}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          {typeof form.errors.recipients === 'string' && (
            <Text size="sm" c="var(--mantine-color-error)">
              {form.errors.recipients}
            </Text>
          )}
          <Group>
            <Button
              variant="outline"
              size="xs"
              onClick={() => form.insertListItem('recipients', { type: 'treating_provider', name: '' })}
            >
              Add recipient
            </Button>
          </Group>
        </Stack>
      </Fieldset>
      <Checkbox.Group label="Purpose of the disclosure" required {...form.getInputProps('purposes')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
          {disclosurePurposes.map((purpose) => (
            <Checkbox key={purpose} value={purpose} label={disclosurePurposeLabels[purpose]} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <TextInput
        label="Purpose in more detail"
        description="Optional; needed when the purpose is “Other”"
        {...form.getInputProps('purposeDetail')}
      />
    </>
  );
}

/** The family members named, from the participant's contacts, and what they may receive. */
function FamilyFields({ form, contacts }: { form: ConsentFormApi; contacts: Contact[] }) {
  return (
    <>
      {contacts.length === 0 ? (
        <Text size="sm" c="var(--mantine-color-error)">
          Add the family member as a contact first.
        </Text>
      ) : (
        <Checkbox.Group
          label="Family members"
          required
          {...form.getInputProps('familyContactIds')}
          error={form.errors.recipients}
        >
          <Stack gap={6} mt={6}>
            {contacts.map((contact) => (
              <Checkbox
                key={contact.id}
                value={contact.id}
                label={`${contact.name}${contact.relation ? ` (${contact.relation})` : ''}`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      <Textarea
        label="Information they may receive"
        description="For example attendance and progress in general terms; never clinical notes"
        required
        autosize
        minRows={2}
        {...form.getInputProps('information')}
      />
    </>
  );
}

function ExpiryFields({ form }: { form: ConsentFormApi }) {
  const { kind, expiry } = form.values;
  return (
    <>
      <Radio.Group label="Expires" required {...form.getInputProps('expiry.kind')}>
        <Group gap="md" mt={4}>
          {expiryChoices[kind].map((choice) => (
            <Radio key={choice} value={choice} label={expiryLabel(kind, choice)} />
          ))}
        </Group>
      </Radio.Group>
      {kind !== 'tpo' && expiry.kind === 'date' && (
        <TextInput
          label="Expiry date"
          type="date"
          required
          maw={220}
          {...form.getInputProps('expiry.date')}
        />
      )}
      {kind !== 'tpo' && expiry.kind === 'event' && (
        <TextInput
          label="Expiry event"
          description="For example “discharge from the program”"
          required
          {...form.getInputProps('expiry.event')}
        />
      )}
    </>
  );
}

/** The electronic signature: the signer types their full name and agrees. */
function SignatureFields({ form }: { form: ConsentFormApi }) {
  return (
    <Fieldset legend="Electronic signature" p="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Signer’s full name"
          description="Typed by the signer: this is their signature"
          required
          autoComplete="off"
          {...form.getInputProps('signature.signerName')}
        />
        <Select
          label="Signer is"
          data={signerRelationships.map((value) => ({ value, label: signerRelationshipLabels[value] }))}
          allowDeselect={false}
          {...form.getInputProps('signature.relationship')}
        />
      </SimpleGrid>
      <Checkbox
        mt="sm"
        label="I agree to the statement above"
        {...form.getInputProps('signature.agreed', { type: 'checkbox' })}
      />
    </Fieldset>
  );
}
