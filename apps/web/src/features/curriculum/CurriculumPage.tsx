import { Anchor, Loader, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { programSchema } from '@stepwise/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fetchAll } from '../../api/fetch-all';
import { useApiData } from '../../api/use-api-data';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageTitle } from '../../ui/PageTitle';
import { useMe } from '../session/session-context';
import { GapsPanel } from './GapsPanel';
import { ModulesPanel } from './ModulesPanel';

/**
 * A program's curriculum, opened from its schedule: the modules its groups teach in rotation (kept by
 * schedulers), and for the care team who will miss a required module before planned discharge, with
 * make-ups to book. The program lives in the address, like the schedule's.
 */
export function CurriculumPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const programs = useApiData(() => fetchAll('/programs', programSchema), []);
  const program =
    programs.data?.find((candidate) => candidate.id === params.get('program')) ?? programs.data?.[0];
  /** Counts curriculum changes, so who will miss a module loads again. */
  const [changes, setChanges] = useState(0);

  const back = (
    <Anchor
      component={Link}
      to={program ? `/schedule?${new URLSearchParams({ program: program.id }).toString()}` : '/schedule'}
      size="sm"
    >
      ← Schedule
    </Anchor>
  );

  return (
    <>
      {back}
      <PageTitle>Curriculum</PageTitle>
      <ErrorAlert error={programs.error} title="The programs could not be loaded" />
      {!programs.data && !programs.error && <Loader aria-label="Loading the curriculum" />}
      {programs.data && programs.data.length === 0 && <Text>No programs yet.</Text>}
      {program && (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              label="Program"
              data={(programs.data ?? []).map((candidate) => ({
                value: candidate.id,
                label: candidate.name,
              }))}
              value={program.id}
              onChange={(value) => setParams(value ? { program: value } : {})}
              allowDeselect={false}
            />
          </SimpleGrid>
          <ModulesPanel
            key={program.id}
            program={program}
            canManage={can(me, 'schedule:manage')}
            onChanged={() => setChanges((count) => count + 1)}
          />
          {can(me, 'clinical:read') && (
            <GapsPanel
              key={`gaps-${program.id}`}
              program={program}
              canBook={can(me, 'schedule:manage')}
              version={changes}
            />
          )}
        </Stack>
      )}
    </>
  );
}
