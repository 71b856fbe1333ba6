-- A knowledge base that covers the world: ecosystems derived from open data beside the curated clusters
-- (`origin`), startups from public directories (`ventures`), and organisations whose fields may be inferred.
ALTER TABLE clusters ADD COLUMN origin text NOT NULL DEFAULT 'curated' CHECK (origin IN ('curated', 'derived'));
CREATE INDEX clusters_country ON clusters (country);

-- `tags` keeps what queries filter on: the fields a source states and those inferred with probability >= 0.5.
CREATE INDEX organizations_country_type ON organizations (country, type);

CREATE TABLE ventures (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  country      char(2) NOT NULL,
  city         text NOT NULL,
  tags         text[] NOT NULL,
  status       text NOT NULL,
  cluster_id   text REFERENCES clusters (id) ON DELETE SET NULL,
  record       jsonb NOT NULL,
  content_hash text NOT NULL
);
CREATE INDEX ventures_cluster ON ventures (cluster_id);
CREATE INDEX ventures_country ON ventures (country);

-- Places of cities in public startup-ecosystem rankings; derivation attaches them to clusters.
CREATE TABLE rankings (
  id      text PRIMARY KEY,
  country char(2) NOT NULL,
  city    text NOT NULL,
  record  jsonb NOT NULL
);

-- Records in a cluster that carry a tag are now weighed (an inferred field counts as part of a record).
ALTER TABLE cluster_strengths RENAME COLUMN org_count TO record_weight;
ALTER TABLE cluster_strengths ALTER COLUMN record_weight TYPE double precision;
ALTER TABLE cluster_strengths ADD COLUMN basis text CHECK (basis IN ('curated', 'measured', 'inferred'));

-- Organisations are ranked in memory, pre-filtered by field and place (engine/advice/slice-index.ts); no
-- query of the product searches them by vector. Keeping their HNSW index up to date cost more than the
-- embedding itself for the world knowledge base (33 s instead of 9 s for 29,000 records on the embedded
-- database). A deployment that searches organisations by vector at scale creates it again (bench/vector-scale).
DROP INDEX organizations_embedding_hnsw;
