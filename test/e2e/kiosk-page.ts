/**
 * Page model of the touchscreen kiosk and the phone's ticket page, so the
 * tests read like the citizen's story ("tap Tư pháp – Hộ tịch, choose no
 * priority, take the number").
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { newPage, screenshot } from '../helpers/browser';

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844 };

export class KioskPage {
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {}

  /** Opens the kiosk paired with its device key (the pairing link), optionally with a fake clock. */
  static async open(
    browser: Browser,
    baseUrl: string,
    opts: { size?: { width: number; height: number }; key?: string; fakeClock?: boolean } = {},
  ): Promise<KioskPage> {
    const { context, page } = await newPage(browser, { ...(opts.size ?? PORTRAIT), touch: true });
    if (opts.fakeClock) await page.clock.install();
    await page.goto(`${baseUrl}/kiosk/?key=${opts.key ?? 'demo-kiosk-1'}`);
    const kiosk = new KioskPage(page, context);
    return kiosk;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  field(name: string): Locator {
    return this.page.locator('.k-field', { hasText: name });
  }

  get title(): Locator {
    return this.page.locator('.k-title');
  }

  /** Waits until the start screen lists the fields. */
  async waitForHome(): Promise<void> {
    await this.page.locator('[data-screen="home"] .k-field').first().waitFor();
  }

  async tapField(name: string): Promise<void> {
    await this.field(name).tap();
    await this.page.locator('[data-screen="priority"]').waitFor();
  }

  async choosePriority(label: string): Promise<void> {
    await this.page.locator('.k-choice', { hasText: label }).tap();
    await this.page.locator('[data-screen="confirm"]').waitFor();
  }

  /** "Không ưu tiên — lấy số thường": the second tap, which gives the ticket; returns the number shown. */
  async takeNormalNumber(): Promise<string> {
    await this.page.locator('[data-priority="none"]').tap();
    return this.ticketNumber();
  }

  /** One tap on a field when the office switched the priority step off; returns the number shown. */
  async tapFieldForTicket(name: string): Promise<string> {
    await this.field(name).tap();
    return this.ticketNumber();
  }

  get clock(): Locator {
    return this.page.getByTestId('kiosk-time');
  }

  get issueButton(): Locator {
    return this.page.locator('[data-action="issue"]');
  }

  /** Taps "Lấy số" and waits for the ticket screen; returns the number shown. */
  async takeNumber(): Promise<string> {
    await this.issueButton.tap();
    return this.ticketNumber();
  }

  async ticketNumber(): Promise<string> {
    const n = this.page.getByTestId('ticket-number');
    await n.waitFor();
    return (await n.textContent())?.trim() ?? '';
  }

  get ticket(): Locator {
    return this.page.getByTestId('ticket');
  }

  get printNote(): Locator {
    return this.page.getByTestId('print-note');
  }

  get offlineBanner(): Locator {
    return this.page.getByTestId('offline');
  }

  async screen(): Promise<string | null> {
    return this.page.locator('main.k-app').getAttribute('data-screen');
  }

  async openCatalog(): Promise<void> {
    await this.page.locator('[data-action="catalog"]').tap();
    await this.page.getByTestId('procedures').locator('li').first().waitFor();
  }

  async openLookup(): Promise<void> {
    await this.page.locator('[data-action="lookup"]').tap();
    await this.page.locator('#dossier-code').waitFor();
  }

  async tapKeys(keys: string): Promise<void> {
    for (const k of keys)
      await this.page.locator('.k-keypad button', { hasText: new RegExp(`^${k.replace('.', '\\.')}$`) }).tap();
  }

  async switchLanguage(): Promise<void> {
    await this.page.locator('.k-lang').tap();
  }

  async shot(name: string): Promise<string> {
    return screenshot(this.page, name);
  }
}

/** The page a phone opens from the QR on the ticket. */
export class PhoneTicketPage {
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {}

  static async open(browser: Browser, url: string): Promise<PhoneTicketPage> {
    const { context, page } = await newPage(browser, { ...PHONE, touch: true });
    await page.goto(url);
    await page.getByTestId('phone-ticket').waitFor();
    return new PhoneTicketPage(page, context);
  }

  get number(): Locator {
    return this.page.locator('.p-number');
  }

  get ahead(): Locator {
    return this.page.getByTestId('ahead');
  }

  get called(): Locator {
    return this.page.getByTestId('called');
  }

  get rating(): Locator {
    return this.page.getByTestId('rate');
  }

  async rate(label: string): Promise<void> {
    await this.rating.locator('button', { hasText: label }).tap();
  }

  async shot(name: string): Promise<string> {
    return screenshot(this.page, name);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
