/**
 * Saved GAN models in the browser's IndexedDB (plain API, no library). Its own database, so it
 * never collides with another step's stores. Runs in the worker (IndexedDB exists there).
 */
import type { GanModelJSON } from './gan-session';
import { idbRequest, keyedObjectStore } from './idb';

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

const store = keyedObjectStore(DB_NAME, STORE);

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
  await idbRequest((await store('readwrite')).put(record));
  return info;
}

export async function listModels(): Promise<StoredModelInfo[]> {
  const all = (await idbRequest((await store('readonly')).getAll())) as StoredModel[];
  return all.map((r) => r.info).sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
}

export async function getModel(id: string): Promise<unknown> {
  const r = (await idbRequest((await store('readonly')).get(id))) as StoredModel | undefined;
  if (!r) throw new Error('That saved model no longer exists.');
  return JSON.parse(r.json);
}

export async function deleteModel(id: string): Promise<void> {
  await idbRequest((await store('readwrite')).delete(id));
}
