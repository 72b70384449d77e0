import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../browser';

/** The toolbar popup, opened as its own page, driven through its accessible UI. */
export class PopupPage {
  constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser): Promise<PopupPage> {
    const page = await ext.context.newPage();
    await page.goto(ext.popupUrl);
    return new PopupPage(page);
  }

  saveButton() {
    return this.page.getByRole('button', { name: /Save/ });
  }

  async save(): Promise<string> {
    await this.saveButton().click();
    const status = this.page.locator('.current [role=status], .current [role=alert]');
    await status.first().waitFor({ timeout: 20_000 });
    return (await status.first().textContent()) ?? '';
  }

  savedList() {
    return this.page.getByRole('list', { name: 'Saved clippings' });
  }

  savedItems() {
    return this.savedList().getByRole('listitem');
  }

  searchBox() {
    return this.page.getByRole('searchbox', { name: 'Search clippings' });
  }

  results() {
    return this.page.getByRole('list', { name: 'Results' }).getByRole('listitem');
  }

  /**
   * Types a query and waits until a result's text contains `expected`, as a reader waits: a clipping just saved is
   * found once the background has indexed it, and the popup searches again by itself when that happens.
   */
  async searchUntil(query: string, expected: string, timeout = 20_000): Promise<string[]> {
    await this.searchBox().fill(query);
    await this.results().filter({ hasText: expected }).first().waitFor({ timeout });
    return this.results().allTextContents();
  }

  pageState() {
    return this.page.getByTestId('page-state');
  }
}
