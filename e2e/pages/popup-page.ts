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

  pageState() {
    return this.page.getByTestId('page-state');
  }
}
