/**
 * Page model of the supervisor's live hall (/counter/hall): what a
 * supervisor reads on the wall screen or a phone.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { newPage, screenshot } from '../../helpers/browser';

export class HallPage {
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {}

  /** Opens /counter/hall signed in with `token` (a wall screen by default: 1920×1080). */
  static async open(
    browser: Browser,
    baseUrl: string,
    token: string,
    size: { width: number; height: number; touch?: boolean } = { width: 1920, height: 1080 },
  ): Promise<HallPage> {
    const { context, page } = await newPage(browser, size);
    await context.addInitScript((t) => localStorage.setItem('motcua.staffToken', t), token);
    await page.goto(`${baseUrl}/counter/hall`);
    await page.getByTestId('hall-today').waitFor();
    return new HallPage(page, context);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  shot(name: string): Promise<string> {
    return screenshot(this.page, name);
  }

  field(code: string): Locator {
    return this.page.locator(`[data-testid="hall-field"][data-code="${code}"]`);
  }

  /** How many wait in a field, as the big figure shows. */
  async waiting(code: string): Promise<string | null> {
    return this.field(code).getByTestId('hall-field-waiting').textContent();
  }

  counter(n: number): Locator {
    return this.page.locator(`[data-testid="hall-counter"][data-number="${n}"]`);
  }

  get alerts(): Locator {
    return this.page.getByTestId('hall-alert');
  }

  async alertTexts(): Promise<string[]> {
    return this.alerts.locator('.alert-text').allTextContents();
  }

  async acknowledgeFirst(): Promise<void> {
    await this.alerts.first().getByRole('button', { name: 'Đã biết' }).click();
  }

  async today(): Promise<string | null> {
    return this.page.getByTestId('hall-today').textContent();
  }
}
