import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, analyzeForPage, type Analyzer } from '@/utils/analysis';
import { loadModelFromDisk } from '@/utils/ner/load-node';
import { extractArticle } from '@/utils/extract';
import { loadPage } from '@/utils/fixtures';
import { openDb } from '@/utils/db';
import { countByKind, paintKinds, placeEntities } from '@/utils/live/entity-layer';
import type { Painter } from '@/utils/highlight';

let analyzer: Analyzer;
beforeAll(() => { analyzer = createAnalyzer(() => loadModelFromDisk('public/ner')); });

async function seed() {
  const doc = loadPage('seed-page');
  const r = extractArticle(doc, { url: 'http://127.0.0.1/seed-page/' });
  if (!r.ok) throw new Error(r.message);
  const db = openDb(`el-${crypto.randomUUID()}`);
  const analysis = await analyzeForPage(analyzer, db, { title: r.article.title, text: r.article.text, reference: r.article.publishedTime! });
  await db.delete();
  return { doc, article: r.article, ...placeEntities(doc, r.article.title, r.article.text, analysis) };
}

describe('entities on the live seed page', () => {
  it('places the article’s people, organisations, places and dates on the live text', async () => {
    const { placed } = await seed();
    const found = (kind: string, text: string) => placed.some((p) => p.kind === kind && p.range.toString() === text);
    expect(found('person', 'Sergei Shoigu')).toBe(true);
    expect(found('organization', 'Shanghai Cooperation Organization')).toBe(true);
    expect(found('place', 'Damascus')).toBe(true);
    expect(found('date', 'April 13')).toBe(true);
    for (const p of placed) expect(p.range.toString().replace(/\s+/g, ' ')).toBe(p.text.replace(/\s+/g, ' '));
  });

  it('never paints the navigation, sidebar, footer or cookie banner', async () => {
    const { placed, doc } = await seed();
    const chrome = [...doc.querySelectorAll('.site-header, nav, aside, footer, [class*=cookie], [id*=cookie]')];
    for (const p of placed) {
      const el = p.range.commonAncestorContainer;
      expect(chrome.some((c) => c.contains(el))).toBe(false);
    }
    expect(placed.map((p) => p.range.toString())).not.toContain('Caspian Sea');
  });

  it('paints only the enabled kinds and counts per kind', async () => {
    const { placed } = await seed();
    const painted: Record<string, number> = {};
    const painter = {
      mode: 'highlight-api', paint: (n: string, r: Range[]) => { painted[n] = r.length; }, clear: (n: string) => { delete painted[n]; },
      clearAll: () => undefined, hitTest: () => [], hitTestPoint: () => [],
    } as unknown as Painter;
    paintKinds(painter, placed, (k) => k !== 'place');
    const counts = countByKind(placed);
    expect(painted['clipmark-person']).toBe(counts.person);
    expect(painted['clipmark-place']).toBeUndefined();
    expect(counts.place).toBeGreaterThan(3);
  });
});
