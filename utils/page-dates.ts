/** Published and modified times of a page, from JSON-LD, meta tags and <time>, as ISO 8601. */

export interface PageTimes {
  publishedTime: string | null;
  modifiedTime: string | null;
}

/**
 * Normalises a date string to ISO 8601 without moving it to another zone than the page meant:
 * an instant with an offset becomes UTC ("...Z"), a date alone stays a date, a local time without
 * offset stays as written (floating). Returns null for what is not a date.
 */
export function toIsoDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (!s) return null;
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (dateOnly) return validDay(+dateOnly[1]!, +dateOnly[2]!, +dateOnly[3]!) ? s : null;
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(s);
  if (local) {
    if (!validDay(+local[1]!, +local[2]!, +local[3]!)) return null;
    return `${local[1]}-${local[2]}-${local[3]}T${local[4]}:${local[5]}:${local[6] ?? '00'}`;
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (compact) return toIsoDate(`${compact[1]}-${compact[2]}-${compact[3]}`);
  // Anything with a zone (ISO with offset, RFC 2822 "Fri, 26 Apr 2024 10:00:00 GMT") is an instant.
  if (/(Z|[+-]\d{2}:?\d{2}|\b(GMT|UTC|[ECMP][SD]T)\b)$/i.test(s) || /\d{4}-\d{2}-\d{2}T/.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return new Date(t).toISOString().replace('.000Z', 'Z');
  }
  // Textual dates without a zone ("April 26, 2024"): keep the calendar day only.
  const t = Date.parse(s);
  if (!Number.isNaN(t) && /\d{4}/.test(s)) {
    const d = new Date(t);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }
  return null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

type Json = null | string | number | boolean | Json[] | { [k: string]: Json };

const ARTICLE_TYPES = /Article|BlogPosting|NewsArticle|Report|WebPage|LiveBlogPosting|Posting/i;

function jsonLdNodes(doc: Document): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const visit = (v: Json) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v);
      if (v['@graph']) visit(v['@graph']);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      visit(JSON.parse(script.textContent ?? '') as Json);
    } catch {
      // A broken JSON-LD block is common; the other sources still count.
    }
  }
  return out;
}

function fromJsonLd(doc: Document, key: 'datePublished' | 'dateModified'): string | null {
  const nodes = jsonLdNodes(doc);
  const typed = nodes.filter((n) => ARTICLE_TYPES.test(JSON.stringify(n['@type'] ?? '')));
  for (const n of [...typed, ...nodes]) {
    const v = n[key];
    const iso = typeof v === 'string' ? toIsoDate(v) : null;
    if (iso) return iso;
  }
  return null;
}

const PUBLISHED_META = [
  'meta[property="article:published_time" i]',
  'meta[property="og:published_time" i]',
  'meta[itemprop="datePublished" i]',
  'meta[name="article:published_time" i]',
  'meta[name="parsely-pub-date" i]',
  'meta[name="sailthru.date" i]',
  'meta[name="publish-date" i]',
  'meta[name="pubdate" i]',
  'meta[name="dc.date" i]',
  'meta[name="dc.date.issued" i]',
  'meta[name="dcterms.created" i]',
  'meta[name="date" i]',
];
const MODIFIED_META = [
  'meta[property="article:modified_time" i]',
  'meta[property="og:updated_time" i]',
  'meta[itemprop="dateModified" i]',
  'meta[name="last-modified" i]',
  'meta[name="dcterms.modified" i]',
];

function fromMeta(doc: Document, selectors: string[]): string | null {
  for (const sel of selectors) {
    for (const el of doc.querySelectorAll(sel)) {
      const iso = toIsoDate(el.getAttribute('content') ?? el.getAttribute('datetime'));
      if (iso) return iso;
    }
  }
  return null;
}

function fromTimeElement(doc: Document): string | null {
  const preferred = doc.querySelector('time[pubdate][datetime], time[itemprop="datePublished" i][datetime], article time[datetime]');
  const el = preferred ?? doc.querySelector('time[datetime]');
  return toIsoDate(el?.getAttribute('datetime'));
}

/** What the page itself says of its dates, read before Readability is asked (see timesFrom). */
export interface PageTimeSources {
  published: string | null;
  /** A <time> element's date: the last resort, after Readability's own reading. */
  timeElement: string | null;
  modified: string | null;
}

/**
 * Read before Readability runs: Readability removes the document's scripts (JSON-LD) and much of its markup
 * (<time> elements outside the article) as it parses, and a document parsed from the page's HTML elsewhere
 * (utils/extract-html.ts) is not cloned first.
 */
export function pageTimeSources(doc: Document): PageTimeSources {
  return {
    published: fromJsonLd(doc, 'datePublished') ?? fromMeta(doc, PUBLISHED_META),
    timeElement: fromTimeElement(doc),
    modified: fromJsonLd(doc, 'dateModified') ?? fromMeta(doc, MODIFIED_META),
  };
}

/** The page's own dates first, then Readability's reading, then a <time> element. */
export function timesFrom(s: PageTimeSources, readabilityPublished?: string | null): PageTimes {
  return { publishedTime: s.published ?? toIsoDate(readabilityPublished) ?? s.timeElement, modifiedTime: s.modified };
}
