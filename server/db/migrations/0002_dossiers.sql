-- Dossiers (hồ sơ) over their whole lifecycle (DOMAIN.md §1–2), the
-- notices issued about them (Mẫu 02, 03, 04), their hand-overs (Mẫu 05),
-- and the administrator's edits of the working calendar (DOMAIN.md §3).
-- Times are INTEGER milliseconds since the epoch (UTC).

CREATE TABLE dossiers (
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
  status TEXT NOT NULL CHECK (status IN ('received', 'supplement', 'processing', 'resolved', 'returned', 'rejected', 'withdrawn')),
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
  returned_at INTEGER,
  return_channel TEXT CHECK (return_channel IS NULL OR return_channel IN ('counter', 'postal')),
  -- how the citizen wants the result (Mẫu 01 item 6)
  preferred_return_channel TEXT NOT NULL DEFAULT 'counter' CHECK (preferred_return_channel IN ('counter', 'postal')),
  rejected_at INTEGER,
  withdrawn_at INTEGER,
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

-- Mẫu 05 rows: each hand-over of the dossier between units/people.
CREATE TABLE dossier_steps (
  id INTEGER PRIMARY KEY,
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  from_unit TEXT NOT NULL,
  from_person TEXT,
  to_unit TEXT NOT NULL,
  to_person TEXT,
  at INTEGER NOT NULL,
  -- the deadline of this step, if the inter-agency schedule sets one
  deadline_at INTEGER,
  -- result status at this step (trước hạn / đúng hạn / quá hạn)
  status TEXT CHECK (status IS NULL OR status IN ('early', 'on_time', 'late')),
  note TEXT,
  staff_id INTEGER REFERENCES staff(id),
  UNIQUE (dossier_id, position)
);

-- Notices issued about a dossier: Mẫu 02 (supplement), 03 (refusal), 04 (apology).
CREATE TABLE dossier_notices (
  id INTEGER PRIMARY KEY,
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('supplement', 'refusal', 'apology')),
  issued_at INTEGER NOT NULL,
  issued_by INTEGER REFERENCES staff(id),
  reason TEXT NOT NULL,
  -- Mẫu 02: JSON list of what to add or correct
  items TEXT NOT NULL DEFAULT '[]',
  -- a second Mẫu 02 for the same dossier is exceptional: the supervisor's reason
  supervisor_reason TEXT,
  -- Mẫu 04: the appointment it replaces and the new one, who signs
  original_due_at INTEGER,
  new_due_at INTEGER,
  signed_by TEXT,
  signer_title TEXT,
  -- Mẫu 02: when the citizen brought the supplement
  fulfilled_at INTEGER,
  CHECK (kind <> 'apology' OR new_due_at IS NOT NULL)
);
CREATE INDEX dossier_notices_dossier ON dossier_notices(dossier_id, kind);
CREATE INDEX dossier_notices_issued ON dossier_notices(kind, issued_at);

-- The administrator's edits of a year of the working calendar, in order.
CREATE TABLE calendar_edits (
  year INTEGER NOT NULL,
  position INTEGER NOT NULL,
  date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('off', 'workday', 'remove')),
  name TEXT,
  updated_by INTEGER REFERENCES staff(id),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (year, position)
);
