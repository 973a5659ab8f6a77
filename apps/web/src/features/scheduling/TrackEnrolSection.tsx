import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { type Episode, enrolmentInput, trackEnrolmentSchema, trackSchema } from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { apiFieldErrors, type FieldErrors, optional, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatTrackTimes } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { AvailabilityOverride, availabilityProblem } from './AvailabilityOverride';
import { EpisodeChoice, FirstSessionInput } from './EnrolmentFields';

/** "Enrolled in 3 groups; waitlisted for 1 (full); already in 0." */
function enrolledSummary(result: z.infer<typeof trackEnrolmentSchema>): string {
  const seats = result.items.filter((enrolment) => enrolment.status === 'enrolled').length;
  const waiting = result.items.filter((enrolment) => enrolment.status === 'waitlisted').length;
  return `Enrolled in ${seats} group${seats === 1 ? '' : 's'}; waitlisted for ${waiting} (full); already in ${result.alreadyIn.length}.`;
}

/**
 * Enrols the participant's open episode in every group of one track of its program at once: a seat
 * where one is free, the waitlist where a group is full; groups they are already in stay as they are.
 * A group outside their availability needs a reason, as when enrolling in one series.
 */
export function TrackEnrolSection({
  episodes,
  onEnrolled,
}: {
  /** The participant's open episodes of care (at least one). */
  episodes: Episode[];
  onEnrolled: () => void;
}) {
  const [episodeChoice, setEpisodeChoice] = useState('');
  const episode = episodes.length === 1 ? episodes[0] : episodes.find((open) => open.id === episodeChoice);
  const programId = episode?.programId;
  const tracks = useApiData(
    () => (programId ? fetchAll('/tracks', trackSchema, { programId }) : Promise.resolve([])),
    [programId],
  );
  const [trackChoice, setTrackChoice] = useState<string | null>(null);
  const [fromDate, setFromDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [override, setOverride] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // The episode's own track, when it has one, is the likely choice.
  const trackId =
    trackChoice ?? (tracks.data?.some((track) => track.id === episode?.trackId) ? episode?.trackId : null);
  const track = tracks.data?.find((candidate) => candidate.id === trackId);

  const reset = () => {
    setProblem(null);
    setOverride('');
    setErrors({});
    setFailure(undefined);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = {
      episodeId: episode?.id,
      fromDate: optional(fromDate),
      availabilityOverride: problem ? override.trim() : undefined,
    };
    const invalid = schemaErrors(enrolmentInput, input);
    if (!episode) invalid.episodeId = 'Choose the episode of care.';
    if (!track) invalid.trackId = 'Choose the track.';
    setErrors(invalid);
    setFailure(undefined);
    setNotice(null);
    if (Object.keys(invalid).length > 0 || !track) return;
    setBusy(true);
    try {
      const result = await api.post(`/tracks/${track.id}/enrolments`, input, {
        schema: trackEnrolmentSchema,
      });
      reset();
      setFromDate('');
      setNotice(`${track.name}: ${enrolledSummary(result)}`);
      onEnrolled();
    } catch (error) {
      const outside = availabilityProblem(error);
      if (outside) {
        setProblem(outside);
      } else {
        setErrors(apiFieldErrors(error));
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="track-enrol-heading">
      <Title order={2} size="h3" id="track-enrol-heading" mb={4}>
        Enrol in a track
      </Title>
      <Text size="sm" mb="sm">
        Every group of the track at once: a seat where one is free, the waitlist where a group is full. Groups
        the participant is already in stay as they are.
      </Text>
      <Notice onDismiss={() => setNotice(null)} mb="sm">
        {notice}
      </Notice>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={failure} title="The participant could not be enrolled" />
          <EpisodeChoice
            episodes={episodes}
            value={episodeChoice}
            onChange={(value) => {
              setEpisodeChoice(value);
              setTrackChoice(null);
              reset();
            }}
            error={errors.episodeId}
          />
          <ErrorAlert error={tracks.error} title="The program’s tracks could not be loaded" />
          <Select
            label="Track"
            placeholder={
              episode
                ? tracks.data?.length === 0
                  ? 'The program has no tracks'
                  : 'Choose the track'
                : undefined
            }
            data={(tracks.data ?? []).map((candidate) => ({
              value: candidate.id,
              label: `${candidate.name} (${formatTrackTimes(candidate)})`,
            }))}
            value={trackId ?? null}
            onChange={(value) => {
              setTrackChoice(value);
              reset();
            }}
            disabled={!episode}
            allowDeselect={false}
            error={errors.trackId}
            maw={420}
          />
          <FirstSessionInput value={fromDate} onChange={setFromDate} error={errors.fromDate} />
          {problem && (
            <AvailabilityOverride
              problem={problem}
              action="enrol"
              value={override}
              onChange={setOverride}
              error={errors.availabilityOverride}
            />
          )}
          <Group>
            <Button type="submit" loading={busy}>
              {problem ? 'Enrol anyway' : 'Enrol in track'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
