/**
 * Every object store of Clipmark's database, read with plain IndexedDB. Pass it to `worker.evaluate` or
 * `page.evaluate` of an extension context; it is written without inner named functions so that it survives
 * being serialised into that context.
 */
export async function readAllStores(): Promise<Record<string, Record<string, unknown>[]>> {
  const db: IDBDatabase = await new Promise((resolve, reject) => {
    const req = indexedDB.open('clipmark');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const name of Array.from(db.objectStoreNames)) {
    out[name] = await new Promise((resolve, reject) => {
      const r = db.transaction(name).objectStore(name).getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  }
  db.close();
  return out;
}
