import { Alert, Button, Card, Group, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type Participant, participantInput, participantSchema } from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { apiFieldErrors, schemaErrors } from '../../api/form-errors';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Fact, Facts } from '../../ui/Fact';
import { formatDateTime, orDash } from '../../ui/format';
import { ParticipantFields } from './ParticipantFields';
import {
  type ParticipantFormValues,
  participantFormFrom,
  toParticipantInput,
  toParticipantUpdate,
} from './participant-form';

/** The participant's demographics, with an edit form for those who may write. */
export function DemographicsCard({
  participant,
  canEdit,
  onSaved,
}: {
  participant: Participant;
  canEdit: boolean;
  onSaved: (participant: Participant) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const form = useForm<ParticipantFormValues>({
    initialValues: participantFormFrom(participant),
    validate: (values) => schemaErrors(participantInput, toParticipantInput(values)),
  });

  const startEditing = () => {
    form.setValues(participantFormFrom(participant));
    form.resetDirty();
    form.clearErrors();
    setSaved(false);
    setEditing(true);
  };

  const submit = form.onSubmit(async (values) => {
    setFailure(undefined);
    try {
      const updated = await api.patch(`/participants/${participant.id}`, toParticipantUpdate(values), {
        schema: participantSchema,
      });
      onSaved(updated);
      setEditing(false);
      setSaved(true);
    } catch (error) {
      form.setErrors(apiFieldErrors(error));
      setFailure(error);
    }
  });

  return (
    <Card withBorder component="section" aria-labelledby="demographics-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="demographics-heading">
          Demographics
        </Title>
        {canEdit && !editing && (
          <Button variant="outline" size="xs" onClick={startEditing}>
            Edit demographics
          </Button>
        )}
      </Group>
      {saved && (
        <Alert color="green" role="status" mb="sm">
          Changes saved.
        </Alert>
      )}
      {editing ? (
        <form onSubmit={submit} noValidate>
          <ErrorAlert error={failure} title="The changes could not be saved" />
          <ParticipantFields form={form} withRecordNumber={false} />
          <Group mt="md">
            <Button type="submit" loading={form.submitting}>
              Save changes
            </Button>
            <Button variant="subtle" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </Group>
        </form>
      ) : (
        <Facts cols={3}>
          <Fact label="Given name">{participant.givenName}</Fact>
          <Fact label="Family name">{participant.familyName}</Fact>
          <Fact label="Preferred name">{orDash(participant.preferredName)}</Fact>
          <Fact label="Date of birth">{participant.dateOfBirth}</Fact>
          <Fact label="Pronouns">{orDash(participant.pronouns)}</Fact>
          <Fact label="Preferred language">{participant.preferredLanguage}</Fact>
          <Fact label="Email">{orDash(participant.email)}</Fact>
          <Fact label="Phone">{orDash(participant.phone)}</Fact>
          <Fact label="Address">{orDash(participant.address)}</Fact>
          <Fact label="Record number">{participant.recordNumber}</Fact>
          <Fact label="Registered">{formatDateTime(participant.createdAt)}</Fact>
          <Fact label="Last changed">{formatDateTime(participant.updatedAt)}</Fact>
        </Facts>
      )}
    </Card>
  );
}
