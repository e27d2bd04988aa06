/**
 * Page model of the clerk terminal (/counter/), so the tests read like a
 * clerk's morning: sign in, open counter 1, press F1, receive a dossier …
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { newPage, screenshot } from '../../helpers/browser';
import { DEMO_PASSWORD } from '../../helpers/server';

export interface DossierInput {
  procedure: string;
  fullName: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  postal?: boolean;
  documents?: number;
}

export class CounterPage {
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {}

  /** Opens /counter/ in its own browser context and signs in. */
  static async signIn(browser: Browser, baseUrl: string, username: string): Promise<CounterPage> {
    const { context, page } = await newPage(browser, { width: 1366, height: 820 });
    await page.goto(`${baseUrl}/counter/`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('.login-form button[type="submit"]').click();
    await page.locator('.picker, .counter-bar').first().waitFor();
    return new CounterPage(page, context);
  }

  /** A page already signed in some other way (e.g. after a first password change). */
  static fromPage(page: Page): CounterPage {
    return new CounterPage(page, page.context());
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  shot(name: string): Promise<string> {
    return screenshot(this.page, name);
  }

  async openCounter(n: number): Promise<void> {
    await this.page.getByTestId(`counter-card-${n}`).getByRole('button').click();
    await this.page.locator('.counter-bar').waitFor();
  }

  /** A shortcut key, as the clerk presses it (F1 call next, F2 recall, …). */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  get current(): Locator {
    return this.page.getByTestId('current-ticket');
  }

  /** The number being served, or null when the counter is free. */
  async currentNumber(): Promise<string | null> {
    const n = this.page.getByTestId('current-number');
    return (await n.count()) > 0 ? ((await n.textContent()) ?? null) : null;
  }

  async waitForCurrent(number: string | null): Promise<void> {
    if (number === null) await this.page.getByTestId('current-number').waitFor({ state: 'detached' });
    else await this.page.locator('[data-testid="current-number"]', { hasText: new RegExp(`^${number}$`) }).waitFor();
  }

  async callNext(): Promise<string> {
    // as the clerk does: press F1 once the big button is ready
    await this.page.locator('[data-testid="call-next"]:not([disabled])').waitFor();
    await this.press('F1');
    await this.page.getByTestId('current-number').waitFor();
    return (await this.page.getByTestId('current-number').textContent()) ?? '';
  }

  async waitingNumbers(): Promise<string[]> {
    return this.page.locator('[data-testid="waiting-item"] .num').allTextContents();
  }

  async skippedNumbers(): Promise<string[]> {
    return this.page.locator('[data-testid="skipped-item"] .num').allTextContents();
  }

  async callSkippedAgain(number: string): Promise<void> {
    await this.page.getByTestId('skipped-item').filter({ hasText: number }).getByRole('button').click();
    await this.waitForCurrent(number);
  }

  async transferToField(fieldName: string): Promise<void> {
    await this.press('F4');
    const dialog = this.page.getByTestId('transfer-dialog');
    await dialog.locator('select[name="fieldId"]').selectOption({ label: fieldName });
    await dialog.getByRole('button', { name: 'Chuyển', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async pause(reason: string): Promise<void> {
    await this.press('F8');
    const dialog = this.page.getByTestId('pause-dialog');
    await dialog.getByRole('button', { name: reason }).click();
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    await this.page.locator('.alert.paused').waitFor();
  }

  /** Opens the reception form (F6) and fills it, without sending. */
  async fillDossier(d: DossierInput): Promise<Locator> {
    await this.press('F6');
    const dialog = this.page.getByTestId('receive-dialog');
    await dialog.locator('input[name="procedureSearch"]').fill(d.procedure);
    await dialog.locator('button.proc').first().click();
    await dialog.getByTestId('chosen-procedure').waitFor();
    await dialog.locator('input[name="fullName"]').fill(d.fullName);
    if (d.idNumber !== undefined) await dialog.locator('input[name="idNumber"]').fill(d.idNumber);
    if (d.phone !== undefined) await dialog.locator('input[name="phone"]').fill(d.phone);
    if (d.address !== undefined) await dialog.locator('input[name="address"]').fill(d.address);
    if (d.postal) await dialog.locator('input[name="channel"]').nth(1).check();
    if (d.documents !== undefined) await dialog.locator('input[name="documentCount"]').fill(String(d.documents));
    return dialog;
  }

  /** Adds a document to the open reception form, with its digitisation ("Đã quét" + pages, or "Dùng lại dữ liệu"). */
  async addDocument(doc: { name: string; copy?: string; digitisation?: string; pages?: number }): Promise<void> {
    const list = this.page.getByTestId('receive-dialog').getByTestId('documents');
    const i = await list.locator('.doc-row').count();
    await list.getByRole('button', { name: '+ Thêm giấy tờ' }).click();
    await list.locator(`[name="doc-name-${i}"]`).fill(doc.name);
    if (doc.copy) await list.locator(`[name="doc-copy-${i}"]`).selectOption({ label: doc.copy });
    if (doc.digitisation)
      await list.locator(`[name="doc-digitisation-${i}"]`).selectOption({ label: doc.digitisation });
    if (doc.pages !== undefined) await list.locator(`[name="doc-pages-${i}"]`).fill(String(doc.pages));
  }

  /** Sends the reception form; answers the code and appointment shown. */
  async submitDossier(): Promise<{ code: string; due: string; receiptHref: string }> {
    await this.page.getByTestId('submit-dossier').click();
    const done = this.page.getByTestId('receive-done');
    await done.waitFor();
    return {
      code: (await done.getByTestId('done-code').textContent()) ?? '',
      due: (await done.getByTestId('done-due').textContent()) ?? '',
      receiptHref: (await done.getByTestId('print-receipt').getAttribute('href')) ?? '',
    };
  }

  /** Opens the printable receipt (Mẫu 01) in a tab of the same session, without the print dialog. */
  async openReceipt(href: string): Promise<Page> {
    const tab = await this.context.newPage();
    await tab.setViewportSize({ width: 1160, height: 860 });
    await tab.goto(new URL(href.replace('?print=1', ''), this.page.url()).toString());
    return tab;
  }

  /** F7: finds a dossier by its code; answers the detail panel. */
  async findDossier(code: string): Promise<Locator> {
    await this.press('F7');
    const dialog = this.page.getByTestId('dossier-dialog');
    await dialog.locator('input[name="code"]').fill(code);
    await dialog.getByRole('button', { name: 'Tìm', exact: true }).click();
    const detail = dialog.getByTestId('dossier-detail');
    await detail.waitFor();
    return detail;
  }

  /** Clicks one of the dossier's actions, fills its small form (by field name) and confirms. */
  async dossierAction(label: string, fields: Record<string, string> = {}): Promise<void> {
    const detail = this.page.getByTestId('dossier-detail');
    await detail.getByRole('button', { name: label }).click();
    if (Object.keys(fields).length === 0) return;
    for (const [name, value] of Object.entries(fields)) {
      const field = detail.locator(`[name="${name}"]`);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: value });
      else await field.fill(value);
    }
    await detail.getByRole('button', { name: 'Xác nhận' }).click();
  }

  async closeDialog(): Promise<void> {
    await this.press('Escape');
    await this.page.locator('.modal').waitFor({ state: 'detached' });
  }

  async served(): Promise<string> {
    return (await this.page.getByTestId('stat-served').textContent()) ?? '';
  }
}
