/**
 * Two kiosks pressing at the same instant never get the same number
 * (NovoSGA had duplicates under load, its issue #290).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts.cleanup();
});

describe('concurrent ticket issuing', () => {
  it('240 simultaneous requests over 3 fields give unique, gap-free numbers per field', async () => {
    const ids = await demoIds(ts.url);
    const fieldCodes = ['HT', 'DD', 'KD'];
    const token = await login(ts.url, 'canbo1');
    const requests = Array.from({ length: 240 }, (_, i) => {
      const code = fieldCodes[i % 3]!;
      // a third of them come from a clerk, the rest from the kiosk
      const auth = i % 5 === 0 ? { token } : KIOSK;
      return call(ts.url, 'POST', '/api/tickets', {
        auth,
        body: { fieldId: ids.field(code), priority: i % 7 === 0 ? 'elderly' : null },
      });
    });
    const results = await Promise.all(requests);
    expect(results.map((r) => r.status)).toEqual(Array(240).fill(201));

    for (const code of fieldCodes) {
      const mine = results.filter((r) => r.body.fieldId === ids.field(code)).map((r) => r.body);
      expect(mine).toHaveLength(80);
      const seqs = mine.map((t) => t.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
      expect(new Set(mine.map((t) => t.number)).size).toBe(80);
    }
    const kd = results
      .filter((r) => r.body.fieldCode === 'KD')
      .map((r) => Number(r.body.number))
      .sort((a, b) => a - b);
    expect(kd[0]).toBe(1001);
    expect(kd[79]).toBe(1080);

    // and the database agrees: no duplicate (field, day, seq)
    const dup = await ts.server.db.read((q) =>
      q.all(
        'SELECT origin_field_id, seq, count(*) AS n FROM tickets GROUP BY origin_field_id, service_day, seq HAVING count(*) > 1',
      ),
    );
    expect(dup).toEqual([]);
    const fields = (await call(ts.url, 'GET', '/api/fields')).body;
    expect(fields.find((f: { code: string }) => f.code === 'HT').waiting).toBe(80);
  });

  it('two clerks pressing "call next" at once never get the same ticket', async () => {
    const ids = await demoIds(ts.url);
    const a = await login(ts.url, 'canbo1');
    const b = await login(ts.url, 'canbo2');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: a } });
    await call(ts.url, 'POST', `/api/counters/${ids.counter(2)}/open`, { auth: { token: b } });
    const called: string[] = [];
    for (let round = 0; round < 20; round++) {
      const [ra, rb] = await Promise.all([
        call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: a } }),
        call(ts.url, 'POST', `/api/counters/${ids.counter(2)}/call-next`, { auth: { token: b } }),
      ]);
      called.push(ra.body.ticket.id, rb.body.ticket.id);
    }
    expect(new Set(called).size).toBe(40);
  });
});
