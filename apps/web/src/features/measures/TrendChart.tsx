import { Box, Button, Table } from '@mantine/core';
import type { InstrumentTrend } from '@stepwise/core';
import { useId, useState } from 'react';
import { formatDate } from '../../ui/format';
import { codeLabel } from '../intake/labels';

/*
 * A small trend chart drawn as inline SVG: the instrument's bands shaded behind the line, each score
 * a labelled point, dates along the bottom. The picture has a one-sentence description for screen
 * readers, and a table of the same dates and scores one button away for everyone.
 */

const width = 600;
const height = 230;
const margin = { top: 16, right: 128, bottom: 40, left: 36 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;

/** Band tints from least to most severe (light enough for dark text on them). */
const tints = ['#e6f4ea', '#f4f9d9', '#fff4d6', '#ffe6cc', '#ffdede'];
const ink = '#212529';
const line = '#1864ab';

/** Instruments on which a higher score is better: their lowest band is the most severe. */
const higherIsBetter = new Set(['who5']);

function tintOf(index: number, count: number, reversed: boolean): string {
  const position = count <= 1 ? 0 : index / (count - 1);
  const severity = reversed ? 1 - position : position;
  return tints[Math.round(severity * (tints.length - 1))] ?? tints[0] ?? '#fff';
}

/** Keeps date labels from overlapping: the last always shows, earlier ones only with room. */
function labelledIndexes(xs: readonly number[], minGap = 64): Set<number> {
  const shown = new Set<number>();
  let lastX = Number.POSITIVE_INFINITY;
  for (let index = xs.length - 1; index >= 0; index -= 1) {
    const x = xs[index] ?? 0;
    if (lastX - x >= minGap) {
      shown.add(index);
      lastX = x;
    }
  }
  return shown;
}

/** One sentence saying what the chart shows, for its accessible description. */
export function trendSummary(trend: InstrumentTrend): string {
  const { points, baseline, latest } = trend;
  const count = `${points.length} score${points.length === 1 ? '' : 's'}`;
  if (points.length === 1) return `${trend.title}: one score, ${latest.score} on ${formatDate(latest.date)}.`;
  return (
    `${trend.title}: ${count}, from ${baseline.score} on ${formatDate(baseline.date)} (baseline) ` +
    `to ${latest.score} on ${formatDate(latest.date)}; scale 0 to ${trend.max}.`
  );
}

export function TrendChart({ trend }: { trend: InstrumentTrend }) {
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  const { points, bands, max } = trend;
  const y = (score: number) =>
    margin.top + plotHeight - (Math.min(Math.max(score, 0), max) / max) * plotHeight;
  const times = points.map((point) => new Date(point.authoredAt).getTime());
  const first = Math.min(...times);
  const last = Math.max(...times);
  const xs = times.map((time) =>
    last === first
      ? margin.left + plotWidth / 2
      : margin.left + ((time - first) / (last - first)) * plotWidth,
  );
  const labelled = labelledIndexes(xs);
  const reversed = higherIsBetter.has(trend.instrument);
  const path = points
    .map(
      (point, index) =>
        `${index === 0 ? 'M' : 'L'}${(xs[index] ?? 0).toFixed(1)},${y(point.score).toFixed(1)}`,
    )
    .join(' ');
  const tableId = `${id}-table`;

  return (
    <Box>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        style={{ maxWidth: width, display: 'block' }}
        data-instrument={trend.instrument}
      >
        <title id={`${id}-title`}>{`${trend.title} trend`}</title>
        <desc id={`${id}-desc`}>{trendSummary(trend)}</desc>
        {bands.map((band, index) => {
          const top = y(band.to);
          const bottom = y(band.from);
          return (
            <g key={band.band} data-band={band.band}>
              <rect
                x={margin.left}
                y={top}
                width={plotWidth}
                height={Math.max(bottom - top, 0)}
                fill={tintOf(index, bands.length, reversed)}
              />
              {bottom - top >= 11 && (
                <text x={margin.left + plotWidth + 6} y={(top + bottom) / 2 + 4} fontSize={11} fill={ink}>
                  {codeLabel(band.band)}
                </text>
              )}
            </g>
          );
        })}
        <rect
          x={margin.left}
          y={margin.top}
          width={plotWidth}
          height={plotHeight}
          fill="none"
          stroke="#868e96"
        />
        {[0, max].map((tick) => (
          <text key={tick} x={margin.left - 6} y={y(tick) + 4} fontSize={11} fill={ink} textAnchor="end">
            {tick}
          </text>
        ))}
        <path d={path} fill="none" stroke={line} strokeWidth={2} />
        {points.map((point, index) => {
          const x = xs[index] ?? 0;
          const isBaseline = point.responseId === trend.baseline.responseId;
          return (
            <g key={point.responseId}>
              <circle
                cx={x}
                cy={y(point.score)}
                r={isBaseline ? 6 : 4}
                fill={isBaseline ? '#fff' : line}
                stroke={line}
                strokeWidth={2}
              />
              <text
                x={x}
                y={y(point.score) - 9}
                fontSize={12}
                fontWeight={700}
                fill={ink}
                textAnchor="middle"
              >
                {point.score}
              </text>
              {labelled.has(index) && (
                <text x={x} y={height - margin.bottom + 18} fontSize={11} fill={ink} textAnchor="middle">
                  {formatDate(point.date).replace(/, \d{4}$/, '')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Button
        variant="subtle"
        size="compact-sm"
        mt={4}
        aria-expanded={showTable}
        aria-controls={tableId}
        onClick={() => setShowTable((shown) => !shown)}
      >
        {showTable ? 'Hide' : 'Show'} {trend.title} scores as a table
      </Button>
      <Box id={tableId} hidden={!showTable}>
        {showTable && (
          <Table verticalSpacing={4} maw={420} aria-label={`${trend.title} scores`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Score</Table.Th>
                <Table.Th>Band</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((point) => (
                <Table.Tr key={point.responseId}>
                  <Table.Td>
                    {formatDate(point.date)}
                    {point.responseId === trend.baseline.responseId ? ' (baseline)' : ''}
                  </Table.Td>
                  <Table.Td>{point.score}</Table.Td>
                  <Table.Td>{point.band ? codeLabel(point.band) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Box>
    </Box>
  );
}
