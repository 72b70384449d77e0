import { pageAccess } from '@/utils/url';
import { htmlToRead } from '@/utils/page-html';
import { MAX_REMOTE_HTML } from '@/utils/limits';

/**
 * The page behind a link the reader chose to save from the context menu, fetched by the background (the reader's own
 * request, with the reader's cookies for that site, as opening the link would send them). Only web pages are read:
 * anything else is reported, never parsed. The HTML is read up to a bound and decoded by its declared charset.
 */

export type LinkedPage =
  | { ok: true; url: string; html: string }
  /** `refused`: not a link Clipmark saves at all (not a web page's address); otherwise the page could not be read. */
  | { ok: false; url: string; message: string; refused?: boolean };

export interface LinkFetchOptions {
  fetch?: typeof fetch;
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
  /** Most bytes read (default MAX_REMOTE_HTML). */
  maxBytes?: number;
}

export async function fetchLinkedPage(url: string, opts: LinkFetchOptions = {}): Promise<LinkedPage> {
  if (!/^https?:\/\//i.test(url)) return { ok: false, url, message: 'Clipmark can only save links to web pages (http or https).', refused: true };
  const access = pageAccess(url);
  if (!access.ok) return { ok: false, url, message: access.message, refused: true };
  const doFetch = opts.fetch ?? fetch;
  const maxBytes = opts.maxBytes ?? MAX_REMOTE_HTML;
  try {
    return await withDeadline(opts.timeoutMs ?? 20_000, async (signal): Promise<LinkedPage> => {
      const res = await doFetch(url, { credentials: 'include', redirect: 'follow', signal, headers: { Accept: 'text/html,application/xhtml+xml' } });
      const finalUrl = res.url || url;
      if (!res.ok) return { ok: false, url: finalUrl, message: `the site answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
      const type = res.headers.get('content-type') ?? '';
      if (type && !/\b(?:text\/html|application\/xhtml\+xml)\b/i.test(type)) {
        return { ok: false, url: finalUrl, message: `it is not a web page (${type.split(';')[0]!.trim()})` };
      }
      const bytes = await readBounded(res, maxBytes);
      if (!bytes) return { ok: false, url: finalUrl, message: `the page is larger than ${Math.round(maxBytes / 1_000_000)} MB` };
      return { ok: true, url: finalUrl, html: htmlToRead(decode(bytes, type)) };
    });
  } catch (e) {
    if (e instanceof DeadlinePassed) return { ok: false, url, message: 'the site did not answer in time' };
    return { ok: false, url, message: `the page could not be fetched (offline, or the site refused): ${String((e as Error)?.message ?? e)}` };
  }
}

/** What withDeadline rejects with once its time is up. */
export class DeadlinePassed extends Error {}

/**
 * Runs `run` with a signal aborted after `ms` (a fetch and the reading of its body, both bounded by one deadline);
 * rejects with DeadlinePassed when the time ran out, whatever `run` rejected with then.
 */
export async function withDeadline<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  try {
    return await run(abort.signal);
  } catch (e) {
    throw abort.signal.aborted ? new DeadlinePassed(`no answer within ${ms} ms`) : e;
  } finally {
    clearTimeout(timer);
  }
}

/** The body, or null once it passes `max` bytes (the rest is not downloaded). */
export async function readBounded(res: Response, max: number): Promise<Uint8Array | null> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > max) return null;
  if (!res.body) {
    const all = new Uint8Array(await res.arrayBuffer());
    return all.length > max ? null : all;
  }
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

/**
 * Decodes by the Content-Type's charset, else a <meta> charset in the page's head (its first 64 KB: pages put long
 * inline scripts before it, and Chromium still finds it), else UTF-8.
 */
export function decode(bytes: Uint8Array, contentType: string): string {
  const start = new TextDecoder('latin1').decode(bytes.subarray(0, 65_536));
  const head = start.slice(0, start.search(/<\/head\s*>|<body[\s>]/i) >>> 0);
  const label = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1]
    ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1]
    ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
