import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  birpContent,
  contactContent,
  dapContent,
  familyContent,
  type IndividualFormat,
  individualFormats,
  type Note,
  type NoteTemplate,
  noteInput,
  noteKindLabels,
  noteSchema,
  noteTemplateOf,
  noteTemplates,
  noteUpdate,
  participantSessionsSchema,
  serviceCodeFor,
  sessionSchema,
  templateFieldProblems,
} from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { api, sentence } from '../../api/client';
import { apiFieldErrors, type FieldErrors, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { currentWeek, formatDay, shiftWeek, viewerZone } from '../scheduling/week';
import {
  type ContactMethod,
  contactMethodLabels,
  contactMethods,
  individualFormatLabels,
  privateNoteLabel,
} from './labels';
import { missingFieldText } from './sign-refusal';
import { TemplateFields } from './TemplateFields';

/** The notes written on a participant's page; group notes are written from their session. */
export const chartNoteKinds = ['individual', 'family', 'contact'] as const;
export type ChartNoteKind = (typeof chartNoteKinds)[number];

interface NoteValues {
  kind: ChartNoteKind;
  sessionId: string | null;
  format: IndividualFormat;
  data: string;
  assessment: string;
  behavior: string;
  intervention: string;
  response: string;
  plan: string;
  withParticipant: boolean;
  present: string;
  narrative: string;
  method: ContactMethod;
  summary: string;
  minutes: number | string;
  private: boolean;
  /** The template's fields by key (individual and family notes). */
  fields: Record<string, string>;
}

const blank: NoteValues = {
  kind: 'contact',
  sessionId: null,
  format: 'dap',
  data: '',
  assessment: '',
  behavior: '',
  intervention: '',
  response: '',
  plan: '',
  withParticipant: true,
  present: '',
  narrative: '',
  method: 'phone',
  summary: '',
  minutes: '',
  private: false,
  fields: {},
};

/** A draft's values, to go on writing it. */
function valuesOf(note: Note): NoteValues {
  const kind = chartNoteKinds.find((candidate) => candidate === note.kind) ?? 'contact';
  const values: NoteValues = {
    ...blank,
    kind,
    sessionId: note.sessionId,
    minutes: note.minutes ?? '',
    private: note.private,
    fields: stringFields(note.content.fields),
  };
  const dap = dapContent.safeParse(note.content);
  const birp = birpContent.safeParse(note.content);
  const family = familyContent.safeParse(note.content);
  const contact = contactContent.safeParse(note.content);
  if (kind === 'individual' && dap.success) return { ...values, ...dap.data };
  if (kind === 'individual' && birp.success) return { ...values, ...birp.data };
  if (kind === 'family' && family.success) return { ...values, ...family.data };
  if (kind === 'contact' && contact.success) return { ...values, ...contact.data };
  return values;
}

/** A stored note's template fields, as text by key. */
function stringFields(fields: unknown): Record<string, string> {
  if (typeof fields !== 'object' || fields === null) return {};
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The template and its fields as sent: every field of the template, trimmed; none while unknown. */
function templated(values: NoteValues, template: NoteTemplate | undefined) {
  if (!template) return {};
  return {
    template: template.key,
    fields: Object.fromEntries(
      template.fields.map((field) => [field.key, (values.fields[field.key] ?? '').trim()]),
    ),
  };
}

function contentOf(values: NoteValues, template: NoteTemplate | undefined) {
  switch (values.kind) {
    case 'individual':
      return values.format === 'dap'
        ? {
            format: 'dap' as const,
            data: values.data,
            assessment: values.assessment,
            plan: values.plan,
            ...templated(values, template),
          }
        : {
            format: 'birp' as const,
            behavior: values.behavior,
            intervention: values.intervention,
            response: values.response,
            plan: values.plan,
            ...templated(values, template),
          };
    case 'family':
      return {
        withParticipant: values.withParticipant,
        present: values.present,
        narrative: values.narrative,
        plan: values.plan,
        ...templated(values, template),
      };
    case 'contact':
      return { method: values.method, summary: values.summary };
  }
}

/** Minutes as sent: left empty, the session's length (or, editing, what was saved). */
const minutesOf = (values: NoteValues) => (values.minutes === '' ? undefined : Number(values.minutes));

function createInput(values: NoteValues, template: NoteTemplate | undefined) {
  const minutes = minutesOf(values);
  const base = { ...(minutes === undefined ? {} : { minutes }), content: contentOf(values, template) };
  if (values.kind === 'contact') return { kind: values.kind, ...base };
  return {
    kind: values.kind,
    sessionId: values.sessionId ?? '',
    ...(values.kind === 'individual' ? { private: values.private } : {}),
    ...base,
  };
}

/** Field errors keyed by the form's names ("content.data" is "data"). */
function keyedByField(errors: FieldErrors): FieldErrors {
  const keyed: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) keyed[path.replace(/^content\./, '')] ??= message;
  return keyed;
}

/** The participant's sessions of a kind in this week and the last, already begun, to write a note for. */
async function recentSessions(participantId: string, kind: 'individual' | 'family') {
  const week = currentWeek(viewerZone());
  const weeks = await Promise.all(
    [shiftWeek(week, -1), week].map((query) =>
      api.get(`/participants/${participantId}/sessions`, {
        query: { week: query },
        schema: participantSessionsSchema,
      }),
    ),
  );
  return weeks
    .flatMap((found) => found.items)
    .filter(
      (session) =>
        session.kind === kind && session.status === 'scheduled' && Date.parse(session.startsAt) <= Date.now(),
    )
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}

/**
 * Writes an individual, family or contact note as a draft, or goes on with one: individual notes in
 * DAP or BIRP form, optionally a private Part 2 counseling note; family notes say whether the
 * participant was there (it decides the service code); a contact note is how and what. Notes about a
 * session name one of the participant's recent sessions of that kind, and are written on the
 * template of that session's modality. Opened after a refused signature, the fields still to write
 * say so.
 */
export function NoteForm({
  participantId,
  editing,
  refused,
  onSaved,
  onCancel,
}: {
  participantId: string;
  /** The draft to go on with; a new note when absent. */
  editing?: Note;
  /** The fields a refused signature named (`missing`), to mark on the form. */
  refused?: { error: unknown; missing: readonly string[] };
  onSaved: (note: Note) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<NoteValues>(editing ? valuesOf(editing) : blank);
  const carried = noteTemplateOf(editing?.content.template);
  const [errors, setErrors] = useState<FieldErrors>(() =>
    Object.fromEntries(
      (refused?.missing ?? []).map((field) => [field, missingFieldText(field, carried)] as const),
    ),
  );
  const [failure, setFailure] = useState<unknown>(refused?.error);
  const [busy, setBusy] = useState(false);
  const sessionKind = values.kind === 'contact' || editing ? null : values.kind;
  const sessions = useApiData(
    () => (sessionKind ? recentSessions(participantId, sessionKind) : Promise.resolve([])),
    [participantId, sessionKind],
  );
  // A draft written before templates takes its session's modality's.
  const editedSessionId = editing && !carried && editing.kind !== 'contact' ? editing.sessionId : null;
  const editedSession = useApiData(
    () =>
      editedSessionId
        ? api.get(`/sessions/${editedSessionId}`, { schema: sessionSchema })
        : Promise.resolve(null),
    [editedSessionId],
  );
  const chosenSession = sessions.data?.find((session) => session.id === values.sessionId);
  const modality = chosenSession?.modality ?? editedSession.data?.modality;
  const template =
    values.kind === 'contact' ? undefined : (carried ?? (modality ? noteTemplates[modality] : undefined));

  const set = (change: Partial<NoteValues>) => {
    setValues((current) => ({ ...current, ...change }));
    setErrors((current) => {
      const rest = { ...current };
      for (const key of Object.keys(change)) delete rest[key];
      return rest;
    });
  };

  const minutes = minutesOf(values);
  const code =
    minutes !== undefined && Number.isInteger(minutes) && minutes > 0
      ? serviceCodeFor(values.kind, minutes, { withParticipant: values.withParticipant })
      : undefined;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(undefined);
    const input = editing
      ? { ...(minutes === undefined ? {} : { minutes }), content: contentOf(values, template) }
      : createInput(values, template);
    const invalid = keyedByField(schemaErrors(editing ? noteUpdate : noteInput, input));
    if (template) {
      for (const problem of templateFieldProblems(
        template,
        'fields' in input.content ? (input.content.fields ?? {}) : {},
      ))
        invalid[`fields.${problem.key}`] ??= sentence(problem.message);
    }
    if (!editing && values.kind !== 'contact' && !values.sessionId) invalid.sessionId = 'Choose the session.';
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      onSaved(
        editing
          ? await api.put(`/notes/${editing.id}`, input, { schema: noteSchema })
          : await api.post(`/participants/${participantId}/notes`, input, { schema: noteSchema }),
      );
    } catch (error) {
      setErrors(keyedByField(apiFieldErrors(error)));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const text = (
    name: 'data' | 'assessment' | 'behavior' | 'intervention' | 'response' | 'plan' | 'narrative' | 'summary',
    label: string,
    description?: string,
  ) => (
    <Textarea
      label={label}
      description={description}
      // Every one of these is needed to sign.
      required
      autosize
      minRows={2}
      maxLength={4000}
      value={values[name]}
      onChange={(event) => set({ [name]: event.currentTarget.value })}
      error={errors[name]}
    />
  );

  const setField = (key: string, value: string) => {
    setValues((current) => ({ ...current, fields: { ...current.fields, [key]: value } }));
    setErrors(({ [`fields.${key}`]: _cleared, ...rest }) => rest);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert
          error={failure}
          title={
            refused && failure === refused.error ? 'The note was not signed' : 'The note could not be saved'
          }
        />
        {!editing && (
          <Radio.Group
            label="Kind of note"
            value={values.kind}
            onChange={(next) => {
              const kind = chartNoteKinds.find((candidate) => candidate === next);
              if (kind) set({ kind, sessionId: null });
            }}
          >
            <Group gap="md" mt={6}>
              {chartNoteKinds.map((kind) => (
                <Radio key={kind} value={kind} label={noteKindLabels[kind]} />
              ))}
            </Group>
          </Radio.Group>
        )}
        {sessionKind && (
          <>
            <ErrorAlert error={sessions.error} title="The participant’s sessions could not be loaded" />
            {sessions.data?.length === 0 ? (
              <Text size="sm" c="red.9">
                No {sessionKind} session of theirs has taken place this week or last: a note about a session
                is written for one they were on.
              </Text>
            ) : (
              <Select
                label="Session"
                description="Their sessions of this kind this week and last"
                required
                data={(sessions.data ?? []).map((session) => ({
                  value: session.id,
                  label: `${formatDay(session.localDate)}, ${session.localStart}–${session.localEnd}`,
                }))}
                value={values.sessionId}
                onChange={(sessionId) => set({ sessionId })}
                error={errors.sessionId}
              />
            )}
          </>
        )}
        {values.kind === 'individual' && (
          <Radio.Group
            label="Format"
            value={values.format}
            onChange={(next) => {
              const format = individualFormats.find((candidate) => candidate === next);
              if (format) set({ format });
            }}
          >
            <Stack gap={6} mt={6}>
              {individualFormats.map((format) => (
                <Radio key={format} value={format} label={individualFormatLabels[format]} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {values.kind === 'individual' && values.format === 'dap' && (
          <>
            {text('data', 'Data', 'What was observed and said')}
            {text('assessment', 'Assessment', 'Your clinical reading of it')}
            {text('plan', 'Plan')}
          </>
        )}
        {values.kind === 'individual' && values.format === 'birp' && (
          <>
            {text('behavior', 'Behavior')}
            {text('intervention', 'Intervention')}
            {text('response', 'Response')}
            {text('plan', 'Plan')}
          </>
        )}
        {values.kind === 'family' && (
          <>
            <Checkbox
              label="The participant was in the session"
              description="Family psychotherapy is coded 90847 with the participant present, 90846 without"
              checked={values.withParticipant}
              onChange={(event) => set({ withParticipant: event.currentTarget.checked })}
            />
            <TextInput
              label="Who came"
              description="e.g. mother and partner"
              required
              maxLength={300}
              value={values.present}
              onChange={(event) => set({ present: event.currentTarget.value })}
              error={errors.present}
            />
            {text('narrative', 'Narrative')}
            {text('plan', 'Plan')}
          </>
        )}
        {values.kind === 'contact' && (
          <>
            <Radio.Group
              label="Method"
              value={values.method}
              onChange={(next) => {
                const method = contactMethods.find((candidate) => candidate === next);
                if (method) set({ method });
              }}
            >
              <Group gap="md" mt={6}>
                {contactMethods.map((method) => (
                  <Radio key={method} value={method} label={contactMethodLabels[method]} />
                ))}
              </Group>
            </Radio.Group>
            {text('summary', 'Summary', 'Who was contacted, about what, and what follows')}
          </>
        )}
        {template && (
          <TemplateFields template={template} values={values.fields} errors={errors} onChange={setField} />
        )}
        <ErrorAlert error={editedSession.error} title="The note’s session could not be loaded" />
        <NumberInput
          label="Minutes"
          description={
            values.kind === 'contact'
              ? 'Optional'
              : `Leave empty for the session’s scheduled length${code !== undefined ? `. Service code: ${code ?? 'none (too short)'}` : ''}`
          }
          min={1}
          max={480}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={values.minutes}
          onChange={(next) => set({ minutes: next })}
          error={errors.minutes}
          w={{ base: '100%', xs: 320 }}
        />
        {values.kind === 'individual' && !editing && (
          <Checkbox
            label="Part 2 counseling note"
            description="A 42 CFR Part 2 substance use counseling note: kept apart from the chart, never shared, and seen only by you. The care team does not see it."
            checked={values.private}
            onChange={(event) => set({ private: event.currentTarget.checked })}
          />
        )}
        {editing?.private && <Text size="sm">{privateNoteLabel}.</Text>}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save draft
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
