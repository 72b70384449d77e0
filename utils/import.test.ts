import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { exportBackup } from '@/utils/export';
import type { Backup } from '@/utils/backup-format';
import { BackupError, importBackup, parseBackup, validateBackup } from '@/utils/import';
import { indexClipping, search } from '@/utils/search';
import { fixturePage, makeAnnotation, makeClipping, put, seedExtras } from '@/utils/test-data';

const dbs: ClipmarkDB[] = [];
let n = 0;
async function fresh() {
  const db = openDb(`import-test-${++n}`);
  await db.open();
  dbs.push(db);
  return db;
}
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

async function world(db: ClipmarkDB) {
  const seed = fixturePage('seed-page');
  const c = makeClipping({ id: 'seed', title: seed.title, html: seed.html, text: seed.text, canonicalUrl: 'https://ledger.example/iran-dm' });
  const g = makeClipping({ id: 'g', title: 'Whales', text: 'Whale strandings in New Zealand.', canonicalUrl: 'https://guardian.example/whales', savedAt: 10 });
  const ex = seedExtras('seed');
  const orphan = { ...makeAnnotation(g, 'strandings', 'orphan note'), id: 'orphan', clippingId: null, pageUrl: 'https://unsaved.example/' };
  await put(db, [c, g], [makeAnnotation(c, 'Sergei Shoigu', 'the minister', { id: 'a1' }), orphan], ex.entities, ex.dates);
  await indexClipping(db, 'seed');
  await indexClipping(db, 'g');
}

const normalized = (b: Backup) => ({
  clippings: [...b.clippings].sort((x, y) => x.id.localeCompare(y.id)),
  annotations: [...b.annotations].sort((x, y) => x.id.localeCompare(y.id)),
  entities: [...b.entities].sort((x, y) => `${x.clippingId}${x.key}`.localeCompare(`${y.clippingId}${y.key}`)),
  dates: [...b.dates].sort((x, y) => `${x.clippingId}${x.role}${x.value}`.localeCompare(`${y.clippingId}${y.role}${y.value}`)),
});

describe('import', () => {
  it('round trip: export then import into a fresh db gives back the same data, searchable', async () => {
    const a = await fresh();
    await world(a);
    const backup = await exportBackup(a);
    const text = JSON.stringify(backup);
    const b = await fresh();
    const report = await importBackup(b, parseBackup(text));
    expect(report).toMatchObject({ clippings: { added: 2, updated: 0, kept: 0 }, annotations: { added: 2 }, entities: 8, dates: 5 });
    expect(normalized(await exportBackup(b))).toEqual(normalized(backup));
    expect((await search(b, 'Shoig')).map((r) => r.id)).toEqual(['seed']);
    expect((await search(b, 'minister')).map((r) => r.id)).toEqual(['seed']);
    expect(await b.terms.count()).toBe(await a.terms.count());
  });

  it('merges without duplicates; the newer updatedAt wins', async () => {
    const a = await fresh();
    await world(a);
    const backup = await exportBackup(a);
    // a second import of the same data changes nothing
    const again = await importBackup(a, backup);
    expect(again.clippings).toEqual({ added: 0, updated: 0, kept: 2 });
    expect(again.annotations).toEqual({ added: 0, updated: 0, kept: 2 });
    expect(await a.clippings.count()).toBe(2);
    expect(await a.entities.count()).toBe(8);

    // the backup has a newer title for one clipping (under another id) and an older note
    const b = await fresh();
    await world(b);
    await b.annotations.update('a1', { note: 'newest note', updatedAt: Date.now() + 10_000 });
    const edited: Backup = structuredClone(backup);
    edited.clippings = edited.clippings.map((c) => (c.id === 'seed' ? { ...c, id: 'other-id', title: 'Updated title', updatedAt: Date.now() + 5000 } : c));
    edited.entities = edited.entities.map((e) => (e.clippingId === 'seed' ? { ...e, clippingId: 'other-id' } : e));
    edited.dates = edited.dates.map((d) => (d.clippingId === 'seed' ? { ...d, clippingId: 'other-id' } : d));
    edited.annotations = edited.annotations.map((x) => (x.id === 'a1' ? { ...x, clippingId: 'other-id' } : x));
    const r = await importBackup(b, edited);
    expect(r.clippings).toEqual({ added: 0, updated: 1, kept: 1 });
    expect((await b.clippings.get('seed'))!.title).toBe('Updated title');
    expect(await b.clippings.get('other-id')).toBeUndefined();
    expect((await b.annotations.get('a1'))!.note).toBe('newest note');
    expect(await b.entities.where('clippingId').equals('seed').count()).toBe(8);
    expect((await search(b, 'updated')).map((x) => x.id)).toEqual(['seed']);
  });

  it('refuses what is not a valid backup, saying why', () => {
    expect(() => parseBackup('{nope')).toThrow(/not valid JSON/);
    expect(() => validateBackup([])).toThrow(BackupError);
    expect(() => validateBackup({ format: 'other' })).toThrow(/"format" should be "clipmark-backup"/);
    const base = { format: 'clipmark-backup', version: 1, exportedAt: '2024-05-01T00:00:00Z', clippings: [], annotations: [], entities: [], dates: [] };
    expect(validateBackup(base)).toEqual(base);
    expect(() => validateBackup({ ...base, version: 2 })).toThrow(/version 2 is newer/);
    expect(() => validateBackup({ ...base, clippings: [makeClipping({ id: 'x' , savedAt: 'yesterday' as unknown as number })] })).toThrow('clippings[0].savedAt is missing or invalid');
    expect(() => validateBackup({ ...base, dates: [{ clippingId: 'x', role: 'mentioned', value: '2024-04-13', precision: 'day', text: null }] })).toThrow(/dates\[0\].clippingId "x" names no clipping/);
    expect(() => validateBackup({ ...base, annotations: [{ id: 'a', pageUrl: 'u', clippingId: null, color: 'red', note: '', selectors: [], createdAt: 1, updatedAt: 1 }] })).toThrow('annotations[0].color');
  });
});
