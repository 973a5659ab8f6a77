import { Button, Group, Paper } from '@mantine/core';
import { useForm } from '@mantine/form';
import { participantInput, participantSchema } from '@stepwise/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { apiFieldErrors, schemaErrors } from '../../api/form-errors';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageTitle } from '../../ui/PageTitle';
import { ParticipantFields } from './ParticipantFields';
import { emptyParticipantForm, type ParticipantFormValues, toParticipantInput } from './participant-form';

/** Registers a new participant, then opens their page. */
export function NewParticipantPage() {
  const navigate = useNavigate();
  const [failure, setFailure] = useState<unknown>(undefined);
  const form = useForm<ParticipantFormValues>({
    initialValues: emptyParticipantForm,
    validate: (values) => schemaErrors(participantInput, toParticipantInput(values)),
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(undefined);
    try {
      const created = await api.post('/participants', toParticipantInput(values), {
        schema: participantSchema,
      });
      navigate(`/participants/${created.id}`);
    } catch (error) {
      form.setErrors(apiFieldErrors(error));
      setFailure(error);
    }
  });

  return (
    <>
      <PageTitle>New participant</PageTitle>
      <ErrorAlert error={failure} title="The participant could not be saved" />
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate>
          <ParticipantFields form={form} withRecordNumber />
          <Group mt="md">
            <Button type="submit" loading={form.submitting}>
              Create participant
            </Button>
            <Button variant="subtle" component={Link} to="/participants">
              Cancel
            </Button>
          </Group>
        </form>
      </Paper>
    </>
  );
}
