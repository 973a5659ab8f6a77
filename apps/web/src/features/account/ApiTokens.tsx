import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import {
  type ApiToken,
  apiTokenCreated,
  apiTokenInput,
  apiTokenSchema,
  type Role,
  roleLabels,
} from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { apiFieldErrors, type FieldErrors, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { RecordTable, RowButton } from '../../ui/RecordTable';
import { useMe } from '../session/session-context';

const tokenList = z.object({ items: z.array(apiTokenSchema) });

function tokenState(token: ApiToken): { label: string; color: string } {
  if (token.revokedAt) return { label: 'Revoked', color: 'gray.7' };
  if (new Date(token.expiresAt).getTime() <= Date.now()) return { label: 'Expired', color: 'gray.7' };
  return { label: 'Active', color: 'teal.9' };
}

/** Personal API tokens: each acts with one of the user's roles; the secret is shown once. */
export function ApiTokens() {
  const me = useMe();
  const tokens = useApiData(() => api.get('/me/tokens', { schema: tokenList }), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>(me.roles[0] ?? null);
  const [expiresInDays, setExpiresInDays] = useState<number | string>(90);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = {
      name,
      role,
      expiresInDays: typeof expiresInDays === 'number' ? expiresInDays : Number.NaN,
    };
    const invalid = schemaErrors(apiTokenInput, input);
    setErrors(invalid);
    setFailure(undefined);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      const token = await api.post('/me/tokens', input, { schema: apiTokenCreated });
      setCreated({ name: token.name, token: token.token });
      setName('');
      tokens.reload();
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: ApiToken) => {
    setFailure(undefined);
    try {
      await api.delete(`/me/tokens/${token.id}`);
      tokens.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm">
        A token lets a script or another system call the Stepwise API as you, with one of your roles. Treat it
        like a password.
      </Text>
      <ErrorAlert error={failure} title="The token could not be changed" />
      {created && (
        <Alert color="green" role="status" title={`Token "${created.name}" created`}>
          <Text size="sm" mb={4}>
            Copy it now: it will not be shown again.
          </Text>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Code data-testid="new-api-token" style={{ wordBreak: 'break-all' }}>
              {created.token}
            </Code>
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button size="xs" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <RecordTable
        label="Your API tokens"
        minWidth={640}
        state={{ data: tokens.data?.items, error: tokens.error, loading: tokens.loading }}
        errorTitle="Your API tokens could not be loaded"
        emptyText="You have no API tokens."
        columns={[
          { header: 'Name', cell: (token) => token.name },
          { header: 'Role', cell: (token) => roleLabels[token.role] },
          { header: 'Expires', cell: (token) => formatDateTime(token.expiresAt) },
          { header: 'Last used', cell: (token) => formatDateTime(token.lastUsedAt) },
          {
            header: 'Status',
            cell: (token) => (
              <Badge color={tokenState(token).color} variant="filled">
                {tokenState(token).label}
              </Badge>
            ),
          },
        ]}
        actions={(token) =>
          tokenState(token).label === 'Active' && (
            <RowButton label={`Revoke token ${token.name}`} danger onClick={() => void revoke(token)}>
              Revoke
            </RowButton>
          )
        }
      />
      <form onSubmit={create} noValidate>
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Token name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            w={220}
          />
          <Select
            label="Acts as"
            data={me.roles.map((value: Role) => ({ value, label: roleLabels[value] }))}
            value={role}
            onChange={setRole}
            allowDeselect={false}
            error={errors.role}
            w={200}
          />
          <NumberInput
            label="Valid for (days)"
            min={1}
            max={365}
            value={expiresInDays}
            onChange={setExpiresInDays}
            error={errors.expiresInDays}
            w={140}
          />
          <Button type="submit" loading={busy} mt={25}>
            Create token
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
