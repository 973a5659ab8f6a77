-- The front door: referrals and their pipeline, episodes of care opened by admission, and consents.

CREATE TABLE referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  source text NOT NULL CHECK (source IN ('inpatient_step_down', 'residential_step_down', 'hospital', 'primary_care',
                                          'court', 'employer', 'family', 'self', 'other')),
  referrer_name text,
  referrer_contact text,
  reason text,
  program_id uuid REFERENCES programs (id),
  owner_id uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'screening', 'assessment', 'waitlisted', 'admitted',
                                                         'referred_out', 'declined')),
  received_on date NOT NULL,
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  referred_out_to text,
  closing_reason text,
  admitted_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'referred_out' OR (referred_out_to IS NOT NULL AND closing_reason IS NOT NULL)),
  CHECK (status <> 'admitted' OR admitted_on IS NOT NULL)
);
CREATE INDEX referrals_board_idx ON referrals (org_id, status, received_on, id);
CREATE INDEX referrals_participant_idx ON referrals (org_id, participant_id);

-- Every move along the pipeline, so time in each stage can be measured.
CREATE TABLE referral_status_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  referral_id uuid NOT NULL REFERENCES referrals (id),
  status text NOT NULL,
  note text,
  changed_by uuid NOT NULL REFERENCES users (id),
  changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX referral_status_changes_referral_idx ON referral_status_changes (org_id, referral_id, changed_at);

CREATE TABLE episodes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  program_id uuid NOT NULL REFERENCES programs (id),
  track_id uuid REFERENCES tracks (id),
  referral_id uuid REFERENCES referrals (id),
  level_of_care_assessment_id uuid NOT NULL REFERENCES level_of_care_assessments (id),
  phase text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  start_date date NOT NULL,
  expected_length_days integer NOT NULL CHECK (expected_length_days BETWEEN 1 AND 365),
  primary_clinician_id uuid NOT NULL REFERENCES users (id),
  supervisor_id uuid REFERENCES users (id),
  prescriber_id uuid REFERENCES users (id),
  payer text,
  authorization_number text,
  diagnoses jsonb NOT NULL DEFAULT '[]',
  closed_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- At most one open episode per participant and program.
CREATE UNIQUE INDEX episodes_one_open_idx ON episodes (participant_id, program_id) WHERE status = 'open';
CREATE INDEX episodes_participant_idx ON episodes (org_id, participant_id, start_date DESC);
-- A referral is admitted into at most one episode.
CREATE UNIQUE INDEX episodes_referral_idx ON episodes (referral_id) WHERE referral_id IS NOT NULL;

-- A consent as signed. Its content never changes: a new signing is a new version, and revocation or an
-- expiry event only fill in their own columns.
CREATE TABLE consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  kind text NOT NULL CHECK (kind IN ('part2_disclosure', 'tpo', 'privacy_notice', 'telehealth', 'family_involvement')),
  version integer NOT NULL CHECK (version > 0),
  participant_name text NOT NULL,
  discloser text,
  information text,
  recipients jsonb NOT NULL DEFAULT '[]',
  purposes text[] NOT NULL DEFAULT '{}',
  purpose_detail text,
  expiry jsonb,
  statement text NOT NULL,
  statement_version text NOT NULL,
  signer_name text NOT NULL,
  signer_relationship text NOT NULL,
  signed_at timestamptz NOT NULL DEFAULT now(),
  signed_ip text,
  recorded_by uuid NOT NULL REFERENCES users (id),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id),
  revocation_reason text,
  expired_at timestamptz,
  UNIQUE (participant_id, kind, version)
);
CREATE INDEX consents_participant_idx ON consents (org_id, participant_id, kind, version DESC);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['referrals', 'referral_status_changes', 'episodes', 'consents']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = stepwise_current_org())'
                   ' WITH CHECK (org_id = stepwise_current_org())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON referrals, episodes TO stepwise_app;
GRANT SELECT, INSERT ON referral_status_changes, consents TO stepwise_app;
GRANT UPDATE (revoked_at, revoked_by, revocation_reason, expired_at) ON consents TO stepwise_app;
