-- Issue 16: the supervisor's live hall.
-- Service targets per field (NULL: the office's default, office.settings.targets).
ALTER TABLE fields ADD COLUMN target_wait_minutes INTEGER;
ALTER TABLE fields ADD COLUMN target_service_minutes INTEGER;
ALTER TABLE fields ADD COLUMN max_queue_length INTEGER;

-- The wait the kiosk and the phone page announced when the ticket was issued
-- (minutes), kept to report the estimate's error against the real wait.
ALTER TABLE tickets ADD COLUMN estimated_wait_minutes INTEGER;
-- 1 when a clerk called this ticket by name from the waiting list (it jumped the queue).
ALTER TABLE tickets ADD COLUMN direct_call INTEGER NOT NULL DEFAULT 0;

-- The hall's alerts: raised once, cleared when resolved, acknowledged by a person.
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  -- what is wrong: wait-over-target, field-unserved, counter-paused, service-over-target
  kind TEXT NOT NULL CHECK (kind IN ('wait-over-target', 'field-unserved', 'counter-paused', 'service-over-target')),
  -- one alert per (kind, subject) at a time: the subject names the field/counter/ticket it is about
  subject TEXT NOT NULL,
  service_day TEXT NOT NULL,
  field_id INTEGER REFERENCES fields(id),
  counter_id INTEGER REFERENCES counters(id),
  ticket_id TEXT REFERENCES tickets(id),
  raised_at INTEGER NOT NULL,
  cleared_at INTEGER,
  acknowledged_at INTEGER,
  acknowledged_by INTEGER REFERENCES staff(id),
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX alerts_open ON alerts(kind, subject) WHERE cleared_at IS NULL;
CREATE INDEX alerts_day ON alerts(service_day);

-- The queue report's per-group counts also count direct calls (the index stays covering).
DROP INDEX tickets_report_group;
CREATE INDEX tickets_report_group ON tickets(field_id, counter_id, clerk_id, status, service_day, direct_call);
-- The estimate's error per day and field: announced vs real wait of every called ticket.
CREATE INDEX tickets_report_estimate ON tickets(service_day, field_id, estimated_wait_minutes, first_called_at, issued_at)
  WHERE estimated_wait_minutes IS NOT NULL AND first_called_at IS NOT NULL;
