import { Button, Group, Loader, Modal, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type Site, siteInput, siteSchema } from '@stepwise/core';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { apiFieldErrors, nullable, optional, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { orDash } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { ScrollTable } from '../../ui/ScrollTable';
import { useMe } from '../session/session-context';

interface SiteFormValues {
  name: string;
  timeZone: string;
  address: string;
  phone: string;
}

/** The organisation's sites (campuses, clinics) with their time zones. */
export function SitesPage() {
  const me = useMe();
  const canManage = can(me, 'structure:manage');
  const sites = useApiData(() => fetchAll('/sites', siteSchema), []);
  const [editing, setEditing] = useState<{ site: Site | null } | null>(null);

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle>Sites</PageTitle>
        {canManage && <Button onClick={() => setEditing({ site: null })}>New site</Button>}
      </Group>
      <ErrorAlert error={sites.error} title="The sites could not be loaded" />
      {sites.loading && !sites.data && <Loader aria-label="Loading sites" />}
      {sites.data && sites.data.length === 0 && <Text>No sites yet.</Text>}
      {sites.data && sites.data.length > 0 && (
        <ScrollTable label="Sites" minWidth={600}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Time zone</Table.Th>
              <Table.Th>Address</Table.Th>
              <Table.Th>Phone</Table.Th>
              {canManage && (
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sites.data.map((site) => (
              <Table.Tr key={site.id}>
                <Table.Td>{site.name}</Table.Td>
                <Table.Td>{site.timeZone}</Table.Td>
                <Table.Td>{orDash(site.address)}</Table.Td>
                <Table.Td>{orDash(site.phone)}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="outline"
                      aria-label={`Edit site ${site.name}`}
                      onClick={() => setEditing({ site })}
                    >
                      Edit
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.site ? 'Edit site' : 'New site'}
      >
        {editing && (
          <SiteForm
            site={editing.site}
            onSaved={() => {
              setEditing(null);
              sites.reload();
            }}
          />
        )}
      </Modal>
    </>
  );
}

function SiteForm({ site, onSaved }: { site: Site | null; onSaved: () => void }) {
  const [failure, setFailure] = useState<unknown>(undefined);
  const timeZones = useMemo(() => ['UTC', ...Intl.supportedValuesOf('timeZone')], []);
  const form = useForm<SiteFormValues>({
    initialValues: {
      name: site?.name ?? '',
      timeZone: site?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      address: site?.address ?? '',
      phone: site?.phone ?? '',
    },
    validate: (values) =>
      schemaErrors(siteInput, {
        ...values,
        address: optional(values.address),
        phone: optional(values.phone),
      }),
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(undefined);
    const body = {
      name: values.name,
      timeZone: values.timeZone,
      address: nullable(values.address),
      phone: nullable(values.phone),
    };
    try {
      if (site) await api.patch(`/sites/${site.id}`, body, { schema: siteSchema });
      else await api.post('/sites', body, { schema: siteSchema });
      onSaved();
    } catch (error) {
      form.setErrors(apiFieldErrors(error));
      setFailure(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={failure} title="The site could not be saved" />
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <Select
          label="Time zone"
          required
          searchable
          data={timeZones}
          allowDeselect={false}
          {...form.getInputProps('timeZone')}
        />
        <Textarea label="Address" autosize minRows={2} {...form.getInputProps('address')} />
        <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {site ? 'Save site' : 'Create site'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
