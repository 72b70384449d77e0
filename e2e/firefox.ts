import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { paintedTexts } from './in-page';

/**
 * Debian's Firefox ESR (or FIREFOX_PATH) with the Firefox build installed as a temporary add-on, driven by
 * puppeteer-core over WebDriver BiDi (Playwright drives only its own patched Firefox, which we never download).
 * Nothing leaves loopback: every other address goes to a proxy that refuses at once.
 */

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '..', '.output', 'firefox-mv2');

export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('No Firefox found: install it (Debian: apt-get install firefox-esr) or set FIREFOX_PATH.');
  return found;
}

/** The extension's internal address in these tests: Firefox picks a random one unless told (extensions.webextensions.uuids). */
const EXTENSION_UUID = '0e5f3b1a-1111-4222-8333-444455556666';
const GECKO_ID = 'clipmark@clipmark.example';

export interface FirefoxWithExtension {
  browser: Browser;
  extensionId: string;
  /** moz-extension://…/popup.html */
  popupUrl: string;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`Build the Firefox extension first (npx wxt build -b firefox): ${FIREFOX_EXTENSION_DIR} is missing.`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // Firefox 153 lets WebDriver navigate to extension pages only with this
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // the fixture pages name their original sites' scripts and images: refused at once, not timed out
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
    },
  });
  try {
    const extensionId = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    if (extensionId !== GECKO_ID) throw new Error(`installed as ${extensionId}, expected ${GECKO_ID} (wxt.config.ts)`);
    return { browser, extensionId, popupUrl: `moz-extension://${EXTENSION_UUID}/popup.html`, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/**
 * Opens an extension page in a new tab. Firefox sends WebDriver no load event for extension pages, so the
 * navigation's promise is not awaited to its end: the caller waits for what it needs on the page.
 */
export async function openExtensionPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url, { timeout: 3_000 }).catch((e: unknown) => {
    if (!/timeout/i.test(String(e))) throw e;
  });
  return page;
}

/**
 * The first element matching `selector` whose text starts with `text`: in the page's document, or (`inUi`) in the
 * open shadow roots, where Clipmark's page UI lives. Null if there is none.
 */
async function firstElement(page: Page, selector: string, text: string, inUi: boolean): Promise<ElementHandle<Element> | null> {
  const handle = await page.evaluateHandle(([sel, t, ui]) => {
    const roots: ParentNode[] = ui ? [...document.querySelectorAll('*')].flatMap((h) => (h.shadowRoot ? [h.shadowRoot] : [])) : [document];
    for (const root of roots) {
      const hit = [...root.querySelectorAll(sel)].find((e) => (e.textContent ?? '').trim().startsWith(t));
      if (hit) return hit;
    }
    return null;
  }, [selector, text, inUi] as const);
  const el = handle.asElement() as ElementHandle<Element> | null;
  if (!el) await handle.dispose();
  return el;
}

/** The first element of the page matching `selector` whose text starts with `text`, once there is one. */
export function byText(page: Page, selector: string, text: string): Promise<ElementHandle<Element>> {
  return eventually(() => firstElement(page, selector, text, false));
}

/** Texts of the ranges painted under a highlight name (CSS Custom Highlight API registry). */
export function paintedIn(page: Page, name: string): Promise<string[]> {
  return page.evaluate(paintedTexts, name);
}

/** An element of Clipmark's page UI (in its open shadow root): the first `selector` whose text starts with `text`. */
export function inPageUi(page: Page, selector: string, text = ''): Promise<ElementHandle<Element> | null> {
  return firstElement(page, selector, text, true);
}

/** Resolves with what `fn` gives once it is truthy, polling; throws after `timeout` ms with what it last gave. */
export async function eventually<T>(fn: () => Promise<T>, timeout = 20_000, every = 200): Promise<Exclude<T, null | undefined | false | 0 | ''>> {
  const end = Date.now() + timeout;
  let last: T;
  for (;;) {
    last = await fn();
    if (last) return last as Exclude<T, null | undefined | false | 0 | ''>;
    if (Date.now() > end) throw new Error(`still ${JSON.stringify(last)} after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, every));
  }
}
