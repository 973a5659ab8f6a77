import { Badge, Group } from '@mantine/core';
import { type InstrumentResponse, instruments } from '@stepwise/core';
import { formatDateTime } from '../../ui/format';
import { RecordTable } from '../../ui/RecordTable';
import { codeLabel, scoreFlagLabel } from './labels';

/** Flags of a score as red badges ("—" when none). */
export function ScoreFlags({ flags }: { flags: readonly string[] }) {
  if (flags.length === 0) return <>—</>;
  return (
    <Group gap={4}>
      {flags.map((flag) => (
        <Badge key={flag} color="red.9" variant="filled" size="sm">
          {scoreFlagLabel(flag)}
        </Badge>
      ))}
    </Group>
  );
}

/** Instrument responses, newest first: what was given, when, and how it scored. */
export function ScoresTable({
  label = 'Scores',
  state,
  emptyText = 'No instruments recorded yet.',
}: {
  label?: string;
  state: { data: InstrumentResponse[] | undefined; error: unknown; loading: boolean };
  emptyText?: string;
}) {
  return (
    <RecordTable
      label={label}
      minWidth={720}
      state={state}
      errorTitle="The scores could not be loaded"
      emptyText={emptyText}
      columns={[
        { header: 'Instrument', cell: (response) => instruments[response.instrument].title },
        { header: 'Date', cell: (response) => formatDateTime(response.authoredAt) },
        {
          header: 'Total',
          cell: (response) => (response.score.total === null ? '—' : String(response.score.total)),
        },
        { header: 'Band', cell: (response) => (response.score.band ? codeLabel(response.score.band) : '—') },
        { header: 'Flags', cell: (response) => <ScoreFlags flags={response.score.flags} /> },
        { header: 'Given by', cell: (response) => response.administeredBy.name },
      ]}
    />
  );
}
