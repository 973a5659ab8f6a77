import { Anchor, Card, Loader, Stack, Text, Title } from '@mantine/core';
import { contactSchema, type Participant, participantSchema } from '@stepwise/core';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageTitle } from '../../ui/PageTitle';
import { AssessmentsDueSection } from '../assessments/AssessmentsDueSection';
import { AttendanceSection } from '../attendance/AttendanceSection';
import { CoverageSection } from '../curriculum/CoverageSection';
import { ConsentsSection } from '../intake/ConsentsSection';
import { ParticipantMeasures } from '../measures/ParticipantMeasures';
import { NotesSection } from '../notes/NotesSection';
import { RecoveryPlansSection } from '../recovery-plans/RecoveryPlansSection';
import { AvailabilitySection } from '../scheduling/AvailabilitySection';
import { CalendarLinkSection } from '../scheduling/CalendarLinkSection';
import { ParticipantSchedule } from '../scheduling/ParticipantSchedule';
import { useMe } from '../session/session-context';
import { TreatmentPlanSection } from '../treatment-plans/TreatmentPlanSection';
import { CheckInsSection } from './CheckInsSection';
import { ContactsSection } from './ContactsSection';
import { DemographicsCard } from './DemographicsCard';
import { EpisodeSection } from './EpisodeSection';
import { LevelOfCareSection } from './LevelOfCareSection';
import { PortalAccountsSection } from './PortalAccountsSection';
import { participantName } from './participant-form';
import { ScoresSection } from './ScoresSection';

const contactList = z.object({ items: z.array(contactSchema) });

/**
 * One participant: demographics, their week against the weekly minimum with its sessions, make-ups,
 * availability, contacts and portal accounts; for clinical staff also the episode of care, attendance,
 * curriculum coverage, the chart of notes, the treatment plan (drafted, revised and reviewed by those who write plans), the safety and
 * relapse-prevention plans (written with the participant, signed by both), recent scores, measures with their trends, drug screens,
 * level-of-care assessments and consents; for schedulers make-ups, enrolment in a track and
 * the private calendar link.
 */
export function ParticipantPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const loaded = useApiData(() => api.get(`/participants/${id}`, { schema: participantSchema }), [id]);
  const contacts = useApiData(() => api.get(`/participants/${id}/contacts`, { schema: contactList }), [id]);
  const [participant, setParticipant] = useState<Participant | undefined>(undefined);
  useEffect(() => setParticipant(loaded.data), [loaded.data]);

  const back = (
    <Anchor component={Link} to="/participants" size="sm">
      ← All participants
    </Anchor>
  );
  if (loaded.error) {
    return (
      <>
        {back}
        <PageTitle>Participant</PageTitle>
        <ErrorAlert error={loaded.error} title="The participant could not be opened" />
      </>
    );
  }
  if (!participant) return <Loader aria-label="Loading participant" />;

  const canWrite = can(me, 'participants:write');
  const clinical = can(me, 'clinical:read');
  const schedules = can(me, 'schedule:manage');
  return (
    <>
      {back}
      <PageTitle>{participantName(participant)}</PageTitle>
      <Text mt={-12} mb="md">
        Record number {participant.recordNumber}
      </Text>
      <Stack gap="lg">
        <DemographicsCard participant={participant} canEdit={canWrite} onSaved={setParticipant} />
        {clinical && <EpisodeSection participantId={participant.id} />}
        {clinical && (
          <TreatmentPlanSection participantId={participant.id} canWrite={can(me, 'plans:write')} />
        )}
        {clinical && (
          <RecoveryPlansSection participantId={participant.id} canWrite={can(me, 'plans:write')} />
        )}
        <ParticipantSchedule participantId={participant.id} canManage={schedules} />
        {clinical && <AttendanceSection participantId={participant.id} />}
        {clinical && <CoverageSection participantId={participant.id} />}
        {clinical && <NotesSection participantId={participant.id} />}
        <AvailabilitySection participantId={participant.id} canEdit={schedules} />
        {schedules && (
          <Card withBorder component="section" aria-labelledby="calendar-link-heading">
            <Title order={2} size="h3" id="calendar-link-heading" mb="sm">
              Calendar link
            </Title>
            <CalendarLinkSection
              path={`/participants/${participant.id}/calendar-link`}
              holds="the participant’s sessions"
            />
          </Card>
        )}
        <ContactsSection
          participantId={participant.id}
          contacts={contacts.data?.items}
          error={contacts.error}
          canEdit={canWrite}
          onChanged={contacts.reload}
        />
        {clinical && (
          <>
            <AssessmentsDueSection participantId={participant.id} />
            <CheckInsSection participantId={participant.id} />
            <ScoresSection participantId={participant.id} />
            <ParticipantMeasures participantId={participant.id} canRecord={can(me, 'assessments:write')} />
            <LevelOfCareSection participantId={participant.id} />
            <ConsentsSection
              participantId={participant.id}
              participantName={participantName(participant)}
              organisationName={me.organisation.name}
              contacts={contacts.data?.items ?? []}
              canManage={can(me, 'intake:manage')}
            />
          </>
        )}
        {can(me, 'participants:accounts') && (
          <PortalAccountsSection participantId={participant.id} contacts={contacts.data?.items ?? []} />
        )}
      </Stack>
    </>
  );
}
