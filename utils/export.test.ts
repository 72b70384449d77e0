import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { exportAllMarkdown, exportAllMarkdownZip, exportBackup, exportMarkdown, exportWebAnnotations, ANNO_CONTEXT } from '@/utils/export';
import { fixturePage, makeAnnotation, makeClipping, put, seedExtras } from '@/fixtures/test-data';

let db: ClipmarkDB;
let n = 0;
beforeEach(async () => {
  db = openDb(`export-test-${++n}`);
  await db.open();
});
afterEach(() => db.close());

async function world() {
  const seed = fixturePage('seed-page');
  const c = makeClipping({ id: 'seed', title: seed.title, html: seed.html, text: seed.text, byline: seed.byline, siteName: seed.siteName, publishedTime: seed.publishedTime, url: 'https://ledger.example/iran-dm?utm_source=x', canonicalUrl: 'https://ledger.example/iran-dm' });
  const a1 = makeAnnotation(c, 'Shoigu reportedly conveyed Moscow’s readiness', 'Moscow wants closer ties', { id: 'a1' });
  const a2 = makeAnnotation(c, 'a barrage of drones and missiles', '', { id: 'a2', color: 'pink' });
  a2.selectors.push({ type: 'RangeSelector', startContainer: '/p[6]', startOffset: 4, endContainer: '/p[6]', endOffset: 36 });
  const ex = seedExtras('seed');
  await put(db, [c, makeClipping({ id: 'other', title: 'Other: a / story?', savedAt: 5 })], [a1, a2], ex.entities, ex.dates);
  return c;
}

describe('Markdown export', () => {
  it('writes front matter, the article as Markdown and highlights with notes as blockquotes', async () => {
    await world();
    const f = (await exportMarkdown(db, 'seed'))!;
    expect(f.name).toBe('2024-04-27-iran-dm-discusses-cooperation-with-china-russia.md');
    const md = f.markdown;
    const [, front] = md.split('---\n');
    expect(front).toContain('title: "Iran DM discusses cooperation with China, Russia"');
    expect(front).toContain('url: "https://ledger.example/iran-dm?utm_source=x"');
    expect(front).toContain('canonical_url: "https://ledger.example/iran-dm"');
    expect(front).toContain('byline: "By News Desk"');
    expect(front).toContain('published: "2024-04-26T10:00:00Z"');
    expect(front).toContain('mentioned_dates: ["2024-04", "2024-04-01", "2024-04-13"]');
    expect(front).toMatch(/ {2}person: \["Sergei Shoigu", "Mohammad Reza Ashtiani", "Dong Jun"\]/);
    expect(md).toContain('# Iran DM discusses cooperation with China, Russia');
    expect(md).not.toMatch(/<p|<div/);
    expect(md).toMatch(/Sergei Shoigu/);
    const hl = md.slice(md.indexOf('## Highlights'));
    expect(hl).toContain('> Shoigu reportedly conveyed Moscow’s readiness\n\n**Note:** Moscow wants closer ties');
    expect(hl).toContain('> a barrage of drones and missiles');
    expect(hl.indexOf('Shoigu reportedly')).toBeLessThan(hl.indexOf('barrage'));
    expect(await exportMarkdown(db, 'missing')).toBeNull();
  });

  it('exports every clipping with unique file names', async () => {
    await world();
    const files = await exportAllMarkdown(db);
    expect(files.map((f) => f.name)).toEqual(['2024-04-27-iran-dm-discusses-cooperation-with-china-russia.md', '1970-01-01-other-a-story.md']);
  });

  it('exports them all as one zip of Markdown files, one per clipping, as they are exported one by one', async () => {
    await world();
    const { count, zip } = await exportAllMarkdownZip(db);
    expect(count).toBe(2);
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['clipmark/2024-04-27-iran-dm-discusses-cooperation-with-china-russia.md', 'clipmark/1970-01-01-other-a-story.md']);
    const one = await exportMarkdown(db, (await db.clippings.orderBy('savedAt').last())!.id);
    expect(strFromU8(files[`clipmark/${one!.name}`]!)).toBe(one!.markdown);
  });
});

describe('JSON backup', () => {
  it('is complete and versioned, without local row ids', async () => {
    await world();
    const b = await exportBackup(db, new Date('2024-05-01T00:00:00Z'));
    expect(b).toMatchObject({ format: 'clipmark-backup', version: 1, exportedAt: '2024-05-01T00:00:00.000Z' });
    expect(b.clippings).toHaveLength(2);
    expect(b.annotations).toHaveLength(2);
    expect(b.entities).toHaveLength(8);
    expect(b.dates).toHaveLength(5);
    expect(b.entities.every((e) => !('id' in e))).toBe(true);
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });
});

describe('W3C Web Annotation export', () => {
  it('gives each highlight its source, selectors, and its note as a TextualBody', async () => {
    await world();
    const col = await exportWebAnnotations(db, 'seed');
    expect(col).toMatchObject({ '@context': ANNO_CONTEXT, type: 'AnnotationCollection', total: 2 });
    const [a1, a2] = col.first.items;
    expect(a1).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'urn:uuid:a1',
      motivation: 'commenting',
      target: { source: 'https://ledger.example/iran-dm' },
    });
    expect(a1!.body).toContainEqual({ type: 'TextualBody', value: 'Moscow wants closer ties', format: 'text/plain', purpose: 'commenting' });
    expect(a1!.target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: 'Shoigu reportedly conveyed Moscow’s readiness' });
    expect(a1!.target.selector[1]).toMatchObject({ type: 'TextPositionSelector' });
    expect(a2!.motivation).toBe('highlighting');
    expect(a2!.target.selector[2]).toEqual({
      type: 'RangeSelector',
      startSelector: { type: 'XPathSelector', value: '/p[6]', refinedBy: { type: 'TextPositionSelector', start: 4, end: 4 } },
      endSelector: { type: 'XPathSelector', value: '/p[6]', refinedBy: { type: 'TextPositionSelector', start: 36, end: 36 } },
    });
    expect((await exportWebAnnotations(db)).total).toBe(2);
  });
});
