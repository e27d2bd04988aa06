/**
 * Office administration against the real server: importing a whole
 * procedure catalog (CSV and Excel, all or nothing in one transaction),
 * and the backup download of an office with a busy day's queue.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/app';

const PROCEDURES = 2000;
const TICKETS = 3000;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-admin-'));
  const server = await startServer({ dataDir, demo: true, demoPassword: 'demo123' });
  try {
    const url = server.url;
    const login = (await (
      await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'demo123' }),
      })
    ).json()) as { token: string };
    const auth = { authorization: `Bearer ${login.token}` };
    const fields = ['HT', 'CT', 'DD', 'LD', 'XD', 'KD'];
    const rows = Array.from({ length: PROCEDURES }, (_, i) => [
      `9.${String(100000 + i)}`,
      `Thủ tục hành chính thử nghiệm số ${i + 1} về đăng ký, cấp giấy xác nhận`,
      fields[i % fields.length]!,
      String((i % 15) + 1),
      '50.000 đồng/hồ sơ',
      'Tờ khai; Bản sao giấy tờ tùy thân; Giấy ủy quyền (nếu có)',
      'Trực tiếp; Trực tuyến; Bưu chính',
    ]);
    const header = [
      'Mã TTHC',
      'Tên thủ tục',
      'Lĩnh vực',
      'Thời hạn giải quyết',
      'Phí, lệ phí',
      'Thành phần hồ sơ',
      'Cách thức thực hiện',
    ];
    const csv = [header, ...rows].map((r) => r.map((c) => `"${c}"`).join(',')).join('\n');
    const [csvRes, csvMs] = await timed(async () =>
      (
        await fetch(`${url}/api/admin/procedures/import`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'text/csv' },
          body: csv,
        })
      ).json(),
    );
    console.log(
      `catalog import, CSV ${(csv.length / 1024).toFixed(0)} kB, ${PROCEDURES} procedures (new): ${csvMs.toFixed(0)} ms → ${JSON.stringify(csvRes)}`,
    );

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('TTHC');
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const [xlsxRes, xlsxMs] = await timed(async () =>
      (
        await fetch(`${url}/api/admin/procedures/import`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
          body: xlsx,
        })
      ).json(),
    );
    console.log(
      `catalog import, Excel ${(xlsx.length / 1024).toFixed(0)} kB, ${PROCEDURES} procedures (updates): ${xlsxMs.toFixed(0)} ms → ${JSON.stringify(xlsxRes)}`,
    );

    const badCsv = csv + '\n"","thiếu mã","HT","3","","",""';
    const [, badMs] = await timed(async () =>
      (
        await fetch(`${url}/api/admin/procedures/import`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'text/csv' },
          body: badCsv,
        })
      ).json(),
    );
    console.log(`catalog import refused (1 bad line in ${PROCEDURES + 1}), nothing stored: ${badMs.toFixed(0)} ms`);

    const fieldList = (await (await fetch(`${url}/api/fields`)).json()) as Array<{
      id: number;
      dailyCap: number | null;
    }>;
    const open = fieldList.filter((f) => f.dailyCap === null);
    for (let i = 0; i < TICKETS; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          fetch(`${url}/api/tickets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-device-key': 'demo-kiosk-1' },
            body: JSON.stringify({ fieldId: open[(i + j) % open.length]!.id }),
          }),
        ),
      );
    }
    // a backup while kiosks keep issuing: the copy is consistent, the kiosks wait at most one copy
    let during = 0;
    let issuing = true;
    const kiosk = (async () => {
      while (issuing) {
        await fetch(`${url}/api/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-device-key': 'demo-kiosk-1' },
          body: JSON.stringify({ fieldId: open[0]!.id }),
        });
        during++;
      }
    })();
    const [bytes, backupMs] = await timed(async () =>
      (await fetch(`${url}/api/admin/backup`, { headers: auth })).arrayBuffer(),
    );
    issuing = false;
    await kiosk;
    console.log(
      `backup download with ${TICKETS} tickets and ${PROCEDURES} procedures: ${(bytes.byteLength / 1024).toFixed(0)} kB in ${backupMs.toFixed(0)} ms (${during} tickets issued meanwhile)`,
    );
    const [daily, dailyMs] = await timed(() => server.services.backup.runDaily());
    console.log(`daily backup to DATA_DIR/backups: ${dailyMs.toFixed(0)} ms (${daily ? 'written' : 'existed'})`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
