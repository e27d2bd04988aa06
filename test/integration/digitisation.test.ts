/**
 * Digitisation at reception (Decree 118 Art. 17): per document, digitised
 * (the scan kept under DATA_DIR with its page count) or reused; at the
 * result, issued electronically. Real server, real files on disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
let token: string;
beforeEach(async () => {
  ts = await startTestServer();
  token = await login(ts.url, 'canbo1');
  const ids = await demoIds(ts.url);
  await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
});
afterEach(async () => {
  await ts.cleanup();
});

async function upload(id: number, index: number, body: Buffer, type: string, pages?: number) {
  const res = await fetch(
    `${ts.url}/api/dossiers/${id}/documents/${index}/file${pages === undefined ? '' : `?pages=${pages}`}`,
    { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: new Uint8Array(body) },
  );
  return { status: res.status, body: (await res.json()) as any };
}

describe('digitised documents', () => {
  it('are recorded at reception, their scans stored under DATA_DIR, e-results at the result', async () => {
    const d = await call(ts.url, 'POST', '/api/dossiers', {
      auth: { token },
      body: {
        procedureCode: '1.004873',
        applicant: { fullName: 'Đỗ Thị Lan' },
        channel: 'direct',
        documents: [
          { name: 'Tờ khai', copy: 'original', count: 1 },
          { name: 'Căn cước', copy: 'copy', count: 1, digitisation: { kind: 'reused' } },
        ],
      },
    });
    expect(d.status).toBe(201);
    expect(d.body.documents[1].digitisation).toEqual({ kind: 'reused' });

    // bad input: a scanned document needs its pages; a Word file is no scan; no 3rd document
    const noPages = await call(ts.url, 'POST', '/api/dossiers', {
      auth: { token },
      body: {
        procedureCode: '1.004873',
        applicant: { fullName: 'X' },
        channel: 'direct',
        documents: [{ name: 'Tờ khai', copy: 'original', count: 1, digitisation: { kind: 'scanned' } }],
      },
    });
    expect(noPages.status).toBe(400);
    expect(noPages.body.error.message).toContain('Giấy tờ đã quét cần có số trang');
    const pdf = Buffer.from('%PDF-1.4\n% bản quét tờ khai\n%%EOF\n');
    expect((await upload(d.body.id, 0, pdf, 'application/msword', 2)).status).toBe(415);
    expect((await upload(d.body.id, 2, pdf, 'application/pdf', 2)).status).toBe(404);
    const missingPages = await upload(d.body.id, 0, pdf, 'application/pdf');
    expect(missingPages.status).toBe(400);
    expect((await call(ts.url, 'GET', `/api/dossiers/${d.body.id}`, { auth: { token } })).body.documents[0]).toEqual({
      name: 'Tờ khai',
      copy: 'original',
      count: 1,
    });

    const up = await upload(d.body.id, 0, pdf, 'application/pdf', 2);
    expect(up.status).toBe(200);
    const dg = up.body.documents[0].digitisation;
    expect(dg).toMatchObject({ kind: 'scanned', pages: 2 });
    const stored = join(ts.dataDir, 'dossier-files', dg.file);
    expect(existsSync(stored)).toBe(true);
    expect(readFileSync(stored)).toEqual(pdf);

    // the control slip shows it
    const slip = await call<string>(ts.url, 'GET', `/api/dossiers/${d.body.id}/forms/06.html`, { auth: { token } });
    expect(slip.body).toContain('Tờ khai (đã số hóa, 2 trang); Căn cước (tái sử dụng dữ liệu đã số hóa)');

    const resolved = await call(ts.url, 'POST', `/api/dossiers/${d.body.id}/resolve`, {
      auth: { token },
      body: { electronic: true },
    });
    expect(resolved.body.resultElectronic).toBe(true);
    const slip2 = await call<string>(ts.url, 'GET', `/api/dossiers/${d.body.id}/forms/06.html`, { auth: { token } });
    expect(slip2.body).toContain('Kết quả giải quyết được cấp dưới dạng điện tử.');

    // exported: the CSV says it, and an export imports back with the electronic result
    const sup = await login(ts.url, 'giamsat');
    const csv = await call<string>(
      ts.url,
      'GET',
      '/api/reports/dossiers/export?from=2026-11-25&to=2026-11-25&format=csv',
      {
        auth: { token: sup },
      },
    );
    const [header, line] = csv.body.trimEnd().split('\r\n');
    expect(header!.endsWith(',resultElectronic,documentsScanned,documentsReused')).toBe(true);
    expect(line!.endsWith(',1,1,1')).toBe(true);
    const ts2 = await startTestServer();
    try {
      const sup2 = await login(ts2.url, 'giamsat');
      const imp = await call(ts2.url, 'POST', '/api/dossiers/import', {
        auth: { token: sup2 },
        rawBody: csv.body,
        headers: { 'content-type': 'text/csv' },
      });
      expect(imp.body).toEqual({ imported: 1, rejected: [] });
      const x = await call(ts2.url, 'GET', '/api/reports/index766?from=2026-11-25&to=2026-11-25', {
        auth: { token: sup2 },
      });
      const results = x.body.groups.find((g: { key: string }) => g.key === 'digitisation').parts[0];
      expect(results).toMatchObject({ key: 'results', numerator: 1, denominator: 1, score: 6 });
    } finally {
      await ts2.cleanup();
    }
  });
});
