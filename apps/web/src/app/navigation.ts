import type { Me, Permission } from '@stepwise/core';

export interface NavItem {
  label: string;
  to: string;
  /** Shown only to users with this permission. */
  permission?: Permission;
}

const staffNav: NavItem[] = [
  { label: 'Participants', to: '/participants', permission: 'participants:read' },
  { label: 'Tasks', to: '/tasks', permission: 'tasks:work' },
  { label: 'Referrals', to: '/referrals', permission: 'intake:manage' },
  { label: 'Schedule', to: '/schedule', permission: 'structure:read' },
  { label: 'Audit trail', to: '/audit', permission: 'audit:read' },
  { label: 'Organisation', to: '/organisation', permission: 'structure:manage' },
  { label: 'Sites', to: '/sites', permission: 'structure:read' },
  { label: 'Programs', to: '/programs', permission: 'structure:read' },
  { label: 'Tracks', to: '/tracks', permission: 'structure:read' },
  { label: 'Staff', to: '/staff', permission: 'staff:read' },
  { label: 'My account', to: '/account' },
];

const portalNav: NavItem[] = [
  { label: 'Home', to: '/me' },
  { label: 'My account', to: '/me/account' },
];

/** The navigation a user sees: only what their roles let them use. */
export function navigationFor(me: Me): NavItem[] {
  if (me.kind !== 'staff') return portalNav;
  return staffNav.filter((item) => !item.permission || me.permissions.includes(item.permission));
}
