import { Button, Group, Stack, Text } from '@mantine/core';
import { type Enrolment, enrolmentInput, enrolmentSchema, type SessionSeries } from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { apiFieldErrors, type FieldErrors, optional, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { episodeList } from '../intake/lists';
import { ParticipantPicker } from '../participants/ParticipantPicker';
import { AvailabilityOverride, availabilityProblem } from './AvailabilityOverride';
import { EpisodeChoice, episodeLabel, FirstSessionInput } from './EnrolmentFields';

/**
 * Enrols a participant found by search, in their open episode of care in the series' program. When a
 * session falls outside their availability the server refuses; the form then asks why to enrol anyway
 * and sends the reason, which is kept with the enrolment.
 */
export function EnrolForm({
  series,
  onEnrolled,
}: {
  series: SessionSeries;
  onEnrolled: (enrolment: Enrolment) => void;
}) {
  const [participantId, setParticipantId] = useState('');
  const [episodeChoice, setEpisodeChoice] = useState('');
  const [fromDate, setFromDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [override, setOverride] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const episodes = useApiData(
    () =>
      participantId
        ? api.get(`/participants/${participantId}/episodes`, { schema: episodeList })
        : Promise.resolve(undefined),
    [participantId],
  );
  const eligible = (episodes.data?.items ?? []).filter(
    (episode) => episode.status === 'open' && episode.programId === series.programId,
  );
  const episodeId =
    eligible.length === 1 ? eligible[0]?.id : eligible.find((e) => e.id === episodeChoice)?.id;

  const choose = (id: string) => {
    setParticipantId(id);
    setEpisodeChoice('');
    setProblem(null);
    setOverride('');
    setErrors({});
    setFailure(undefined);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = {
      episodeId,
      fromDate: optional(fromDate),
      availabilityOverride: problem ? override.trim() : undefined,
    };
    const invalid = schemaErrors(enrolmentInput, input);
    if (!participantId) invalid.participantId = 'Choose the participant.';
    else if (!episodeId)
      invalid.episodeId =
        episodes.data && eligible.length === 0
          ? 'The participant has no open episode of care in this program.'
          : 'Choose the episode of care.';
    setErrors(invalid);
    setFailure(undefined);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      onEnrolled(
        await api.post(`/session-series/${series.id}/enrolments`, input, { schema: enrolmentSchema }),
      );
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
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={failure} title="The participant could not be enrolled" />
        <ParticipantPicker value={participantId} onChange={choose} error={errors.participantId} />
        {participantId && episodes.loading && <Text size="sm">Loading episodes of care…</Text>}
        <ErrorAlert error={episodes.error} title="The episodes of care could not be loaded" />
        {eligible.length === 1 && eligible[0] && (
          <Text size="sm">Episode of care: {episodeLabel(eligible[0])}</Text>
        )}
        {eligible.length > 1 && (
          <EpisodeChoice
            episodes={eligible}
            value={episodeChoice}
            onChange={setEpisodeChoice}
            error={errors.episodeId}
          />
        )}
        {errors.episodeId && eligible.length <= 1 && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {errors.episodeId}
          </Text>
        )}
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
            {problem ? 'Enrol anyway' : 'Enrol'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
