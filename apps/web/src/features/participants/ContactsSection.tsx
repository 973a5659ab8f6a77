import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { type Contact, type ContactKind, contactInput, contactKinds, contactSchema } from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { nullable, optional, schemaErrors } from '../../api/form-errors';
import { useSaveForm } from '../../api/use-save-form';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { orDash } from '../../ui/format';
import { RecordTable, RowButton } from '../../ui/RecordTable';

export const contactKindLabels: Record<ContactKind, string> = {
  family: 'Family',
  support: 'Support person',
  emergency: 'Emergency',
};

interface ContactFormValues {
  name: string;
  kind: ContactKind;
  relation: string;
  phone: string;
  email: string;
  isEmergencyContact: boolean;
  notes: string;
}

const emptyContact: ContactFormValues = {
  name: '',
  kind: 'family',
  relation: '',
  phone: '',
  email: '',
  isEmergencyContact: false,
  notes: '',
};

function contactFormFrom(contact: Contact): ContactFormValues {
  return {
    name: contact.name,
    kind: contact.kind,
    relation: contact.relation ?? '',
    phone: contact.phone ?? '',
    email: contact.email ?? '',
    isEmergencyContact: contact.isEmergencyContact,
    notes: contact.notes ?? '',
  };
}

function toContactInput(values: ContactFormValues) {
  return {
    name: values.name,
    kind: values.kind,
    relation: optional(values.relation),
    phone: optional(values.phone),
    email: optional(values.email),
    isEmergencyContact: values.isEmergencyContact,
    notes: optional(values.notes),
  };
}

function toContactUpdate(values: ContactFormValues) {
  return {
    name: values.name,
    kind: values.kind,
    relation: nullable(values.relation),
    phone: nullable(values.phone),
    email: nullable(values.email),
    isEmergencyContact: values.isEmergencyContact,
    notes: nullable(values.notes),
  };
}

type Editing = { mode: 'add' } | { mode: 'edit'; contact: Contact } | null;

/** Family, support and emergency contacts of a participant. */
export function ContactsSection({
  participantId,
  contacts,
  error,
  canEdit,
  onChanged,
}: {
  participantId: string;
  contacts: Contact[] | undefined;
  error: unknown;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const [deleteFailure, setDeleteFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const confirmDelete = async () => {
    if (!deleting) return;
    setBusy(true);
    setDeleteFailure(undefined);
    try {
      await api.delete(`/participants/${participantId}/contacts/${deleting.id}`);
      setDeleting(null);
      onChanged();
    } catch (caught) {
      setDeleteFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="contacts-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="contacts-heading">
          Contacts
        </Title>
        {canEdit && (
          <Button variant="outline" size="xs" onClick={() => setEditing({ mode: 'add' })}>
            Add contact
          </Button>
        )}
      </Group>
      <RecordTable
        label="Contacts"
        minWidth={640}
        state={{ data: contacts, error, loading: false }}
        errorTitle="The contacts could not be loaded"
        emptyText="No contacts recorded."
        columns={[
          { header: 'Name', cell: (contact) => <ContactName contact={contact} /> },
          { header: 'Kind', cell: (contact) => contactKindLabels[contact.kind] },
          { header: 'Relation', cell: (contact) => orDash(contact.relation) },
          { header: 'Phone', cell: (contact) => orDash(contact.phone) },
          { header: 'Email', cell: (contact) => orDash(contact.email) },
        ]}
        actions={
          canEdit
            ? (contact) => (
                <Group gap={6} wrap="nowrap">
                  <RowButton
                    label={`Edit contact ${contact.name}`}
                    onClick={() => setEditing({ mode: 'edit', contact })}
                  >
                    Edit
                  </RowButton>
                  <RowButton
                    label={`Delete contact ${contact.name}`}
                    danger
                    onClick={() => setDeleting(contact)}
                  >
                    Delete
                  </RowButton>
                </Group>
              )
            : undefined
        }
      />

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? 'Edit contact' : 'Add contact'}
        size="lg"
      >
        {editing && (
          <ContactForm
            participantId={participantId}
            contact={editing.mode === 'edit' ? editing.contact : null}
            onDone={() => {
              setEditing(null);
              onChanged();
            }}
          />
        )}
      </Modal>

      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete contact">
        <Stack>
          <Text>Delete {deleting?.name} from this participant’s contacts?</Text>
          <ErrorAlert error={deleteFailure} title="The contact could not be deleted" />
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => setDeleting(null)}>
              Keep contact
            </Button>
            <Button color="red.9" loading={busy} onClick={() => void confirmDelete()}>
              Delete contact
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function ContactName({ contact }: { contact: Contact }) {
  return (
    <>
      {contact.name}{' '}
      {contact.isEmergencyContact && (
        <Badge color="red.9" variant="filled" size="sm">
          Emergency contact
        </Badge>
      )}
    </>
  );
}

function ContactForm({
  participantId,
  contact,
  onDone,
}: {
  participantId: string;
  contact: Contact | null;
  onDone: () => void;
}) {
  const form = useForm<ContactFormValues>({
    initialValues: contact ? contactFormFrom(contact) : emptyContact,
    validate: (values) => schemaErrors(contactInput, toContactInput(values)),
  });

  const { submit, failure } = useSaveForm(form, async (values) => {
    if (contact) {
      await api.patch(`/participants/${participantId}/contacts/${contact.id}`, toContactUpdate(values), {
        schema: contactSchema,
      });
    } else {
      await api.post(`/participants/${participantId}/contacts`, toContactInput(values), {
        schema: contactSchema,
      });
    }
    onDone();
  });

  return (
    <form onSubmit={submit} noValidate>
      <ErrorAlert error={failure} title="The contact could not be saved" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <Select
          label="Kind"
          data={contactKinds.map((value) => ({ value, label: contactKindLabels[value] }))}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
        <TextInput
          label="Relation"
          description="For example sister, partner, sponsor"
          {...form.getInputProps('relation')}
        />
        <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
        <TextInput label="Email" type="email" {...form.getInputProps('email')} />
        <Checkbox
          label="Emergency contact"
          mt={{ base: 0, sm: 30 }}
          {...form.getInputProps('isEmergencyContact', { type: 'checkbox' })}
        />
      </SimpleGrid>
      <Textarea label="Notes" autosize minRows={2} mt="sm" {...form.getInputProps('notes')} />
      <Group mt="md" justify="flex-end">
        <Button type="submit" loading={form.submitting}>
          {contact ? 'Save contact' : 'Add contact'}
        </Button>
      </Group>
    </form>
  );
}
