import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  PasswordInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import {
  page,
  roleLabels,
  type StaffRole,
  staffInput,
  staffRoles,
  staffUpdate,
  type User,
  userSchema,
} from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { schemaErrors } from '../../api/form-errors';
import { useCursorPages } from '../../api/use-cursor-pages';
import { useSaveForm } from '../../api/use-save-form';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { RecordTable, RowButton } from '../../ui/RecordTable';
import { useMe } from '../session/session-context';

const staffPage = page(userSchema);

/** The staff directory; administrators and directors create accounts, change roles and deactivate. */
export function StaffPage() {
  const me = useMe();
  const canManage = can(me, 'staff:manage');
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const { items, nextCursor, loading, error, loadMore, reload, setError } = useCursorPages(
    (q, cursor) => api.get('/staff', { query: { q, limit: 50, cursor }, schema: staffPage }),
    query,
  );
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const setActive = async (user: User, active: boolean) => {
    setError(undefined);
    try {
      await api.patch(`/staff/${user.id}`, { active }, { schema: userSchema });
      setNotice(`${user.displayName} is now ${active ? 'active' : 'deactivated'}.`);
      reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle>Staff</PageTitle>
        {canManage && <Button onClick={() => setEditing({ user: null })}>New staff member</Button>}
      </Group>
      <Stack gap="sm">
        <TextInput
          type="search"
          label="Search staff"
          description="Start of a name or email"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maw={420}
        />
        {notice && (
          <Text role="status" size="sm">
            {notice}
          </Text>
        )}
        <ErrorAlert error={error} />
        <RecordTable
          label="Staff"
          minWidth={760}
          state={{ data: loading && items.length === 0 ? undefined : items, error: undefined, loading }}
          errorTitle="The staff list could not be loaded"
          emptyText="No staff match."
          columns={[
            { header: 'Name', cell: (user) => user.displayName },
            { header: 'Email', cell: (user) => user.email },
            { header: 'Roles', cell: (user) => user.roles.map((role) => roleLabels[role]).join(', ') },
            { header: 'Status', cell: (user) => <AccountBadges user={user} /> },
            { header: 'Last sign-in', cell: (user) => formatDateTime(user.lastLoginAt) },
          ]}
          actions={
            canManage
              ? (user) => (
                  <Group gap={6} wrap="nowrap">
                    <RowButton label={`Edit ${user.displayName}`} onClick={() => setEditing({ user })}>
                      Edit
                    </RowButton>
                    {user.id !== me.id && (
                      <RowButton
                        label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.displayName}`}
                        danger={user.active}
                        onClick={() => void setActive(user, !user.active)}
                      >
                        {user.active ? 'Deactivate' : 'Reactivate'}
                      </RowButton>
                    )}
                  </Group>
                )
              : undefined
          }
        />
        {nextCursor && !loading && (
          <Button variant="outline" onClick={loadMore} style={{ alignSelf: 'flex-start' }}>
            Load more
          </Button>
        )}
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.user ? 'Edit staff member' : 'New staff member'}
        size="lg"
      >
        {editing && (
          <StaffForm
            user={editing.user}
            onSaved={(saved) => {
              setEditing(null);
              setNotice(`${saved.displayName} saved.`);
              reload();
            }}
          />
        )}
      </Modal>
    </>
  );
}

interface StaffFormValues {
  email: string;
  displayName: string;
  roles: string[];
  password: string;
  active: boolean;
}

/** Whether an account is active, and whether it has multi-factor sign-in. */
function AccountBadges({ user }: { user: User }) {
  return (
    <Group gap={4}>
      <Badge color={user.active ? 'teal.9' : 'gray.7'} variant="filled">
        {user.active ? 'Active' : 'Deactivated'}
      </Badge>
      {user.mfaEnabled && (
        <Badge color="blue.9" variant="filled">
          MFA
        </Badge>
      )}
    </Group>
  );
}

function StaffForm({ user, onSaved }: { user: User | null; onSaved: (user: User) => void }) {
  const form = useForm<StaffFormValues>({
    initialValues: {
      email: user?.email ?? '',
      displayName: user?.displayName ?? '',
      roles: user?.roles ?? [],
      password: '',
      active: user?.active ?? true,
    },
    validate: (values) =>
      user
        ? schemaErrors(staffUpdate, {
            displayName: values.displayName,
            roles: values.roles,
            active: values.active,
          })
        : schemaErrors(staffInput, {
            email: values.email,
            displayName: values.displayName,
            roles: values.roles,
            password: values.password,
          }),
  });

  const { submit, failure } = useSaveForm(form, async (values) => {
    const roles = values.roles as StaffRole[];
    const saved = user
      ? await api.patch(
          `/staff/${user.id}`,
          { displayName: values.displayName, roles, active: values.active },
          { schema: userSchema },
        )
      : await api.post(
          '/staff',
          { email: values.email, displayName: values.displayName, roles, password: values.password },
          { schema: userSchema },
        );
    onSaved(saved);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={failure} title="The staff member could not be saved" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Display name" required data-autofocus {...form.getInputProps('displayName')} />
          <TextInput
            label="Email"
            type="email"
            required
            disabled={user !== null}
            {...form.getInputProps('email')}
          />
        </SimpleGrid>
        <Checkbox.Group label="Roles" required {...form.getInputProps('roles')}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} mt={6} spacing="xs">
            {staffRoles.map((role) => (
              <Checkbox key={role} value={role} label={roleLabels[role]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {user ? (
          <Switch label="Active (can sign in)" {...form.getInputProps('active', { type: 'checkbox' })} />
        ) : (
          <PasswordInput
            label="Initial password"
            description="At least 12 characters; they can change it after signing in"
            autoComplete="new-password"
            required
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide initial password' }}
            {...form.getInputProps('password')}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {user ? 'Save staff member' : 'Create staff member'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
