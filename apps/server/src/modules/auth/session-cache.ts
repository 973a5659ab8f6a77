import type { SessionRow } from './auth.repository.js';

/**
 * Sessions resolved in the last moments, so that a user whose screen fires several requests at once
 * does not look the session up in the database for each. Entries live SESSION_CACHE_MS (2 s by
 * default); idle and absolute limits are still checked on every request. Sign-out, deactivation, role,
 * MFA and password changes made through this server forget the user's entries at once; on other
 * servers sharing the database they take effect within that time.
 */
export class SessionCache {
  private readonly entries = new Map<string, { row: SessionRow; cachedAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenHash: string, now = Date.now()): SessionRow | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (now - entry.cachedAt > this.ttlMs) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.row;
  }

  set(tokenHash: string, row: SessionRow, now = Date.now()): void {
    if (this.ttlMs === 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(tokenHash, { row, cachedAt: now });
  }

  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** Drops every cached session of a user (deactivated, roles or password changed). */
  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.row.userId === userId) this.entries.delete(key);
  }

  /** Drops every cached session of an organisation (its MFA policy changed). */
  forgetOrganisation(orgId: string): void {
    for (const [key, entry] of this.entries) if (entry.row.orgId === orgId) this.entries.delete(key);
  }
}
