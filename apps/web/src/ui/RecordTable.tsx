import { Button, Loader, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { ScrollTable } from './ScrollTable';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/**
 * A list of records as a table, with its loading, failure and empty states: the shape of every list
 * page. `actions`, when given, fills a last column (its header is named for screen readers only).
 */
export function RecordTable<T extends { id: string }>({
  label,
  minWidth,
  state,
  errorTitle,
  emptyText,
  columns,
  actions,
}: {
  /** What the table lists, e.g. "Sites": names the scrolling region and the loader. */
  label: string;
  minWidth?: number;
  state: { data: T[] | undefined; error: unknown; loading: boolean };
  errorTitle: string;
  emptyText: string;
  columns: Column<T>[];
  actions?: ((row: T) => ReactNode) | undefined;
}) {
  const { data, error, loading } = state;
  return (
    <>
      <ErrorAlert error={error} title={errorTitle} />
      {loading && !data && <Loader aria-label={`Loading ${label.toLowerCase()}`} />}
      {data && data.length === 0 && <Text>{emptyText}</Text>}
      {data && data.length > 0 && (
        <ScrollTable label={label} minWidth={minWidth}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.header}>{column.header}</Table.Th>
              ))}
              {actions && (
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((row) => (
              <Table.Tr key={row.id}>
                {columns.map((column) => (
                  <Table.Td key={column.header}>{column.cell(row)}</Table.Td>
                ))}
                {actions && <Table.Td>{actions(row)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </>
  );
}

/** The small outlined button a table row offers, named for the record it acts on. */
export function RowButton({
  label,
  onClick,
  danger = false,
  children,
}: {
  /** The accessible name, e.g. "Edit site North". */
  label: string;
  onClick: () => void;
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <Button
      size="xs"
      variant="outline"
      color={danger ? 'red.9' : undefined}
      aria-label={label}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}
