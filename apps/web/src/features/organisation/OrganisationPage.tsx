import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { allRoles, organisationSchema, organisationUpdate, type Role, roleLabels } from '@stepwise/core';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { apiFieldErrors, type FieldErrors, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageTitle } from '../../ui/PageTitle';
import { useSession } from '../session/session-context';

/** Organisation settings: its name and which roles must use multi-factor authentication. */
export function OrganisationPage() {
  const { refresh } = useSession();
  const organisation = useApiData(() => api.get('/organisation', { schema: organisationSchema }), []);
  const [name, setName] = useState('');
  const [mfaRoles, setMfaRoles] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!organisation.data) return;
    setName(organisation.data.name);
    setMfaRoles(organisation.data.mfaRequiredRoles);
  }, [organisation.data]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { name, mfaRequiredRoles: mfaRoles as Role[] };
    const invalid = schemaErrors(organisationUpdate, input);
    setErrors(invalid);
    setFailure(undefined);
    setSaved(false);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      await api.patch('/organisation', input, { schema: organisationSchema });
      setSaved(true);
      organisation.reload();
      await refresh();
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>Organisation</PageTitle>
      <ErrorAlert error={organisation.error} title="The organisation could not be loaded" />
      {!organisation.data && !organisation.error && <Loader aria-label="Loading organisation" />}
      {organisation.data && (
        <form onSubmit={submit} noValidate>
          <Stack gap="lg" maw={720}>
            {saved && (
              <Alert color="green" role="status">
                Settings saved.
              </Alert>
            )}
            <ErrorAlert error={failure} title="The settings could not be saved" />
            <Card withBorder component="section" aria-labelledby="org-name-heading">
              <Title order={2} size="h3" id="org-name-heading" mb="sm">
                Name
              </Title>
              <TextInput
                label="Organisation name"
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                error={errors.name}
              />
              {organisation.data.isDemo && (
                <Text size="sm" mt="xs">
                  This is a demo organisation: every person in it is synthetic.
                </Text>
              )}
            </Card>
            <Card withBorder component="section" aria-labelledby="org-mfa-heading">
              <Title order={2} size="h3" id="org-mfa-heading" mb="sm">
                Multi-factor authentication
              </Title>
              <Checkbox.Group
                label="Roles that must use multi-factor authentication"
                description="People in these roles must set up an authenticator app before they can use Stepwise."
                value={mfaRoles}
                onChange={setMfaRoles}
                error={errors.mfaRequiredRoles}
              >
                <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} mt="xs" spacing="xs">
                  {allRoles.map((role) => (
                    <Checkbox key={role} value={role} label={roleLabels[role]} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            </Card>
            <Group>
              <Button type="submit" loading={busy}>
                Save settings
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </>
  );
}
