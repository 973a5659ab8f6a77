import type { AccountKind, Role } from '@stepwise/core';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { SharedTrips } from '../db/shared-trips.js';
import type { SessionCache } from '../modules/auth/session-cache.js';

/** Who is making a request, resolved from a session cookie or an API token. */
export interface Actor {
  userId: string;
  orgId: string;
  email: string;
  displayName: string;
  accountKind: AccountKind;
  /** Effective roles: the user's roles, or only the token's role for an API token. */
  roles: Role[];
  participantId: string | null;
  contactId: string | null;
  sessionId: string | null;
  tokenId: string | null;
  csrfToken: string | null;
  mfaEnabled: boolean;
  mfaEnrolmentRequired: boolean;
  organisation: { id: string; name: string; isDemo: boolean };
}

/** Where a request came from, recorded with every audit event. */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

/** What every service call receives: the database, configuration, the actor and request metadata. */
export interface ServiceContext {
  database: Database;
  config: Config;
  /** Recently resolved sessions; services that end or change sessions forget them here. */
  sessionCache: SessionCache;
  /** The hot reads with their audit events, run in transactions shared by concurrent requests. */
  sharedTrips: SharedTrips;
  actor: Actor;
  meta: RequestMeta;
}
