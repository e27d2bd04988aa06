/**
 * Reports for the supervisor (DOMAIN.md §6): SQL aggregates from
 * server/db/queries/reports.ts, shaped by the rules in
 * server/domain/reports.ts. Read-only: runs on the snapshot reader.
 */
import * as countersDb from '../db/queries/counters';
import * as dossierReportsDb from '../db/queries/dossier-reports';
import * as officeDb from '../db/queries/office';
import * as staffDb from '../db/queries/staff';
import * as reportsDb from '../db/queries/reports';
import { DomainError } from '../domain/errors';
import { computeIndex766, index766Config, type Index766Config, type Index766Counts } from '../domain/index766';
import {
  daysOf,
  dossierRates,
  durationStats,
  satisfaction,
  type Bucket,
  type DossierCounts,
  type DurationStats,
} from '../domain/reports';
import { isoFormatter } from '../domain/zoned-format';
import { CSV_HEADER, dossierCsvLine, parseDossierCsv, type CsvReject } from '../domain/dossier-csv';
import { fromZonedWallClock, offsetMinutes, OFFICE_TIME_ZONE, serviceDay } from '../domain/time';
import { addDays } from '../domain/calendar';
import type { AlertCountsDto, EstimateErrorDto, EstimateReportDto, Index766Dto } from '../protocol/reports';
import * as alertsDb from '../db/queries/alerts';
import type {
  AtRiskDossierDto,
  DossierBreakdownDto,
  DossierReportDto,
  ImportResultDto,
  PaperRatingsBody,
  QueueGroupDto,
  QueueReportDto,
  SatisfactionDto,
  SatisfactionGroupDto,
  TicketCountsDto,
} from '../protocol/reports';
import type { Staff } from '../domain/model';
import type { CalendarService } from './calendar-service';
import type { ServiceContext } from './context';

type GroupKey = 'fieldId' | 'counterId' | 'clerkId';

const emptyCounts = (): TicketCountsDto => ({ issued: 0, served: 0, noShow: 0 });

/** The alert log of a period: raised and acknowledged, per kind and per day. */
function alertCounts(rows: readonly alertsDb.AlertCountRow[]): AlertCountsDto {
  const byKind = new Map<string, AlertCountsDto['byKind'][number] & { openSum: number; cleared: number }>();
  const byDay = new Map<string, AlertCountsDto['byDay'][number]>();
  let raised = 0;
  let acknowledged = 0;
  for (const r of rows) {
    raised += r.raised;
    acknowledged += r.acknowledged;
    let k = byKind.get(r.kind);
    if (!k)
      byKind.set(
        r.kind,
        (k = { kind: r.kind, raised: 0, acknowledged: 0, meanOpenMinutes: null, openSum: 0, cleared: 0 }),
      );
    k.raised += r.raised;
    k.acknowledged += r.acknowledged;
    if (r.meanOpenMinutes !== null) {
      k.openSum += r.meanOpenMinutes * r.raised;
      k.cleared += r.raised;
    }
    let d = byDay.get(r.day);
    if (!d) byDay.set(r.day, (d = { day: r.day, raised: 0, acknowledged: 0 }));
    d.raised += r.raised;
    d.acknowledged += r.acknowledged;
  }
  return {
    raised,
    acknowledged,
    byKind: [...byKind.values()].map(({ openSum, cleared, ...k }) => ({
      ...k,
      meanOpenMinutes: cleared === 0 ? null : Math.round((openSum / cleared) * 10) / 10,
    })),
    byDay: [...byDay.values()],
  };
}

/** The estimate's error from sums (reportsDb.estimateErrors rows). */
function estimateError(rows: readonly reportsDb.EstimateErrorRow[]): EstimateErrorDto {
  let n = 0;
  let abs = 0;
  let err = 0;
  let within = 0;
  for (const r of rows) {
    n += r.n;
    abs += r.absSum;
    err += r.errSum;
    within += r.within5;
  }
  if (n === 0) return { count: 0, meanAbsoluteError: null, within5Share: null, meanError: null };
  return {
    count: n,
    meanAbsoluteError: Math.round((abs / n) * 10) / 10,
    within5Share: Math.round((within / n) * 1000) / 1000,
    meanError: Math.round((err / n) * 10) / 10,
  };
}

function groupRows<K>(rows: readonly reportsDb.EstimateErrorRow[], key: (r: reportsDb.EstimateErrorRow) => K) {
  const out = new Map<K, reportsDb.EstimateErrorRow[]>();
  for (const r of rows) {
    const k = key(r);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(r);
  }
  return out;
}

function addCounts(a: TicketCountsDto, b: TicketCountsDto): void {
  a.issued += b.issued;
  a.served += b.served;
  a.noShow += b.noShow;
}

/** Merges per-(group, second) histogram rows into one sorted histogram per key. */
function histogramsBy(rows: reportsDb.DurationBucketRow[], key: GroupKey | null): Map<number | null, Bucket[]> {
  const acc = new Map<number | null, Map<number, number>>();
  for (const r of rows) {
    const k = key === null ? null : r[key];
    let m = acc.get(k);
    if (!m) acc.set(k, (m = new Map()));
    m.set(r.value, (m.get(r.value) ?? 0) + r.count);
  }
  const out = new Map<number | null, Bucket[]>();
  for (const [k, m] of acc) {
    out.set(
      k,
      [...m.entries()].sort((a, b) => a[0] - b[0]).map(([value, count]) => ({ value, count })),
    );
  }
  return out;
}

function toSatisfaction(rows: reportsDb.ScoreRow[]): SatisfactionDto {
  const c = { 4: 0, 3: 0, 2: 0, 1: 0 };
  let paper = 0;
  for (const r of rows) {
    c[r.score] += r.count;
    if (r.paper) paper += r.count;
  }
  const s = satisfaction(c);
  return {
    answers: s.answers,
    paperAnswers: paper,
    counts: { '4': c[4], '3': c[3], '2': c[2], '1': c[1] },
    shares: { '4': s.shares[4], '3': s.shares[3], '2': s.shares[2], '1': s.shares[1] },
    satisfied: s.satisfied,
  };
}

/** The counts of a SQL group row (sum() of no rows is NULL). */
function toCounts(r: dossierReportsDb.DossierCountsRow): DossierCounts {
  const n = (v: number | null | undefined) => Number(v ?? 0);
  return {
    received: n(r.received),
    carriedOver: n(r.carriedOver),
    byChannel: { direct: n(r.direct), online: n(r.online), postal: n(r.postal) },
    resolvedEarly: n(r.resolvedEarly),
    resolvedOnTime: n(r.resolvedOnTime),
    resolvedLate: n(r.resolvedLate),
    pendingInTime: n(r.pendingInTime),
    pendingOverdue: n(r.pendingOverdue),
    apologies: n(r.apologies),
  };
}

function sumCounts(list: DossierCounts[]): DossierCounts {
  const total: DossierCounts = {
    received: 0,
    carriedOver: 0,
    byChannel: { direct: 0, online: 0, postal: 0 },
    resolvedEarly: 0,
    resolvedOnTime: 0,
    resolvedLate: 0,
    pendingInTime: 0,
    pendingOverdue: 0,
    apologies: 0,
  };
  for (const c of list) {
    total.received += c.received;
    total.carriedOver += c.carriedOver;
    total.byChannel.direct += c.byChannel.direct;
    total.byChannel.online += c.byChannel.online;
    total.byChannel.postal += c.byChannel.postal;
    total.resolvedEarly += c.resolvedEarly;
    total.resolvedOnTime += c.resolvedOnTime;
    total.resolvedLate += c.resolvedLate;
    total.pendingInTime += c.pendingInTime;
    total.pendingOverdue += c.pendingOverdue;
    total.apologies += c.apologies;
  }
  return total;
}

/** The contract's report object, fields in the contract's order and nothing else. */
function toReport(from: string, to: string, c: DossierCounts): DossierReportDto {
  return {
    from,
    to,
    received: c.received,
    carriedOver: c.carriedOver,
    byChannel: { direct: c.byChannel.direct, online: c.byChannel.online, postal: c.byChannel.postal },
    resolvedEarly: c.resolvedEarly,
    resolvedOnTime: c.resolvedOnTime,
    resolvedLate: c.resolvedLate,
    pendingInTime: c.pendingInTime,
    pendingOverdue: c.pendingOverdue,
    apologies: c.apologies,
    rates: dossierRates(c),
  };
}

/** Most dossiers a single import may carry (a 50 MB file is about 400,000 lines). */
const MAX_IMPORT_ROWS = 1_000_000;

export class ReportService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly calendars: CalendarService,
  ) {}

  /** [start of `from`, start of the day after `to`) in ms, the office zone and its offset. */
  private async span(
    from: string,
    to: string,
  ): Promise<{ tz: string; fromMs: number; toMs: number; offsetMs: number }> {
    const tz = await this.timeZone();
    const fromMs = fromZonedWallClock(from, 0, tz).getTime();
    const toMs = fromZonedWallClock(addDays(to, 1), 0, tz).getTime();
    return { tz, fromMs, toMs, offsetMs: offsetMinutes(new Date(fromMs), tz) * 60_000 };
  }

  private async dossierGroups(from: string, to: string): Promise<dossierReportsDb.DossierCountsGroupRow[]> {
    const { fromMs, toMs, offsetMs } = await this.span(from, to);
    return this.ctx.db.read((q) => dossierReportsDb.dossierCountsByProcedure(q, fromMs, toMs, offsetMs));
  }

  /**
   * `GET /api/reports/index766` (API-CONTRACT.md v2 "Forms and calendar"):
   * the Decision 766 groups the office's data computes, from the dossier
   * report's counts and the ratings, digitisation and e-results recorded
   * (domain/index766.ts; formulas configurable in office settings `index766`).
   */
  async index766(from: string, to: string): Promise<Index766Dto> {
    const { counts, config } = await this.index766Counts(from, to);
    return { from, to, groups: computeIndex766(counts, config) };
  }

  /** What the 766 figures are computed from (a province adds them up over its offices). */
  async index766Counts(from: string, to: string): Promise<{ counts: Index766Counts; config: Index766Config }> {
    const { fromMs, toMs, offsetMs } = await this.span(from, to);
    const { counts, extra, settings } = await this.ctx.db.read(async (q) => ({
      counts: await dossierReportsDb.dossierCounts(q, fromMs, toMs, offsetMs),
      extra: await dossierReportsDb.index766Extra(q, fromMs, toMs, offsetMs),
      settings: (await officeDb.getOffice(q))?.settings ?? {},
    }));
    const c = toCounts(counts);
    return {
      counts: {
        received: c.received,
        newReceived: c.received - c.carriedOver,
        resolvedEarly: c.resolvedEarly,
        resolvedOnTime: c.resolvedOnTime,
        resolvedLate: c.resolvedLate,
        pendingInTime: c.pendingInTime,
        newOnline: c.byChannel.online,
        countedOnline: extra.countedOnline,
        resolvedUnsatisfiedNotLate: extra.resolvedUnsatisfiedNotLate,
        resolvedElectronic: extra.resolvedElectronic,
        documents: extra.documents,
        documentsScanned: extra.documentsScanned,
        documentsReused: extra.documentsReused,
      },
      config: index766Config(settings.index766),
    };
  }

  /** `GET /api/reports/dossiers` (API-CONTRACT.md "Dossier report"). */
  async dossierReport(from: string, to: string): Promise<DossierReportDto> {
    const { fromMs, toMs, offsetMs } = await this.span(from, to);
    const row = await this.ctx.db.read((q) => dossierReportsDb.dossierCounts(q, fromMs, toMs, offsetMs));
    return toReport(from, to, toCounts(row));
  }

  /** The same counts by field, procedure, counter and receiving clerk (the report's detail sheets). */
  async dossierBreakdown(from: string, to: string): Promise<DossierBreakdownDto> {
    const groups = await this.dossierGroups(from, to);
    const names = await this.ctx.db.read(async (q) => ({
      fields: await reportsDb.fieldNamesByCode(q),
      counters: await reportsDb.counterNames(q),
      clerks: await reportsDb.clerkNames(q),
    }));
    const sumBy = <K>(key: (g: dossierReportsDb.DossierCountsGroupRow) => K): Map<K, DossierCounts> => {
      const lists = new Map<K, DossierCounts[]>();
      for (const g of groups) {
        const k = key(g);
        const list = lists.get(k) ?? [];
        list.push(toCounts(g));
        lists.set(k, list);
      }
      return new Map([...lists].map(([k, list]) => [k, sumCounts(list)]));
    };
    const fieldNames = new Map(names.fields.map((f) => [f.code, f.name] as const));
    const fieldOrder = new Map(names.fields.map((f, i) => [f.code, i] as const));
    const procNames = new Map(groups.map((g) => [g.procedureCode, g.procedureName] as const));
    const byId = (list: reportsDb.NameRow[], map: Map<number | null, DossierCounts>) => {
      const known = new Map(list.map((n, i) => [n.id, { n, i }] as const));
      return [...map]
        .map(([id, c]) => ({
          id,
          name: (id !== null && known.get(id)?.n.name) || '—',
          order: id === null ? 1e9 : (known.get(id)?.i ?? 1e8),
          c,
        }))
        .sort((a, b) => a.order - b.order)
        .map(({ id, name, c }) => ({ id, name, ...toReport(from, to, c) }));
    };
    return {
      from,
      to,
      byField: [...sumBy((g) => g.fieldCode)]
        .sort((a, b) => (fieldOrder.get(a[0]) ?? 1e9) - (fieldOrder.get(b[0]) ?? 1e9) || a[0].localeCompare(b[0]))
        .map(([code, c]) => ({ code, name: fieldNames.get(code) ?? code, ...toReport(from, to, c) })),
      byProcedure: [...sumBy((g) => `${g.fieldCode}\u0000${g.procedureCode}`)]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([key, c]) => {
          const [fieldCode = '', code = ''] = key.split('\u0000');
          return { code, name: procNames.get(code) || code, fieldCode, ...toReport(from, to, c) };
        }),
      byCounter: byId(
        names.counters,
        sumBy((g) => g.counterId),
      ),
      byClerk: byId(
        names.clerks,
        sumBy((g) => g.clerkId),
      ),
    };
  }

  /**
   * `POST /api/dossiers/import`: the contract's CSV. Bad lines are reported
   * with their line number and skipped; the good ones are written in ONE
   * transaction, so a failure half-way leaves nothing half-imported; the
   * same code again updates the dossier.
   */
  async importCsv(text: string): Promise<ImportResultDto> {
    const tz = await this.timeZone();
    const parsed = parseDossierCsv(text, tz);
    if (parsed.fileError) throw new DomainError('CSV_INVALID', parsed.fileError, 400, { field: 'body' });
    if (parsed.rows.length > MAX_IMPORT_ROWS) {
      throw new DomainError('CSV_TOO_MANY_ROWS', `Tệp có quá nhiều dòng (tối đa ${MAX_IMPORT_ROWS}).`, 413);
    }
    const now = this.ctx.clock();
    const rejected: CsvReject[] = [...parsed.rejected];
    const imported = await this.ctx.db.tx(async (q) => {
      const procedures = new Map((await dossierReportsDb.procedureRefs(q)).map((p) => [p.code, p]));
      const fields = new Map((await dossierReportsDb.fieldRefs(q)).map((f) => [f.code, f.id]));
      const rows: dossierReportsDb.ImportRow[] = [];
      for (const r of parsed.rows) {
        const proc = procedures.get(r.procedureCode);
        const fieldCode = r.fieldCode || proc?.fieldCode || '';
        if (proc && r.fieldCode && r.fieldCode !== proc.fieldCode) {
          rejected.push({
            line: r.line,
            message: `Cột fieldCode (mã lĩnh vực) "${r.fieldCode}" không khớp với thủ tục ${r.procedureCode} (lĩnh vực ${proc.fieldCode}).`,
          });
          continue;
        }
        rows.push({
          ...r,
          fieldCode,
          procedureId: proc?.id ?? null,
          procedureName: proc?.name ?? '',
          fieldId: fields.get(fieldCode) ?? null,
          processingAmount: proc?.processingDays ?? 0,
          processingUnit: proc?.processingUnit ?? 'days',
        });
      }
      await dossierReportsDb.upsertImportedDossiers(q, rows, now);
      return rows.length;
    });
    rejected.sort((a, b) => a.line - b.line);
    return { imported, rejected };
  }

  /** The dossiers a report of the period looks at, as the import's CSV (UTF-8, header first). */
  async exportCsv(from: string, to: string): Promise<string> {
    const { tz, fromMs, toMs } = await this.span(from, to);
    const rows = await this.ctx.db.read((q) => dossierReportsDb.dossiersForCsv(q, fromMs, toMs));
    const iso = isoFormatter(tz);
    return [CSV_HEADER, ...rows.map((r) => dossierCsvLine(r, iso))].join('\r\n') + '\r\n';
  }

  /** Ledger rows (Mẫu 06) of dossiers received in the period. */
  async ledger(from: string, to: string): Promise<{ tz: string; rows: dossierReportsDb.LedgerRow[] }> {
    const { tz, fromMs, toMs } = await this.span(from, to);
    return { tz, rows: await this.ctx.db.read((q) => dossierReportsDb.ledgerRows(q, fromMs, toMs)) };
  }

  /**
   * The supervisor's list: unresolved dossiers past their due date, and
   * those due by the end of the next working day — the Mẫu 04 must go out
   * no later than 1 working day before the due date (DOMAIN.md §1), so they
   * show while there is still time.
   */
  async atRisk(): Promise<AtRiskDossierDto[]> {
    const now = this.ctx.clock();
    const cal = await this.calendars.calendar();
    const tz = cal.timeZone;
    const today = serviceDay(now, tz);
    const horizon = cal.isWorkingDay(today) ? cal.nextWorkingDay(today) : cal.nextWorkingDay(cal.nextWorkingDay(today));
    const beforeMs = fromZonedWallClock(addDays(horizon, 1), 0, tz).getTime();
    const rows = await this.ctx.db.read((q) => dossierReportsDb.unresolvedDueBefore(q, beforeMs));
    const iso = isoFormatter(tz);
    const previous = new Map<string, string>();
    const deadline = (dueDay: string) => {
      let d = previous.get(dueDay);
      if (d === undefined) previous.set(dueDay, (d = cal.previousWorkingDay(dueDay)));
      return d;
    };
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      procedureCode: r.procedureCode,
      procedureName: r.procedureName,
      applicantName: r.applicantName,
      status: r.status,
      dueAt: iso(r.dueAt),
      newDueAt: r.newDueAt === null ? null : iso(r.newDueAt),
      apologyAt: r.apologyAt === null ? null : iso(r.apologyAt),
      apologySlip: r.hasSlip === 1,
      apologyDeadline: deadline(iso(r.dueAt).slice(0, 10)),
      // the reports' rule: late from the day after the due day
      risk: iso(r.dueAt).slice(0, 10) < today ? 'overdue' : 'dueSoon',
    }));
  }

  private async timeZone(): Promise<string> {
    const office = await this.ctx.db.read((q) => officeDb.getOffice(q));
    return office?.timeZone ?? OFFICE_TIME_ZONE;
  }

  /**
   * The estimate announced at issue (kiosk, phone page) against the real
   * wait of every called ticket: mean absolute error and the share within
   * ±5 minutes, in all, per field and per day — whether to trust it.
   */
  async estimateReport(from: string, to: string): Promise<EstimateReportDto> {
    const { rows, fields } = await this.ctx.db.read(async (q) => ({
      rows: await reportsDb.estimateErrors(q, from, to),
      fields: await reportsDb.fieldNames(q),
    }));
    return this.toEstimateReport(from, to, rows, fields);
  }

  private toEstimateReport(
    from: string,
    to: string,
    rows: reportsDb.EstimateErrorRow[],
    fields: reportsDb.NameRow[],
  ): EstimateReportDto {
    const byField = groupRows(rows, (r) => r.fieldId);
    const byDay = groupRows(rows, (r) => r.day);
    return {
      from,
      to,
      ...estimateError(rows),
      byField: fields
        .filter((f) => byField.has(f.id))
        .map((f) => ({ id: f.id, name: f.name, ...estimateError(byField.get(f.id)!) })),
      byDay: [...byDay.keys()].sort().map((day) => ({ day, ...estimateError(byDay.get(day)!) })),
    };
  }

  /** Tickets, waiting and service times, satisfaction for days `from`–`to` (both included). */
  async queueReport(from: string, to: string): Promise<QueueReportDto> {
    const { fromMs, toMs, offsetMs } = await this.span(from, to);

    const data = await this.ctx.db.read(async (q) => ({
      dayHour: await reportsDb.ticketCountsByDayHour(q, from, to, offsetMs),
      groups: await reportsDb.ticketCountsByGroup(q, from, to),
      waits: await reportsDb.waitingHistogram(q, from, to),
      services: await reportsDb.serviceHistogram(q, from, to),
      scores: await reportsDb.scoreCounts(q, fromMs, toMs, from, to),
      fields: await reportsDb.fieldNames(q),
      counters: await reportsDb.counterNames(q),
      clerks: await reportsDb.clerkNames(q),
      alerts: await alertsDb.alertCounts(q, from, to),
      estimates: await reportsDb.estimateErrors(q, from, to),
    }));

    const tickets = emptyCounts();
    const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, ...emptyCounts() }));
    const dayMap = new Map(daysOf({ from, to }).map((day) => [day, { day, ...emptyCounts() }]));
    for (const r of data.dayHour) {
      addCounts(tickets, r);
      const h = byHour[r.hour];
      if (h) addCounts(h, r);
      const d = dayMap.get(r.day);
      if (d) addCounts(d, r);
    }

    const allWaits = histogramsBy(data.waits, null).get(null) ?? [];
    const allServices = histogramsBy(data.services, null).get(null) ?? [];

    const groups = (
      key: GroupKey,
      names: reportsDb.NameRow[],
      label: (n: reportsDb.NameRow) => string,
    ): QueueGroupDto[] => {
      const counts = new Map<number | null, TicketCountsDto & { directCalls: number }>();
      for (const r of data.groups) {
        const k = r[key];
        let c = counts.get(k);
        if (!c) counts.set(k, (c = { ...emptyCounts(), directCalls: 0 }));
        addCounts(c, r);
        c.directCalls += r.directCalls;
      }
      const waits = histogramsBy(data.waits, key);
      const services = histogramsBy(data.services, key);
      const byId = new Map(names.map((n) => [n.id, n]));
      const stats = (m: Map<number | null, Bucket[]>, k: number | null): DurationStats => durationStats(m.get(k) ?? []);
      const rows: QueueGroupDto[] = [];
      for (const [k, c] of counts) {
        if (k === null && key !== 'fieldId' && c.served === 0 && c.noShow === 0) continue; // never reached a counter
        const n = k === null ? undefined : byId.get(k);
        rows.push({
          id: k,
          name: n ? label(n) : k === null ? '—' : `#${k}`,
          ...c,
          waitingTime: stats(waits, k),
          serviceTime: stats(services, k),
        });
      }
      const order = new Map(names.map((n, i) => [n.id, i]));
      return rows.sort((a, b) => (order.get(a.id ?? -1) ?? 1e9) - (order.get(b.id ?? -1) ?? 1e9));
    };

    const counterLabel = (n: reportsDb.NameRow) => n.name;
    const satGroups = (key: 'counterId' | 'clerkId', names: reportsDb.NameRow[]): SatisfactionGroupDto[] => {
      const by = new Map<number | null, reportsDb.ScoreRow[]>();
      for (const r of data.scores) {
        const k = r[key];
        let list = by.get(k);
        if (!list) by.set(k, (list = []));
        list.push(r);
      }
      const byId = new Map(names.map((n) => [n.id, n]));
      const order = new Map(names.map((n, i) => [n.id, i]));
      return [...by.entries()]
        .map(([k, rows]) => ({ id: k, name: (k !== null && byId.get(k)?.name) || '—', ...toSatisfaction(rows) }))
        .sort((a, b) => (order.get(a.id ?? -1) ?? 1e9) - (order.get(b.id ?? -1) ?? 1e9));
    };

    return {
      from,
      to,
      tickets,
      waitingTime: durationStats(allWaits),
      serviceTime: durationStats(allServices),
      byHour,
      byDay: [...dayMap.values()],
      byField: groups('fieldId', data.fields, (n) => n.name),
      byCounter: groups('counterId', data.counters, counterLabel),
      byClerk: groups('clerkId', data.clerks, (n) => n.name),
      satisfaction: {
        ...toSatisfaction(data.scores),
        byCounter: satGroups('counterId', data.counters),
        byClerk: satGroups('clerkId', data.clerks),
      },
      directCalls: data.groups.reduce((n, r) => n + r.directCalls, 0),
      alerts: alertCounts(data.alerts),
      estimates: this.toEstimateReport(from, to, data.estimates, data.fields),
    };
  }

  /** Paper survey slips typed in later (DOMAIN.md §5): one row per level given. */
  async addPaperRatings(body: PaperRatingsBody, staff: Staff): Promise<{ added: number }> {
    const now = this.ctx.clock();
    return this.ctx.db.tx(async (q) => {
      if (body.counterId && !(await countersDb.getCounter(q, body.counterId))) {
        throw new DomainError('COUNTER_NOT_FOUND', 'Không có quầy này.', 400, { field: 'counterId' });
      }
      if (body.clerkId && !(await staffDb.getStaff(q, body.clerkId))) {
        throw new DomainError('CLERK_NOT_FOUND', 'Không có cán bộ này.', 400, { field: 'clerkId' });
      }
      let added = 0;
      for (const score of [4, 3, 2, 1] as const) {
        const count = body.counts[String(score) as '4' | '3' | '2' | '1'];
        if (!count) continue;
        await reportsDb.insertPaperRating(
          q,
          {
            day: body.day,
            score,
            count,
            counterId: body.counterId ?? null,
            clerkId: body.clerkId ?? null,
            fieldId: null,
            enteredBy: staff.id,
          },
          now,
        );
        added += count;
      }
      if (added === 0) throw new DomainError('VALIDATION_ERROR', 'Chưa nhập số phiếu nào.', 400, { field: 'counts' });
      return { added };
    });
  }
}
