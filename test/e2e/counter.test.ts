/**
 * A clerk's morning at counter 1, in Debian's Chromium against the real
 * server: sign in, open the counter, call (F1), recall (F2), no-show (F3)
 * and re-call, transfer (F4), receive a dossier with its printed receipt
 * (F6), finish (F5) → the rating pad at the counter asks and records the
 * rating; a second clerk in a third page never gets the same ticket.
 * Screenshots of the clerk screen, the receipt and the pad go to
 * test-output/screenshots/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { CapturePrinter } from '../helpers/capture-printer';
import { KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';
import { CounterPage } from './pages/counter-page';
import { RatingPadPage } from './pages/rating-pad-page';

/** Waits for what the screen shows; generous, the machine may be busy. */
const POLL = { timeout: 20_000 };

let browser: Browser;
let ts: TestServer;
const pages: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close();
  await ts?.cleanup();
});

async function issue(fieldId: number, priority: string | null = null): Promise<string> {
  const res = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId, priority } });
  expect(res.status).toBe(201);
  return res.body.number as string;
}

describe('counter terminal', () => {
  it('the clerk sees the kiosk printer out of paper, with the tickets it holds, until paper is back', async () => {
    const printer = new CapturePrinter({ state: 'paper-out' });
    await printer.start(0);
    try {
      ts = await startTestServer({
        demoPrinter: printer.address,
        printBackoffMs: () => 200,
        printStatusPollMs: 300,
      });
      const ids = await demoIds(ts.url);
      const clerk = await CounterPage.signIn(browser, ts.url, 'canbo1');
      pages.push(clerk);
      await clerk.openCounter(1);
      const alert = clerk.page.getByTestId('printer-alert');
      await expect.poll(() => alert.textContent(), POLL).toBe('Máy in của Kiosk sảnh chính hết giấy.');
      expect(await issue(ids.field('HT'))).toBe('A001');
      await expect
        .poll(() => alert.textContent(), POLL)
        .toBe('Máy in của Kiosk sảnh chính hết giấy — 1 phiếu đang chờ in.');
      await clerk.shot('counter-printer-paper-out');
      printer.state = 'online';
      await printer.received(1);
      await expect.poll(() => alert.count(), POLL).toBe(0);
    } finally {
      await printer.stop();
    }
  });

  it('a whole morning: call, recall, no-show and re-call, transfer, dossier with receipt, finish and rating', async () => {
    // Wednesday 25/11/2026: citizens take numbers from 07:30
    ts = await startTestServer({ start: '2026-11-25T07:30:00+07:00' });
    const ids = await demoIds(ts.url);
    expect(await issue(ids.field('HT'))).toBe('A001');
    ts.clock.advanceMinutes(4);
    expect(await issue(ids.field('HT'), 'elderly')).toBe('A002');
    ts.clock.advanceMinutes(3);
    expect(await issue(ids.field('HT'))).toBe('A003');
    ts.clock.advanceMinutes(2);
    expect(await issue(ids.field('CT'))).toBe('B001');
    expect(await issue(ids.field('HT'))).toBe('A004');
    ts.clock.set('2026-11-25T07:58:00+07:00');

    const pad = await RatingPadPage.pair(browser, ts.url, 1);
    pages.push(pad);
    const clerk = await CounterPage.signIn(browser, ts.url, 'canbo1');
    pages.push(clerk);
    expect(await clerk.page.getByTestId('counter-card-1').textContent()).toContain('Quầy của bạn');
    await clerk.shot('counter-pick');
    await clerk.openCounter(1);
    expect(await clerk.waitingNumbers()).toEqual(['A001', 'A002', 'A003', 'B001', 'A004']);
    expect(await clerk.page.getByTestId('waiting-list').textContent()).toContain('Người cao tuổi');
    expect(await clerk.page.locator('.legend').textContent()).toContain('F1 Gọi số tiếp theo');
    await expect.poll(() => pad.idleText(), POLL).toContain('Nguyễn Thị Hà');
    expect(await pad.idleText()).toContain('Quầy 1');
    await pad.shot('rating-pad-idle');

    // a second clerk at counter 2 (same fields) works in a third page
    const clerk2 = await CounterPage.signIn(browser, ts.url, 'canbo2');
    pages.push(clerk2);
    await clerk2.openCounter(2);

    // 08:00 — F1 on both screens at once: never the same ticket
    ts.clock.set('2026-11-25T08:00:00+07:00');
    const [n1, n2] = await Promise.all([clerk.callNext(), clerk2.callNext()]);
    expect(new Set([n1, n2]).size).toBe(2);
    expect([n1, n2].sort()).toEqual(['A001', 'A002']);
    await expect.poll(() => clerk.waitingNumbers(), POLL).toEqual(['A003', 'B001', 'A004']);
    await expect.poll(() => clerk2.waitingNumbers(), POLL).toEqual(['A003', 'B001', 'A004']);
    // what counter 1 serves, counter 2 can't take
    const token2 = await login(ts.url, 'canbo2');
    const mine = await call(ts.url, 'GET', `/api/counters/${ids.counter(1)}/state`, { auth: { token: token2 } });
    const ticketOf1 = mine.body.counter.currentTicket.id as string;
    const steal = await call(ts.url, 'POST', `/api/tickets/${ticketOf1}/finish`, { auth: { token: token2 } });
    expect(steal.status).toBe(409);
    expect(steal.body.error.code).toBe('TICKET_NOT_AT_YOUR_COUNTER');
    // F1 while serving explains what to do first and calls nobody
    await clerk.press('F1');
    await expect
      .poll(() => clerk.page.getByTestId('notice').textContent(), POLL)
      .toContain('Hãy kết thúc (F5) hoặc đánh dấu vắng mặt (F3)');
    expect(await clerk.currentNumber()).toBe(n1);
    await expect.poll(() => clerk.waitingNumbers(), POLL).toEqual(['A003', 'B001', 'A004']);

    // the citizen does not come: recall (F2), then no-show (F3)
    const first = n1;
    await clerk.press('F2');
    await expect.poll(() => clerk.current.textContent(), POLL).toContain('đã gọi lại 1 lần');
    await clerk.shot('counter-serving');
    await clerk.press('F3');
    await clerk.waitForCurrent(null);
    await expect.poll(() => clerk.skippedNumbers(), POLL).toEqual([first]);

    // next citizen (A003) belongs elsewhere: transfer to Chứng thực, keeping the place
    ts.clock.set('2026-11-25T08:06:00+07:00');
    expect(await clerk.callNext()).toBe('A003');
    await clerk.transferToField('Chứng thực');
    await clerk.waitForCurrent(null);
    await expect.poll(() => clerk.waitingNumbers(), POLL).toEqual(['A003', 'B001', 'A004']);
    const a3 = (
      await call(ts.url, 'GET', `/api/counters/${ids.counter(1)}/state`, { auth: { token: token2 } })
    ).body.waiting.find((t: { number: string }) => t.number === 'A003');
    expect(a3).toMatchObject({ status: 'waiting', fieldCode: 'CT' });

    // the no-show comes back: call them again from the list
    ts.clock.set('2026-11-25T08:10:00+07:00');
    await clerk.callSkippedAgain(first);
    expect(await clerk.skippedNumbers()).toEqual([]);

    // receive a dossier (F6): a bad CCCD is caught before sending
    ts.clock.set('2026-11-25T08:14:00+07:00');
    const form = await clerk.fillDossier({
      procedure: 'tinh trang hon nhan',
      fullName: 'Trần Thị Bích Ngọc',
      idNumber: '09920300456',
      phone: '0912 345 678',
      address: 'Thôn Đông, xã Hòa An',
      documents: 3,
    });
    expect(await form.textContent()).toContain('Số CCCD phải có đúng 12 chữ số');
    await form.locator('input[name="idNumber"]').fill('001203004567');
    await expect.poll(() => form.getByTestId('appointment-preview').textContent(), POLL).toContain('30/11/2026');
    await clerk.shot('counter-receive-dossier');
    const dossier = await clerk.submitDossier();
    expect(dossier.code).toBe('X12.34-261125-0001');
    expect(dossier.due).toContain('08:30');
    expect(dossier.due).toContain('30/11/2026');
    await clerk.shot('counter-dossier-received');

    // the printed receipt (Mẫu 01): two A5 copies on one A4 landscape sheet
    const receipt = await clerk.openReceipt(dossier.receiptHref);
    const text = (await receipt.locator('body').textContent()) ?? '';
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Trần Thị Bích Ngọc');
    expect(text).toContain('Cấp Giấy xác nhận tình trạng hôn nhân');
    expect(text).toContain('3 ngày làm việc');
    expect(text).toContain('08 giờ 14 phút, ngày 25/11/2026');
    expect(text).toContain('08 giờ 30 phút, ngày 30/11/2026');
    expect(text).toContain('Quyển số: 2026, Số thứ tự: 1');
    expect(await receipt.getByTestId('dossier-code').allTextContents()).toEqual([dossier.code, dossier.code]);
    expect(await receipt.locator('.qr svg').count()).toBe(2);
    expect(text).toContain('Liên 1: Giao người nộp hồ sơ');
    await receipt.screenshot({ path: 'test-output/screenshots/counter-receipt-mau-01.png', fullPage: true });
    await receipt.close();
    await clerk.closeDialog();
    expect(await clerk.page.getByTestId('visit-dossiers').textContent()).toContain(dossier.code);

    // finish (F5) → the pad at counter 1 asks the citizen
    ts.clock.set('2026-11-25T08:20:00+07:00');
    await clerk.press('F5');
    await clerk.waitForCurrent(null);
    const question = await pad.waitForQuestion();
    expect(question).toContain('Ông/Bà có hài lòng với sự phục vụ của chúng tôi không?');
    expect(question).toContain(first);
    for (const label of ['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng'])
      expect(question).toContain(label);
    await pad.shot('rating-pad-question');
    await pad.tapScore('Không hài lòng');
    await pad.tapReason('Thời gian chờ lâu');
    await pad.shot('rating-pad-reason');
    await pad.send();
    expect(await pad.waitForThanks()).toContain('Xin cảm ơn Ông/Bà!');
    await pad.shot('rating-pad-thanks');

    const rating = await ts.server.db.read((q) =>
      q.get<{
        score: number;
        reasons: string;
        counter_id: number;
        clerk_id: number;
        field_id: number;
        source: string;
        ticket_id: string;
      }>('SELECT r.*, t.number FROM ratings r JOIN tickets t ON t.id = r.ticket_id'),
    );
    const clerkId = (await call(ts.url, 'GET', '/api/auth/me', { auth: { token: await login(ts.url, 'canbo1') } })).body
      .id;
    expect(rating).toMatchObject({
      score: 1,
      reasons: '["long_wait"]',
      counter_id: ids.counter(1),
      clerk_id: clerkId,
      field_id: ids.field('HT'),
      source: 'device',
      ticket_id: ticketOf1,
    });
    // one rating per ticket
    const again = await call(ts.url, 'POST', '/api/ratings', {
      auth: { deviceKey: 'demo-rating-1' },
      body: { ticketId: ticketOf1, score: 4 },
    });
    expect(again.status).toBe(409);
    // a pad can't rate a ticket served elsewhere
    const ticketOf2 = (await call(ts.url, 'GET', `/api/counters/${ids.counter(2)}/state`, { auth: { token: token2 } }))
      .body.counter.currentTicket.id;
    const elsewhere = await call(ts.url, 'POST', '/api/ratings', {
      auth: { deviceKey: 'demo-rating-1' },
      body: { ticketId: ticketOf2, score: 4 },
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('NOT_SERVED_HERE');

    // the day's own figures, then a pause with a reason and back
    await expect.poll(() => clerk.served(), POLL).toBe('1');
    await clerk.shot('counter-after-visit');
    await clerk.pause('Họp cơ quan');
    expect(await clerk.page.locator('.alert.paused').textContent()).toContain('Họp cơ quan');
    await clerk.press('F8');
    await clerk.page.locator('.alert.paused').waitFor({ state: 'detached' });

    // everything the clerk did is in the audit log with who and when
    const actions = await ts.server.db.read((q) =>
      q.all<{ action: string }>('SELECT action FROM audit_log WHERE actor_kind = ? AND actor_id = ? ORDER BY id', [
        'staff',
        clerkId,
      ]),
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'counter.opened',
        'ticket.called',
        'ticket.recalled',
        'ticket.skipped',
        'ticket.transferred',
        'dossier.received',
        'ticket.finished',
        'counter.paused',
        'counter.resumed',
      ]),
    );
  }, 180_000); // a whole morning of steps in a real browser: long on a loaded 2-core machine

  it('the rating pad gives up after 30 s without an answer, sends a lowest score without reasons, and speaks English on request', async () => {
    ts = await startTestServer();
    const ids = await demoIds(ts.url);
    const token = await login(ts.url, 'canbo1');
    const pad = await RatingPadPage.pair(browser, ts.url, 1, { fakeClock: true });
    pages.push(pad);
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
    await expect.poll(() => pad.idleText(), POLL).toContain('Nguyễn Thị Hà');

    const serveOne = async () => {
      await issue(ids.field('HT'));
      const called = await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token } });
      await call(ts.url, 'POST', `/api/tickets/${called.body.ticket.id}/finish`, { auth: { token } });
      return called.body.ticket.id as string;
    };
    const ratings = () =>
      ts.server.db.read((q) => q.all<{ ticket_id: string; score: number; reasons: string }>('SELECT * FROM ratings'));

    // nobody answers: after 30 s the pad is idle again and nothing is recorded
    await serveOne();
    await pad.waitForQuestion();
    await pad.wait(31_000);
    await pad.waitForIdle();
    expect(await ratings()).toEqual([]);

    // the lowest score, then the citizen walks away from the reasons: the score still counts
    const second = await serveOne();
    await pad.waitForQuestion();
    await pad.tapScore('Không hài lòng');
    await pad.page.getByTestId('pad-reason').waitFor();
    await pad.wait(31_000);
    await pad.waitForThanks();
    expect(await ratings()).toMatchObject([{ ticket_id: second, score: 1, reasons: '[]' }]);
    await pad.wait(6_000);
    await pad.waitForIdle();

    // English for a foreign visitor
    await pad.switchLanguage();
    await serveOne();
    expect(await pad.waitForQuestion()).toContain('Are you satisfied with our service?');
    await pad.tapScore('Very satisfied');
    expect(await pad.waitForThanks()).toContain('Thank you!');
    await pad.shot('rating-pad-english');
    expect((await ratings()).map((r) => r.score)).toEqual([1, 4]);
  }, 120_000);

  it('returning a late result: the clerk is told to issue the apology slip (Mẫu 04) first, then returns it', async () => {
    ts = await startTestServer();
    const token = await login(ts.url, 'canbo1');
    const ids = await demoIds(ts.url);
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token } });
    const d = (
      await call(ts.url, 'POST', '/api/dossiers', {
        auth: { token },
        body: { procedureCode: '1.004873', applicant: { fullName: 'Phạm Văn Hùng' }, channel: 'direct' },
      })
    ).body as { id: number; code: string };
    // due Monday 30/11 09:00; the result is ready only on Tuesday 1/12
    ts.clock.set('2026-12-01T10:00:00+07:00');
    const t2 = await login(ts.url, 'canbo1');
    await call(ts.url, 'POST', `/api/dossiers/${d.id}/resolve`, { auth: { token: t2 }, body: {} });

    const clerk = await CounterPage.signIn(browser, ts.url, 'canbo1');
    pages.push(clerk);
    await clerk.page.locator('.counter-bar').waitFor();
    const detail = await clerk.findDossier(d.code.toLowerCase());
    expect(await detail.textContent()).toContain('Trễ hẹn');
    expect(await detail.textContent()).toContain('cần lập phiếu xin lỗi (Mẫu 04) trước khi trả kết quả');
    await clerk.dossierAction('Trả kết quả cho công dân');
    await expect
      .poll(() => clerk.page.getByTestId('dossier-dialog').locator('.alert.error').first().textContent(), POLL)
      .toContain('Mẫu 04');

    await clerk.dossierAction('Lập văn bản xin lỗi, gia hạn (Mẫu 04)', {
      reason: 'Phải xác minh thông tin tại nơi cư trú trước đây',
      newDueAt: '2026-12-02',
      signedBy: 'Lê Văn Cường',
      signerTitle: 'Chủ tịch UBND xã',
    });
    await expect.poll(() => detail.textContent(), POLL).toContain('Hẹn lại');
    expect(await detail.textContent()).toContain('Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết');
    await clerk.shot('counter-dossier-late');
    await clerk.dossierAction('Trả kết quả cho công dân');
    await expect.poll(() => detail.textContent(), POLL).toContain('Đã trả kết quả');
    const after = await call(ts.url, 'GET', `/api/dossiers/${d.id}`, { auth: { token: t2 } });
    expect(after.body).toMatchObject({ status: 'returned', late: true, dueAt: '2026-11-30T09:00:00+07:00' });
  }, 120_000);
});
