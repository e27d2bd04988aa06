-- Migrate: foreign_keys=off
-- Decree 118/2025 and Circular 03/2025 (issue 13): "withdrawn" becomes
-- "stopped" (Mẫu 05 Thông báo dừng giải quyết hồ sơ, with its reason and who
-- asked), the result may be issued electronically, and the government's
-- yearly schedules can be imported as data (DOMAIN.md §1, §3).
--
-- SQLite cannot change a CHECK in place, so the dossiers table is rebuilt
-- (the documented 12-step way: foreign keys off around this file, see
-- migrate.ts, and checked before commit). The indexes of 0002/0005/0006
-- come back under the same names (report queries use INDEXED BY).
CREATE TABLE dossiers_0007 (
  id INTEGER PRIMARY KEY,
  -- <office code>-<yymmdd>-<4-digit daily seq>, or the code of an imported dossier
  code TEXT NOT NULL UNIQUE,
  -- received at this office: the day (office zone) and its daily sequence; NULL for imports
  received_day TEXT,
  day_seq INTEGER CHECK (day_seq IS NULL OR day_seq > 0),
  -- the procedure as it was at reception (the catalogue may change later)
  procedure_id INTEGER REFERENCES procedures(id),
  procedure_code TEXT NOT NULL,
  procedure_name TEXT NOT NULL DEFAULT '',
  field_id INTEGER REFERENCES fields(id),
  field_code TEXT NOT NULL DEFAULT '',
  processing_amount REAL NOT NULL DEFAULT 0,
  processing_unit TEXT NOT NULL DEFAULT 'days' CHECK (processing_unit IN ('days', 'hours')),
  -- cơ quan chủ trì giải quyết (Mẫu 06)
  handling_agency TEXT NOT NULL DEFAULT '',
  applicant_name TEXT NOT NULL,
  applicant_id_number TEXT,
  applicant_phone TEXT,
  applicant_address TEXT,
  applicant_email TEXT,
  channel TEXT NOT NULL CHECK (channel IN ('direct', 'online', 'postal')),
  -- number of sets (bộ) and the documents received: JSON [{name, copy: 'original'|'copy'|'certified', count}]
  sets INTEGER NOT NULL DEFAULT 1 CHECK (sets > 0),
  documents TEXT NOT NULL DEFAULT '[]',
  ticket_id TEXT REFERENCES tickets(id),
  clerk_id INTEGER REFERENCES staff(id),
  counter_id INTEGER REFERENCES counters(id),
  received_at INTEGER NOT NULL,
  -- the appointment; kept when an apology promises a later one (statistics use it)
  due_at INTEGER NOT NULL,
  -- the date promised by the latest apology slip (Mẫu 04)
  new_due_at INTEGER,
  status TEXT NOT NULL CHECK (status IN ('received', 'supplement', 'processing', 'resolved', 'returned', 'rejected', 'stopped')),
  -- the status to go back to when the supplement arrives
  status_before_supplement TEXT,
  -- supplement clock: when the current wait for the citizen began, and the
  -- working time already spent waiting (the deadline clock does not run then)
  supplement_since INTEGER,
  supplement_paused_ms INTEGER NOT NULL DEFAULT 0,
  supplement_count INTEGER NOT NULL DEFAULT 0,
  -- working time left before the due date when the clock stopped
  supplement_remaining_ms INTEGER,
  handed_over_at INTEGER,
  resolved_at INTEGER,
  result_note TEXT,
  -- the result was issued electronically (kết quả điện tử, Decision 766 "Số hóa")
  result_electronic INTEGER NOT NULL DEFAULT 0 CHECK (result_electronic IN (0, 1)),
  returned_at INTEGER,
  return_channel TEXT CHECK (return_channel IS NULL OR return_channel IN ('counter', 'postal')),
  -- how the citizen wants the result (Mẫu 01 item 6)
  preferred_return_channel TEXT NOT NULL DEFAULT 'counter' CHECK (preferred_return_channel IN ('counter', 'postal')),
  rejected_at INTEGER,
  -- when the procedure was stopped (Mẫu 05 of the 2025 set; "withdrawn" before 0007)
  withdrawn_at INTEGER,
  -- Mẫu 05: why, and who asked (the citizen, Decree 118 Art. 21, or the agency)
  stop_reason TEXT,
  stop_requested_by TEXT CHECK (stop_requested_by IS NULL OR stop_requested_by IN ('citizen', 'agency')),
  -- the latest apology slip's issue time (denormalised for reports and CSV)
  apology_at INTEGER,
  -- Vào Sổ theo dõi hồ sơ: Quyển số (the year) and Số thứ tự within it
  ledger_book TEXT,
  ledger_line INTEGER,
  note TEXT,
  source TEXT NOT NULL DEFAULT 'counter' CHECK (source IN ('counter', 'online', 'import')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

INSERT INTO dossiers_0007 (id, code, received_day, day_seq, procedure_id, procedure_code, procedure_name, field_id, field_code, processing_amount, processing_unit, handling_agency, applicant_name, applicant_id_number, applicant_phone, applicant_address, applicant_email, channel, sets, documents, ticket_id, clerk_id, counter_id, received_at, due_at, new_due_at, status, status_before_supplement, supplement_since, supplement_paused_ms, supplement_count, supplement_remaining_ms, handed_over_at, resolved_at, result_note, returned_at, return_channel, preferred_return_channel, rejected_at, withdrawn_at, apology_at, ledger_book, ledger_line, note, source, created_at, updated_at, stop_requested_by)
SELECT id, code, received_day, day_seq, procedure_id, procedure_code, procedure_name, field_id, field_code, processing_amount, processing_unit, handling_agency, applicant_name, applicant_id_number, applicant_phone, applicant_address, applicant_email, channel, sets, documents, ticket_id, clerk_id, counter_id, received_at, due_at, new_due_at, CASE status WHEN 'withdrawn' THEN 'stopped' ELSE status END, status_before_supplement, supplement_since, supplement_paused_ms, supplement_count, supplement_remaining_ms, handed_over_at, resolved_at, result_note, returned_at, return_channel, preferred_return_channel, rejected_at, withdrawn_at, apology_at, ledger_book, ledger_line, note, source, created_at, updated_at,
  CASE status WHEN 'withdrawn' THEN 'citizen' END
FROM dossiers;
UPDATE dossiers_0007 SET stop_reason = note WHERE status = 'stopped';

DROP TABLE dossiers;
ALTER TABLE dossiers_0007 RENAME TO dossiers;

CREATE UNIQUE INDEX dossiers_day_seq ON dossiers(received_day, day_seq) WHERE day_seq IS NOT NULL;
CREATE UNIQUE INDEX dossiers_ledger ON dossiers(ledger_book, ledger_line) WHERE ledger_line IS NOT NULL;
-- reports over hundreds of thousands of dossiers: by period, deadline, outcome, field
CREATE INDEX dossiers_received_at ON dossiers(received_at);
CREATE INDEX dossiers_due_at ON dossiers(due_at);
CREATE INDEX dossiers_resolved_at ON dossiers(resolved_at);
CREATE INDEX dossiers_status_due ON dossiers(status, due_at);
CREATE INDEX dossiers_field_received ON dossiers(field_id, received_at);
CREATE INDEX dossiers_procedure_received ON dossiers(procedure_id, received_at);
CREATE INDEX dossiers_clerk_received ON dossiers(clerk_id, received_at);
CREATE INDEX dossiers_ticket ON dossiers(ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX dossiers_id_number ON dossiers(applicant_id_number) WHERE applicant_id_number IS NOT NULL;
CREATE INDEX dossiers_report ON dossiers(
  received_at, resolved_at, due_at, status, channel, apology_at, rejected_at, withdrawn_at, id
);
CREATE INDEX dossiers_report_group ON dossiers(
  field_code, procedure_code, counter_id, clerk_id, received_at, resolved_at, due_at, status, channel, apology_at,
  rejected_at, withdrawn_at, procedure_name, id
);

-- A year's official schedule imported by the admin (same format as the
-- files shipped in server/domain/official-calendars/); it replaces the
-- shipped file of that year.
CREATE TABLE official_calendars (
  year INTEGER PRIMARY KEY,
  -- the file as imported (JSON), validated on import
  content TEXT NOT NULL,
  imported_by INTEGER REFERENCES staff(id),
  imported_at INTEGER NOT NULL
);
