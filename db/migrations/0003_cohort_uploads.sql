-- Cohort uploads: the validation report of rejected rows, and a hash of the upload so that submitting the
-- same cohort twice returns the first one instead of creating duplicate startups and jobs.
ALTER TABLE cohorts ADD COLUMN upload_hash text;
ALTER TABLE cohorts ADD COLUMN rejected jsonb NOT NULL DEFAULT '[]';
CREATE UNIQUE INDEX cohorts_account_upload ON cohorts (account_id, upload_hash);
