import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { foldKey, type Annotation, type ClipmarkDB, type Clipping, type DateRow, type EntityRow } from '@/utils/db';

/** Test and benchmark data: the fixture pages in fixtures/pages/, as clippings. Not shipped. */

const ROOT = join(import.meta.dirname ?? __dirname, '..', 'fixtures', 'pages');

export interface FixturePage {
  name: string;
  title: string;
  siteName: string | null;
  byline: string | null;
  publishedTime: string | null;
  html: string;
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Rough HTML to text for fixtures (the extension gets text from Readability). */
export function htmlText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/(p|div|h\d|li|blockquote|section|article|tr)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : +e.slice(1)) : (ENTITIES[e] ?? m),
    )
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

export function fixtureNames(): string[] {
  return readdirSync(ROOT).sort();
}

export function fixturePage(name: string): FixturePage {
  const html = readFileSync(join(ROOT, name, 'expected.html'), 'utf8');
  const meta = JSON.parse(readFileSync(join(ROOT, name, 'expected-metadata.json'), 'utf8')) as Record<string, string | null>;
  return {
    name,
    title: meta.title ?? name,
    siteName: meta.siteName ?? null,
    byline: meta.byline ?? null,
    publishedTime: meta.publishedTime ?? null,
    html,
    text: htmlText(html),
  };
}

let n = 0;
export function makeClipping(over: Partial<Clipping> = {}): Clipping {
  const id = over.id ?? `c${++n}`;
  const text = over.text ?? '';
  return {
    id,
    url: `https://news.example/${id}`,
    canonicalUrl: over.url ?? `https://news.example/${id}`,
    title: 'Untitled',
    byline: null,
    siteName: 'Example News',
    lang: 'en',
    excerpt: null,
    html: `<p>${text}</p>`,
    text,
    wordCount: text.split(/\s+/).filter(Boolean).length,
    readingMinutes: 1,
    publishedTime: null,
    modifiedTime: null,
    isArticle: true,
    savedAt: Date.UTC(2024, 3, 27, 12),
    updatedAt: Date.UTC(2024, 3, 27, 12),
    ...over,
  };
}

export function makeAnnotation(clipping: Clipping, exact: string, note = '', over: Partial<Annotation> = {}): Annotation {
  const start = clipping.text.indexOf(exact);
  return {
    id: over.id ?? `a${++n}`,
    pageUrl: clipping.canonicalUrl,
    clippingId: clipping.id,
    color: 'yellow',
    note,
    selectors: [
      { type: 'TextQuoteSelector', exact, prefix: clipping.text.slice(Math.max(0, start - 32), Math.max(0, start)), suffix: clipping.text.slice(start + exact.length, start + exact.length + 32) },
      { type: 'TextPositionSelector', start, end: start + exact.length },
    ],
    createdAt: clipping.savedAt + 1000,
    updatedAt: clipping.savedAt + 1000,
    ...over,
  };
}

/** The seed page's entities and dates as the entity issue will store them (from product.md). */
export function seedExtras(clippingId: string): { entities: EntityRow[]; dates: DateRow[] } {
  const e = (kind: EntityRow['kind'], canonical: string, surfaces: string[], mentions: number): EntityRow => ({
    clippingId,
    kind,
    canonical,
    key: foldKey(canonical),
    surfaces,
    mentions,
  });
  return {
    entities: [
      e('person', 'Sergei Shoigu', ['Sergei Shoigu', 'Shoigu'], 3),
      e('person', 'Mohammad Reza Ashtiani', ['Mohammad Reza Ashtiani', 'Ashtiani'], 2),
      e('person', 'Dong Jun', ['Dong Jun', 'Dong'], 2),
      e('organization', 'Shanghai Cooperation Organization', ['Shanghai Cooperation Organization', 'SCO'], 1),
      e('organization', 'Islamic Revolution Guards Corps', ['Islamic Revolution Guards Corps', 'IRGC'], 2),
      e('place', 'Damascus', ['Damascus'], 1),
      e('place', 'Iran', ['Iran'], 6),
      e('place', 'Kazakhstan', ['Kazakhstan'], 1),
    ],
    dates: [
      { clippingId, role: 'published', value: '2024-04-26', precision: 'day', text: null },
      { clippingId, role: 'saved', value: '2024-04-27', precision: 'day', text: null },
      { clippingId, role: 'mentioned', value: '2024-04-01', precision: 'day', text: 'April 1' },
      { clippingId, role: 'mentioned', value: '2024-04-13', precision: 'day', text: 'April 13' },
      { clippingId, role: 'mentioned', value: '2024-04', precision: 'month', text: 'earlier this month' },
    ],
  };
}

/** Put rows straight into the db (the background's repository does this in the app). */
export async function put(db: ClipmarkDB, clippings: Clipping[], annotations: Annotation[] = [], entities: EntityRow[] = [], dates: DateRow[] = []) {
  await db.transaction('rw', [db.clippings, db.annotations, db.entities, db.dates], async () => {
    await db.clippings.bulkPut(clippings);
    await db.annotations.bulkPut(annotations);
    await db.entities.bulkAdd(entities);
    await db.dates.bulkAdd(dates);
  });
}
