/**
 * Dossiers and the office calendar over HTTP against the real server and
 * SQLite file: reception with the appointment, the public lookup, the
 * lifecycle (Mẫu 02, 03, 04, 05, return) and the audit log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK, call, demoIds, login, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
let clerk: string;

beforeEach(async () => {
  // Wednesday 25/11/2026 09:00 in Hà Nội
  ts = await startTestServer();
  clerk = await login(ts.url, 'canbo1');
});
afterEach(async () => {
  await ts.cleanup();
});

const applicant = {
  fullName: 'Nguyễn Văn An',
  idNumber: '001203004567',
  phone: '0912345678',
  address: 'Thôn 2, xã Hòa An',
};

/** Moves the test clock (sessions last one working day, so sign in again). */
async function at(when: string): Promise<void> {
  ts.clock.set(when);
  clerk = await login(ts.url, 'canbo1');
}

async function receive(body: Record<string, unknown> = {}) {
  return call(ts.url, 'POST', '/api/dossiers', {
    auth: { token: clerk },
    body: { procedureCode: '1.004873', applicant, channel: 'direct', ...body },
  });
}

async function auditActions(): Promise<Array<{ action: string; actor_id: number | null; entity_id: string | null }>> {
  return ts.server.db.read((q) =>
    q.all<{ action: string; actor_id: number | null; entity_id: string | null }>(
      "SELECT action, actor_id, entity_id FROM audit_log WHERE entity = 'dossier' ORDER BY id",
    ),
  );
}

describe('POST /api/dossiers', () => {
  it('receives a dossier with its code and appointment (3 working days, Wednesday → Monday)', async () => {
    const res = await receive();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      code: 'X12.34-261125-0001',
      procedureCode: '1.004873',
      receivedAt: '2026-11-25T09:00:00+07:00',
      dueAt: '2026-11-30T09:00:00+07:00',
      status: 'received',
      procedureName: 'Cấp Giấy xác nhận tình trạng hôn nhân',
      applicant: { fullName: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912345678' },
      channel: 'direct',
      ledgerBook: '2026',
      ledgerLine: 1,
      clerk: { fullName: 'Nguyễn Thị Hà' },
    });
    const second = await receive({ channel: 'postal' });
    expect(second.body.code).toBe('X12.34-261125-0002');
    expect(second.body.preferredReturnChannel).toBe('postal');

    // the daily sequence restarts the next day
    await at('2026-11-26T08:00:00+07:00');
    expect((await receive()).body.code).toBe('X12.34-261126-0001');
  });

  it('gives the same appointment as GET /api/calendar/due-date', async () => {
    ts.clock.set('2026-02-12T10:07:00+07:00');
    const d = await receive({ procedureCode: '1.004227' }); // 10 working days, across Tết 2026
    const q = await call(
      ts.url,
      'GET',
      `/api/calendar/due-date?receivedAt=${encodeURIComponent(d.body.receivedAt)}&workingDays=10`,
    );
    expect(q.status).toBe(200);
    expect(q.body).toEqual({ receivedAt: '2026-02-12T10:07:00+07:00', workingDays: 10, dueAt: d.body.dueAt });
    expect(d.body.dueAt).toBe('2026-03-05T10:30:00+07:00');
  });

  it('ties a dossier to the ticket the clerk is serving, and lists a ticket’s dossiers', async () => {
    const ids = await demoIds(ts.url);
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/open`, { auth: { token: clerk } });
    const t = await call(ts.url, 'POST', '/api/tickets', { auth: KIOSK, body: { fieldId: ids.field('HT') } });
    await call(ts.url, 'POST', `/api/counters/${ids.counter(1)}/call-next`, { auth: { token: clerk } });
    const d = await receive({ ticketId: t.body.id });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ ticketId: t.body.id, counterId: ids.counter(1) });
    const list = await call(ts.url, 'GET', `/api/dossiers?ticketId=${t.body.id}`, { auth: { token: clerk } });
    expect(list.body.map((x: { code: string }) => x.code)).toEqual([d.body.code]);

    // another clerk cannot attach a dossier to a ticket they did not serve
    const other = await login(ts.url, 'canbo2');
    const bad = await call(ts.url, 'POST', '/api/dossiers', {
      auth: { token: other },
      body: { procedureCode: '1.004873', applicant, channel: 'direct', ticketId: t.body.id },
    });
    expect(bad.status).toBe(409);
    expect(bad.body.error.code).toBe('TICKET_NOT_YOURS');
  });

  it.each([
    [{ applicant: { ...applicant, idNumber: '12345' } }, 'applicant.idNumber', '12 chữ số'],
    [{ applicant: { ...applicant, idNumber: '099203004567' } }, 'applicant.idNumber', 'mã tỉnh'],
    [{ applicant: { ...applicant, fullName: '  ' } }, 'applicant.fullName', 'họ tên'],
    [{ channel: 'fax' }, 'channel', 'Hình thức nộp'],
    [{ procedureCode: '' }, 'procedureCode', 'thủ tục'],
    [{ applicant: { ...applicant, phone: '12' } }, 'applicant.phone', 'điện thoại'],
  ])('refuses bad input %# with a Vietnamese 400 naming the field, storing nothing', async (patch, field, words) => {
    const res = await receive(patch);
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe(field);
    expect(res.body.error.message).toContain(words);
    const n = await ts.server.db.read((q) => q.get<{ n: number }>('SELECT COUNT(*) AS n FROM dossiers'));
    expect(n?.n).toBe(0);
  });

  it('refuses an unknown procedure (422) and an anonymous caller (401)', async () => {
    const res = await receive({ procedureCode: '9.999999' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'PROCEDURE_NOT_FOUND', details: { field: 'procedureCode' } });
    const anon = await call(ts.url, 'POST', '/api/dossiers', {
      body: { procedureCode: '1.004873', applicant, channel: 'direct' },
    });
    expect(anon.status).toBe(401);
  });
});

describe('GET /api/dossiers/lookup', () => {
  it('answers anyone with the status and appointment, no personal data', async () => {
    const d = await receive();
    const res = await call(ts.url, 'GET', `/api/dossiers/lookup?code=${d.body.code}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: d.body.code,
      procedureName: 'Cấp Giấy xác nhận tình trạng hôn nhân',
      status: 'received',
      statusName: 'Đã tiếp nhận',
      dueAt: '2026-11-30T09:00:00+07:00',
    });
    expect(JSON.stringify(res.body)).not.toContain('Nguyễn');
    expect(JSON.stringify(res.body)).not.toContain('001203004567');
    const missing = await call(ts.url, 'GET', '/api/dossiers/lookup?code=X12.34-000000-0000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('DOSSIER_NOT_FOUND');
    expect((await call(ts.url, 'GET', '/api/dossiers/lookup')).status).toBe(400);
  });
});

describe('lifecycle', () => {
  const post = (path: string, body: unknown = {}) => call(ts.url, 'POST', path, { auth: { token: clerk }, body });

  it('supplement once (a second needs a supervisor reason), resubmit with the clock stopped, hand over, resolve, return', async () => {
    const d = (await receive()).body; // due Monday 30/11 09:00
    await at('2026-11-26T09:00:00+07:00'); // Thursday: 2 working days left
    const s1 = await post(`/api/dossiers/${d.id}/supplement`, {
      items: ['Bản sao CCCD của người yêu cầu'],
      reason: 'Thiếu giấy tờ tùy thân',
    });
    expect(s1.status).toBe(200);
    expect(s1.body).toMatchObject({ status: 'supplement', supplementCount: 1 });
    expect(s1.body.notices[0]).toMatchObject({
      form: '02',
      items: ['Bản sao CCCD của người yêu cầu'],
      issuedBy: 'Nguyễn Thị Hà',
    });

    // back on Wednesday 2/12 10:00: 2 working days from then → Friday 4/12 10:00
    await at('2026-12-02T10:00:00+07:00');
    const back = await post(`/api/dossiers/${d.id}/resubmit`);
    expect(back.body).toMatchObject({ status: 'received', dueAt: '2026-12-04T10:00:00+07:00' });

    const second = await post(`/api/dossiers/${d.id}/supplement`, {
      items: ['Giấy xác nhận cư trú'],
      reason: 'Bổ sung theo quy định mới',
    });
    expect(second.status).toBe(422);
    expect(second.body.error).toMatchObject({
      code: 'SECOND_SUPPLEMENT_NEEDS_REASON',
      details: { field: 'supervisorReason' },
    });
    const ok2 = await post(`/api/dossiers/${d.id}/supplement`, {
      items: ['Giấy xác nhận cư trú'],
      reason: 'Bổ sung theo quy định mới',
      supervisorReason: 'Phó Chủ tịch UBND xã đồng ý: văn bản mới có hiệu lực',
    });
    expect(ok2.status).toBe(200);
    await post(`/api/dossiers/${d.id}/resubmit`);

    const h = await post(`/api/dossiers/${d.id}/handover`, {
      toUnit: 'Công chức Tư pháp – Hộ tịch',
      toPerson: 'Trần Thị Bình',
    });
    expect(h.body).toMatchObject({
      status: 'processing',
      steps: [{ position: 1, toUnit: 'Công chức Tư pháp – Hộ tịch' }],
    });

    await at('2026-12-03T15:00:00+07:00');
    const r = await post(`/api/dossiers/${d.id}/resolve`, { note: 'Đã ký' });
    expect(r.body).toMatchObject({ status: 'resolved', late: false, resolvedAt: '2026-12-03T15:00:00+07:00' });
    expect(r.body.steps[1]).toMatchObject({ position: 2, status: 'early' });
    const ret = await post(`/api/dossiers/${d.id}/return`, { channel: 'counter' });
    expect(ret.body).toMatchObject({ status: 'returned', returnChannel: 'counter' });

    // finished: nothing more can happen to it
    const again = await post(`/api/dossiers/${d.id}/return`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_DOSSIER_STATUS');

    expect((await auditActions()).map((a) => a.action)).toEqual([
      'dossier.received',
      'dossier.supplement_requested',
      'dossier.resubmitted',
      'dossier.supplement_requested',
      'dossier.resubmitted',
      'dossier.handed_over',
      'dossier.resolved',
      'dossier.returned',
    ]);
  });

  it('a late result cannot be returned before its apology slip (Mẫu 04), which keeps the original due date', async () => {
    const d = (await receive()).body; // due Monday 30/11 09:00
    // Friday 27/11: one working day before → at risk, listed ahead of the deadline
    await at('2026-11-27T08:00:00+07:00');
    const risky = await call(ts.url, 'GET', '/api/dossiers?atRisk=1', { auth: { token: clerk } });
    expect(risky.body.map((x: { code: string }) => x.code)).toEqual([d.code]);

    await at('2026-12-01T10:00:00+07:00');
    await post(`/api/dossiers/${d.id}/resolve`);
    const refused = await post(`/api/dossiers/${d.id}/return`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('APOLOGY_REQUIRED');
    expect(refused.body.error.message).toContain('Mẫu 04');

    const badDate = await post(`/api/dossiers/${d.id}/apology`, {
      reason: 'Chờ xác minh',
      newDueAt: '2026-12-05',
      signedBy: 'Lê Văn Cường',
    });
    expect(badDate.status).toBe(422); // a Saturday
    const apology = await post(`/api/dossiers/${d.id}/apology`, {
      reason: 'Cần xác minh thông tin tại nơi cư trú trước đây',
      newDueAt: '2026-12-03',
      signedBy: 'Lê Văn Cường',
      signerTitle: 'Chủ tịch UBND xã',
    });
    expect(apology.status).toBe(200);
    expect(apology.body).toMatchObject({
      dueAt: '2026-11-30T09:00:00+07:00',
      newDueAt: '2026-12-03T17:00:00+07:00',
      currentDueAt: '2026-12-03T17:00:00+07:00',
      late: true,
    });
    expect(apology.body.notices[0]).toMatchObject({
      form: '04',
      signedBy: 'Lê Văn Cường',
      originalDueAt: '2026-11-30T09:00:00+07:00',
    });
    expect((await post(`/api/dossiers/${d.id}/return`)).body.status).toBe('returned');

    const lookup = await call(ts.url, 'GET', `/api/dossiers/lookup?code=${d.code}`);
    expect(lookup.body).toMatchObject({ status: 'returned', dueAt: '2026-12-03T17:00:00+07:00' });
  });

  it('refuses a dossier with Mẫu 03 and the reason', async () => {
    const d = (await receive()).body;
    const empty = await post(`/api/dossiers/${d.id}/refuse`, { reason: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.field).toBe('reason');
    const r = await post(`/api/dossiers/${d.id}/refuse`, { reason: 'Không thuộc thẩm quyền giải quyết của UBND xã' });
    expect(r.body).toMatchObject({
      status: 'rejected',
      notices: [{ form: '03', reason: 'Không thuộc thẩm quyền giải quyết của UBND xã' }],
    });
    expect((await post(`/api/dossiers/${d.id}/supplement`, { items: ['x'], reason: 'y' })).status).toBe(409);
  });

  it('a restart keeps every dossier and the next code continues', async () => {
    await receive();
    ts = await ts.restart();
    clerk = await login(ts.url, 'canbo1');
    expect((await receive()).body.code).toBe('X12.34-261125-0002');
  });
});

describe('calendar endpoints', () => {
  it('lists the days off of a year as computed', async () => {
    const res = await call(ts.url, 'GET', '/api/calendar/holidays?year=2027');
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({
      date: '2027-02-06',
      name: 'Tết Nguyên đán (mùng 1 Tết)',
      kind: 'holiday',
      source: 'rule',
    });
    expect(res.body).toContainEqual({
      date: '2027-04-16',
      name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      kind: 'holiday',
      source: 'rule',
    });
    expect(res.body).toContainEqual({
      date: '2027-02-10',
      name: 'Nghỉ bù Tết Nguyên đán (mùng 1 Tết)',
      kind: 'compensatory',
      source: 'rule',
    });
    expect(res.body.every((d: { date: string }) => d.date.startsWith('2027-'))).toBe(true);
  });

  it('uses the admin’s edits for holidays and due dates alike', async () => {
    // make Saturday 28/11/2026 a working day and Monday 30/11 a day off
    await ts.server.services.calendar.setEdits(
      2026,
      [
        { date: '2026-11-28', kind: 'workday', name: 'Làm bù' },
        { date: '2026-11-30', kind: 'off', name: 'Nghỉ bù (lịch của Bộ Nội vụ)' },
      ],
      null,
    );
    const days = (await call(ts.url, 'GET', '/api/calendar/holidays?year=2026')).body;
    expect(days).toContainEqual({ date: '2026-11-28', name: 'Làm bù', kind: 'workday', source: 'office' });
    expect(days).toContainEqual({
      date: '2026-11-30',
      name: 'Nghỉ bù (lịch của Bộ Nội vụ)',
      kind: 'holiday',
      source: 'office',
    });
    // Wed 25/11 09:00 + 3: Thu 26, Fri 27, Sat 28 (làm bù) → Saturday 09:00
    const q = await call(
      ts.url,
      'GET',
      `/api/calendar/due-date?receivedAt=${encodeURIComponent('2026-11-25T09:00:00+07:00')}&workingDays=3`,
    );
    expect(q.body.dueAt).toBe('2026-11-28T09:00:00+07:00');
    expect((await receive()).body.dueAt).toBe('2026-11-28T09:00:00+07:00');
  });

  it.each([
    ['/api/calendar/holidays', 'year'],
    ['/api/calendar/holidays?year=abc', 'year'],
    ['/api/calendar/due-date?receivedAt=yesterday&workingDays=3', 'receivedAt'],
    ['/api/calendar/due-date?receivedAt=2026-11-25T09:00:00%2B07:00&workingDays=-1', 'workingDays'],
  ])('refuses %s naming %s', async (path, field) => {
    const res = await call(ts.url, 'GET', path);
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe(field);
  });
});
