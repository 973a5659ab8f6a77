import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
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
import { schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { useSaveForm } from '../../api/use-save-form';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageTitle } from '../../ui/PageTitle';
import { RecordTable, RowButton } from '../../ui/RecordTable';
import { useMe } from '../session/session-context';
import { populationLabels, programKindLabels } from './labels';

interface ProgramFormValues {
  siteId: string;
  name: string;
  kind: ProgramKind;
  population: Population;
  weeklyHoursMinimum: number | string;
  groupCapacity: number | string;
  /** The program's crisis line, offered beside 988 on a new safety plan; blank for none. */
  crisisPhone: string;
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
    crisisPhone: values.crisisPhone.trim() === '' ? null : values.crisisPhone.trim(),
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
      <RecordTable
        label="Programs"
        minWidth={720}
        state={{ ...programs, error: sites.error ?? programs.error }}
        errorTitle="The programs could not be loaded"
        emptyText="No programs yet."
        columns={[
          { header: 'Name', cell: (program) => program.name },
          { header: 'Site', cell: (program) => siteName(program.siteId) },
          { header: 'Kind', cell: (program) => programKindLabels[program.kind] },
          { header: 'Population', cell: (program) => populationLabels[program.population] },
          { header: 'Weekly minimum', cell: (program) => `${program.weeklyHoursMinimum} h` },
          { header: 'Group capacity', cell: (program) => program.groupCapacity },
        ]}
        actions={
          canManage
            ? (program) => (
                <RowButton label={`Edit program ${program.name}`} onClick={() => setEditing({ program })}>
                  Edit
                </RowButton>
              )
            : undefined
        }
      />
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
  const form = useForm<ProgramFormValues>({
    initialValues: {
      siteId: program?.siteId ?? sites[0]?.id ?? '',
      name: program?.name ?? '',
      kind: program?.kind ?? 'substance_use',
      population: program?.population ?? 'adult',
      weeklyHoursMinimum: program?.weeklyHoursMinimum ?? '',
      groupCapacity: program?.groupCapacity ?? 12,
      crisisPhone: program?.crisisPhone ?? '',
    },
    validate: (values) => schemaErrors(programInput, toProgramInput(values)),
  });

  const { submit, failure } = useSaveForm(form, async (values) => {
    const input = toProgramInput(values);
    if (program) {
      const { siteId: _siteId, ...update } = input;
      await api.patch(`/programs/${program.id}`, update, { schema: programSchema });
    } else {
      await api.post('/programs', input, { schema: programSchema });
    }
    onSaved();
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
          <TextInput
            label="Crisis line"
            description="The program's own crisis number, offered beside 988 on every new safety plan"
            type="tel"
            {...form.getInputProps('crisisPhone')}
          />
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
