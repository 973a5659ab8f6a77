import {
  Button,
  Group,
  Loader,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  defaultWeeklyHoursMinimum,
  type Population,
  type Program,
  type ProgramKind,
  populations,
  programInput,
  programKinds,
  programSchema,
  type Site,
  siteSchema,
} from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { apiFieldErrors, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageTitle } from '../../ui/PageTitle';
import { ScrollTable } from '../../ui/ScrollTable';
import { useMe } from '../session/session-context';
import { populationLabels, programKindLabels } from './labels';

interface ProgramFormValues {
  siteId: string;
  name: string;
  kind: ProgramKind;
  population: Population;
  weeklyHoursMinimum: number | string;
  groupCapacity: number | string;
}

function numberOrUndefined(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  return value.trim() === '' ? undefined : Number(value);
}

function toProgramInput(values: ProgramFormValues) {
  return {
    siteId: values.siteId,
    name: values.name,
    kind: values.kind,
    population: values.population,
    weeklyHoursMinimum: numberOrUndefined(values.weeklyHoursMinimum),
    groupCapacity: numberOrUndefined(values.groupCapacity),
  };
}

/** Programs (SUD, mental health, co-occurring; adult or adolescent) with their weekly-hours minimum. */
export function ProgramsPage() {
  const me = useMe();
  const canManage = can(me, 'structure:manage');
  const [siteFilter, setSiteFilter] = useState<string | null>(null);
  const sites = useApiData(() => fetchAll('/sites', siteSchema), []);
  const programs = useApiData(
    () => fetchAll('/programs', programSchema, { siteId: siteFilter ?? undefined }),
    [siteFilter],
  );
  const [editing, setEditing] = useState<{ program: Program | null } | null>(null);
  const siteName = (id: string) => sites.data?.find((site) => site.id === id)?.name ?? '—';

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle>Programs</PageTitle>
        {canManage && (
          <Button onClick={() => setEditing({ program: null })} disabled={!sites.data?.length}>
            New program
          </Button>
        )}
      </Group>
      <Select
        label="Site"
        placeholder="All sites"
        data={(sites.data ?? []).map((site) => ({ value: site.id, label: site.name }))}
        value={siteFilter}
        onChange={setSiteFilter}
        clearable
        maw={320}
        mb="md"
      />
      <ErrorAlert error={sites.error ?? programs.error} title="The programs could not be loaded" />
      {programs.loading && !programs.data && <Loader aria-label="Loading programs" />}
      {programs.data && programs.data.length === 0 && <Text>No programs yet.</Text>}
      {programs.data && programs.data.length > 0 && (
        <ScrollTable label="Programs" minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Site</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Population</Table.Th>
              <Table.Th>Weekly minimum</Table.Th>
              <Table.Th>Group capacity</Table.Th>
              {canManage && (
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {programs.data.map((program) => (
              <Table.Tr key={program.id}>
                <Table.Td>{program.name}</Table.Td>
                <Table.Td>{siteName(program.siteId)}</Table.Td>
                <Table.Td>{programKindLabels[program.kind]}</Table.Td>
                <Table.Td>{populationLabels[program.population]}</Table.Td>
                <Table.Td>{program.weeklyHoursMinimum} h</Table.Td>
                <Table.Td>{program.groupCapacity}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="outline"
                      aria-label={`Edit program ${program.name}`}
                      onClick={() => setEditing({ program })}
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
        title={editing?.program ? 'Edit program' : 'New program'}
        size="lg"
      >
        {editing && (
          <ProgramForm
            program={editing.program}
            sites={sites.data ?? []}
            onSaved={() => {
              setEditing(null);
              programs.reload();
            }}
          />
        )}
      </Modal>
    </>
  );
}

function ProgramForm({
  program,
  sites,
  onSaved,
}: {
  program: Program | null;
  sites: Site[];
  onSaved: () => void;
}) {
  const [failure, setFailure] = useState<unknown>(undefined);
  const form = useForm<ProgramFormValues>({
    initialValues: {
      siteId: program?.siteId ?? sites[0]?.id ?? '',
      name: program?.name ?? '',
      kind: program?.kind ?? 'substance_use',
      population: program?.population ?? 'adult',
      weeklyHoursMinimum: program?.weeklyHoursMinimum ?? '',
      groupCapacity: program?.groupCapacity ?? 12,
    },
    validate: (values) => schemaErrors(programInput, toProgramInput(values)),
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(undefined);
    const input = toProgramInput(values);
    try {
      if (program) {
        const { siteId: _siteId, ...update } = input;
        await api.patch(`/programs/${program.id}`, update, { schema: programSchema });
      } else {
        await api.post('/programs', input, { schema: programSchema });
      }
      onSaved();
    } catch (error) {
      form.setErrors(apiFieldErrors(error));
      setFailure(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={failure} title="The program could not be saved" />
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <Select
          label="Site"
          required
          disabled={program !== null}
          data={sites.map((site) => ({ value: site.id, label: site.name }))}
          allowDeselect={false}
          {...form.getInputProps('siteId')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Kind"
            data={programKinds.map((value) => ({ value, label: programKindLabels[value] }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
          <Select
            label="Population"
            data={populations.map((value) => ({ value, label: populationLabels[value] }))}
            allowDeselect={false}
            {...form.getInputProps('population')}
          />
          <NumberInput
            label="Weekly hours minimum"
            description={`Leave blank for the default (${defaultWeeklyHoursMinimum(form.values.population)} h for ${populationLabels[form.values.population].toLowerCase()}s)`}
            min={1}
            max={40}
            step={0.5}
            decimalScale={1}
            {...form.getInputProps('weeklyHoursMinimum')}
          />
          <NumberInput label="Group capacity" min={2} max={30} {...form.getInputProps('groupCapacity')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {program ? 'Save program' : 'Create program'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
