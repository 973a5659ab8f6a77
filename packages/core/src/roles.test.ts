import { describe, expect, it } from 'vitest';
import { allRoles, rolePermissions, rolesAllow } from './roles.js';

describe('role permissions (product brief, "Who uses it")', () => {
  it('keeps clinical records from the admin and portal roles', () => {
    expect(rolesAllow(['admin'], 'participants:read')).toBe(false);
    expect(rolesAllow(['participant'], 'participants:read')).toBe(false);
    expect(rolesAllow(['family'], 'participants:read')).toBe(false);
  });

  it('lets intake and clinicians register participants, and billing and supervisors only read them', () => {
    expect(rolesAllow(['intake'], 'participants:write')).toBe(true);
    expect(rolesAllow(['clinician'], 'participants:write')).toBe(true);
    expect(rolesAllow(['billing'], 'participants:write')).toBe(false);
    expect(rolesAllow(['supervisor'], 'participants:write')).toBe(false);
    expect(rolesAllow(['billing'], 'participants:read')).toBe(true);
  });

  it('opens the audit trail to compliance and admin only', () => {
    const readers = allRoles.filter((role) => rolesAllow([role], 'audit:read'));
    expect(readers.sort()).toEqual(['admin', 'compliance']);
  });

  it('lets directors and admins manage the organisation and staff', () => {
    const managers = allRoles.filter((role) => rolesAllow([role], 'structure:manage'));
    expect(managers.sort()).toEqual(['admin', 'director']);
    expect(allRoles.filter((role) => rolesAllow([role], 'staff:manage')).sort()).toEqual([
      'admin',
      'director',
    ]);
  });

  it('keeps assessment answers from billing and admin, and the alert inbox with the care team', () => {
    const readers = allRoles.filter((role) => rolesAllow([role], 'clinical:read'));
    expect(readers.sort()).toEqual(['clinician', 'compliance', 'director', 'intake', 'supervisor']);
    const responders = allRoles.filter((role) => rolesAllow([role], 'alerts:respond'));
    expect(responders.sort()).toEqual(['clinician', 'director', 'intake', 'supervisor']);
    expect(allRoles.filter((role) => rolesAllow([role], 'clinical_rules:manage'))).toEqual(['director']);
    const frontDoor = allRoles.filter((role) => rolesAllow([role], 'intake:manage'));
    expect(frontDoor.sort()).toEqual(['clinician', 'director', 'intake']);
    const schedulers = allRoles.filter((role) => rolesAllow([role], 'schedule:manage'));
    expect(schedulers.sort()).toEqual(['clinician', 'director', 'intake']);
    expect(allRoles.filter((role) => rolesAllow([role], 'schedule:approve'))).toEqual(['director']);
  });

  it('lets those who run groups take attendance, and the care team work their task inbox', () => {
    const takers = allRoles.filter((role) => rolesAllow([role], 'attendance:write'));
    expect(takers.sort()).toEqual(['clinician', 'director', 'supervisor']);
    const workers = allRoles.filter((role) => rolesAllow([role], 'tasks:work'));
    expect(workers.sort()).toEqual(['clinician', 'director', 'intake', 'supervisor']);
    const planners = allRoles.filter((role) => rolesAllow([role], 'plans:write'));
    expect(planners.sort()).toEqual(['clinician', 'director', 'supervisor']);
    const writers = allRoles.filter((role) => rolesAllow([role], 'notes:write'));
    expect(writers.sort()).toEqual(['clinician', 'director', 'intake', 'supervisor']);
    const cosigners = allRoles.filter((role) => rolesAllow([role], 'notes:cosign'));
    expect(cosigners.sort()).toEqual(['director', 'supervisor']);
  });

  it('gives portal roles nothing but their own portal', () => {
    expect(rolePermissions.participant).toEqual(['portal:self']);
    expect(rolePermissions.family).toEqual(['portal:self']);
  });

  it('combines the permissions of several roles', () => {
    expect(rolesAllow(['billing', 'compliance'], 'audit:read')).toBe(true);
    expect(rolesAllow([], 'structure:read')).toBe(false);
  });
});
