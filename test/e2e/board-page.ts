/**
 * Page model of the hall display board: what a citizen at the back of the
 * hall sees, and the announcement queue the page exposes for tests.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newPage, screenshot } from '../helpers/browser';

export interface Announcement {
  ticketId: string;
  number: string;
  counterNumber: number;
  recall: boolean;
  speech: string;
  status: 'queued' | 'speaking' | 'done';
  engine: 'browser' | 'server' | 'none' | null;
}

export class BoardPage {
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {}

  /** Opens the board with its pairing link, as an installer does once per TV. */
  static async open(
    browser: Browser,
    url: string,
    key: string,
    size: { width: number; height: number },
  ): Promise<BoardPage> {
    const { page, context } = await newPage(browser, size);
    const board = new BoardPage(page, context);
    await page.goto(`${url}/display-board/?key=${encodeURIComponent(key)}`);
    await page.locator('[data-testid=counters] article').first().waitFor();
    return board;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** The number a counter's card shows ('' when idle). */
  async currentAt(counter: number): Promise<string> {
    return (await this.page.getAttribute(`[data-testid=counter-${counter}]`, 'data-current')) ?? '';
  }

  async waitForCurrent(counter: number, number: string): Promise<void> {
    await this.page.waitForSelector(`[data-testid=counter-${counter}][data-current="${number}"]`, { timeout: 10_000 });
  }

  /** The big "Xin mời số" panel. */
  async newest(): Promise<{ number: string; counter: number; text: string }> {
    const el = this.page.locator('[data-testid=newest]');
    return {
      number: (await el.getAttribute('data-number')) ?? '',
      counter: Number(await el.getAttribute('data-counter')),
      text: (await el.innerText()).replace(/\s+/g, ' ').trim(),
    };
  }

  async waitForNewest(number: string): Promise<void> {
    await this.page.waitForSelector(`[data-testid=newest][data-number="${number}"]`, { timeout: 10_000 });
  }

  async counterNumbers(): Promise<number[]> {
    const ids = await this.page
      .locator('[data-testid=counters] article')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.map((id) => Number(id.replace('counter-', '')));
  }

  async title(): Promise<string> {
    return (await this.page.locator('[data-testid=title]').textContent()) ?? '';
  }

  async notice(): Promise<string> {
    return this.page.locator('[data-testid=notice]').innerText();
  }

  async waitingText(): Promise<string> {
    return (await this.page.locator('[data-testid=waiting]').innerText()).replace(/\s+/g, ' ');
  }

  async isOffline(): Promise<boolean> {
    return this.page.locator('[data-testid=offline]').isVisible();
  }

  async waitOffline(offline: boolean): Promise<void> {
    await this.page
      .locator('[data-testid=offline]')
      .waitFor({ state: offline ? 'visible' : 'detached', timeout: 10_000 });
  }

  /** The announcement queue, in the order the calls arrived. */
  async announcements(): Promise<Announcement[]> {
    return this.page.evaluate(() => JSON.parse(JSON.stringify(window.__motcuaBoard?.announcements ?? [])));
  }

  /** "start A001@1", "end A001@1", … in the order they were spoken. */
  async speechLog(): Promise<string[]> {
    return this.page.evaluate(() => [...(window.__motcuaBoard?.log ?? [])]);
  }

  async waitForAnnouncements(count: number, status?: 'done'): Promise<Announcement[]> {
    await this.page.waitForFunction(
      ([n, st]) => {
        const list = window.__motcuaBoard?.announcements ?? [];
        return list.length >= n && (!st || list.every((a) => a.status === st));
      },
      [count, status ?? null] as const,
      { timeout: 60_000, polling: 100 },
    );
    return this.announcements();
  }

  async screenshot(name: string): Promise<string> {
    return screenshot(this.page, name);
  }
}
