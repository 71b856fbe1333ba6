-- Only discoverable startups are ever searched by vector (corporate search), and keeping every cohort
-- startup in the HNSW graph cost about 1 ms per insert (two thirds of a cohort upload, measured in
-- bench/cohort.bench.ts). The index now holds the discoverable ones; the search's WHERE implies its predicate.
DROP INDEX startups_embedding_hnsw;
CREATE INDEX startups_discoverable_embedding_hnsw ON startups USING hnsw (embedding vector_cosine_ops) WHERE discoverable;
