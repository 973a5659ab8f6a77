-- When people can be scheduled: participants' weekly availability and blackouts (work shifts, school,
-- childcare), staff working hours and leave. Nothing recorded means no limit.

CREATE TABLE participant_availability (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  kind text NOT NULL CHECK (kind IN ('available', 'blackout')),
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time time NOT NULL,
  end_time time NOT NULL,
  reason text CHECK (reason IN ('work', 'school', 'childcare', 'caregiving', 'transport', 'other')),
  note text,
  CHECK (end_time > start_time),
  CHECK ((kind = 'blackout') = (reason IS NOT NULL))
);
CREATE INDEX participant_availability_idx ON participant_availability (org_id, participant_id);

CREATE TABLE staff_working_hours (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid NOT NULL REFERENCES users (id),
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time time NOT NULL,
  end_time time NOT NULL,
  CHECK (end_time > start_time)
);
CREATE INDEX staff_working_hours_idx ON staff_working_hours (org_id, user_id);

CREATE TABLE staff_leave (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid NOT NULL REFERENCES users (id),
  start_date date NOT NULL,
  end_date date NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date)
);
CREATE INDEX staff_leave_idx ON staff_leave (org_id, user_id, start_date);

-- An enrolment outside the participant's availability is allowed only with a reason, kept here.
ALTER TABLE series_enrolments ADD COLUMN availability_override text;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['participant_availability', 'staff_working_hours', 'staff_leave']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = stepwise_current_org())'
                   ' WITH CHECK (org_id = stepwise_current_org())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, DELETE ON participant_availability, staff_working_hours, staff_leave TO stepwise_app;
