import type { Executor } from '../database';
import type { PrintJob } from '../../printing/print-queue';

interface PrintJobRow {
  id: string;
  printer_id: string;
  data: Buffer;
  label: string | null;
  created_at: number;
  attempts: number;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: number | null;
}

const toJob = (r: PrintJobRow): PrintJob => ({
  id: r.id,
  printerId: r.printer_id,
  data: new Uint8Array(r.data),
  createdAt: new Date(r.created_at),
  attempts: r.attempts,
  ...(r.label !== null ? { label: r.label } : {}),
  ...(r.last_error_code !== null
    ? {
        lastError: { code: r.last_error_code, message: r.last_error_message ?? '', at: new Date(r.last_error_at ?? 0) },
      }
    : {}),
});

/** Inserts the job or updates its attempts and last error. */
export async function savePrintJob(q: Executor, job: PrintJob): Promise<void> {
  await q.run(
    `INSERT INTO print_jobs (id, printer_id, data, label, created_at, attempts, last_error_code, last_error_message, last_error_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET attempts = excluded.attempts, last_error_code = excluded.last_error_code,
       last_error_message = excluded.last_error_message, last_error_at = excluded.last_error_at`,
    [
      job.id,
      job.printerId,
      Buffer.from(job.data),
      job.label ?? null,
      job.createdAt.getTime(),
      job.attempts,
      job.lastError?.code ?? null,
      job.lastError?.message ?? null,
      job.lastError?.at.getTime() ?? null,
    ],
  );
}

export async function deletePrintJob(q: Executor, id: string): Promise<void> {
  await q.run('DELETE FROM print_jobs WHERE id = ?', [id]);
}

/** Pending jobs, oldest first. */
export async function listPrintJobs(q: Executor): Promise<PrintJob[]> {
  return (await q.all<PrintJobRow>('SELECT * FROM print_jobs ORDER BY created_at, id')).map(toJob);
}
