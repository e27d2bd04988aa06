-- Issue 15: talking to the province. Integration keys for programs, webhook
-- subscriptions, and the outbox: each event is written in the transaction of
-- the change it reports, with one delivery row per subscription, so a crash
-- can neither send an uncommitted event nor forget a committed one.

CREATE TABLE integration_keys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  -- JSON array of scopes: dossiers:read, dossiers:write, reports:read, queue:read, webhooks:manage
  scopes TEXT NOT NULL,
  -- SHA-256 (hex) of the key; the key itself is shown once and never stored
  key_hash TEXT NOT NULL UNIQUE,
  -- the first characters of the key ("mc_ab12…"), so the admin can tell keys apart
  prefix TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES staff(id),
  expires_at INTEGER,
  revoked_at INTEGER,
  last_used_at INTEGER,
  use_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  -- JSON array of event names
  events TEXT NOT NULL,
  -- the HMAC key the receiver verifies signatures with (needed to sign, so kept as is)
  secret TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  -- 'motcua' (our DTOs) or 'dvcqg' (dossier events in the national portal's field names)
  format TEXT NOT NULL DEFAULT 'motcua' CHECK (format IN ('motcua', 'dvcqg')),
  description TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The outbox: one row per event, in commit order.
CREATE TABLE webhook_events (
  id INTEGER PRIMARY KEY,
  event TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  -- the dossier in the portal's names (dossier events only)
  portal_data TEXT
);

-- One row per (event, subscription): what is delivered, retried and shown to the admin.
CREATE TABLE webhook_deliveries (
  -- the X-Motcua-Delivery id (kept on every retry and on a resend)
  id TEXT PRIMARY KEY,
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event_id INTEGER NOT NULL REFERENCES webhook_events(id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- wall-clock ms of the next try (pending only)
  next_attempt_at INTEGER NOT NULL,
  first_attempt_at INTEGER,
  last_attempt_at INTEGER,
  last_status INTEGER,
  last_error TEXT,
  delivered_at INTEGER,
  created_at INTEGER NOT NULL
);
-- each subscription's lane: its pending deliveries in event order
CREATE INDEX webhook_deliveries_lane ON webhook_deliveries(webhook_id, status, event_id);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries(event_id);
