/** Staff roles, as in the product brief's table of who uses Stepwise. */
export const staffRoles = [
  'admin',
  'director',
  'intake',
  'clinician',
  'supervisor',
  'billing',
  'compliance',
] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Every role a signed-in user can act in: staff roles plus the two portal roles. */
export const allRoles = [...staffRoles, 'participant', 'family'] as const;
export type Role = (typeof allRoles)[number];

/** The kinds of user account. Participant and family accounts are linked to a participant record. */
export const accountKinds = ['staff', 'participant', 'family'] as const;
export type AccountKind = (typeof accountKinds)[number];

/** What an API route can require. Each permission is granted to roles in `rolePermissions`. */
export const permissions = [
  /** See the organisation's sites, programs and tracks. */
  'structure:read',
  /** Create and change sites, programs, tracks and organisation settings. */
  'structure:manage',
  /** See the staff directory. */
  'staff:read',
  /** Create staff accounts, change their roles, deactivate them. */
  'staff:manage',
  /** Read participant records and their contacts. */
  'participants:read',
  /** Create and change participant records and their contacts. */
  'participants:write',
  /** Create portal accounts for a participant and their family members. */
  'participants:accounts',
  /** Run the front door: referrals, admissions (episodes of care) and consents. */
  'intake:manage',
  /** Create sessions, rooms and closures, and enrol participants in groups. */
  'schedule:manage',
  /** Accept an optimizer proposal, changing many people's groups at once. */
  'schedule:approve',
  /** Read assessments: instrument responses, level-of-care assessments (not billing: minimum necessary). */
  'clinical:read',
  /** Administer instruments and record level-of-care assessments and their decisions. */
  'assessments:write',
  /** Tune a program's clinical rules (the level-of-care rule set). */
  'clinical_rules:manage',
  /** See the care team's risk alerts and acknowledge them. */
  'alerts:respond',
  /** Take and correct attendance at sessions. */
  'attendance:write',
  /** Work one's own task inbox (follow-ups, reviews). */
  'tasks:work',
  /** Write, revise, put into effect and review treatment plans. */
  'plans:write',
  /** Write and sign notes (individual, group, family, contact) and add addenda. */
  'notes:write',
  /** Co-sign notes whose author's role needs a supervisor's signature. */
  'notes:cosign',
  /** Read and verify the audit trail. */
  'audit:read',
  /** Use the participant or family portal (own record only). */
  'portal:self',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * Minimum necessary access per role (HIPAA 45 CFR 164.502(b)): the admin runs the organisation and its
 * accounts but does not read clinical records; compliance reads the audit trail and records (consent
 * status, accounting of disclosures); portal roles reach only their own record through `/me` routes.
 */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: ['structure:read', 'structure:manage', 'staff:read', 'staff:manage', 'audit:read'],
  director: [
    'structure:read',
    'structure:manage',
    'staff:read',
    'staff:manage',
    'participants:read',
    'participants:write',
    'participants:accounts',
    'intake:manage',
    'schedule:manage',
    'schedule:approve',
    'clinical:read',
    'assessments:write',
    'clinical_rules:manage',
    'alerts:respond',
    'attendance:write',
    'tasks:work',
    'plans:write',
    'notes:write',
    'notes:cosign',
  ],
  intake: [
    'structure:read',
    'staff:read',
    'participants:read',
    'participants:write',
    'participants:accounts',
    'intake:manage',
    'schedule:manage',
    'clinical:read',
    'assessments:write',
    // Intake is often first to see a screening raise a critical alert, and must act on it.
    'alerts:respond',
    'tasks:work',
    // Case-management contact notes; co-signed by a supervisor.
    'notes:write',
  ],
  clinician: [
    'structure:read',
    'staff:read',
    'participants:read',
    'participants:write',
    'participants:accounts',
    'intake:manage',
    'schedule:manage',
    'clinical:read',
    'assessments:write',
    'alerts:respond',
    'attendance:write',
    'tasks:work',
    'plans:write',
    'notes:write',
  ],
  supervisor: [
    'structure:read',
    'staff:read',
    'participants:read',
    'clinical:read',
    'alerts:respond',
    'attendance:write',
    'tasks:work',
    'plans:write',
    'notes:write',
    'notes:cosign',
  ],
  billing: ['structure:read', 'participants:read'],
  compliance: ['structure:read', 'staff:read', 'participants:read', 'clinical:read', 'audit:read'],
  participant: ['portal:self'],
  family: ['portal:self'],
};

/** True when any of the roles grants the permission. */
export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => rolePermissions[role].includes(permission));
}

/** Human labels for roles, used by the web app and the CLI. */
export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  director: 'Program director',
  intake: 'Intake coordinator',
  clinician: 'Clinician',
  supervisor: 'Clinical supervisor',
  billing: 'Billing specialist',
  compliance: 'Compliance officer',
  participant: 'Participant',
  family: 'Family member',
};
