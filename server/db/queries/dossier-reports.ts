/**
 * Dossier reports, the dossier CSV import/export, the ledger (Mẫu 06) and
 * the supervisor's list, over the dossier core's tables (migration 0002).
 *
 * Days are compared as whole days since the epoch on the office's wall
 * clock: `(t + offsetMs) / 86400000` with SQLite's integer division. The
 * offset is the office zone's (Vietnam: +07:00, no DST), so this is exactly
 * the classification of server/domain/reports.ts `classifyDossier`.
 */
import type { Executor, SqlParam } from '../database';
import type { DossierCsvRow, DossierCsvSource } from '../../domain/dossier-csv';

export interface DossierCountsRow {
  received: number;
  carriedOver: number;
  direct: number;
  online: number;
  postal: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pendingInTime: number;
  pendingOverdue: number;
  apologies: number;
}

export interface DossierCountsGroupRow extends DossierCountsRow {
  fieldCode: string;
  procedureCode: string;
  procedureName: string;
  /** where and by whom it was received (null for imported dossiers) */
  counterId: number | null;
  clerkId: number | null;
}

/**
 * Counts of the report for [fromMs, toMs) — `fromMs` the start of the first
 * day, `toMs` the start of the day after the last — grouped by field and
 * procedure, counter and receiving clerk (the caller sums the groups).
 *
 * Counted: received before `toMs` and not resolved before `fromMs`;
 * refused (Mẫu 03) or withdrawn by `toMs` are not counted (never received
 * for processing, or closed without a result). Apology slips: the Mẫu 04
 * notices issued before `toMs`, at least one when `apology_at` says so
 * (an imported dossier has the time but no notice row).
 */
/** The counted dossiers of [$from, $to) (see {@link dossierCounts}). */
const COUNTED = `received_at < $to
          AND (resolved_at IS NULL OR resolved_at >= $from)
          AND NOT (status = 'rejected' AND (rejected_at IS NULL OR rejected_at < $to))
          AND NOT (status = 'stopped' AND (withdrawn_at IS NULL OR withdrawn_at < $to))`;

/** Office days since the epoch; a result after the period counts as none. */
const DUE_DAY = '((due_at + $off) / 86400000)';
const RES_DAY = '(CASE WHEN resolved_at < $to THEN (resolved_at + $off) / 86400000 END)';

const AGGREGATES = `count(*) AS received,
            sum(received_at < $from) AS carriedOver,
            sum(received_at >= $from AND channel = 'direct') AS direct,
            sum(received_at >= $from AND channel = 'online') AS online,
            sum(received_at >= $from AND channel = 'postal') AS postal,
            sum(${RES_DAY} < ${DUE_DAY}) AS resolvedEarly,
            sum(${RES_DAY} = ${DUE_DAY}) AS resolvedOnTime,
            sum(${RES_DAY} > ${DUE_DAY}) AS resolvedLate,
            sum(${RES_DAY} IS NULL AND (status = 'supplement' OR ${DUE_DAY} >= $toDay)) AS pendingInTime,
            sum(${RES_DAY} IS NULL AND status <> 'supplement' AND ${DUE_DAY} < $toDay) AS pendingOverdue,
            sum(CASE WHEN apology_at IS NOT NULL AND apology_at < $to THEN
                  max(1, (SELECT count(*) FROM dossier_notices n
                           WHERE n.dossier_id = dossiers.id AND n.kind = 'apology' AND n.issued_at < $to))
                ELSE 0 END) AS apologies`;

function params(fromMs: number, toMs: number, offsetMs: number): Record<string, number> {
  return { $from: fromMs, $to: toMs, $off: offsetMs, $toDay: Math.floor((toMs - 1 + offsetMs) / 86_400_000) };
}

/**
 * The counts of the report for [fromMs, toMs) — `fromMs` the start of the
 * first day, `toMs` the start of the day after the last — in one pass over
 * the covering index `dossiers_report` (no sorting).
 *
 * Counted: received before `toMs` and not resolved before `fromMs`;
 * refused (Mẫu 03) or withdrawn by `toMs` are not counted (never received
 * for processing, or closed without a result). Apology slips: the Mẫu 04
 * notices issued before `toMs`, at least one when `apology_at` says so
 * (an imported dossier has the time but no notice row).
 */
export async function dossierCounts(
  q: Executor,
  fromMs: number,
  toMs: number,
  offsetMs: number,
): Promise<DossierCountsRow> {
  const row = await q.get<DossierCountsRow>(
    `SELECT ${AGGREGATES} FROM dossiers INDEXED BY dossiers_report WHERE ${COUNTED}`,
    params(fromMs, toMs, offsetMs),
  );
  return row!;
}

export interface Index766ExtraRow {
  countedOnline: number;
  resolvedUnsatisfiedNotLate: number;
  resolvedElectronic: number;
  documents: number;
  documentsScanned: number;
  documentsReused: number;
}

/**
 * What Decision 766 needs beyond the dossier report's counts, over the same
 * counted dossiers of [fromMs, toMs): online ones carried over included;
 * resolved in the period and not late whose reception visit (the dossier's
 * ticket) was rated 1 = "Không hài lòng"; resolved with an electronic
 * result; and the documents of the dossiers received in the period with
 * their digitisation at reception (the `documents` JSON).
 */
export async function index766Extra(
  q: Executor,
  fromMs: number,
  toMs: number,
  offsetMs: number,
): Promise<Index766ExtraRow> {
  const row = await q.get<Index766ExtraRow>(
    `SELECT coalesce(sum(channel = 'online'), 0) AS countedOnline,
            coalesce(sum(${RES_DAY} <= ${DUE_DAY} AND ticket_id IS NOT NULL
                AND EXISTS (SELECT 1 FROM ratings r WHERE r.ticket_id = dossiers.ticket_id AND r.score = 1)), 0)
              AS resolvedUnsatisfiedNotLate,
            coalesce(sum(${RES_DAY} IS NOT NULL AND result_electronic = 1), 0) AS resolvedElectronic,
            coalesce(sum(CASE WHEN received_at >= $from THEN json_array_length(documents) ELSE 0 END), 0) AS documents,
            coalesce(sum(CASE WHEN received_at >= $from THEN
                (SELECT count(*) FROM json_each(dossiers.documents) j
                  WHERE json_extract(j.value, '$.digitisation.kind') = 'scanned') ELSE 0 END), 0) AS documentsScanned,
            coalesce(sum(CASE WHEN received_at >= $from THEN
                (SELECT count(*) FROM json_each(dossiers.documents) j
                  WHERE json_extract(j.value, '$.digitisation.kind') = 'reused') ELSE 0 END), 0) AS documentsReused
       FROM dossiers WHERE ${COUNTED}`,
    // sqlite3 refuses a named parameter the statement does not use
    (({ $toDay: _unused, ...used }) => used)(params(fromMs, toMs, offsetMs)),
  );
  return row!;
}

/**
 * The same counts per field, procedure, counter and receiving clerk,
 * walking `dossiers_report_group` in its order (grouping without a sort).
 */
export async function dossierCountsByProcedure(
  q: Executor,
  fromMs: number,
  toMs: number,
  offsetMs: number,
): Promise<DossierCountsGroupRow[]> {
  return q.all<DossierCountsGroupRow>(
    `SELECT field_code AS fieldCode, procedure_code AS procedureCode, max(procedure_name) AS procedureName,
            counter_id AS counterId, clerk_id AS clerkId,
            ${AGGREGATES}
       FROM dossiers INDEXED BY dossiers_report_group
      WHERE ${COUNTED}
      GROUP BY field_code, procedure_code, counter_id, clerk_id`,
    params(fromMs, toMs, offsetMs),
  );
}

// ---------------------------------------------------------------------------
// CSV import and export

export interface ProcedureRef {
  id: number;
  code: string;
  name: string;
  fieldId: number;
  fieldCode: string;
  processingDays: number;
  processingUnit: 'days' | 'hours';
}

export async function procedureRefs(q: Executor): Promise<ProcedureRef[]> {
  return q.all<ProcedureRef>(
    `SELECT p.id, p.code, p.name, p.field_id AS fieldId, f.code AS fieldCode,
            p.processing_days AS processingDays, p.processing_unit AS processingUnit
       FROM procedures p JOIN fields f ON f.id = p.field_id`,
  );
}

export async function fieldRefs(q: Executor): Promise<Array<{ id: number; code: string }>> {
  return q.all('SELECT id, code FROM fields');
}

export interface ImportRow extends DossierCsvRow {
  procedureId: number | null;
  procedureName: string;
  fieldId: number | null;
  processingAmount: number;
  processingUnit: 'days' | 'hours';
}

const IMPORT_COLUMNS = [
  'code',
  'procedure_id',
  'procedure_code',
  'procedure_name',
  'field_id',
  'field_code',
  'processing_amount',
  'processing_unit',
  'applicant_name',
  'channel',
  'received_at',
  'due_at',
  'resolved_at',
  'returned_at',
  'status',
  'apology_at',
  'new_due_at',
  'return_channel',
  'result_electronic',
  'rejected_at',
  'source',
  'created_at',
  'updated_at',
];

/**
 * Inserts or updates (same `code`) the imported dossiers, in batches, in
 * the caller's transaction. An update changes only what the CSV carries;
 * applicant, documents, ledger line and hand-overs stay as they were.
 */
export async function upsertImportedDossiers(q: Executor, rows: ImportRow[], now: Date): Promise<void> {
  const per = 40;
  const t = (d: Date | null) => (d === null ? null : d.getTime());
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: SqlParam[] = [];
    for (const r of chunk) {
      params.push(
        r.code,
        r.procedureId,
        r.procedureCode,
        r.procedureName,
        r.fieldId,
        r.fieldCode,
        r.processingAmount,
        r.processingUnit,
        '',
        r.channel,
        r.receivedAt.getTime(),
        r.dueAt.getTime(),
        t(r.resolvedAt),
        t(r.returnedAt),
        r.status,
        t(r.apologyAt),
        t(r.newDueAt),
        r.returnChannel,
        r.resultElectronic ? 1 : 0,
        r.status === 'rejected' ? (t(r.resolvedAt) ?? r.receivedAt.getTime()) : null,
        'import',
        now.getTime(),
        now.getTime(),
      );
    }
    const values = chunk.map(() => `(${IMPORT_COLUMNS.map(() => '?').join(',')})`).join(',');
    await q.run(
      `INSERT INTO dossiers (${IMPORT_COLUMNS.join(',')}) VALUES ${values}
       ON CONFLICT(code) DO UPDATE SET
         procedure_id = excluded.procedure_id,
         procedure_code = excluded.procedure_code,
         procedure_name = CASE WHEN excluded.procedure_name <> '' THEN excluded.procedure_name ELSE dossiers.procedure_name END,
         field_id = excluded.field_id,
         field_code = excluded.field_code,
         channel = excluded.channel,
         received_at = excluded.received_at,
         due_at = excluded.due_at,
         resolved_at = excluded.resolved_at,
         returned_at = excluded.returned_at,
         status = excluded.status,
         apology_at = excluded.apology_at,
         new_due_at = excluded.new_due_at,
         return_channel = excluded.return_channel,
         result_electronic = excluded.result_electronic,
         rejected_at = excluded.rejected_at,
         updated_at = excluded.updated_at`,
      params,
    );
  }
}

/** The dossiers a report of [fromMs, toMs) looks at, in the CSV's columns, oldest first. */
export async function dossiersForCsv(q: Executor, fromMs: number, toMs: number): Promise<DossierCsvSource[]> {
  return q.all<DossierCsvSource>(
    `SELECT code, procedure_code AS procedureCode, field_code AS fieldCode, channel,
            received_at AS receivedAt, due_at AS dueAt, resolved_at AS resolvedAt, returned_at AS returnedAt,
            status, apology_at AS apologyAt, new_due_at AS newDueAt, return_channel AS returnChannel,
            result_electronic AS resultElectronic,
            (SELECT count(*) FROM json_each(dossiers.documents) j
              WHERE json_extract(j.value, '$.digitisation.kind') = 'scanned') AS documentsScanned,
            (SELECT count(*) FROM json_each(dossiers.documents) j
              WHERE json_extract(j.value, '$.digitisation.kind') = 'reused') AS documentsReused
       FROM dossiers
      WHERE received_at < ? AND (resolved_at IS NULL OR resolved_at >= ?)
      ORDER BY received_at, id`,
    [toMs, fromMs],
  );
}

// ---------------------------------------------------------------------------
// Ledger (Mẫu 06) and the supervisor's list

export interface LedgerRow {
  id: number;
  code: string;
  procedureName: string;
  procedureCode: string;
  sets: number;
  applicantName: string;
  applicantAddress: string | null;
  applicantPhone: string | null;
  handlingAgency: string;
  receivedAt: number;
  dueAt: number;
  newDueAt: number | null;
  handedOverAt: number | null;
  firstHandoverTo: string | null;
  resolvedAt: number | null;
  returnedAt: number | null;
  returnChannel: string | null;
  status: string;
  apologyAt: number | null;
  note: string | null;
  ledgerBook: string | null;
  ledgerLine: number | null;
  /** the documents JSON (their digitisation at reception) */
  documents: string;
  resultElectronic: number;
  stopReason: string | null;
}

/** Dossiers received in [fromMs, toMs), in ledger order. */
export async function ledgerRows(q: Executor, fromMs: number, toMs: number): Promise<LedgerRow[]> {
  return q.all<LedgerRow>(
    `SELECT d.id, d.code, d.procedure_name AS procedureName, d.procedure_code AS procedureCode, d.sets,
            d.applicant_name AS applicantName, d.applicant_address AS applicantAddress, d.applicant_phone AS applicantPhone,
            d.handling_agency AS handlingAgency, d.received_at AS receivedAt, d.due_at AS dueAt, d.new_due_at AS newDueAt,
            d.handed_over_at AS handedOverAt,
            (SELECT s.to_unit FROM dossier_steps s WHERE s.dossier_id = d.id ORDER BY s.position LIMIT 1) AS firstHandoverTo,
            d.resolved_at AS resolvedAt, d.returned_at AS returnedAt, d.return_channel AS returnChannel, d.status,
            d.apology_at AS apologyAt, d.note, d.ledger_book AS ledgerBook, d.ledger_line AS ledgerLine,
            d.documents, d.result_electronic AS resultElectronic, d.stop_reason AS stopReason
       FROM dossiers d
      WHERE d.received_at >= ? AND d.received_at < ?
      ORDER BY d.received_at, d.id`,
    [fromMs, toMs],
  );
}

export interface AtRiskRow {
  id: number;
  code: string;
  procedureName: string;
  procedureCode: string;
  applicantName: string;
  dueAt: number;
  newDueAt: number | null;
  apologyAt: number | null;
  status: string;
  /** a Mẫu 04 notice exists (an imported dossier may have the time only) */
  hasSlip: 0 | 1;
}

/**
 * Unresolved dossiers (received or in processing; a supplement stops the
 * clock) due before `beforeMs`, soonest first.
 */
export async function unresolvedDueBefore(q: Executor, beforeMs: number, limit = 500): Promise<AtRiskRow[]> {
  return q.all<AtRiskRow>(
    `SELECT id, code, procedure_name AS procedureName, procedure_code AS procedureCode, applicant_name AS applicantName,
            due_at AS dueAt, new_due_at AS newDueAt, apology_at AS apologyAt, status,
            EXISTS (SELECT 1 FROM dossier_notices n WHERE n.dossier_id = dossiers.id AND n.kind = 'apology') AS hasSlip
       FROM dossiers INDEXED BY dossiers_status_due
      WHERE status IN ('received', 'processing') AND due_at < ?
      ORDER BY due_at
      LIMIT ?`,
    [beforeMs, limit],
  );
}
