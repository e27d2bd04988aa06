-- Reports (issue 7), second step: 0005's covering dossier index also carried
-- the grouping columns, which made the contract's report walk a wider index.
-- Now: a narrow covering index for the totals (one pass, no sort), and one
-- in GROUP BY order for the breakdown by field, procedure, counter and clerk.
DROP INDEX dossiers_report;
CREATE INDEX dossiers_report ON dossiers(
  received_at, resolved_at, due_at, status, channel, apology_at, rejected_at, withdrawn_at, id
);
CREATE INDEX dossiers_report_group ON dossiers(
  field_code, procedure_code, counter_id, clerk_id, received_at, resolved_at, due_at, status, channel, apology_at,
  rejected_at, withdrawn_at, procedure_name, id
);
