import type { Participant, ParticipantInput, ParticipantUpdate } from '@stepwise/core';
import { nullable, optional } from '../../api/form-errors';

/** What the participant form edits: every field as text, as the inputs hold it. */
export interface ParticipantFormValues {
  givenName: string;
  familyName: string;
  preferredName: string;
  dateOfBirth: string;
  pronouns: string;
  preferredLanguage: string;
  email: string;
  phone: string;
  address: string;
  recordNumber: string;
}

export const emptyParticipantForm: ParticipantFormValues = {
  givenName: '',
  familyName: '',
  preferredName: '',
  dateOfBirth: '',
  pronouns: '',
  preferredLanguage: 'en',
  email: '',
  phone: '',
  address: '',
  recordNumber: '',
};

/** The form filled from a stored record, for editing. */
export function participantFormFrom(participant: Participant): ParticipantFormValues {
  return {
    givenName: participant.givenName,
    familyName: participant.familyName,
    preferredName: participant.preferredName ?? '',
    dateOfBirth: participant.dateOfBirth,
    pronouns: participant.pronouns ?? '',
    preferredLanguage: participant.preferredLanguage,
    email: participant.email ?? '',
    phone: participant.phone ?? '',
    address: participant.address ?? '',
    recordNumber: participant.recordNumber,
  };
}

/** The POST body: blank optional fields are left out (the record number is then generated). */
export function toParticipantInput(values: ParticipantFormValues): Partial<ParticipantInput> {
  return {
    givenName: values.givenName,
    familyName: values.familyName,
    preferredName: optional(values.preferredName),
    dateOfBirth: values.dateOfBirth,
    pronouns: optional(values.pronouns),
    preferredLanguage: optional(values.preferredLanguage),
    email: optional(values.email),
    phone: optional(values.phone),
    address: optional(values.address),
    recordNumber: optional(values.recordNumber),
  };
}

/** The PATCH body: blank optional fields clear the stored value. */
export function toParticipantUpdate(values: ParticipantFormValues): ParticipantUpdate {
  return {
    givenName: values.givenName,
    familyName: values.familyName,
    preferredName: nullable(values.preferredName),
    dateOfBirth: values.dateOfBirth,
    pronouns: nullable(values.pronouns),
    preferredLanguage: values.preferredLanguage.trim(),
    email: nullable(values.email),
    phone: nullable(values.phone),
    address: nullable(values.address),
  };
}

/** "Rivera, Sam (Sammy)". */
export function participantName(
  participant: Pick<Participant, 'givenName' | 'familyName' | 'preferredName'>,
): string {
  const preferred = participant.preferredName ? ` (${participant.preferredName})` : '';
  return `${participant.familyName}, ${participant.givenName}${preferred}`;
}
