-- An advice result is keyed by the engine that computed it and the profile version it answers, as two
-- columns (it was one string, "<engine>.p<profile version>", rebuilt in SQL wherever it was joined).
ALTER TABLE advice_results ADD COLUMN engine_version text, ADD COLUMN profile_version integer;
UPDATE advice_results SET engine_version = split_part(advice_version, '.p', 1), profile_version = split_part(advice_version, '.p', 2)::int;
ALTER TABLE advice_results ALTER COLUMN engine_version SET NOT NULL, ALTER COLUMN profile_version SET NOT NULL;
ALTER TABLE advice_results DROP CONSTRAINT advice_results_startup_id_advice_version_key;
ALTER TABLE advice_results DROP COLUMN advice_version;
ALTER TABLE advice_results ADD CONSTRAINT advice_results_key UNIQUE (startup_id, engine_version, profile_version);
