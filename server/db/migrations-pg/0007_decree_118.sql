-- PostgreSQL twin of migrations/0007_decree_118.sql. SQLite rebuilt the
-- dossiers table to change a CHECK; PostgreSQL alters it in place.
-- Decree 118/2025 and Circular 03/2025 (issue 13): "withdrawn" becomes
-- "stopped" (Mẫu 05 Thông báo dừng giải quyết hồ sơ, with its reason and who
-- asked), the result may be issued electronically, and the government's
-- yearly schedules can be imported as data (DOMAIN.md §1, §3).
ALTER TABLE dossiers DROP CONSTRAINT dossiers_status_check;
ALTER TABLE dossiers
  -- the result was issued electronically (kết quả điện tử, Decision 766 "Số hóa")
  ADD COLUMN result_electronic BIGINT NOT NULL DEFAULT 0 CHECK (result_electronic IN (0, 1)),
  -- Mẫu 05: why, and who asked (the citizen, Decree 118 Art. 21, or the agency)
  ADD COLUMN stop_reason TEXT,
  ADD COLUMN stop_requested_by TEXT CHECK (stop_requested_by IS NULL OR stop_requested_by IN ('citizen', 'agency'));
UPDATE dossiers SET stop_requested_by = 'citizen', stop_reason = note, status = 'stopped' WHERE status = 'withdrawn';
ALTER TABLE dossiers ADD CONSTRAINT dossiers_status_check
  CHECK (status IN ('received', 'supplement', 'processing', 'resolved', 'returned', 'rejected', 'stopped'));

-- A year's official schedule imported by the admin (same format as the
-- files shipped in server/domain/official-calendars/); it replaces the
-- shipped file of that year.
CREATE TABLE official_calendars (
  year BIGINT PRIMARY KEY,
  -- the file as imported (JSON), validated on import
  content TEXT NOT NULL,
  imported_by BIGINT REFERENCES staff(id),
  imported_at BIGINT NOT NULL
);
