-- Foundation: organisations, structure, people, authentication, audit trail, job queue.
--
-- Isolation is enforced twice: every repository query filters by organisation, and row-level security
-- below restricts the application role `stepwise_app` to the organisation named in the transaction
-- setting `stepwise.org_id`, so a forgotten filter still leaks nothing.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stepwise_app') THEN
    CREATE ROLE stepwise_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;
GRANT stepwise_app TO CURRENT_USER;

-- The organisation the current transaction acts for; NULL when none is set.
CREATE FUNCTION stepwise_current_org() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('stepwise.org_id', true), '')::uuid $$;

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  mfa_required_roles text[] NOT NULL DEFAULT '{}',
  -- Next number for generated participant record numbers (SW-000001, …).
  next_record_number integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  name text NOT NULL,
  time_zone text NOT NULL,
  address text,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sites_org_idx ON sites (org_id, name);

CREATE TABLE programs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  site_id uuid NOT NULL REFERENCES sites (id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('substance_use', 'mental_health', 'co_occurring')),
  population text NOT NULL CHECK (population IN ('adult', 'adolescent')),
  weekly_hours_minimum numeric(4, 1) NOT NULL CHECK (weekly_hours_minimum > 0),
  group_capacity integer NOT NULL DEFAULT 12 CHECK (group_capacity BETWEEN 2 AND 30),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programs_org_idx ON programs (org_id, name);

CREATE TABLE tracks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  program_id uuid NOT NULL REFERENCES programs (id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('morning', 'evening', 'weekend', 'custom')),
  days smallint[] NOT NULL,
  start_time time NOT NULL,
  end_time time NOT NULL CHECK (end_time > start_time),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tracks_program_idx ON tracks (org_id, program_id);

CREATE TABLE participants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  record_number text NOT NULL,
  given_name text NOT NULL,
  family_name text NOT NULL,
  preferred_name text,
  date_of_birth date NOT NULL,
  pronouns text,
  preferred_language text NOT NULL DEFAULT 'en',
  email text,
  phone text,
  address text,
  -- Lower-cased search keys. Under row-level security only leakproof operators can become index
  -- conditions, and lower() and LIKE are not: searches compare these stored keys with the
  -- text_pattern_ops range operators (~>=~, ~<~), which are.
  sort_name text GENERATED ALWAYS AS (lower(family_name || ' ' || given_name)) STORED,
  given_family_key text GENERATED ALWAYS AS (lower(given_name || ' ' || family_name)) STORED,
  family_key text GENERATED ALWAYS AS (lower(family_name)) STORED,
  given_key text GENERATED ALWAYS AS (lower(given_name)) STORED,
  record_key text GENERATED ALWAYS AS (lower(record_number)) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, record_number)
);
CREATE INDEX participants_sort_idx ON participants (org_id, sort_name, id);
-- The search indexes carry sort_name so matches can be ordered without visiting the table.
CREATE INDEX participants_sort_prefix_idx ON participants (org_id, sort_name text_pattern_ops) INCLUDE (id);
CREATE INDEX participants_given_family_prefix_idx ON participants (org_id, given_family_key text_pattern_ops)
  INCLUDE (sort_name, id);
CREATE INDEX participants_family_prefix_idx ON participants (org_id, family_key text_pattern_ops) INCLUDE (sort_name, id);
CREATE INDEX participants_given_prefix_idx ON participants (org_id, given_key text_pattern_ops) INCLUDE (sort_name, id);
CREATE INDEX participants_record_prefix_idx ON participants (org_id, record_key text_pattern_ops) INCLUDE (sort_name, id);

CREATE TABLE participant_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('family', 'support', 'emergency')),
  relation text,
  phone text,
  email text,
  is_emergency_contact boolean NOT NULL DEFAULT false,
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX participant_contacts_participant_idx ON participant_contacts (org_id, participant_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  email text NOT NULL UNIQUE,
  display_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('staff', 'participant', 'family')),
  roles text[] NOT NULL,
  participant_id uuid REFERENCES participants (id),
  contact_id uuid REFERENCES participant_contacts (id),
  password_hash text NOT NULL,
  mfa_secret text,
  mfa_enabled boolean NOT NULL DEFAULT false,
  -- Time step of the last accepted code, so a code cannot be replayed.
  mfa_last_step bigint,
  -- Demo accounts are exempt from an MFA requirement so the demo can be tried without an authenticator.
  mfa_exempt boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'staff' OR participant_id IS NOT NULL),
  CHECK (kind <> 'family' OR contact_id IS NOT NULL)
);
CREATE INDEX users_org_idx ON users (org_id, display_name);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid NOT NULL REFERENCES users (id),
  token_hash text NOT NULL UNIQUE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL,
  role text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (org_id, user_id);

-- Failed sign-ins, for throttling per account and per address. Holds a hash of the email, never the
-- address itself, and no organisation (the account may not exist).
CREATE TABLE login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email_hash text NOT NULL,
  ip text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email_idx ON login_failures (email_hash, failed_at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, failed_at);

-- Audit trail: append-only and hash-chained per organisation. Each event's hash covers its content and
-- the previous event's hash, so an altered or removed event breaks the chain; the head table records
-- the latest event so that removing the newest events is detected too.
--
-- An event is inserted pending (seq NULL, empty hashes) and chained by a deferred trigger as its
-- transaction commits. Chaining must be serialised per organisation (it takes the head row's lock), and
-- deferring it holds that lock only for the commit itself, not while the client finishes its work.
CREATE TABLE audit_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  seq bigint,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id uuid,
  actor_kind text NOT NULL,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text,
  participant_id uuid,
  ip text,
  user_agent text,
  details jsonb,
  prev_hash text NOT NULL DEFAULT '',
  hash text NOT NULL DEFAULT '',
  UNIQUE (org_id, seq)
);
CREATE INDEX audit_events_participant_idx ON audit_events (org_id, participant_id, seq);

CREATE TABLE audit_heads (
  org_id uuid PRIMARY KEY REFERENCES organisations (id),
  seq bigint NOT NULL,
  hash text NOT NULL
);

-- The canonical text an audit event's hash is computed over. Timestamps are rendered in UTC with
-- microseconds so the text is the same on every server and session time zone.
CREATE FUNCTION stepwise_audit_hash(e audit_events) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT encode(sha256(convert_to(concat_ws('|',
      e.prev_hash, e.org_id::text, e.seq::text, e.id::text,
      to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      coalesce(e.actor_user_id::text, ''), e.actor_kind, e.action, e.subject_type,
      coalesce(e.subject_id, ''), coalesce(e.participant_id::text, ''),
      coalesce(e.ip, ''), coalesce(e.user_agent, ''), coalesce(e.details::text, '')
    ), 'UTF8')), 'hex')
  $$;

-- New events always start pending, whatever the inserter supplied; a restore
-- (stepwise.restoring = 'on') keeps the stored chain as it was and moves the head along.
CREATE FUNCTION stepwise_audit_pending() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
  BEGIN
    IF current_setting('stepwise.restoring', true) = 'on' THEN
      INSERT INTO audit_heads (org_id, seq, hash) VALUES (NEW.org_id, NEW.seq, NEW.hash)
        ON CONFLICT (org_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash
        WHERE audit_heads.seq < EXCLUDED.seq;
      RETURN NEW;
    END IF;
    NEW.seq := NULL;
    NEW.prev_hash := '';
    NEW.hash := '';
    NEW.occurred_at := clock_timestamp();
    RETURN NEW;
  END
  $$;

CREATE TRIGGER audit_events_pending BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION stepwise_audit_pending();

-- At commit: takes the organisation's head, links the event to it, and advances the head.
CREATE FUNCTION stepwise_audit_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
  DECLARE
    head audit_heads%ROWTYPE;
    event audit_events%ROWTYPE;
  BEGIN
    IF current_setting('stepwise.restoring', true) = 'on' THEN
      RETURN NULL;
    END IF;
    SELECT * INTO head FROM audit_heads WHERE org_id = NEW.org_id FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO audit_heads (org_id, seq, hash) VALUES (NEW.org_id, 0, repeat('0', 64))
        ON CONFLICT (org_id) DO NOTHING;
      SELECT * INTO head FROM audit_heads WHERE org_id = NEW.org_id FOR UPDATE;
    END IF;
    event := NEW;
    event.seq := head.seq + 1;
    event.prev_hash := head.hash;
    event.hash := stepwise_audit_hash(event);
    PERFORM set_config('stepwise.chaining', 'on', true);
    UPDATE audit_events SET seq = event.seq, prev_hash = event.prev_hash, hash = event.hash WHERE id = NEW.id;
    PERFORM set_config('stepwise.chaining', 'off', true);
    UPDATE audit_heads SET seq = event.seq, hash = event.hash WHERE org_id = NEW.org_id;
    RETURN NULL;
  END
  $$;

CREATE CONSTRAINT TRIGGER audit_events_chain AFTER INSERT ON audit_events
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION stepwise_audit_chain();

-- Append-only: no update or delete, except the chain trigger filling in a pending event's link.
CREATE FUNCTION stepwise_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('stepwise.chaining', true) = 'on' AND OLD.hash = ''
       AND (OLD.id, OLD.org_id, OLD.occurred_at, OLD.actor_user_id, OLD.actor_kind, OLD.action, OLD.subject_type,
            OLD.subject_id, OLD.participant_id, OLD.ip, OLD.user_agent, OLD.details)
           IS NOT DISTINCT FROM
           (NEW.id, NEW.org_id, NEW.occurred_at, NEW.actor_user_id, NEW.actor_kind, NEW.action, NEW.subject_type,
            NEW.subject_id, NEW.participant_id, NEW.ip, NEW.user_agent, NEW.details) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only: % is refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END
  $$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION stepwise_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION stepwise_refuse_change();

-- Background jobs: claimed with FOR UPDATE SKIP LOCKED so several workers never run one job twice.
-- A dedupe key makes enqueueing idempotent (the same reminder or alert is never queued twice).
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  dedupe_key text UNIQUE,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  locked_at timestamptz,
  locked_by text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_ready_idx ON jobs (run_at) WHERE status = 'queued';

-- Row-level security: the application role sees only the current organisation's rows.
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON organisations USING (id = stepwise_current_org());

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sites', 'programs', 'tracks', 'participants', 'participant_contacts', 'users',
                           'sessions', 'api_tokens', 'audit_events', 'audit_heads']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = stepwise_current_org())'
                   ' WITH CHECK (org_id = stepwise_current_org())', t);
  END LOOP;
END
$$;

GRANT USAGE ON SCHEMA public TO stepwise_app;
GRANT SELECT, UPDATE ON organisations TO stepwise_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON sites, programs, tracks, participants, participant_contacts, users,
  sessions, api_tokens TO stepwise_app;
GRANT SELECT, INSERT ON audit_events TO stepwise_app;
GRANT SELECT ON audit_heads TO stepwise_app;
GRANT EXECUTE ON FUNCTION stepwise_current_org(), stepwise_audit_hash(audit_events) TO stepwise_app;
GRANT SELECT, INSERT, UPDATE ON jobs TO stepwise_app;
