import { Table, Text } from '@mantine/core';
import type { ScreenTrend as Trend } from '@stepwise/core';
import { formatDate } from '../../ui/format';
import { ScrollTable } from '../../ui/ScrollTable';
import { screenResultLabels, screenResultTints } from './labels';

/**
 * Screens over time: a row per substance, a column per valid screen (oldest first), each cell tinted
 * and saying its result in words. Entries marked entered in error are not part of it.
 */
export function ScreenTrend({ trend }: { trend: Trend }) {
  if (trend.screens.length === 0) return <Text size="sm">No valid screens to show a trend yet.</Text>;
  return (
    <ScrollTable label="Screen results over time" minWidth={200 + trend.screens.length * 110}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Substance</Table.Th>
          {trend.screens.map((screen) => (
            <Table.Th key={screen.id} scope="col">
              {formatDate(screen.collectedOn)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {trend.substances.map((substance) => (
          <Table.Tr key={substance}>
            <Table.Th scope="row">{substance}</Table.Th>
            {trend.screens.map((screen) => {
              const result = screen.results[substance];
              return (
                <Table.Td
                  key={screen.id}
                  style={result ? { background: screenResultTints[result] } : undefined}
                >
                  {result ? screenResultLabels[result] : 'Not tested'}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
