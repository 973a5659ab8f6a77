import type { IndividualFormat, Note } from '@stepwise/core';

export const noteStatusLabels: Record<Note['status'], string> = {
  draft: 'Draft',
  signed: 'Signed',
  cosigned: 'Co-signed',
};

/** A draft stands out from a signed note; both readable with auto contrast. */
export const noteStatusColors: Record<Note['status'], string> = {
  draft: 'yellow.4',
  signed: 'blue.8',
  cosigned: 'teal.9',
};

export const contactMethods = ['phone', 'in_person', 'video', 'message'] as const;
export type ContactMethod = (typeof contactMethods)[number];

export const contactMethodLabels: Record<ContactMethod, string> = {
  phone: 'Phone',
  in_person: 'In person',
  video: 'Video',
  message: 'Message',
};

export const individualFormatLabels: Record<IndividualFormat, string> = {
  dap: 'DAP (data, assessment, plan)',
  birp: 'BIRP (behavior, intervention, response, plan)',
};

/** How a private note is marked wherever it is listed (42 CFR Part 2 counseling notes). */
export const privateNoteLabel = 'Part 2 counseling note — only you see this';
