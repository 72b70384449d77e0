import { foldKey } from '@/utils/fold';
import type { PageAnalysis } from '@/utils/analysis';
import { findArticleRoot, isBoilerplate, spansToRanges } from '@/utils/article-dom';
import type { Painter } from '@/utils/highlight';
import type { PaintKind } from '@/utils/settings';

/** Entities and dates of the article placed on the live page (never outside the article) and painted per kind. */

export interface PlacedEntity {
  kind: PaintKind;
  /** Canonical name (entities) or ISO value (dates). */
  label: string;
  text: string;
  /** Saved clippings that mention it (0 for dates). */
  savedCount: number;
  range: Range;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The live headline: an <h1> (else the og/heading element) whose text is the article title, outside site chrome. */
function liveTitle(doc: Document, title: string): Element | null {
  const want = squash(title);
  if (!want) return null;
  const candidates = [...doc.querySelectorAll('h1, h2, [itemprop="headline"]')];
  const exact = candidates.find((el) => squash(el.textContent ?? '') === want);
  const found = exact ?? candidates.find((el) => squash(el.textContent ?? '').includes(want));
  if (!found) return null;
  for (let e: Element | null = found; e; e = e.parentElement) if (isBoilerplate(e)) return null;
  return found;
}

/** `root`: the article's live container when already found (findArticleRoot), else it is looked for here. */
export function placeEntities(doc: Document, title: string, text: string, analysis: PageAnalysis, root: Element | null = findArticleRoot(doc, text)): { root: Element | null; placed: PlacedEntity[] } {
  const placed: PlacedEntity[] = [];
  const headline = liveTitle(doc, title);
  type Span = { start: number; end: number; kind: PaintKind; label: string; text: string; in: 'title' | 'body' };
  const spans: Span[] = [
    ...analysis.entities.map((e) => ({ start: e.start, end: e.end, kind: e.kind, label: e.canonical, text: e.text, in: e.in })),
    ...analysis.dates.map((d) => ({ start: d.start, end: d.end, kind: 'date' as const, label: d.value, text: d.text, in: d.in })),
  ];
  const place = (container: Element | null, source: string, list: Span[]) => {
    if (!container || list.length === 0) return;
    const ranges = spansToRanges(container, source, list);
    ranges.forEach((range, i) => {
      const s = list[i]!;
      if (!range) return;
      const savedCount = s.kind === 'date' ? 0 : analysis.savedCounts[`${s.kind}:${foldKey(s.label)}`] ?? 0;
      placed.push({ kind: s.kind, label: s.label, text: s.text, savedCount, range });
    });
  };
  place(root, text, spans.filter((s) => s.in === 'body'));
  // The headline is painted only where it is not already inside the article container.
  if (headline && !(root && root.contains(headline))) place(headline, title, spans.filter((s) => s.in === 'title'));
  return { root, placed };
}

export function countByKind(placed: PlacedEntity[]): Record<PaintKind, number> {
  const counts: Record<PaintKind, number> = { person: 0, organization: 0, place: 0, date: 0 };
  for (const p of placed) counts[p.kind]++;
  return counts;
}

/** Paints the enabled kinds and clears the others; returns the ranges painted per name, for hit-testing. */
export function paintKinds(painter: Painter, placed: PlacedEntity[], enabled: (k: PaintKind) => boolean): Map<string, PlacedEntity[]> {
  const byName = new Map<string, PlacedEntity[]>();
  for (const k of ['person', 'organization', 'place', 'date'] as const) {
    const name = `clipmark-${k}`;
    const list = enabled(k) ? placed.filter((p) => p.kind === k) : [];
    if (list.length) painter.paint(name, list.map((p) => p.range));
    else painter.clear(name);
    byName.set(name, list);
  }
  return byName;
}
