/**
 * Saved GAN models in the browser's IndexedDB (plain API, no library). Its own database, so it
 * never collides with another step's stores. Runs in the worker (IndexedDB exists there).
 */
import type { GanModelJSON } from './gan-session';

const DB_NAME = 'synthcredit-gan-models';
const STORE = 'models';

export interface StoredModelInfo {
  id: string;
  name: string;
  savedAt: string;
  columns: number;
  epochs: number;
  /** size of the JSON, bytes (UTF-16 length as an estimate) */
  bytes: number;
}

interface StoredModel {
  id: string;
  info: StoredModelInfo;
  json: string;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

let dbPromise: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('This browser offers no IndexedDB storage.'));
  if (!dbPromise) {
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => {
      if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    dbPromise = request(r).catch((e) => {
      dbPromise = null;
      throw e;
    });
  }
  return dbPromise;
}

async function store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await open()).transaction(STORE, mode).objectStore(STORE);
}

export async function putModel(model: GanModelJSON): Promise<StoredModelInfo> {
  const json = JSON.stringify(model);
  const id = `${model.savedAt}-${Math.random().toString(36).slice(2, 8)}`;
  const info: StoredModelInfo = {
    id,
    name: model.name,
    savedAt: model.savedAt,
    columns: model.transformer.columns.length,
    epochs: model.history?.epochs.at(-1)?.epoch ?? 0,
    bytes: json.length,
  };
  const record: StoredModel = { id, info, json };
  await request((await store('readwrite')).put(record));
  return info;
}

export async function listModels(): Promise<StoredModelInfo[]> {
  const all = (await request((await store('readonly')).getAll())) as StoredModel[];
  return all.map((r) => r.info).sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
}

export async function getModel(id: string): Promise<unknown> {
  const r = (await request((await store('readonly')).get(id))) as StoredModel | undefined;
  if (!r) throw new Error('That saved model no longer exists.');
  return JSON.parse(r.json);
}

export async function deleteModel(id: string): Promise<void> {
  await request((await store('readwrite')).delete(id));
}
