import { Anchor, Badge, Box, Card, Group, Loader, Text, Title } from '@mantine/core';
import {
  moduleStatusLabels,
  type ParticipantCurriculum,
  participantCurriculumSchema,
  sessionModalityLabels,
} from '@stepwise/core';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { formatDay } from '../scheduling/week';
import { moduleStatusColors } from './curriculum-data';

type Item = ParticipantCurriculum['items'][number];

/**
 * "3 of 4 required modules covered; 1 scheduled; 1 will be missed before planned discharge Dec 1,
 * 2026."
 */
export function coverageSummary(coverage: ParticipantCurriculum): string {
  const { required, covered, scheduled, atRisk } = coverage.summary;
  const discharge = formatDate(coverage.plannedDischarge);
  if (required === 0) return `No module is required. Planned discharge ${discharge}.`;
  const parts = [`${covered} of ${required} required module${required === 1 ? '' : 's'} covered`];
  if (scheduled > 0) parts.push(`${scheduled} scheduled`);
  if (atRisk > 0)
    return `${[...parts, `${atRisk} will be missed before planned discharge ${discharge}`].join('; ')}.`;
  return `${parts.join('; ')}, before planned discharge ${discharge}.`;
}

/** When the module was or will be taught to them, in words. */
function whenLine(item: Item): string {
  if (item.covered) return `Covered ${formatDay(item.covered.date)}`;
  if (item.status === 'scheduled' && item.next) return `Taught ${formatDay(item.next.date)}`;
  if (item.status === 'at_risk') {
    return item.next
      ? `Next taught ${formatDay(item.next.date)}, after planned discharge`
      : 'Not taught to them in the weeks ahead';
  }
  return item.next ? `Next taught ${formatDay(item.next.date)}` : 'Not taught to them in the weeks ahead';
}

/**
 * The participant's coverage of their program's curriculum in their open episode: what they have
 * covered, what their own groups will teach before planned discharge, and what they will miss (with a
 * way to the make-up options). A quiet line when no episode is open or the program has no curriculum.
 */
export function CoverageSection({ participantId }: { participantId: string }) {
  const coverage = useApiData(
    () =>
      api
        .get(`/participants/${participantId}/curriculum`, { schema: participantCurriculumSchema })
        .catch((error: unknown) => {
          // No open episode: nothing to follow, not a failure.
          if (error instanceof ApiError && error.code === 'conflict') return null;
          throw error;
        }),
    [participantId],
  );
  const data = coverage.data;
  return (
    <Card withBorder component="section" aria-labelledby="coverage-heading">
      <Title order={2} size="h3" id="coverage-heading" mb="sm">
        Curriculum
      </Title>
      <ErrorAlert error={coverage.error} title="The curriculum could not be loaded" />
      {data === undefined && !coverage.error && <Loader size="sm" aria-label="Loading the curriculum" />}
      {data === null && <Text size="sm">No open episode of care, so no curriculum to follow.</Text>}
      {data && data.items.length === 0 && <Text size="sm">Their program has no curriculum modules yet.</Text>}
      {data && data.items.length > 0 && (
        <>
          <Text mb="sm">{coverageSummary(data)}</Text>
          {data.summary.atRisk > 0 && (
            <Anchor
              component={Link}
              to={`/schedule/curriculum?${new URLSearchParams({ program: data.programId }).toString()}`}
              size="sm"
              display="inline-block"
              mb="sm"
            >
              Make-up options for what they will miss
            </Anchor>
          )}
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Modules">
            {data.items.map((item) => (
              <Box
                component="li"
                key={item.module.id}
                py={6}
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
              >
                <Group gap="xs" wrap="wrap" align="center">
                  <Text size="sm" fw={600}>
                    {item.module.name}
                  </Text>
                  <Badge color={moduleStatusColors[item.status]} variant="filled" size="sm">
                    {moduleStatusLabels[item.status]}
                  </Badge>
                </Group>
                <Text size="sm">
                  {sessionModalityLabels[item.module.modality]} ·{' '}
                  {item.module.required ? 'Required' : 'Optional'} · {whenLine(item)}
                </Text>
              </Box>
            ))}
          </Box>
        </>
      )}
    </Card>
  );
}
