-- The office, its queue and its people. Times are INTEGER milliseconds
-- since the epoch (UTC); service days are 'YYYY-MM-DD' in the office's zone.

CREATE TABLE office (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  parent_name TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL DEFAULT 'xa' CHECK (level IN ('tinh', 'huyen', 'xa')),
  code TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  time_zone TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  -- JSON: office hours, priority rule, printer footer, … (domain defaults apply)
  settings TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE fields (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT,
  numbering TEXT NOT NULL DEFAULT 'prefix' CHECK (numbering IN ('prefix', 'range')),
  prefix TEXT NOT NULL DEFAULT '',
  range_start INTEGER,
  range_end INTEGER,
  daily_cap INTEGER CHECK (daily_cap IS NULL OR daily_cap > 0),
  avg_service_minutes REAL NOT NULL DEFAULT 10,
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0,
  CHECK (numbering = 'prefix' OR (range_start IS NOT NULL AND range_end IS NOT NULL AND range_end >= range_start))
);

CREATE TABLE procedures (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  field_id INTEGER NOT NULL REFERENCES fields(id),
  processing_days REAL NOT NULL DEFAULT 0,
  processing_unit TEXT NOT NULL DEFAULT 'days' CHECK (processing_unit IN ('days', 'hours')),
  fees TEXT NOT NULL DEFAULT '',
  documents TEXT NOT NULL DEFAULT '[]',
  channels TEXT NOT NULL DEFAULT '["direct","online","postal"]',
  active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX procedures_field ON procedures(field_id);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  full_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'clerk')),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  default_counter_id INTEGER,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE counters (
  id INTEGER PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE CHECK (number > 0),
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'closed' CHECK (status IN ('open', 'paused', 'closed')),
  clerk_id INTEGER REFERENCES staff(id),
  pause_reason TEXT,
  current_ticket_id TEXT,
  -- priority calls in a row while normal tickets waited (anti-starvation rule)
  priority_streak INTEGER NOT NULL DEFAULT 0,
  status_changed_at INTEGER
);
-- One clerk holds one counter at a time.
CREATE UNIQUE INDEX counters_one_per_clerk ON counters(clerk_id) WHERE clerk_id IS NOT NULL;

CREATE TABLE counter_fields (
  counter_id INTEGER NOT NULL REFERENCES counters(id) ON DELETE CASCADE,
  field_id INTEGER NOT NULL REFERENCES fields(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (counter_id, field_id)
);

CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display', 'rating')),
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  counter_id INTEGER REFERENCES counters(id),
  settings TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_seen_at INTEGER
);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  -- the field that issued the number; seq and number never change
  origin_field_id INTEGER NOT NULL REFERENCES fields(id),
  -- the field whose queue the ticket is in now (changes on transfer)
  field_id INTEGER NOT NULL REFERENCES fields(id),
  service_day TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq > 0),
  number TEXT NOT NULL,
  priority TEXT CHECK (priority IS NULL OR priority IN ('elderly', 'disabled', 'pregnant', 'merit', 'child')),
  status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'finished', 'skipped')),
  procedure_id INTEGER REFERENCES procedures(id),
  issued_at INTEGER NOT NULL,
  -- place in the queue: the issue time, kept through transfers
  queue_key INTEGER NOT NULL,
  target_counter_id INTEGER REFERENCES counters(id),
  counter_id INTEGER REFERENCES counters(id),
  clerk_id INTEGER REFERENCES staff(id),
  first_called_at INTEGER,
  called_at INTEGER,
  finished_at INTEGER,
  skipped_at INTEGER,
  recall_count INTEGER NOT NULL DEFAULT 0,
  device_id INTEGER REFERENCES devices(id),
  idempotency_key TEXT,
  UNIQUE (origin_field_id, service_day, seq)
);
CREATE UNIQUE INDEX tickets_idempotency ON tickets(service_day, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX tickets_day_status ON tickets(service_day, status, field_id);
CREATE INDEX tickets_issued ON tickets(issued_at);

-- Every step of a ticket (issued, called, recalled, skipped, finished,
-- transferred, requeued): the queue's history for reports.
CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  counter_id INTEGER,
  clerk_id INTEGER,
  data TEXT
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id);
CREATE INDEX ticket_events_at ON ticket_events(at);

CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets(id),
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
  reasons TEXT NOT NULL DEFAULT '[]',
  comment TEXT,
  counter_id INTEGER REFERENCES counters(id),
  clerk_id INTEGER REFERENCES staff(id),
  field_id INTEGER REFERENCES fields(id),
  source TEXT NOT NULL CHECK (source IN ('device', 'kiosk', 'ticket', 'staff', 'paper')),
  created_at INTEGER NOT NULL
);
CREATE INDEX ratings_created ON ratings(created_at);

-- Who did what, when (clerk actions, admin changes).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'device', 'system')),
  actor_id INTEGER,
  action TEXT NOT NULL,
  entity TEXT,
  entity_id TEXT,
  before TEXT,
  after TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
