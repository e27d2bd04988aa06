/**
 * The province administrator's routes (/api/province/…), served by the
 * home office: offices, and every office's figures with the province's.
 * Each office's figures come from its owner (province/province.ts `rpc`).
 */
import { Router, type Response } from 'express';
import { DomainError } from '../domain/errors';
import type { Index766Config, Index766Counts } from '../domain/index766';
import { computeIndex766 } from '../domain/index766';
import { provinceIndex766, provinceQueue, type OfficeQueueFigures } from '../domain/province';
import { satisfaction } from '../domain/reports';
import type { FieldWaiting } from '../protocol/dto';
import type { QueueReportDto } from '../protocol/reports';
import { periodQuerySchema } from '../protocol/reports';
import {
  officeCreateSchema,
  type OfficeCreatedDto,
  type ProvinceIndex766Dto,
  type ProvinceOfficeDto,
  type ProvinceQueueDto,
} from '../protocol/province';
import type { Province } from '../province/province';
import * as provinceDb from '../db/queries/province';
import { requireStaff } from './auth';
import type { Services } from './services';
import { parse } from './validate';

async function requireProvinceAdmin(s: Services, res: Response): Promise<void> {
  const staff = requireStaff(res, ['admin']);
  if (!(await s.ctx.db.read((q) => provinceDb.isProvinceAdmin(q, staff.id)))) {
    throw new DomainError('FORBIDDEN', 'Chỉ quản trị viên cấp tỉnh mới dùng được chức năng này.', 403);
  }
}

export function provinceRoutes(province: Province): (s: Services) => Router {
  return (s) => {
    const r = Router();

    r.get('/province/offices', async (_req, res) => {
      await requireProvinceAdmin(s, res);
      const body: ProvinceOfficeDto[] = await Promise.all(
        province.offices().map(async (o) => {
          const waiting = await province
            .rpc<FieldWaiting[]>(o.code, 'today', [])
            .then((w) => w.reduce((n, f) => n + f.waiting, 0))
            .catch(() => null);
          return { code: o.code, name: o.name, basePath: o.basePath, owner: o.owner, waiting };
        }),
      );
      res.json(body);
    });

    r.post('/province/offices', async (req, res) => {
      await requireProvinceAdmin(s, res);
      const body = parse(officeCreateSchema, req.body);
      const created: OfficeCreatedDto = await province.createOffice(body);
      res.status(201).json(created);
    });

    r.get('/province/reports/index766', async (req, res) => {
      await requireProvinceAdmin(s, res);
      const { from, to } = parse(periodQuerySchema, req.query, 'query');
      const offices = province.offices();
      const parts = await Promise.all(
        offices.map((o) =>
          province.rpc<{ counts: Index766Counts; config: Index766Config }>(o.code, 'index766Counts', [from, to]),
        ),
      );
      const home = parts[offices.findIndex((o) => o.basePath === '')] ?? parts[0]!;
      const body: ProvinceIndex766Dto = {
        from,
        to,
        offices: offices.map((o, i) => ({
          code: o.code,
          name: o.name,
          groups: computeIndex766(parts[i]!.counts, parts[i]!.config),
        })),
        province: {
          groups: provinceIndex766(
            parts.map((p) => p.counts),
            home.config,
          ),
        },
      };
      res.json(body);
    });

    r.get('/province/reports/queue', async (req, res) => {
      await requireProvinceAdmin(s, res);
      const { from, to } = parse(periodQuerySchema, req.query, 'query');
      const offices = province.offices();
      const reports = await Promise.all(
        offices.map((o) => province.rpc<QueueReportDto>(o.code, 'queueReport', [from, to])),
      );
      const figures = reports.map(queueFigures);
      const body: ProvinceQueueDto = {
        from,
        to,
        offices: offices.map((o, i) => {
          const f = figures[i]!;
          const sat = satisfaction(f.ratings);
          return { code: o.code, name: o.name, ...f, answers: sat.answers, satisfied: sat.satisfied };
        }),
        province: provinceQueue(figures),
      };
      res.json(body);
    });

    return r;
  };
}

function queueFigures(r: QueueReportDto): OfficeQueueFigures {
  const c = r.satisfaction.counts as unknown as Record<string, number>;
  return {
    issued: r.tickets.issued,
    served: r.tickets.served,
    noShow: r.tickets.noShow,
    waiting: { count: r.waitingTime.count, mean: r.waitingTime.mean },
    service: { count: r.serviceTime.count, mean: r.serviceTime.mean },
    ratings: { 4: c['4'] ?? 0, 3: c['3'] ?? 0, 2: c['2'] ?? 0, 1: c['1'] ?? 0 },
  };
}
