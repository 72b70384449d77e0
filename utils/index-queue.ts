import type { ClipmarkDB, IndexJobRow } from '@/utils/db';
import { diffPostings, readPostings, removeFromIndex } from '@/utils/search';

/*
 * Search postings are built after a save commits, not inside it: writing ~4,000 posting rows of a long
 * article took most of the save's time. The change marks the clipping in `indexQueue` in its own transaction
 * (markForIndex), so the mark is as durable as the clipping; the background then runs one index job at a time
 * (createIndexQueue), and on start drains whatever a stopped service worker left marked.
 *
 * A job reads the clipping and its old postings in one read transaction, computes the new ones, and writes
 * the difference in small transactions on `terms` and `indexQueue` only, each first checking that the mark
 * still has the token the job started from. So a save or a highlight arriving meanwhile waits at most for one
 * chunk, and then makes the job stop (its new token); a delete removes the postings and the mark in its own
 * transaction, so a job that was running writes nothing more; a crash leaves the mark, and the job is redone
 * (writing only what differs). The mark goes in the same transaction as the last chunk.
 */

/** Posting rows written per transaction. */
export const CHUNK_ROWS = 600;

/** Inside the transaction of a change (its scope must include db.indexQueue): the clipping's postings are now out of date. */
export async function markForIndex(db: ClipmarkDB, clippingId: string, now = Date.now()): Promise<void> {
  await db.indexQueue.put({ clippingId, token: crypto.randomUUID(), queuedAt: now });
}

/** Inside a delete's transaction (scope: terms and indexQueue): no postings, nothing pending. */
export async function unindex(db: ClipmarkDB, clippingId: string): Promise<void> {
  await removeFromIndex(db, clippingId);
  await db.indexQueue.delete(clippingId);
}

export type JobResult = 'done' | 'stale';

/** Brings one clipping's postings up to date; 'stale' when the mark changed or went away meanwhile (nothing more is written). */
export async function runIndexJob(db: ClipmarkDB, job: IndexJobRow, chunkRows = CHUNK_ROWS): Promise<JobResult> {
  const id = job.clippingId;
  const { old, next } = await db.transaction('r', [db.clippings, db.annotations, db.entities, db.terms], () => readPostings(db, id));
  const { put, del } = diffPostings(id, old, next);
  const steps: (() => Promise<unknown>)[] = [];
  for (let i = 0; i < del.length; i += chunkRows) steps.push(() => db.terms.bulkDelete(del.slice(i, i + chunkRows)));
  for (let i = 0; i < put.length; i += chunkRows) steps.push(() => db.terms.bulkPut(put.slice(i, i + chunkRows)));
  if (!steps.length) steps.push(async () => undefined);
  for (const [k, step] of steps.entries()) {
    const fresh = await db.transaction('rw', [db.terms, db.indexQueue], async () => {
      const mark = await db.indexQueue.get(id);
      if (mark?.token !== job.token) return false;
      await step();
      if (k === steps.length - 1) await db.indexQueue.delete(id);
      return true;
    });
    if (!fresh) return 'stale';
  }
  return 'done';
}

export interface IndexQueue {
  /** After a change committed: index this clipping soon (once, however often it is asked while waiting). */
  schedule(clippingId: string): Promise<void>;
  /** Index every clipping marked in the db (on service worker start). */
  drain(): Promise<void>;
  /** Resolves when no job is running or waiting. */
  idle(): Promise<void>;
}

export interface QueueOptions {
  log?: (msg: string) => void;
  chunkRows?: number;
  /** After each job: 'skipped' when nothing was marked for that clipping any more. */
  onJob?: (clippingId: string, result: JobResult | 'skipped' | 'failed') => void;
}

export function createIndexQueue(db: ClipmarkDB, opts: QueueOptions = {}): IndexQueue {
  const waiting = new Set<string>();
  let running: Promise<void> | null = null;

  async function work() {
    await null; // asked several times in one go: one job
    for (let id = first(); id !== undefined; id = first()) {
      waiting.delete(id);
      try {
        const job = await db.indexQueue.get(id);
        // A stale job is not retried here: whatever made it stale (a newer save, a delete) scheduled what follows.
        const result = job ? await runIndexJob(db, job, opts.chunkRows) : 'skipped';
        opts.onJob?.(id, result);
      } catch (e) {
        // The mark stays: the next start of the service worker tries again.
        opts.log?.(`search indexing failed for ${id}: ${String(e)}`);
        opts.onJob?.(id, 'failed');
      }
    }
  }
  const first = () => waiting.values().next().value as string | undefined;

  function kick(): Promise<void> {
    running ??= work().finally(() => {
      running = null;
      if (waiting.size) void kick(); // scheduled after the loop's last look
    });
    return running;
  }

  return {
    schedule(clippingId) {
      waiting.add(clippingId);
      return kick();
    },
    async drain() {
      const ids = await db.indexQueue.orderBy('clippingId').primaryKeys();
      for (const id of ids) waiting.add(id);
      return kick();
    },
    async idle() {
      while (running) await running;
    },
  };
}
