import type { Page } from 'playwright-core';
import { paintedTexts, selectText } from '../in-page';

/** A web page with Clipmark on it: painted highlights, selecting text, the shadow-root UI. */
export class ArticlePage {
  constructor(readonly page: Page) {}

  /** Texts of the ranges painted under a highlight name (CSS Custom Highlight API registry). */
  painted(name: string): Promise<string[]> {
    return this.page.evaluate(paintedTexts, name);
  }

  /** Selects the first occurrence of `text` inside `within` and releases the mouse, as a reader would. */
  async select(text: string, within = 'body'): Promise<void> {
    const box = await this.page.evaluate(selectText, [text, within] as const);
    await this.page.mouse.move(box.x, box.y);
    await this.page.evaluate(() => document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true })));
  }

  toolbar() {
    return this.page.getByRole('toolbar', { name: 'Highlight the selected text' });
  }

  legend() {
    return this.page.getByRole('region', { name: /Clipmark: entities/ });
  }

  editor() {
    return this.page.getByRole('dialog', { name: 'Edit highlight' });
  }

  async highlightWithNote(text: string, note: string, within?: string): Promise<void> {
    await this.select(text, within);
    await this.toolbar().getByRole('button', { name: 'Add note' }).click();
    const editor = this.editor();
    await editor.getByRole('textbox', { name: 'Note' }).fill(note);
    await editor.getByRole('button', { name: 'Save note' }).click();
    await editor.waitFor({ state: 'detached' });
  }
}
