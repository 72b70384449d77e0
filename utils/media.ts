import type { ClipmarkDB, MediaRow } from '@/utils/db';
import { readBounded, withDeadline } from '@/utils/link-fetch';

/**
 * The images of a saved article, kept with it: fetched by the background once the article is saved, so the reader
 * page shows them offline, and without the news site seeing the clipping read again. Bounded: at most MAX_IMAGES per
 * article, each under MAX_IMAGE_BYTES, MAX_ARTICLE_BYTES in all; only images (by their Content-Type), only from http(s)
 * addresses, fetched without cookies. An image that cannot be fetched is left out: the reader then shows the address
 * the article had (online) or its alternative text.
 */
export const MAX_IMAGES = 24;
export const MAX_IMAGE_BYTES = 3_000_000;
export const MAX_ARTICLE_BYTES = 10_000_000;

/** The addresses of the images in an article's (sanitised) HTML, absolute http(s) only, once each, in order. */
export function imageSources(html: string, max = MAX_IMAGES): string[] {
  const out: string[] = [];
  const re = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
  for (let m = re.exec(html); m && out.length < max; m = re.exec(html)) {
    const raw = (m[1] ?? m[2] ?? m[3] ?? '').replace(/&amp;/g, '&').trim();
    if (/^https?:\/\//i.test(raw) && !out.includes(raw)) out.push(raw);
  }
  return out;
}

export interface MediaFetchOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Fetches what `urls` it can, within the bounds; the rows to store (without clippingId). */
export async function fetchImages(urls: string[], opts: MediaFetchOptions = {}): Promise<Omit<MediaRow, 'clippingId'>[]> {
  const doFetch = opts.fetch ?? fetch;
  const rows: Omit<MediaRow, 'clippingId'>[] = [];
  let total = 0;
  for (const url of urls.slice(0, MAX_IMAGES)) {
    if (total >= MAX_ARTICLE_BYTES) break;
    const row = await withDeadline(opts.timeoutMs ?? 15_000, async (signal) => {
      const res = await doFetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', signal });
      const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!res.ok || !type.startsWith('image/')) return null;
      const bytes = await readBounded(res, Math.min(MAX_IMAGE_BYTES, MAX_ARTICLE_BYTES - total));
      return bytes?.length ? { url, type, bytes: bytes.length, data: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }) } : null;
    }).catch(() => null); // offline, refused, too slow: left out
    if (!row) continue;
    total += row.bytes;
    rows.push(row);
  }
  return rows;
}

/**
 * Keeps the images of one saved clipping: fetches those not kept yet and drops those its article no longer has.
 * Nothing for a bookmark, or a clipping deleted meanwhile. Returns how many images the clipping has kept.
 */
export async function keepImages(db: ClipmarkDB, clippingId: string, opts: MediaFetchOptions = {}): Promise<number> {
  const clipping = await db.clippings.get(clippingId);
  if (!clipping?.isArticle) return 0;
  const wanted = imageSources(clipping.html);
  const have = new Set((await db.media.where('clippingId').equals(clippingId).primaryKeys()).map(([, url]) => url));
  const fetched = await fetchImages(wanted.filter((u) => !have.has(u)), opts);
  return db.transaction('rw', [db.clippings, db.media], async () => {
    if (!(await db.clippings.get(clippingId))) return 0;
    const stale = [...have].filter((u) => !wanted.includes(u)).map((u) => [clippingId, u] as [string, string]);
    if (stale.length) await db.media.bulkDelete(stale);
    if (fetched.length) await db.media.bulkPut(fetched.map((r) => ({ ...r, clippingId })));
    return db.media.where('clippingId').equals(clippingId).count();
  });
}

/** The kept images of a clipping, by address. */
export async function imagesOf(db: ClipmarkDB, clippingId: string): Promise<Map<string, Blob>> {
  const rows = await db.media.where('clippingId').equals(clippingId).toArray();
  return new Map(rows.map((r) => [r.url, r.data]));
}
