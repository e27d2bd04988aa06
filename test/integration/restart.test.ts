/** A restart mid-day resumes the day exactly (nothing lost, same numbers, same counters). */
import { afterEach, describe, expect, it } from 'vitest';
import {
  DISPLAY,
  KIOSK,
  call,
  connect,
  demoIds,
  login,
  nextEvent,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let ts: TestServer;
afterEach(async () => {
  await ts.cleanup();
});

describe('restart on the same data dir', () => {
  it('the queue, counters, sessions and numbering are exactly as they were', async () => {
    ts = await startTestServer();
    const ids = await demoIds(ts.url);
    const token = await login(ts.url, 'canbo1');
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
    for (let i = 0; i < 5; i++) {
      await call(ts.url, 'POST', '/api/tickets', {
        auth: KIOSK,
        body: { fieldId: ids.field('HT'), priority: i === 3 ? 'pregnant' : null },
      });
      ts.clock.advanceMinutes(2);
    }
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });

    const before = {
      fields: (await call(ts.url, 'GET', '/api/fields')).body,
      counters: (await call(ts.url, 'GET', '/api/counters', { auth: { token } })).body,
      state: (await call(ts.url, 'GET', `/api/counters/${ids.counter(1)}/state`, { auth: { token } })).body,
    };
    expect(before.counters[0].currentTicket.number).toBe('A001');

    ts = await ts.restart();
    const after = {
      fields: (await call(ts.url, 'GET', '/api/fields')).body,
      // the clerk's session survives the restart
      counters: (await call(ts.url, 'GET', '/api/counters', { auth: { token } })).body,
      state: (await call(ts.url, 'GET', `/api/counters/${ids.counter(1)}/state`, { auth: { token } })).body,
    };
    expect(after.fields).toEqual(before.fields);
    expect(after.counters).toEqual(before.counters);
    const { serverTime: _a, ...stateAfter } = after.state;
    const { serverTime: _b, ...stateBefore } = before.state;
    expect(stateAfter).toEqual(stateBefore);

    const board = await connect(ts.url, DISPLAY);
    const snap = await nextEvent(board, 'board:state');
    expect(snap.counters.find((c) => c.number === 1)?.currentNumber).toBe('A001');
    board.disconnect();

    // numbering continues, the queue order continues
    const t6 = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    expect(t6.body.number).toBe('A006');
    const next = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });
    expect(next.body.ticket.number).toBe('A002');
  });
});
