-- Reports (issue 7): indexes for aggregating a year of tickets in SQL, and
-- paper satisfaction slips typed in later (DOMAIN.md §5, seed 002).
--
-- Each report query groups in the order of one of these indexes (queries
-- name it with INDEXED BY), so SQLite aggregates while walking the index
-- instead of sorting 500,000 rows: a year's report stays well under a second
-- (npm run bench). Tickets are written a few per minute; five more index
-- entries per write cost nothing noticeable.

-- tickets per service day and hour of issue, for offices on UTC+7 (Vietnam: no DST)
CREATE INDEX tickets_report_hour ON tickets(service_day, ((issued_at + 25200000) / 3600000 % 24), status);
-- tickets per field, counter, clerk
CREATE INDEX tickets_report_group ON tickets(field_id, counter_id, clerk_id, status, service_day);
-- waiting time (issue → first call) histogram, by the second
CREATE INDEX tickets_report_wait ON tickets(counter_id, clerk_id, field_id, ((first_called_at - issued_at) / 1000), service_day)
  WHERE first_called_at IS NOT NULL;
-- service time (last call → finish) histogram, by the second
CREATE INDEX tickets_report_service ON tickets(counter_id, clerk_id, field_id, ((finished_at - called_at) / 1000), service_day)
  WHERE status = 'finished' AND called_at IS NOT NULL AND finished_at IS NOT NULL;
-- satisfaction per counter, clerk and level
CREATE INDEX ratings_report ON ratings(counter_id, clerk_id, score, created_at, source);

-- Paper survey slips, entered in batches: "on this day, at this counter, n slips of this level".
CREATE TABLE paper_ratings (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
  count INTEGER NOT NULL CHECK (count > 0),
  counter_id INTEGER REFERENCES counters(id),
  clerk_id INTEGER REFERENCES staff(id),
  field_id INTEGER REFERENCES fields(id),
  entered_by INTEGER REFERENCES staff(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX paper_ratings_day ON paper_ratings(day);

-- The dossier report reads only these columns of the dossiers a period looks at
-- (received before its end, not resolved before its start): a covering index.
CREATE INDEX dossiers_report ON dossiers(
  received_at, resolved_at, due_at, status, channel, apology_at, rejected_at, withdrawn_at, field_code, procedure_code, procedure_name, id
);
