-- Advice owed: which startups are owed advice for their current profile and which job should deliver it,
-- so that a reconciler can find work no live job will finish (after a Redis or database outage, a restart,
-- an edit, a lost job) and queue it again. `advice_requested_version` is the last profile version advice
-- was asked for (never cleared: an edit of such a startup asks again); `advice_owed` is cleared when a
-- result for that version is stored.
ALTER TABLE startups
  ADD COLUMN advice_requested_version integer,
  ADD COLUMN advice_owed boolean NOT NULL DEFAULT false,
  ADD COLUMN advice_job_id text,
  ADD COLUMN advice_requested_at timestamptz;

-- Startups advised before this migration, or in a cohort, were asked for advice on their current profile.
UPDATE startups s SET advice_requested_version = s.profile_version, advice_requested_at = now(),
  advice_owed = NOT EXISTS (SELECT 1 FROM advice_results r WHERE r.startup_id = s.id AND r.advice_version LIKE '%.p' || s.profile_version)
WHERE EXISTS (SELECT 1 FROM cohort_members m WHERE m.startup_id = s.id) OR EXISTS (SELECT 1 FROM advice_results r WHERE r.startup_id = s.id);

CREATE INDEX startups_advice_owed ON startups (advice_requested_at) WHERE advice_owed;
