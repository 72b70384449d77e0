import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Debian's Chromium (or CHROME_PATH) with the built extension loaded; nothing leaves loopback. */

/** The built extension; CLIPMARK_EXT_DIR points elsewhere (a kept benchmark profile is tied to the path it was made with). */
export const EXTENSION_DIR = process.env.CLIPMARK_EXT_DIR ? resolve(process.env.CLIPMARK_EXT_DIR) : resolve(import.meta.dirname, '..', '.output', 'chrome-mv3');

export function chromePath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('No Chromium found: install it (Debian: apt-get install chromium) or set CHROME_PATH.');
  return found;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  popupUrl: string;
  close(): Promise<void>;
}

/** `extensionDir`: another build than EXTENSION_DIR (benchmarks comparing builds). */
export async function launchWithExtension(opts: { headless?: boolean; userDataDir?: string; extensionDir?: string } = {}): Promise<ExtensionBrowser> {
  const ext = opts.extensionDir ? resolve(opts.extensionDir) : EXTENSION_DIR;
  if (!existsSync(join(ext, 'manifest.json'))) throw new Error(`Build the extension first (npm run build): ${ext} is missing.`);
  const dir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'clipmark-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    headless: opts.headless ?? true,
    executablePath: chromePath(),
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  // The fixture pages name their original sites' scripts and images; nothing outside loopback answers here.
  await context.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)[:/]|chrome-extension:|data:|blob:)/, (route) => route.abort());
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context, worker, extensionId, popupUrl: `chrome-extension://${extensionId}/popup.html`,
    async close() {
      await context.close();
      if (!opts.userDataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
