/**
 * Reports for the supervisor (DOMAIN.md §6): SQL aggregates from
 * server/db/queries/reports.ts, shaped by the rules in
 * server/domain/reports.ts. Read-only: runs on the snapshot reader.
 */
import * as countersDb from '../db/queries/counters';
import * as officeDb from '../db/queries/office';
import * as staffDb from '../db/queries/staff';
import * as reportsDb from '../db/queries/reports';
import { DomainError } from '../domain/errors';
import { daysOf, durationStats, satisfaction, type Bucket, type DurationStats } from '../domain/reports';
import { fromZonedWallClock, offsetMinutes, OFFICE_TIME_ZONE } from '../domain/time';
import { addDays } from '../domain/calendar';
import type {
  PaperRatingsBody,
  QueueGroupDto,
  QueueReportDto,
  SatisfactionDto,
  SatisfactionGroupDto,
  TicketCountsDto,
} from '../protocol/reports';
import type { Staff } from '../domain/model';
import type { ServiceContext } from './context';

type GroupKey = 'fieldId' | 'counterId' | 'clerkId';

const emptyCounts = (): TicketCountsDto => ({ issued: 0, served: 0, noShow: 0 });

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

export class ReportService {
  constructor(private readonly ctx: ServiceContext) {}

  private async timeZone(): Promise<string> {
    const office = await this.ctx.db.read((q) => officeDb.getOffice(q));
    return office?.timeZone ?? OFFICE_TIME_ZONE;
  }

  /** Tickets, waiting and service times, satisfaction for days `from`–`to` (both included). */
  async queueReport(from: string, to: string): Promise<QueueReportDto> {
    const tz = await this.timeZone();
    const fromMs = fromZonedWallClock(from, 0, tz).getTime();
    const toMs = fromZonedWallClock(addDays(to, 1), 0, tz).getTime();
    const offsetMs = offsetMinutes(new Date(fromMs), tz) * 60_000;

    const data = await this.ctx.db.read(async (q) => ({
      dayHour: await reportsDb.ticketCountsByDayHour(q, from, to, offsetMs),
      groups: await reportsDb.ticketCountsByGroup(q, from, to),
      waits: await reportsDb.waitingHistogram(q, from, to),
      services: await reportsDb.serviceHistogram(q, from, to),
      scores: await reportsDb.scoreCounts(q, fromMs, toMs, from, to),
      fields: await reportsDb.fieldNames(q),
      counters: await reportsDb.counterNames(q),
      clerks: await reportsDb.clerkNames(q),
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
      const counts = new Map<number | null, TicketCountsDto>();
      for (const r of data.groups) {
        const k = r[key];
        let c = counts.get(k);
        if (!c) counts.set(k, (c = emptyCounts()));
        addCounts(c, r);
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
