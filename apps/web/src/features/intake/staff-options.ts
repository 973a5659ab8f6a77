import type { Role, User } from '@stepwise/core';

/**
 * Active staff as select options, by display name; with `roles`, only those holding one of them (the
 * clinicians who can carry a caseload, say).
 */
export function staffOptions(
  staff: readonly User[] | undefined,
  roles?: readonly Role[],
): { value: string; label: string }[] {
  return (staff ?? [])
    .filter((user) => user.kind === 'staff' && user.active)
    .filter((user) => !roles || user.roles.some((role) => roles.includes(role)))
    .map((user) => ({ value: user.id, label: user.displayName }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
