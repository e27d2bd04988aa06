/**
 * Page model of the province administrator's page (/counter/province): what
 * the province's IT officer reads and does — the offices, adding one, the
 * province's figures.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { newPage, screenshot } from '../../helpers/browser';
import { DEMO_PASSWORD } from '../../helpers/server';

export class ProvincePage {
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {}

  /**
   * Signs in at the home office's /counter/ (1366×820). `today` fixes the
   * browser's clock to the test server's day, so the page's default period
   * ("this month up to today") is the server's month.
   */
  static async signIn(
    browser: Browser,
    baseUrl: string,
    username: string,
    opts: { today?: string; password?: string } = {},
  ): Promise<ProvincePage> {
    const { context, page } = await newPage(browser, { width: 1366, height: 820 });
    if (opts.today) await context.clock.setFixedTime(new Date(opts.today));
    await page.goto(`${baseUrl}/counter/`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(opts.password ?? DEMO_PASSWORD);
    await page.locator('.login-form button[type="submit"]').click();
    await page.locator('.staff-bar').waitFor();
    return new ProvincePage(page, context);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  shot(name: string): Promise<string> {
    return screenshot(this.page, name);
  }

  /** The staff bar's link to the province page (absent for whoever is not a province administrator). */
  get navLink(): Locator {
    return this.page.locator('.staff-bar nav').getByRole('link', { name: 'Tỉnh', exact: true });
  }

  /** The staff bar's links, as read. */
  async navLinks(): Promise<string[]> {
    return this.page.locator('.staff-bar nav a').allTextContents();
  }

  /** Follows the "Tỉnh" link, as the officer does. */
  async open(): Promise<void> {
    await this.navLink.click();
    await this.page.getByRole('heading', { name: 'Quản trị cấp tỉnh' }).waitFor();
  }

  office(code: string): Locator {
    return this.page.locator(`[data-testid="office-row"][data-code="${code}"]`);
  }

  async officeCodes(): Promise<string[]> {
    return this.page
      .getByTestId('office-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? ''));
  }

  async waiting(code: string): Promise<string | null> {
    return this.office(code).getByTestId('office-waiting').textContent();
  }

  /** Fills "Thêm cơ quan" and submits it. */
  async addOffice(input: { name: string; code: string; demo?: boolean }): Promise<void> {
    await this.page.getByLabel('Tên cơ quan').fill(input.name);
    await this.page.getByLabel('Mã cơ quan').fill(input.code);
    await this.page.getByLabel(input.demo ? /^Dữ liệu mẫu/ : /^Cơ quan trống/).check();
    await this.page.getByRole('button', { name: 'Thêm cơ quan' }).click();
  }

  /** The error shown beside a field of the form. */
  fieldError(field: 'code' | 'name'): Locator {
    return this.page.getByTestId(`error-${field}`);
  }

  get created(): Locator {
    return this.page.getByTestId('office-created');
  }

  async createdCredentials(): Promise<{ username: string; password: string }> {
    await this.created.waitFor();
    return {
      username: (await this.created.getByTestId('created-username').textContent()) ?? '',
      password: (await this.created.getByTestId('created-password').textContent()) ?? '',
    };
  }

  get period(): Locator {
    return this.page.getByTestId('province-period');
  }

  /** Chooses a period with the date fields (dd/mm/yyyy) and shows its figures. */
  async showPeriod(from: string, to: string): Promise<void> {
    await this.page.getByLabel('Từ ngày').fill(from);
    await this.page.getByLabel('Đến ngày').fill(to);
    await this.page.getByRole('button', { name: 'Xem số liệu' }).click();
  }

  get queueTable(): Locator {
    return this.page.getByTestId('province-queue');
  }

  /** A row of the queue table ('province' for "Toàn tỉnh"), cell by column. */
  async queueRow(
    key: string,
  ): Promise<Record<'name' | 'issued' | 'served' | 'noShow' | 'waiting' | 'service', string>> {
    const row = this.page.getByTestId(`queue-row-${key}`);
    const cell = async (id: string) => ((await row.getByTestId(id).textContent()) ?? '').trim();
    return {
      name: ((await row.locator('td').first().textContent()) ?? '').trim(),
      issued: await cell('issued'),
      served: await cell('served'),
      noShow: await cell('no-show'),
      waiting: await cell('waiting'),
      service: await cell('service'),
    };
  }

  /** The keys of the queue table's rows, offices first, 'province' last. */
  async queueRowKeys(): Promise<string[]> {
    return this.queueTable
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r.getAttribute('data-testid') ?? '').replace(/^queue-row-/, '')));
  }

  get index766(): Locator {
    return this.page.getByTestId('province-index766');
  }
}
