/** What anyone may read: health, the fields a kiosk offers, the catalog, one ticket. */
import { Router } from 'express';
import * as fieldsDb from '../db/queries/fields';
import type { HealthDto, ProcedureDto } from '../protocol/dto';
import { proceduresQuerySchema, ticketIdSchema } from '../protocol/schemas';
import type { Services } from './services';
import { parse } from './validate';

/** `GET /api/health`; a province's front adds the offices this process holds (`owns`). */
export function healthBody(version: string, storage: HealthDto['storage'], owns?: string[]): HealthDto {
  return { status: 'ok', version, storage, ...(owns ? { owns } : {}) };
}

export function publicRoutes(s: Services): Router {
  const r = Router();

  r.get('/health', (_req, res) => {
    res.json(healthBody(s.version, s.ctx.db.kind));
  });

  r.get('/fields', async (_req, res) => {
    res.json(await s.queue.listFields());
  });

  r.get('/procedures', async (req, res) => {
    const { fieldId } = parse(proceduresQuerySchema, req.query, 'query');
    const body: ProcedureDto[] = await s.ctx.db.read(async (q) => {
      const fields = new Map((await fieldsDb.listFields(q)).map((f) => [f.id, f]));
      return (await fieldsDb.listProcedures(q, fieldId)).map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        fieldId: p.fieldId,
        fieldCode: fields.get(p.fieldId)?.code ?? '',
        processingDays: p.processingDays,
        processingUnit: p.processingUnit,
        fees: p.fees,
      }));
    });
    res.json(body);
  });

  r.get('/tickets/:id', async (req, res) => {
    const id = parse(ticketIdSchema, req.params.id, 'id');
    res.json(await s.queue.getTicket(id));
  });

  return r;
}
