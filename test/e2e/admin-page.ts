/**
 * The administrator at /counter/admin, as a page model: each method is one
 * thing an administrator does through the screens, by visible labels.
 */
import type { Locator, Page } from 'playwright-core';
import { screenshot } from '../helpers/browser';

export class AdminPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(section = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/counter/admin/${section}`);
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Tên đăng nhập').fill(username);
    await this.page.getByLabel('Mật khẩu').fill(password);
    await this.page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  /** The forced first change of the printed password. */
  async changePassword(current: string, next: string, repeat = next): Promise<void> {
    await this.page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await this.page.getByLabel('Mật khẩu hiện tại').fill(current);
    await this.page.getByLabel('Mật khẩu mới', { exact: true }).fill(next);
    await this.page.getByLabel('Nhập lại mật khẩu mới').fill(repeat);
    await this.page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  }

  async section(name: string): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Quản trị văn phòng' })
      .getByRole('link', { name, exact: true })
      .click();
    await this.page.getByRole('heading', { level: 2 }).first().waitFor();
  }

  form(name: string): Locator {
    return this.page.getByRole('form', { name });
  }

  async save(form: Locator): Promise<void> {
    await form.getByRole('button', { name: 'Lưu' }).click();
  }

  /** Waits until the form closed and "Đã lưu." shows (or the form's error appears). */
  async saved(): Promise<void> {
    const ok = this.page.getByRole('status').filter({ hasText: 'Đã lưu.' });
    await ok.or(this.error()).first().waitFor();
    if (!(await ok.isVisible())) throw new Error(`not saved: ${await this.error().first().innerText()}`);
  }

  error(): Locator {
    return this.page.getByRole('alert');
  }

  async setOffice(o: {
    name: string;
    parentName: string;
    level: 'Cấp huyện' | 'Cấp xã';
    code: string;
    address: string;
  }) {
    await this.section('Cơ quan');
    await this.page.getByLabel('Tên bộ phận').fill(o.name);
    await this.page.getByLabel('Cơ quan chủ quản (UBND)').fill(o.parentName);
    await this.page.getByLabel('Cấp', { exact: true }).selectOption({ label: o.level });
    await this.page.getByLabel('Mã đơn vị').fill(o.code);
    await this.page.getByLabel('Địa chỉ').fill(o.address);
    await this.page.getByLabel('Làm việc sáng thứ Bảy').check();
    await this.page.getByRole('button', { name: 'Lưu' }).click();
    await this.saved();
  }

  async addField(f: {
    code: string;
    name: string;
    prefix: string;
    dailyCap?: number;
    minutes?: number;
  }): Promise<void> {
    await this.section('Lĩnh vực');
    await this.page.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    const form = this.form('Thêm lĩnh vực');
    await form.getByLabel('Mã', { exact: true }).fill(f.code);
    await form.getByLabel('Tên lĩnh vực').fill(f.name);
    await form.getByLabel('Chữ cái đầu số').fill(f.prefix);
    if (f.dailyCap) await form.getByLabel(/Số phiếu tối đa/).fill(String(f.dailyCap));
    if (f.minutes) await form.getByLabel(/Thời gian phục vụ trung bình/).fill(String(f.minutes));
    await this.save(form);
    await this.saved();
  }

  async addProcedure(p: {
    code: string;
    name: string;
    field: string;
    days: number;
    fees: string;
    documents: string[];
  }) {
    await this.section('Thủ tục');
    await this.page.getByRole('button', { name: 'Thêm thủ tục' }).click();
    const form = this.form('Thêm thủ tục');
    await form.getByLabel('Mã TTHC').fill(p.code);
    await form.getByLabel('Tên thủ tục').fill(p.name);
    await form.getByLabel('Lĩnh vực').selectOption({ label: p.field });
    await form.getByLabel('Thời hạn giải quyết').first().fill(String(p.days));
    await form.getByLabel('Phí, lệ phí').fill(p.fees);
    await form.getByLabel(/Thành phần hồ sơ/).fill(p.documents.join('\n'));
    await form.getByLabel('Bưu chính').uncheck();
    await this.save(form);
    await this.saved();
  }

  /** Uploads a catalog sheet; answers the message shown (success or the rejected lines). */
  async importCatalog(file: { name: string; mimeType: string; buffer: Buffer }): Promise<string> {
    await this.section('Thủ tục');
    const box = this.page.getByRole('region', { name: /Nhập danh mục/ });
    await box.locator('input[type=file][name=catalog]').setInputFiles(file);
    const shown = box.getByRole('status').or(box.getByRole('alert'));
    await shown.first().waitFor();
    return (await shown.first().innerText()).trim();
  }

  async addCounter(c: { number: number; name: string; fields: string[]; ratingPad?: string }): Promise<void> {
    await this.section('Quầy');
    await this.page.getByRole('button', { name: 'Thêm quầy' }).click();
    const form = this.form('Thêm quầy');
    await form.getByLabel('Số quầy').fill(String(c.number));
    await form.getByLabel('Tên quầy').fill(c.name);
    for (const f of c.fields) {
      await form.getByLabel('Thêm lĩnh vực').selectOption({ label: f });
      await form.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    }
    if (c.ratingPad) await form.getByLabel('Máy đánh giá tại quầy').selectOption({ label: c.ratingPad });
    await this.save(form);
    await this.saved();
  }

  async addStaff(s: { username: string; fullName: string; role: string; password: string; counter?: string }) {
    await this.section('Cán bộ');
    await this.page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    const form = this.form('Thêm cán bộ');
    await form.getByLabel('Tên đăng nhập').fill(s.username);
    await form.getByLabel('Họ và tên').fill(s.fullName);
    await form.getByLabel('Vai trò').selectOption({ label: s.role });
    if (s.counter) await form.getByLabel('Quầy thường làm').selectOption({ label: s.counter });
    await form.getByLabel(/Mật khẩu ban đầu/).fill(s.password);
    await this.save(form);
  }

  /** Adds a device; answers the pairing link shown once. */
  async addDevice(d: { kind: 'Kiosk lấy số' | 'Màn hình sảnh chờ' | 'Máy đánh giá'; name: string }): Promise<string> {
    await this.section('Thiết bị');
    await this.page.getByRole('button', { name: 'Thêm thiết bị' }).click();
    const form = this.form('Thêm thiết bị');
    await form.getByLabel('Loại').selectOption({ label: d.kind });
    await form.getByLabel('Tên thiết bị').fill(d.name);
    await form.getByRole('button', { name: 'Thêm thiết bị' }).click();
    const pairing = this.page.getByRole('region', { name: `Ghép nối "${d.name}"` });
    await pairing.locator('svg').waitFor();
    const link = await pairing.getByLabel('Đường dẫn ghép nối').inputValue();
    return link;
  }

  /** Sets a kiosk's printer from the device list. */
  async setPrinter(kiosk: string, address: string): Promise<void> {
    await this.section('Thiết bị');
    await this.page.getByRole('button', { name: `Máy in của ${kiosk}` }).click();
    const form = this.form(`Máy in của ${kiosk}`);
    await form.getByLabel(/Địa chỉ máy in/).fill(address);
    await form.getByLabel('Cách in tiếng Việt').selectOption('raster');
    await this.save(form);
    await form.waitFor({ state: 'detached' });
  }

  /** Opens a kiosk's printer form from the device list. */
  async openPrinter(kiosk: string): Promise<Locator> {
    await this.section('Thiết bị');
    await this.page.getByRole('button', { name: `Máy in của ${kiosk}` }).click();
    const form = this.form(`Máy in của ${kiosk}`);
    await form.waitFor();
    return form;
  }

  /** Picks a shipped printer model for a kiosk and saves. */
  async setPrinterModel(kiosk: string, address: string, model: string): Promise<void> {
    const form = await this.openPrinter(kiosk);
    await form.getByLabel(/Địa chỉ máy in/).fill(address);
    await form.getByLabel('Mẫu máy in').selectOption({ label: model });
    await this.save(form);
    await form.waitFor({ state: 'detached' });
  }

  /** The office-wide board settings: notice line and voice. */
  async setDisplay(notice: string, volume: number): Promise<void> {
    await this.section('Màn hình');
    const form = this.form('Cài đặt chung cho mọi màn hình');
    await form.getByLabel(/Dòng thông báo/).fill(notice);
    await form.getByLabel('Âm lượng (0–100)').fill(String(volume));
    await this.save(form);
    await form.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();
  }

  async closePairing(): Promise<void> {
    await this.page.getByRole('button', { name: 'Xong' }).click();
  }

  /** The visible rows of the section's table, as text per cell. */
  async rows(): Promise<string[][]> {
    return this.page
      .locator('table.adm-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  }

  async shot(name: string): Promise<void> {
    await screenshot(this.page, name);
  }
}
