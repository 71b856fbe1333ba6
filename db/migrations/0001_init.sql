-- Foothold's first schema: the knowledge base (records as imported, places, links, derived profiles),
-- accounts and keys, startups, cohorts and advice results. Vector columns are sized by EMBEDDING_DIM.
CREATE EXTENSION IF NOT EXISTS vector;

-- Knowledge-base bookkeeping: vintage, import time, what the last import reported.
CREATE TABLE kb_meta (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);

CREATE TABLE tags (
  id       text PRIMARY KEY,
  label    text NOT NULL,
  keywords text[] NOT NULL,
  record   jsonb NOT NULL
);

CREATE TABLE countries (
  code      char(2) PRIMARY KEY,
  name      text NOT NULL,
  eu_member boolean NOT NULL,
  record    jsonb NOT NULL
);

CREATE TABLE clusters (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  country       char(2) NOT NULL,
  city          text NOT NULL,
  lat           double precision NOT NULL,
  lon           double precision NOT NULL,
  timezone      text NOT NULL,
  geoname_id    integer NOT NULL,
  radius_km     double precision NOT NULL,
  part_of       text,
  record        jsonb NOT NULL,
  profile       jsonb NOT NULL,
  content_hash  text NOT NULL,
  embedding     vector({{EMBEDDING_DIM}}),
  model_version text
);

-- Strength per tag, one row per (cluster, tag): lets "clusters strong in X" be a plain indexed query.
CREATE TABLE cluster_strengths (
  cluster_id text NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
  tag        text NOT NULL,
  score      double precision NOT NULL,
  lq         double precision NOT NULL,
  org_count  integer NOT NULL,
  explicit   boolean NOT NULL,
  revealed   boolean NOT NULL,
  PRIMARY KEY (cluster_id, tag)
);
CREATE INDEX cluster_strengths_tag ON cluster_strengths (tag, score DESC);

CREATE TABLE organizations (
  id            text PRIMARY KEY,
  type          text NOT NULL,
  name          text NOT NULL,
  country       char(2) NOT NULL,
  city          text NOT NULL,
  tags          text[] NOT NULL,
  cluster_id    text REFERENCES clusters (id) ON DELETE SET NULL,
  record        jsonb NOT NULL,
  content_hash  text NOT NULL,
  embedding     vector({{EMBEDDING_DIM}}),
  model_version text
);
CREATE INDEX organizations_tags ON organizations USING gin (tags);
CREATE INDEX organizations_cluster ON organizations (cluster_id);

CREATE TABLE programs (
  id                   text PRIMARY KEY,
  kind                 text NOT NULL,
  name                 text NOT NULL,
  country              char(2),
  city                 text,
  tags                 text[] NOT NULL,
  serves_founders_from text[] NOT NULL,
  record               jsonb NOT NULL,
  content_hash         text NOT NULL,
  embedding            vector({{EMBEDDING_DIM}}),
  model_version        text
);
CREATE INDEX programs_tags ON programs USING gin (tags);

-- Every place an organisation or programme is (headquarters first), geocoded and linked to its nearest
-- cluster; `within` says whether it lies inside that cluster's radius.
CREATE TABLE sites (
  owner_kind  text NOT NULL CHECK (owner_kind IN ('organization', 'program')),
  owner_id    text NOT NULL,
  position    integer NOT NULL,
  role        text NOT NULL,
  city        text NOT NULL,
  country     char(2) NOT NULL,
  place_name  text NOT NULL,
  geoname_id  integer NOT NULL,
  lat         double precision NOT NULL,
  lon         double precision NOT NULL,
  timezone    text NOT NULL,
  cluster_id  text REFERENCES clusters (id) ON DELETE SET NULL,
  distance_km double precision,
  within      boolean NOT NULL,
  PRIMARY KEY (owner_kind, owner_id, position)
);
CREATE INDEX sites_cluster ON sites (cluster_id) WHERE within;

CREATE TABLE accounts (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       text NOT NULL,
  role       text NOT NULL CHECK (role IN ('founder', 'accelerator', 'corporate', 'admin')),
  contact    jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- API keys are stored as SHA-256 hashes; the prefix identifies a key in lists without revealing it.
CREATE TABLE api_keys (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  prefix     text NOT NULL,
  key_hash   text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE startups (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id      uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  profile         jsonb NOT NULL,
  profile_version integer NOT NULL DEFAULT 1,
  discoverable    boolean NOT NULL DEFAULT false,
  embedding       vector({{EMBEDDING_DIM}}),
  model_version   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX startups_account ON startups (account_id);

CREATE TABLE cohorts (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cohort_members (
  cohort_id  uuid NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  startup_id uuid NOT NULL REFERENCES startups (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  PRIMARY KEY (cohort_id, startup_id)
);

-- One result per startup and advice version: a redelivered job upserts the same row.
CREATE TABLE advice_results (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  startup_id     uuid NOT NULL REFERENCES startups (id) ON DELETE CASCADE,
  advice_version text NOT NULL,
  status         text NOT NULL CHECK (status IN ('done', 'failed')),
  result         jsonb,
  error          jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (startup_id, advice_version)
);
