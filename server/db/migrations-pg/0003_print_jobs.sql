-- Print jobs not yet taken by their printer (the print queue's persist
-- store): a ticket promised on paper survives a restart or a printer that
-- is off for an hour. A row is deleted once the printer has the bytes.
CREATE TABLE print_jobs (
  id TEXT PRIMARY KEY,
  printer_id TEXT NOT NULL,
  data BYTEA NOT NULL,
  label TEXT,
  created_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  last_error_code TEXT,
  last_error_message TEXT,
  last_error_at BIGINT
);

CREATE INDEX print_jobs_printer ON print_jobs (printer_id, created_at);
