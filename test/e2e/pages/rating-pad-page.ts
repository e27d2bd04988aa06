/** Page model of the citizen-facing rating pad at a counter (/counter/rate). */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newPage, screenshot } from '../../helpers/browser';

export class RatingPadPage {
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {}

  /** Opens the pad's pairing link once (`?key=demo-rating-N`), as the installer does. */
  static async pair(
    browser: Browser,
    baseUrl: string,
    counterNumber: number,
    opts: { fakeClock?: boolean } = {},
  ): Promise<RatingPadPage> {
    const { context, page } = await newPage(browser, { width: 1280, height: 800, touch: true });
    if (opts.fakeClock) await page.clock.install();
    await page.goto(`${baseUrl}/counter/rate?key=demo-rating-${counterNumber}`);
    await page.getByTestId('rating-pad').waitFor();
    return new RatingPadPage(page, context);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  shot(name: string): Promise<string> {
    return screenshot(this.page, name);
  }

  /** Lets the pad's own clock run (with `fakeClock`), as if the citizen walked away. */
  async wait(ms: number): Promise<void> {
    await this.page.clock.runFor(ms);
  }

  async switchLanguage(): Promise<void> {
    await this.page.locator('button.lang').tap();
  }

  async waitForIdle(): Promise<void> {
    await this.page.getByTestId('pad-idle').waitFor();
  }

  async idleText(): Promise<string> {
    return (await this.page.getByTestId('pad-idle').textContent()) ?? '';
  }

  /** Waits for the question after the clerk finished; answers its text. */
  async waitForQuestion(): Promise<string> {
    const ask = this.page.getByTestId('pad-ask');
    await ask.waitFor();
    return (await ask.textContent()) ?? '';
  }

  async tapScore(label: string): Promise<void> {
    await this.page.locator('.face', { hasText: label }).tap();
  }

  async tapReason(label: string): Promise<void> {
    await this.page.getByTestId('pad-reason').getByRole('button', { name: label }).tap();
  }

  async send(): Promise<void> {
    await this.page.getByTestId('pad-reason').locator('.send').tap();
  }

  async waitForThanks(): Promise<string> {
    const t = this.page.getByTestId('pad-thanks');
    await t.waitFor();
    return (await t.textContent()) ?? '';
  }
}
