import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { createSaveService, FULL_DISK_MESSAGE, type BrowserPort } from '@/utils/save-service';
import { extractArticle } from '@/utils/extract';
import { loadPage } from '@/utils/fixtures';

/**
 * A full disk at every write of a save (each table the save transaction touches), for a new clipping and for an update
 * of one already saved: the reader gets the full-disk message and the database is exactly as before the save.
 */

const url = 'https://news.example/seed-page/';
const seed = extractArticle(loadPage('seed-page', url), { url, force: true });
let db: ClipmarkDB;

const port: BrowserPort = {
  targetTab: async () => ({ id: 3, url }),
  extract: async () => seed,
  pageInfo: async () => ({ url, canonicalUrl: url, title: 'Seed', readerable: true, counts: null, highlights: 0, orphans: [] }),
  setBadge: async () => undefined,
};
const analyze = async () => ({
  entities: [{ kind: 'person' as const, canonical: 'Sergei Shoigu', surfaces: ['Shoigu'], mentions: 2 }],
  dates: [{ value: '2024-04-13', precision: 'day' as const, text: 'April 13' }],
});

async function dump() {
  return {
    clippings: await db.clippings.toArray(), entities: await db.entities.toArray(), dates: await db.dates.toArray(),
    annotations: await db.annotations.toArray(),
  };
}

const quota = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };

beforeEach(async () => {
  db = openDb(`faults-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(() => db.delete());

const WRITES = [
  { table: 'clippings', hook: 'creating' },
  { table: 'clippings', hook: 'updating' },
  { table: 'entities', hook: 'creating' },
  { table: 'dates', hook: 'creating' },
  { table: 'annotations', hook: 'updating' },
] as const;

describe('a full disk during a save', () => {
  for (const existing of [false, true]) {
    for (const w of WRITES) {
      it(`${existing ? 'updating a saved clipping' : 'a new clipping'}: quota exceeded on ${w.table} (${w.hook}) → clear message, nothing half-written`, async () => {
        expect(seed.ok).toBe(true);
        const svc = createSaveService({ db, browser: port, analyze, now: () => 1_000 });
        // A highlight made on the page before saving: the save adopts it (the annotations write).
        await db.annotations.put({
          id: 'a1', pageUrl: url, clippingId: null, color: 'yellow', note: '',
          selectors: [{ type: 'TextQuoteSelector', exact: 'Shoigu', prefix: '', suffix: '' }], createdAt: 1, updatedAt: 1,
        });
        if (existing) {
          expect(await svc.saveTab()).toMatchObject({ ok: true, created: true });
          await db.annotations.update('a1', { clippingId: null });
        }
        const before = await dump();
        const table = db.table(w.table);
        let fired = 0;
        const fault = () => { fired++; quota(); };
        table.hook(w.hook as 'creating', fault);
        // The article changed since it was saved (an update writes only the entities and dates that differ).
        const changed = async () => {
          const a = await analyze();
          return { entities: a.entities.map((e) => ({ ...e, mentions: e.mentions + 1 })), dates: [...a.dates, { value: '2024-04-14', precision: 'day' as const, text: 'April 14' }] };
        };
        const out = await createSaveService({ db, browser: port, analyze: changed, now: () => 2_000 }).saveTab();
        table.hook(w.hook as 'creating').unsubscribe(fault);
        if (fired === 0) {
          // Only the clipping write of the other kind (a new clipping is created, a saved one updated) never happens.
          expect(`${w.table}/${w.hook}`).toBe(existing ? 'clippings/creating' : 'clippings/updating');
          expect(out).toMatchObject({ ok: true });
          return;
        }
        expect(out).toEqual({ ok: false, message: FULL_DISK_MESSAGE });
        expect(await dump()).toEqual(before);
      });
    }
  }

  it('faults were really injected: at least one write of each kind of save failed', async () => {
    const svc = createSaveService({ db, browser: port, analyze });
    let fired = 0;
    const fault = () => { fired++; quota(); };
    db.dates.hook('creating', fault);
    expect(await svc.saveTab()).toEqual({ ok: false, message: FULL_DISK_MESSAGE });
    db.dates.hook('creating').unsubscribe(fault);
    expect(fired).toBeGreaterThan(0);
    expect(await svc.saveTab()).toMatchObject({ ok: true, created: true });
  });
});
