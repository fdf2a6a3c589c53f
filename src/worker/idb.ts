/**
 * The few lines of plain IndexedDB the worker's stores share (no library): a promise for a
 * request, and one lazily opened database with a single object store keyed by `id`.
 */
export function idbRequest<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** `store(mode)` opens (once) database `dbName` holding one object store `storeName` keyed by `id`. */
export function keyedObjectStore(dbName: string, storeName: string): (mode: IDBTransactionMode) => Promise<IDBObjectStore> {
  let dbPromise: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    if (typeof indexedDB === 'undefined') return Promise.reject(new Error('This browser offers no IndexedDB storage.'));
    if (!dbPromise) {
      const r = indexedDB.open(dbName, 1);
      r.onupgradeneeded = () => {
        if (!r.result.objectStoreNames.contains(storeName)) r.result.createObjectStore(storeName, { keyPath: 'id' });
      };
      // a failed open is retried on the next call rather than cached
      dbPromise = idbRequest(r).catch((e) => {
        dbPromise = null;
        throw e;
      });
    }
    return dbPromise;
  };
  return async (mode) => (await open()).transaction(storeName, mode).objectStore(storeName);
}
