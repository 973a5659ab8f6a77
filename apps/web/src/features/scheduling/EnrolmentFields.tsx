import { Radio, Stack, TextInput } from '@mantine/core';
import type { Episode } from '@stepwise/core';
import { formatDay } from './week';

/** "Adult Substance Use IOP, since Mon, Nov 2 (Orientation)": an episode of care in a choice. */
export const episodeLabel = (episode: Episode) =>
  `${episode.programName}, since ${formatDay(episode.startDate)} (${episode.phase})`;

/** The choice of episode of care, shown only when a participant has more than one that fits. */
export function EpisodeChoice({
  episodes,
  value,
  onChange,
  error,
}: {
  episodes: readonly Episode[];
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
}) {
  if (episodes.length <= 1) return null;
  return (
    <Radio.Group label="Episode of care" value={value} onChange={onChange} error={error}>
      <Stack gap={6} mt={4}>
        {episodes.map((episode) => (
          <Radio key={episode.id} value={episode.id} label={episodeLabel(episode)} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

/** The first local date an enrolment covers; blank means from today. */
export function FirstSessionInput({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (date: string) => void;
  error?: string | undefined;
}) {
  return (
    <TextInput
      label="First session attended"
      description="Leave blank to start from today"
      type="date"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      maw={260}
    />
  );
}
