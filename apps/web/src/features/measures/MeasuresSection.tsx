import { Badge, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { InstrumentTrend, ParticipantMeasurement } from '@stepwise/core';
import type { ApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { changeLabels, pointsText } from './labels';
import { TrendChart } from './TrendChart';

/**
 * The participant's measures: per instrument a trend with its bands shaded, the baseline and latest
 * score, and the change in clinicians' terms (response, remission, reliable change).
 */
export function MeasuresSection({ measurement }: { measurement: ApiData<ParticipantMeasurement> }) {
  const { data, error, loading } = measurement;
  return (
    <Card withBorder component="section" aria-labelledby="measures-heading">
      <Title order={2} size="h3" id="measures-heading" mb="sm">
        Measures
      </Title>
      <ErrorAlert error={error} title="The measures could not be loaded" />
      {loading && !data && <Loader aria-label="Loading measures" />}
      {data && data.instruments.length === 0 && <Text>No scored instruments yet.</Text>}
      {data && data.instruments.length > 0 && (
        <>
          <Text size="sm" mb="sm">
            {data.episodeStart
              ? `Baselines are the first score since admission on ${formatDate(data.episodeStart)}.`
              : 'No open episode of care: baselines are the first score recorded.'}
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            {data.instruments.map((trend) => (
              <InstrumentTrendCard key={trend.instrument} trend={trend} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Card>
  );
}

function InstrumentTrendCard({ trend }: { trend: InstrumentTrend }) {
  const headingId = `measure-${trend.instrument}-heading`;
  const labels = changeLabels(trend.change);
  return (
    <Stack component="section" aria-labelledby={headingId} gap={6}>
      <Group gap="xs" align="center">
        <Title order={3} size="h4" id={headingId}>
          {trend.title}
        </Title>
        {labels.map((label) => (
          <Badge key={label.text} color={label.color} variant="filled" size="sm">
            {label.text}
          </Badge>
        ))}
      </Group>
      <Text size="sm">
        {trend.change
          ? `Baseline ${trend.baseline.score} (${formatDate(trend.baseline.date)}), latest ${trend.latest.score} ` +
            `(${formatDate(trend.latest.date)}): ${pointsText(trend.change.points)}.`
          : `One score so far: ${trend.latest.score} (${formatDate(trend.latest.date)}).`}
        {trend.reliableChangePoints !== null &&
          ` A change of ${trend.reliableChangePoints} points or more is reliable.`}
      </Text>
      <TrendChart trend={trend} />
    </Stack>
  );
}
