import { Badge, Box, List, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import {
  type AttendanceStatus,
  attendanceStatuses,
  attendanceStatusLabels,
  birpContent,
  contactContent,
  dapContent,
  familyContent,
  legacyGroupFieldLabels,
  type Note,
  noteKindLabels,
  noteTemplateOf,
  storedGroupContent,
  templateFieldText,
} from '@stepwise/core';
import type { ReactNode } from 'react';
import { Fact, Facts } from '../../ui/Fact';
import { formatDateTime, orDash } from '../../ui/format';
import { formatMinutes } from '../scheduling/week';
import { quoted } from '../treatment-plans/PlanProblems';
import { contactMethodLabels, noteStatusColors, noteStatusLabels, privateNoteLabel } from './labels';

/** A note's status as a badge. */
export function NoteStatusBadge({ status }: { status: Note['status'] }) {
  return (
    <Badge color={noteStatusColors[status]} variant="filled">
      {noteStatusLabels[status]}
    </Badge>
  );
}

/** Who wrote the note, where it stands, its minutes and service code, when it was signed. */
export function NoteFacts({ note }: { note: Note }) {
  return (
    <Facts cols={3}>
      <Fact label="Kind">{noteKindLabels[note.kind]}</Fact>
      <Fact label="Author">{note.author.name}</Fact>
      <Fact label="Status">
        <NoteStatusBadge status={note.status} />
        {note.requiresCosign && note.status === 'signed' ? ' Awaiting a supervisor’s co-signature' : ''}
      </Fact>
      <Fact label="Minutes">{note.minutes === null ? '—' : formatMinutes(note.minutes)}</Fact>
      <Fact label="Service code">{note.serviceCode ?? 'None'}</Fact>
      <Fact label="Signed">{note.signedAt ? formatDateTime(note.signedAt) : 'Not yet'}</Fact>
      {note.cosignedBy && (
        <Fact label="Co-signed">
          {note.cosignedBy.name}, {formatDateTime(note.cosignedAt)}
        </Fact>
      )}
      {note.private && <Fact label="Kept apart">{privateNoteLabel}</Fact>}
    </Facts>
  );
}

/** One written field of a note, keeping the writer's line breaks. */
function Written({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'break-word' }}>{children}</Text>
    </div>
  );
}

/**
 * A note's template fields as read: each field of its template by label (a choice by its option's
 * label), or, for a group note written before templates, its skills taught and homework.
 */
function TemplateWritten({ content }: { content: Record<string, unknown> }) {
  const template = noteTemplateOf(content.template);
  const fields = (
    typeof content.fields === 'object' && content.fields !== null ? content.fields : {}
  ) as Record<string, unknown>;
  if (!template) {
    const legacy = storedGroupContent.safeParse(content);
    if (!legacy.success) return null;
    return (
      <>
        {(['skillsTaught', 'homework'] as const).map((key) =>
          legacy.data[key] === undefined ? null : (
            <Written key={key} label={legacyGroupFieldLabels[key]}>
              {orDash(legacy.data[key])}
            </Written>
          ),
        )}
      </>
    );
  }
  return (
    <Box component="section" aria-label={`${template.label} template`}>
      <Stack gap="sm">
        {template.fields.map((field) => {
          const value = fields[field.key];
          return (
            <Written key={field.key} label={field.label}>
              {orDash(typeof value === 'string' ? templateFieldText(field, value) : '')}
            </Written>
          );
        })}
      </Stack>
    </Box>
  );
}

/**
 * What a note says, read-only, in the fields its kind is written in, then its template's. A group note shows its shared
 * part, then each attendee's part (with their goals named by `goalStatements` where known) and who was
 * absent; in a participant's chart only their own part is there.
 */
export function NoteContent({
  note,
  order,
  goalStatements = new Map(),
}: {
  note: Note;
  /** Heading level of the attendees' parts. */
  order: TitleOrder;
  goalStatements?: ReadonlyMap<string, string>;
}) {
  const content = note.content;
  const dap = dapContent.safeParse(content);
  const birp = birpContent.safeParse(content);
  const family = familyContent.safeParse(content);
  const contact = contactContent.safeParse(content);
  const group = storedGroupContent.safeParse(content);
  return (
    <Stack gap="sm">
      {note.kind === 'individual' && dap.success && (
        <>
          <Written label="Data">{orDash(dap.data.data)}</Written>
          <Written label="Assessment">{orDash(dap.data.assessment)}</Written>
          <Written label="Plan">{orDash(dap.data.plan)}</Written>
        </>
      )}
      {note.kind === 'individual' && birp.success && (
        <>
          <Written label="Behavior">{orDash(birp.data.behavior)}</Written>
          <Written label="Intervention">{orDash(birp.data.intervention)}</Written>
          <Written label="Response">{orDash(birp.data.response)}</Written>
          <Written label="Plan">{orDash(birp.data.plan)}</Written>
        </>
      )}
      {note.kind === 'family' && family.success && (
        <>
          <Written label="Participant present">{family.data.withParticipant ? 'Yes' : 'No'}</Written>
          <Written label="Who came">{orDash(family.data.present)}</Written>
          <Written label="Narrative">{orDash(family.data.narrative)}</Written>
          <Written label="Plan">{orDash(family.data.plan)}</Written>
        </>
      )}
      {note.kind === 'contact' && contact.success && (
        <>
          <Written label="Method">{contactMethodLabels[contact.data.method]}</Written>
          <Written label="Summary">{orDash(contact.data.summary)}</Written>
        </>
      )}
      {note.kind === 'group' && group.success && (
        <>
          <Written label="Topic">{orDash(group.data.topic)}</Written>
          <Written label="Curriculum module">{orDash(group.data.module)}</Written>
          <Written label="Interventions">
            {group.data.interventions.length > 0 ? group.data.interventions.join(', ') : '—'}
          </Written>
          <Written label="Narrative">{orDash(group.data.narrative)}</Written>
        </>
      )}
      {note.kind !== 'contact' && <TemplateWritten content={content} />}
      {note.kind === 'group' &&
        note.parts.map((part) => (
          <Box
            key={part.participantId}
            component="section"
            aria-label={`Part for ${part.participantName}`}
            pl="sm"
            style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}
          >
            <Title order={order} size="h5" mb={4}>
              {part.participantName}
            </Title>
            <Stack gap={6}>
              <Written label="Participation">{orDash(part.content.participation)}</Written>
              <Written label="Response">{orDash(part.content.response)}</Written>
              {part.content.goalProgress.map((item, index) => (
                <Written
                  key={item.goalId}
                  label={`Progress on ${
                    goalStatements.has(item.goalId)
                      ? quoted(goalStatements.get(item.goalId) ?? '')
                      : `goal ${index + 1}`
                  }`}
                >
                  {orDash(item.progress)}
                </Written>
              ))}
            </Stack>
          </Box>
        ))}
      {note.kind === 'group' && note.absent.length > 0 && <AbsentList absent={note.absent} />}
    </Stack>
  );
}

const statusLabel = (status: string) => {
  const known = attendanceStatuses.find((candidate): candidate is AttendanceStatus => candidate === status);
  return known ? attendanceStatusLabels[known] : status;
};

/** Attendees recorded absent: they have no part, and the absence is kept with the note. */
export function AbsentList({ absent }: { absent: Note['absent'] }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        Absent (no part)
      </Text>
      <List size="sm" aria-label="Absent">
        {absent.map((person) => (
          <List.Item key={person.participantId}>
            {person.participantName}: {statusLabel(person.status)}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
