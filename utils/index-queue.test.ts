import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { createSaveService, type BrowserPort, type ServiceDeps } from '@/utils/save-service';
import { extractArticle } from '@/utils/extract';
import { loadPage } from '@/utils/fixtures';
import { createIndexQueue, markForIndex, runIndexJob, unindex, type IndexQueue, type JobResult } from '@/utils/index-queue';
import { indexClipping, postingsFor, resetSearchCache, search } from '@/utils/search';
import { HEADS_DONE } from '@/utils/search-heads';

/** Posting rows of clippings (not the marker that says head postings are complete). */
const postingCount = () => db.terms.where('clippingId').notEqual(HEADS_DONE.clippingId).count();

const seedUrl = 'http://127.0.0.1:4173/seed-page/';
const seed = extractArticle(loadPage('seed-page', seedUrl), { url: seedUrl });
const browser: BrowserPort = {
  targetTab: async () => ({ id: 7, url: seedUrl }),
  extract: async () => seed,
  pageInfo: async () => null,
  setBadge: async () => undefined,
};
const analyze: ServiceDeps['analyze'] = async () => ({ entities: [{ kind: 'person', canonical: 'Sergei Shoigu', surfaces: ['Shoigu'], mentions: 2 }], dates: [] });

let name: string;
let db: ClipmarkDB;
let jobs: [string, JobResult | 'skipped' | 'failed'][];
let queue: IndexQueue;

/** The service as the background wires it: mark in the save's transaction, index after the commit. */
function service(d: ClipmarkDB, q: IndexQueue | null) {
  return createSaveService({
    db: d, browser, analyze,
    afterSave: (t, c) => markForIndex(t, c.id),
    afterCommit: q ? (id) => void q.schedule(id) : undefined,
    beforeDelete: unindex,
  });
}
const found = async (d: ClipmarkDB, q: string) => {
  resetSearchCache(d);
  return (await search(d, q)).map((r) => r.id);
};
/** The postings indexClipping would write, for comparison. */
async function expectedPostings(d: ClipmarkDB, id: string) {
  const [clipping, annotations, entities] = await Promise.all([
    d.clippings.get(id), d.annotations.where('clippingId').equals(id).toArray(), d.entities.where('clippingId').equals(id).toArray(),
  ]);
  return postingsFor({ clipping: clipping!, annotations, entities }).sort((a, b) => (a.term < b.term ? -1 : 1));
}
const stored = async (d: ClipmarkDB, id: string) => (await d.terms.where('clippingId').equals(id).toArray()).sort((a, b) => (a.term < b.term ? -1 : 1));

beforeEach(async () => {
  name = `queue-${crypto.randomUUID()}`;
  db = openDb(name);
  await db.open();
  jobs = [];
  queue = createIndexQueue(db, { chunkRows: 200, onJob: (id, r) => jobs.push([id, r]) });
});
afterEach(async () => {
  await queue.idle();
  await db.delete();
});

describe('the index queue', () => {
  it('the save commits the clipping with a mark and no postings; the job then makes it searchable and removes the mark', async () => {
    const svc = service(db, null);
    const out = await svc.saveTab();
    if (!out.ok) throw new Error(out.message);
    const id = out.clipping.id;
    expect(await db.indexQueue.get(id)).toMatchObject({ clippingId: id });
    expect(await postingCount()).toBe(0);
    expect(await db.entities.count()).toBe(1);

    void queue.schedule(id);
    await queue.idle();
    expect(jobs).toEqual([[id, 'done']]);
    expect(await db.indexQueue.count()).toBe(0);
    expect(await stored(db, id)).toEqual(await expectedPostings(db, id));
    expect(await found(db, 'shoigu')).toEqual([id]);
  });

  it('a mark left by a stopped service worker survives a restart and is indexed when the next one drains', async () => {
    const out = await service(db, null).saveTab(); // committed; the worker stops before any job ran
    if (!out.ok) throw new Error(out.message);
    db.close();

    const again = openDb(name);
    await again.open();
    const q = createIndexQueue(again);
    await q.drain();
    await q.idle();
    expect(await again.indexQueue.count()).toBe(0);
    expect(await found(again, 'Damascus strike')).toEqual([out.clipping.id]);
    again.close();
    await db.open();
  });

  it('a job cut off halfway (some chunks written) is redone from the mark, ending with exactly the right postings', async () => {
    const out = await service(db, null).saveTab();
    if (!out.ok) throw new Error(out.message);
    const id = out.clipping.id;
    const want = await expectedPostings(db, id);
    await db.terms.bulkPut(want.slice(0, 300).map((r) => ({ ...r, score: r.score + 1 }))); // partly written, partly wrong
    await queue.drain();
    await queue.idle();
    expect(await stored(db, id)).toEqual(want);
    expect(await db.indexQueue.count()).toBe(0);
  });

  it('a newer change makes a started job stale: it writes nothing, and the newer mark is indexed', async () => {
    const svc = service(db, null);
    const out = await svc.saveTab();
    if (!out.ok) throw new Error(out.message);
    const id = out.clipping.id;
    const started = (await db.indexQueue.get(id))!;
    await db.transaction('rw', db.indexQueue, () => markForIndex(db, id)); // a save after the job read the clipping
    expect(await runIndexJob(db, started, 200)).toBe('stale');
    expect(await postingCount()).toBe(0);
    expect(await db.indexQueue.count()).toBe(1);
    await queue.drain();
    await queue.idle();
    expect(await found(db, 'shoigu')).toEqual([id]);
  });

  it('a delete while the job is pending or running leaves no postings and no mark behind', async () => {
    const svc = service(db, null);
    const out = await svc.saveTab();
    if (!out.ok) throw new Error(out.message);
    const id = out.clipping.id;
    const job = (await db.indexQueue.get(id))!;
    expect((await svc.removeClipping(id)).token).toBeTruthy();
    expect(await db.indexQueue.count()).toBe(0);
    // the job that had already read the mark
    expect(await runIndexJob(db, job, 200)).toBe('stale');
    await queue.drain();
    await queue.idle();
    expect(await postingCount()).toBe(0);

    // and through the queue, the delete racing the job's chunks: whichever order, nothing is left
    const svc2 = service(db, queue);
    const again = await svc2.saveTab();
    if (!again.ok) throw new Error(again.message);
    await svc2.removeClipping(again.clipping.id);
    await queue.idle();
    expect(await db.clippings.count()).toBe(0);
    expect(await postingCount()).toBe(0);
    expect(await db.indexQueue.count()).toBe(0);
  });

  it('undo of a delete indexes the clipping again', async () => {
    const svc = service(db, queue);
    const out = await svc.saveTab();
    if (!out.ok) throw new Error(out.message);
    await queue.idle();
    const { token } = await svc.removeClipping(out.clipping.id);
    expect(await found(db, 'shoigu')).toEqual([]);
    expect(await svc.undoDelete(token!)).toBe(true);
    await queue.idle();
    expect(await found(db, 'shoigu')).toEqual([out.clipping.id]);
  });

  it('coalesces: a clipping asked for many times while waiting is indexed once', async () => {
    await service(db, null).saveTab();
    await service(db, null).saveTab(); // same URL: the same clipping, marked again
    const [c] = await db.clippings.toArray();
    for (let i = 0; i < 5; i++) void queue.schedule(c!.id);
    await queue.idle();
    expect(jobs).toEqual([[c!.id, 'done']]);
    void queue.schedule(c!.id); // nothing marked any more
    await queue.idle();
    expect(jobs.at(-1)).toEqual([c!.id, 'skipped']);
  });

  it('a highlight on a saved clipping is searchable once its job ran; deleting it removes it from search', async () => {
    const svc = service(db, queue);
    const out = await svc.saveTab();
    if (!out.ok) throw new Error(out.message);
    await queue.idle();
    const a = await svc.saveAnnotation({
      id: crypto.randomUUID(), pageUrl: out.clipping.canonicalUrl, color: 'yellow', note: 'zanzibarian retaliation',
      selectors: [{ type: 'TextQuoteSelector', exact: 'barrage of drones', prefix: '', suffix: '' }],
    }, undefined, 'page');
    expect(await db.indexQueue.count()).toBe(1);
    await queue.idle();
    expect(await found(db, 'zanzibarian')).toEqual([out.clipping.id]);
    await svc.deleteAnnotation(a.id, undefined, 'page');
    await queue.idle();
    expect(await found(db, 'zanzibarian')).toEqual([]);
    expect(await stored(db, out.clipping.id)).toEqual(await expectedPostings(db, out.clipping.id));
  });

  it('an import indexes in its own transaction and clears marks for what it touched', async () => {
    const out = await service(db, null).saveTab();
    if (!out.ok) throw new Error(out.message);
    await indexClipping(db, out.clipping.id);
    expect(await db.indexQueue.count()).toBe(1);
    const { importBackup } = await import('@/utils/import');
    const { exportBackup } = await import('@/utils/export');
    const backup = JSON.parse(JSON.stringify(await exportBackup(db)));
    backup.clippings[0].updatedAt += 1;
    await importBackup(db, backup);
    expect(await db.indexQueue.count()).toBe(0);
  });
});
