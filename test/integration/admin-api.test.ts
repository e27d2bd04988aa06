/**
 * Setting up a real office through /api/admin, starting from an empty
 * database (MOTCUA_SEED=none): office, fields, procedures (form and
 * catalog import), counters, staff, devices, audit, live refresh.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { call, connect, login, nextEvent, startTestServer, type TestServer } from '../helpers/server';

let ts: TestServer;
afterEach(async () => {
  await ts.cleanup();
});

/** An empty office; answers the first admin's token after the forced password change. */
async function emptyOffice(): Promise<string> {
  let initial = '';
  ts = await startTestServer({ seed: 'none', onSeeded: (creds) => (initial = creds.staff[0]!.password) });
  expect(initial).toMatch(/^.{12}$/);
  const first = await login(ts.url, 'admin', initial);
  const me = await call(ts.url, 'GET', '/api/auth/me', { auth: { token: first } });
  expect(me.body.mustChangePassword).toBe(true);
  // nothing else until the printed password is changed
  const blocked = await call(ts.url, 'GET', '/api/admin/fields', { auth: { token: first } });
  expect(blocked.status).toBe(403);
  expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  const short = await call(ts.url, 'POST', '/api/auth/change-password', {
    auth: { token: first },
    body: { currentPassword: initial, newPassword: 'short' },
  });
  expect(short.status).toBe(400);
  expect(short.body.error.details.field).toBe('newPassword');
  expect(short.body.error.message).toContain('ít nhất 8 ký tự');
  const changed = await call(ts.url, 'POST', '/api/auth/change-password', {
    auth: { token: first },
    body: { currentPassword: initial, newPassword: 'mat-khau-moi-2026' },
  });
  expect(changed.status).toBe(200);
  expect(changed.body.mustChangePassword).toBe(false);
  expect(
    (await call(ts.url, 'POST', '/api/auth/login', { body: { username: 'admin', password: initial } })).status,
  ).toBe(401);
  return first;
}

const FIELD = {
  code: 'HT',
  name: 'Tư pháp – Hộ tịch',
  numbering: 'prefix',
  prefix: 'A',
  dailyCap: null,
  avgServiceMinutes: 8,
  active: true,
};

describe('an empty office set up through the admin API', () => {
  it('starts with no fields, counters or devices, and one administrator who must change the password', async () => {
    const token = await emptyOffice();
    const auth = { token };
    expect((await call(ts.url, 'GET', '/api/fields')).body).toEqual([]);
    expect((await call(ts.url, 'GET', '/api/admin/counters', { auth })).body).toEqual([]);
    expect((await call(ts.url, 'GET', '/api/admin/devices', { auth })).body).toEqual([]);
    expect((await call(ts.url, 'GET', '/api/admin/staff', { auth })).body).toHaveLength(1);
    const office = await call(ts.url, 'GET', '/api/admin/office', { auth });
    expect(office.body).toMatchObject({ setUp: false, timeZone: 'Asia/Ho_Chi_Minh', saturdayMorning: false });

    const saved = await call(ts.url, 'PUT', '/api/admin/office', {
      auth,
      body: {
        name: 'Bộ phận Tiếp nhận và Trả kết quả',
        parentName: 'UBND huyện Hòa Vang',
        level: 'huyen',
        code: 'H05',
        address: '1 Nguyễn Văn Linh',
        timeZone: 'Asia/Ho_Chi_Minh',
        morning: { start: '07:00', end: '11:30' },
        afternoon: { start: '13:30', end: '17:00' },
        saturdayMorning: true,
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      setUp: true,
      level: 'huyen',
      saturdayMorning: true,
      morning: { start: '07:00' },
    });

    const badHours = await call(ts.url, 'PUT', '/api/admin/office', {
      auth,
      body: { ...saved.body, morning: { start: '11:00', end: '08:00' } },
    });
    expect(badHours.status).toBe(400);
    expect(badHours.body.error.details.field).toBe('morning.end');
  });

  it('fields: bad input names the field and changes nothing; a new field reaches kiosks at once', async () => {
    const auth = { token: await emptyOffice() };
    const bad = await call(ts.url, 'POST', '/api/admin/fields', { auth, body: { ...FIELD, prefix: 'a1' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('prefix');
    expect(bad.body.error.message).toMatch(/chữ in hoa/);
    expect((await call(ts.url, 'GET', '/api/admin/fields', { auth })).body).toEqual([]);

    const kiosk = await call(ts.url, 'POST', '/api/admin/devices', {
      auth,
      body: { kind: 'kiosk', name: 'Kiosk sảnh' },
    });
    expect(kiosk.status).toBe(201);
    expect(kiosk.body.pairingPath).toBe(`/kiosk/?key=${encodeURIComponent(kiosk.body.key)}`);
    const socket = await connect(ts.url, { deviceKey: kiosk.body.key });
    const refreshed = nextEvent(socket, 'queue:changed', (e) => e.waiting.length === 1);
    const created = await call(ts.url, 'POST', '/api/admin/fields', { auth, body: FIELD });
    expect(created.status).toBe(201);
    expect((await refreshed).waiting[0]).toMatchObject({ code: 'HT', name: 'Tư pháp – Hộ tịch', waiting: 0 });

    const dup = await call(ts.url, 'POST', '/api/admin/fields', {
      auth,
      body: { ...FIELD, code: 'CT', name: 'Chứng thực' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('PREFIX_TAKEN');

    // closing the field: the kiosk cannot issue in it any more
    const closed = await call(ts.url, 'PUT', `/api/admin/fields/${created.body.id}`, {
      auth,
      body: { ...FIELD, active: false },
    });
    expect(closed.body.active).toBe(false);
    const refused = await call(ts.url, 'POST', '/api/tickets', {
      auth: { deviceKey: kiosk.body.key },
      body: { fieldId: created.body.id },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('FIELD_CLOSED');
    socket.close();

    const audit = (await call(ts.url, 'GET', '/api/admin/audit', { auth })).body as Array<{
      action: string;
      before: any;
      after: any;
      actor: string;
    }>;
    const update = audit.find((e) => e.action === 'field.updated')!;
    expect(update.before.active).toBe(true);
    expect(update.after.active).toBe(false);
    expect(update.actor).toBe('Quản trị hệ thống');
  });

  it('counters, staff and devices: a ticket is issued by the paired kiosk and called by the new clerk', async () => {
    const auth = { token: await emptyOffice() };
    const ht = (await call(ts.url, 'POST', '/api/admin/fields', { auth, body: FIELD })).body;
    const ct = (
      await call(ts.url, 'POST', '/api/admin/fields', {
        auth,
        body: {
          ...FIELD,
          code: 'KD',
          name: 'Kinh doanh',
          numbering: 'range',
          prefix: '',
          rangeStart: 1001,
          rangeEnd: 1999,
        },
      })
    ).body;
    const pad = (
      await call(ts.url, 'POST', '/api/admin/devices', { auth, body: { kind: 'rating', name: 'Đánh giá 1' } })
    ).body;
    const c1 = await call(ts.url, 'POST', '/api/admin/counters', {
      auth,
      body: { number: 1, name: 'Quầy 1', fieldIds: [ct.id, ht.id], ratingDeviceId: pad.device.id },
    });
    expect(c1.status).toBe(201);
    expect(c1.body).toMatchObject({ number: 1, fieldIds: [ct.id, ht.id], ratingDeviceId: pad.device.id });
    const taken = await call(ts.url, 'POST', '/api/admin/counters', {
      auth,
      body: { number: 1, name: 'X', fieldIds: [ht.id] },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details.field).toBe('number');
    const noField = await call(ts.url, 'POST', '/api/admin/counters', {
      auth,
      body: { number: 2, name: 'Quầy 2', fieldIds: [] },
    });
    expect(noField.status).toBe(400);
    expect(noField.body.error.details.field).toBe('fieldIds');

    const weak = await call(ts.url, 'POST', '/api/admin/staff', {
      auth,
      body: { username: 'canbo.ha', fullName: 'Nguyễn Thị Hà', role: 'clerk', password: '1234567' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.field).toBe('password');
    const clerk = await call(ts.url, 'POST', '/api/admin/staff', {
      auth,
      body: {
        username: 'canbo.ha',
        fullName: 'Nguyễn Thị Hà',
        role: 'clerk',
        password: 'ban-dau-123',
        defaultCounterId: c1.body.id,
      },
    });
    expect(clerk.status).toBe(201);
    expect(clerk.body.mustChangePassword).toBe(true);

    const kiosk = (await call(ts.url, 'POST', '/api/admin/devices', { auth, body: { kind: 'kiosk', name: 'Kiosk' } }))
      .body;
    const board = (
      await call(ts.url, 'POST', '/api/admin/devices', { auth, body: { kind: 'display', name: 'Màn hình' } })
    ).body;
    const boardSocket = await connect(ts.url, { deviceKey: board.key });

    const ticket = await call(ts.url, 'POST', '/api/tickets', {
      auth: { deviceKey: kiosk.key },
      body: { fieldId: ht.id },
    });
    expect(ticket.status).toBe(201);
    expect(ticket.body.number).toBe('A001');

    let clerkToken = await login(ts.url, 'canbo.ha', 'ban-dau-123');
    await call(ts.url, 'POST', '/api/auth/change-password', {
      auth: { token: clerkToken },
      body: { currentPassword: 'ban-dau-123', newPassword: 'mat-khau-rieng' },
    });
    clerkToken = await login(ts.url, 'canbo.ha', 'mat-khau-rieng');
    expect(
      (await call(ts.url, 'POST', `/api/counters/${c1.body.id}/open`, { auth: { token: clerkToken } })).status,
    ).toBe(200);
    const called = nextEvent(boardSocket, 'ticket:called');
    const res = await call(ts.url, 'POST', `/api/counters/${c1.body.id}/call-next`, { auth: { token: clerkToken } });
    expect(res.body.ticket.number).toBe('A001');
    expect(await called).toMatchObject({ number: 'A001', counterNumber: 1, fieldName: 'Tư pháp – Hộ tịch' });

    // revoking the kiosk: its key stops working at once, its socket is dropped
    const kioskSocket = await connect(ts.url, { deviceKey: kiosk.key });
    const dropped = new Promise<void>((resolve) => kioskSocket.on('disconnect', () => resolve()));
    const revoked = await call(ts.url, 'POST', `/api/admin/devices/${kiosk.device.id}/revoke`, { auth });
    expect(revoked.body.revokedAt).not.toBeNull();
    await dropped;
    const refused = await call(ts.url, 'POST', '/api/tickets', {
      auth: { deviceKey: kiosk.key },
      body: { fieldId: ht.id },
    });
    expect(refused.status).toBe(401);
    const devices = (await call(ts.url, 'GET', '/api/admin/devices', { auth })).body as Array<{
      id: number;
      lastSeenAt: string | null;
    }>;
    expect(devices.find((d) => d.id === board.device.id)!.lastSeenAt).toMatch(/\+07:00$/);
    boardSocket.close();

    // a reset password ends the clerk's sessions and must be changed again
    const reset = await call(ts.url, 'POST', `/api/admin/staff/${clerk.body.id}/reset-password`, {
      auth,
      body: { password: 'tam-thoi-456' },
    });
    expect(reset.body.mustChangePassword).toBe(true);
    expect((await call(ts.url, 'GET', '/api/auth/me', { auth: { token: clerkToken } })).status).toBe(401);
  });
});

describe('procedure catalog', () => {
  const HEADER =
    'Mã TTHC,Tên thủ tục,Lĩnh vực,Thời hạn giải quyết,Đơn vị,"Phí, lệ phí",Thành phần hồ sơ,Cách thức thực hiện';

  it('a sheet with bad lines imports nothing and names each bad line', async () => {
    const auth = { token: await emptyOffice() };
    await call(ts.url, 'POST', '/api/admin/fields', { auth, body: FIELD });
    const csv = [
      HEADER,
      '1.001193,Đăng ký khai sinh,HT,Trong ngày,,Miễn lệ phí,"Tờ khai; Giấy chứng sinh",Trực tiếp; Trực tuyến',
      '1.004873,Cấp Giấy xác nhận tình trạng hôn nhân,Đất đai,3,ngày,15.000 đồng,,',
      ',Thiếu mã,HT,3,,,,',
      '"1.000894","Đăng ký kết hôn",HT,ba ngày,,,,',
      '1.001193,Trùng mã,HT,1,,,,',
    ].join('\r\n');
    const res = await call(ts.url, 'POST', '/api/admin/procedures/import', {
      auth,
      rawBody: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_REJECTED');
    expect(res.body.error.details.rejected).toEqual([
      { line: 3, message: 'Không có lĩnh vực "Đất đai" (hãy tạo lĩnh vực trước).' },
      { line: 4, message: 'Thiếu mã TTHC.' },
      { line: 5, message: 'Thời hạn "ba ngày" không phải là số.' },
      { line: 6, message: 'Mã TTHC 1.001193 trùng với dòng 2.' },
    ]);
    expect((await call(ts.url, 'GET', '/api/admin/procedures', { auth })).body).toEqual([]);
  });

  it('imports a CSV, then an Excel sheet updating the same codes', async () => {
    const auth = { token: await emptyOffice() };
    const ht = (await call(ts.url, 'POST', '/api/admin/fields', { auth, body: FIELD })).body;
    const csv = [
      HEADER,
      '1.001193,Đăng ký khai sinh,HT,Trong ngày,,Miễn lệ phí,"Tờ khai đăng ký khai sinh',
      'Giấy chứng sinh",Trực tiếp; Trực tuyến',
      '1.004873,Cấp Giấy xác nhận tình trạng hôn nhân,Tư pháp – Hộ tịch,3,ngày làm việc,15.000 đồng/trường hợp,,',
      '',
    ].join('\n');
    const res = await call(ts.url, 'POST', '/api/admin/procedures/import', {
      auth,
      rawBody: '\uFEFF' + csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 2, created: 2, updated: 0, rejected: [] });
    const list = (await call(ts.url, 'GET', '/api/admin/procedures', { auth })).body;
    expect(list[0]).toMatchObject({
      code: '1.001193',
      fieldId: ht.id,
      processingDays: 0,
      documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
      channels: ['direct', 'online'],
    });
    expect(list[1]).toMatchObject({
      code: '1.004873',
      processingDays: 3,
      processingUnit: 'days',
      channels: ['direct', 'online', 'postal'],
    });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh mục');
    ws.addRow(['STT', 'Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Thời hạn giải quyết', 'Phí, lệ phí']);
    ws.addRow([1, '1.004873', 'Cấp Giấy xác nhận tình trạng hôn nhân', 'HT', '4 giờ', 'Không']);
    ws.addRow([2, '2.000635', 'Cấp bản sao Trích lục hộ tịch', 'HT', 1, '8.000 đồng/bản sao']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res2 = await fetch(`${ts.url}/api/admin/procedures/import`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${auth.token}`,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body: xlsx,
    });
    expect(res2.status).toBe(200);
    expect(await res2.json()).toEqual({ imported: 2, created: 1, updated: 1, rejected: [] });
    const pub = (await call(ts.url, 'GET', `/api/procedures?fieldId=${ht.id}`)).body as Array<{
      code: string;
      processingUnit: string;
    }>;
    expect(pub.map((p) => p.code).sort()).toEqual(['1.001193', '1.004873', '2.000635']);
    expect(pub.find((p) => p.code === '1.004873')!.processingUnit).toBe('hours');

    const broken = await call(ts.url, 'POST', '/api/admin/procedures/import', {
      auth,
      rawBody: 'not a spreadsheet',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.details.field).toBe('file');
  });
});

describe('holidays', () => {
  it('the computed days off of a year, with the yearly swaps added by hand, reach the public calendar', async () => {
    const auth = { token: await emptyOffice() };
    const year = await call(ts.url, 'GET', '/api/admin/calendar/2027', { auth });
    expect(year.status).toBe(200);
    expect(year.body.edits).toEqual([]);
    expect(
      year.body.days.some((d: { date: string; kind: string }) => d.date === '2027-09-02' && d.kind === 'holiday'),
    ).toBe(true);

    const bad = await call(ts.url, 'PUT', '/api/admin/calendar/2027', {
      auth,
      body: { edits: [{ date: '2027-02-30', kind: 'off' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('edits.0.date');

    const edits = [
      { date: '2027-02-12', kind: 'off', name: 'Nghỉ Tết (hoán đổi)' },
      { date: '2027-02-20', kind: 'workday', name: 'Làm bù cho ngày 12/02' },
    ];
    const saved = await call(ts.url, 'PUT', '/api/admin/calendar/2027', { auth, body: { edits } });
    expect(saved.status).toBe(200);
    expect(saved.body.edits).toEqual(edits);
    const pub = (await call(ts.url, 'GET', '/api/calendar/holidays?year=2027')).body as Array<{
      date: string;
      kind: string;
    }>;
    expect(pub.find((d) => d.date === '2027-02-20')).toMatchObject({ kind: 'workday' });
    expect(pub.find((d) => d.date === '2027-02-12')).toBeTruthy();
    const audit = (await call(ts.url, 'GET', '/api/admin/audit?adminOnly=1', { auth })).body as Array<{
      action: string;
      after: unknown;
    }>;
    expect(audit[0]).toMatchObject({ action: 'calendar.edited', after: edits });
  });
});

describe('moving a rating pad', () => {
  it('the pad asks for the rating of its new counter at once, without reconnecting', async () => {
    ts = await startTestServer();
    const admin = { token: await login(ts.url, 'admin') };
    const devices = (await call(ts.url, 'GET', '/api/admin/devices', { auth: admin })).body as Array<{
      id: number;
      name: string;
    }>;
    const pad1 = devices.find((d) => d.name === 'Máy đánh giá quầy 1')!;
    const counters = (await call(ts.url, 'GET', '/api/admin/counters', { auth: admin })).body as Array<{
      id: number;
      number: number;
      name: string;
      fieldIds: number[];
      ratingDeviceId: number | null;
    }>;
    const c2 = counters.find((c) => c.number === 2)!;
    const pad = await connect(ts.url, { deviceKey: 'demo-rating-1' });

    const moved = await call(ts.url, 'PUT', `/api/admin/counters/${c2.id}`, {
      auth: admin,
      body: { number: 2, name: c2.name, fieldIds: c2.fieldIds, ratingDeviceId: pad1.id },
    });
    expect(moved.body.ratingDeviceId).toBe(pad1.id);
    const after = (await call(ts.url, 'GET', '/api/admin/counters', { auth: admin })).body as typeof counters;
    expect(after.find((c) => c.number === 1)!.ratingDeviceId).toBeNull();

    const clerk = { token: await login(ts.url, 'canbo2') };
    await call(ts.url, 'POST', `/api/counters/${c2.id}/open`, { auth: clerk });
    await call(ts.url, 'POST', '/api/tickets', {
      auth: { deviceKey: 'demo-kiosk-1' },
      body: { fieldId: c2.fieldIds[0] },
    });
    const ticket = (await call(ts.url, 'POST', `/api/counters/${c2.id}/call-next`, { auth: clerk })).body.ticket;
    const asked = nextEvent(pad, 'rating:requested');
    await call(ts.url, 'POST', `/api/tickets/${ticket.id}/finish`, { auth: clerk });
    expect(await asked).toMatchObject({ ticketId: ticket.id, counterNumber: 2 });
    pad.close();
  });
});
