import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { type Contact, portalAccountInput, type User, userSchema } from '@stepwise/core';
import { useState } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { apiFieldErrors, optional, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { ScrollTable } from '../../ui/ScrollTable';

const accountList = z.object({ items: z.array(userSchema) });

interface AccountFormValues {
  kind: 'participant' | 'family';
  email: string;
  displayName: string;
  contactId: string;
  password: string;
}

function toAccountInput(values: AccountFormValues) {
  return {
    kind: values.kind,
    email: values.email,
    displayName: optional(values.displayName),
    contactId: values.kind === 'family' ? optional(values.contactId) : undefined,
    password: values.password,
  };
}

/** Portal sign-ins for the participant and for family members among their contacts. */
export function PortalAccountsSection({
  participantId,
  contacts,
}: {
  participantId: string;
  contacts: Contact[];
}) {
  const accounts = useApiData(
    () => api.get(`/participants/${participantId}/accounts`, { schema: accountList }),
    [participantId],
  );
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<User | null>(null);

  return (
    <Card withBorder component="section" aria-labelledby="accounts-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="accounts-heading">
          Portal accounts
        </Title>
        <Button variant="outline" size="xs" onClick={() => setCreating(true)}>
          Create portal account
        </Button>
      </Group>
      <Text size="sm" mb="sm">
        The participant sees their own record in the portal; a family member sees only the participant’s name.
      </Text>
      {created && (
        <Alert color="green" role="status" mb="sm">
          Portal account created for {created.email}. Give them the initial password in person; they should
          change it after signing in.
        </Alert>
      )}
      <ErrorAlert error={accounts.error} title="The portal accounts could not be loaded" />
      {accounts.data && accounts.data.items.length === 0 && <Text size="sm">No portal accounts yet.</Text>}
      {accounts.data && accounts.data.items.length > 0 && (
        <ScrollTable label="Portal accounts" minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Last sign-in</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.data.items.map((account) => (
              <Table.Tr key={account.id}>
                <Table.Td>{account.email}</Table.Td>
                <Table.Td>{account.displayName}</Table.Td>
                <Table.Td>{account.kind === 'family' ? 'Family member' : 'Participant'}</Table.Td>
                <Table.Td>
                  <Badge color={account.active ? 'teal.9' : 'gray.7'} variant="filled">
                    {account.active ? 'Active' : 'Inactive'}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(account.lastLoginAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title="Create portal account" size="lg">
        {creating && (
          <AccountForm
            participantId={participantId}
            contacts={contacts}
            onCreated={(user) => {
              setCreating(false);
              setCreated(user);
              accounts.reload();
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

function AccountForm({
  participantId,
  contacts,
  onCreated,
}: {
  participantId: string;
  contacts: Contact[];
  onCreated: (user: User) => void;
}) {
  const [failure, setFailure] = useState<unknown>(undefined);
  const form = useForm<AccountFormValues>({
    initialValues: { kind: 'participant', email: '', displayName: '', contactId: '', password: '' },
    validate: (values) => schemaErrors(portalAccountInput, toAccountInput(values)),
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(undefined);
    try {
      const user = await api.post(`/participants/${participantId}/accounts`, toAccountInput(values), {
        schema: userSchema,
      });
      onCreated(user);
    } catch (error) {
      form.setErrors(apiFieldErrors(error));
      setFailure(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={failure} title="The account could not be created" />
        <div>
          <Text component="span" size="sm" fw={500} id="account-kind-label">
            Account for
          </Text>
          <SegmentedControl
            fullWidth
            aria-labelledby="account-kind-label"
            data={[
              { value: 'participant', label: 'The participant' },
              { value: 'family', label: 'A family member' },
            ]}
            {...form.getInputProps('kind')}
          />
        </div>
        {form.values.kind === 'family' && (
          <Select
            label="Family member"
            description="The contact this account belongs to"
            data={contacts.map((contact) => ({
              value: contact.id,
              label: `${contact.name} (${contact.relation ?? contact.kind})`,
            }))}
            nothingFoundMessage="Add the family member as a contact first"
            {...form.getInputProps('contactId')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Email" type="email" required {...form.getInputProps('email')} />
          <TextInput
            label="Display name"
            description="Defaults to the person’s name"
            {...form.getInputProps('displayName')}
          />
        </SimpleGrid>
        <PasswordInput
          label="Initial password"
          description="At least 12 characters"
          autoComplete="new-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': 'Show or hide initial password' }}
          {...form.getInputProps('password')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Create account
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
