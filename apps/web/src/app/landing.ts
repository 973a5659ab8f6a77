import type { Me, Permission } from '@stepwise/core';

/** True when the signed-in user's roles grant the permission. */
export function can(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/**
 * Where each user starts: the portal for participants and family, otherwise the work their role is
 * for: the administrator runs the organisation, compliance reads the audit trail, clinical roles see
 * participants.
 */
export function landingPathFor(me: Me): string {
  if (me.mfaEnrolmentRequired) return '/mfa-setup';
  if (me.kind !== 'staff') return '/me';
  if (can(me, 'audit:read') && !can(me, 'structure:manage')) return '/audit';
  if (can(me, 'participants:read')) return '/participants';
  if (can(me, 'structure:manage')) return '/organisation';
  return '/account';
}
