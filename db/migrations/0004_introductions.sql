-- Corporates ask to be introduced to startups that opted in; the founder accepts or declines. Contacts are
-- exchanged only on acceptance.
CREATE TABLE introductions (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  startup_id           uuid NOT NULL REFERENCES startups (id) ON DELETE CASCADE,
  corporate_account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  message              text NOT NULL,
  status               text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  created_at           timestamptz NOT NULL DEFAULT now(),
  decided_at           timestamptz,
  UNIQUE (startup_id, corporate_account_id)
);
CREATE INDEX startups_discoverable ON startups (discoverable) WHERE discoverable;
