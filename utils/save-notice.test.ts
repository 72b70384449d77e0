import { afterEach, describe, expect, it, vi } from 'vitest';
import { JSDOM } from 'jsdom';
import { announceSave, NOTICE_HOST_ID, pageNotice, type NoticePort } from '@/utils/save-notice';
import type { SaveOutcome } from '@/utils/protocol';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function page() {
  const dom = new JSDOM('<!doctype html><html><head><style>div { color: red !important }</style></head><body><p>Story</p></body></html>');
  vi.stubGlobal('document', dom.window.document);
  return dom.window.document;
}
const notice = (doc: Document) => doc.getElementById(NOTICE_HOST_ID)?.shadowRoot?.querySelector('[role]') ?? null;

describe('pageNotice (run in the tab)', () => {
  it('shows the outcome in the page, announced, and goes after a while', () => {
    vi.useFakeTimers();
    const doc = page();
    pageNotice('Article saved. “A story”', true);
    const box = notice(doc)!;
    expect(box.getAttribute('role')).toBe('status');
    vi.advanceTimersByTime(60);
    expect(box.textContent).toBe('ClipmarkArticle saved. “A story”');
    vi.advanceTimersByTime(5_000);
    expect(doc.getElementById(NOTICE_HOST_ID)).toBeNull();
  });

  it('stays in view whatever the page’s own CSS does to its divs or its body', () => {
    vi.useFakeTimers();
    const doc = page();
    const css = doc.createElement('style');
    css.textContent = 'body { transform: translateZ(0) } body > div, div { display: none !important }';
    doc.head.append(css);
    pageNotice('Article saved.', true);
    const host = doc.getElementById(NOTICE_HOST_ID)!;
    expect(host.parentElement).toBe(doc.documentElement);
    expect(host.tagName).toBe('CLIPMARK-NOTICE');
    expect(doc.defaultView!.getComputedStyle(host).display).toBe('block');
  });

  it('a failure is an alert; a new notice replaces the old one; a click closes it', () => {
    vi.useFakeTimers();
    const doc = page();
    pageNotice('Saved.', true);
    pageNotice('Your disk is full.', false);
    expect(doc.querySelectorAll(`#${NOTICE_HOST_ID}`)).toHaveLength(1);
    vi.advanceTimersByTime(60);
    const box = notice(doc)!;
    expect(box.getAttribute('role')).toBe('alert');
    expect(box.textContent).toContain('Your disk is full.');
    box.dispatchEvent(new doc.defaultView!.MouseEvent('click'));
    expect(doc.getElementById(NOTICE_HOST_ID)).toBeNull();
  });
});

describe('announceSave', () => {
  const ok: SaveOutcome = { ok: true, created: true, message: 'Article saved.', clipping: { id: 'c', title: 'A story', canonicalUrl: 'u', isArticle: true, savedAt: 1 } };
  const failed: SaveOutcome = { ok: false, message: 'Browser pages (such as settings and new tabs) cannot be saved.' };
  function port(inPage: boolean) {
    const seen: string[] = [];
    const p: NoticePort = {
      showInPage: async (tab, m, good) => (seen.push(`page ${tab} ${good} ${m}`), inPage),
      setBadge: async (tab, text, title) => void seen.push(`badge ${tab} ${text} ${title}`),
    };
    return { p, seen };
  }

  it('tells the outcome on the page, with the clipping’s title', async () => {
    const { p, seen } = port(true);
    await announceSave(p, 3, ok);
    expect(seen).toEqual(['page 3 true Article saved. “A story”']);
  });

  it('where the page lets no script in, the outcome shows on the toolbar badge instead', async () => {
    const { p, seen } = port(false);
    await announceSave(p, 3, failed);
    expect(seen).toEqual([`page 3 false ${failed.message}`, `badge 3 ! Clipmark: ${failed.message}`]);
    // a success too (a link saved from the reader page, where no notice can be shown)
    const quiet = port(false);
    await announceSave(quiet.p, 3, ok);
    expect(quiet.seen).toEqual(['page 3 true Article saved. “A story”', 'badge 3 ✓ Clipmark: Article saved. “A story”']);
  });
});
