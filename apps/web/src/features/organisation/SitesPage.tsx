import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type Site, siteInput, siteSchema } from '@stepwise/core';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { nullable, optional, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { useSaveForm } from '../../api/use-save-form';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { orDash } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { RecordTable, RowButton } from '../../ui/RecordTable';
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
      <RecordTable
        label="Sites"
        minWidth={600}
        state={sites}
        errorTitle="The sites could not be loaded"
        emptyText="No sites yet."
        columns={[
          { header: 'Name', cell: (site) => site.name },
          { header: 'Time zone', cell: (site) => site.timeZone },
          { header: 'Address', cell: (site) => orDash(site.address) },
          { header: 'Phone', cell: (site) => orDash(site.phone) },
        ]}
        actions={
          canManage
            ? (site) => (
                <RowButton label={`Edit site ${site.name}`} onClick={() => setEditing({ site })}>
                  Edit
                </RowButton>
              )
            : undefined
        }
      />
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

  const { submit, failure } = useSaveForm(form, async (values) => {
    const body = {
      name: values.name,
      timeZone: values.timeZone,
      address: nullable(values.address),
      phone: nullable(values.phone),
    };
    if (site) await api.patch(`/sites/${site.id}`, body, { schema: siteSchema });
    else await api.post('/sites', body, { schema: siteSchema });
    onSaved();
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
