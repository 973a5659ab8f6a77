import type { Me, Permission } from '@stepwise/core';

export interface NavItem {
  label: string;
  to: string;
  /** Shown only to users with every one of these permissions. */
  permissions?: readonly Permission[];
}

const staffNav: NavItem[] = [
  // The clinician's day: their sessions, notes owed and tasks, for those who both treat and work tasks.
  { label: 'Today', to: '/today', permissions: ['clinical:read', 'tasks:work'] },
  { label: 'Participants', to: '/participants', permissions: ['participants:read'] },
  { label: 'Alerts', to: '/alerts', permissions: ['alerts:respond'] },
  { label: 'Tasks', to: '/tasks', permissions: ['tasks:work'] },
  { label: 'Referrals', to: '/referrals', permissions: ['intake:manage'] },
  { label: 'Schedule', to: '/schedule', permissions: ['structure:read'] },
  { label: 'Audit trail', to: '/audit', permissions: ['audit:read'] },
  { label: 'Organisation', to: '/organisation', permissions: ['structure:manage'] },
  { label: 'Sites', to: '/sites', permissions: ['structure:read'] },
  { label: 'Programs', to: '/programs', permissions: ['structure:read'] },
  { label: 'Tracks', to: '/tracks', permissions: ['structure:read'] },
  { label: 'Staff', to: '/staff', permissions: ['staff:read'] },
  { label: 'My account', to: '/account' },
];

const portalNav: NavItem[] = [
  { label: 'Home', to: '/me' },
  { label: 'My account', to: '/me/account' },
];

/** The navigation a user sees: only what their roles let them use. */
export function navigationFor(me: Me): NavItem[] {
  if (me.kind !== 'staff') return portalNav;
  return staffNav.filter((item) =>
    (item.permissions ?? []).every((permission) => me.permissions.includes(permission)),
  );
}
