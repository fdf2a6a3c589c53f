/**
 * Saved projects: the loaded dataset, schema choices, recipe, split, GAN training state (settings,
 * history, the latest checkpoint), trained risk models and run scores, so a reload, a crashed tab or
 * a restarted browser reopens where the user was.
 *
 * The logic here talks to a tiny key-value adapter, not to IndexedDB itself: tests run it on the
 * in-memory adapter, the app on the thin IndexedDB adapter at the bottom.
 *
 * The dataset is stored as the RAW table's columns (strings as read from the file), not as the file
 * bytes: restoring then needs no re-parse (same table whatever the parser does later), works the
 * same for picked files and bundled samples, and is compact: a column with few distinct values
 * (most columns of credit data) is a label list plus base64 codes (1, 2 or 4 bytes per row); a
 * column of mostly distinct values is a plain array.
 */
import type { SyntheticOrigin } from './synthetic-registry';
import type { DatasetSummary } from './dataset-session';
import type { DatasetSchema } from '../core/data/schema';
import type { CleaningStep } from '../core/data/clean';
import { idbRequest } from './idb';

export type StoreName = 'projects' | 'parts' | 'settings';

/** The few operations the store needs; values are structured-cloneable. */
export interface KvAdapter {
  get(store: StoreName, key: string): Promise<unknown>;
  put(store: StoreName, key: string, value: unknown): Promise<void>;
  delete(store: StoreName, key: string): Promise<void>;
  keys(store: StoreName): Promise<string[]>;
}

export const PROJECT_FILE_FORMAT = 'synthcredit.project';
export const PROJECT_FILE_VERSION = 1;
export const DEFAULT_CHECKPOINT_EVERY = 5;

export interface ProjectMeta {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  datasetName: string | null;
  rows: number;
  columns: number;
  /** rough size of the stored parts, bytes */
  bytes: number;
  /** bytes per part, for the rough total */
  partBytes: Record<string, number>;
}

// ---------------------------------------------------------------- column encoding

export type StoredColumn =
  | { name: string; kind: 'plain'; values: (string | number | boolean | null)[] }
  /** codes index `labels`; width 1, 2 or 4 bytes per row, little-endian, base64 */
  | { name: string; kind: 'dict'; labels: (string | number | boolean | null)[]; width: 1 | 2 | 4; codes: string };

type Cell = string | number | boolean | null;

function cell(v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Dictionary-encode a column when that is smaller (distinct values at most half the rows). */
export function encodeColumn(name: string, values: ArrayLike<unknown>): StoredColumn {
  const n = values.length;
  const index = new Map<Cell, number>();
  const labels: Cell[] = [];
  const codes = new Uint32Array(n);
  let dict = true;
  for (let i = 0; i < n; i++) {
    const v = cell(values[i]);
    let k = index.get(v);
    if (k === undefined) {
      k = labels.length;
      index.set(v, k);
      labels.push(v);
      if (labels.length > Math.max(16, n / 2)) {
        dict = false;
        break;
      }
    }
    codes[i] = k;
  }
  if (!dict) return { name, kind: 'plain', values: Array.from({ length: n }, (_, i) => cell(values[i])) };
  const width = labels.length <= 0x100 ? 1 : labels.length <= 0x10000 ? 2 : 4;
  const packed = width === 1 ? Uint8Array.from(codes) : width === 2 ? Uint16Array.from(codes) : codes;
  const bytes = new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength);
  // typed arrays are little-endian on every platform browsers run on
  return { name, kind: 'dict', labels, width, codes: bytesToBase64(bytes) };
}

export function decodeColumn(c: StoredColumn): Cell[] {
  if (c.kind === 'plain') return c.values.slice();
  const bytes = base64ToBytes(c.codes);
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const codes = c.width === 1 ? new Uint8Array(buf) : c.width === 2 ? new Uint16Array(buf) : new Uint32Array(buf);
  const out = new Array<Cell>(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i];
    if (k >= c.labels.length) throw new Error(`column "${c.name}": code ${k} has no label`);
    out[i] = c.labels[k];
  }
  return out;
}

// ---------------------------------------------------------------- parts

export interface StoredDataset {
  summary: DatasetSummary;
  columns: StoredColumn[];
}

/** Small, often-changed state: saved on every role, target, recipe, split or step change. */
export interface StoredState {
  step: string;
  schema: DatasetSchema | null;
  recipe: CleaningStep[];
  split: { seed: number; testFraction: number } | null;
}

export interface StoredWeight {
  name: string;
  shape: number[];
  /** float32 little-endian, base64 */
  base64: string;
}

/** GAN training: settings, history and the latest checkpoint (weights + the transformer that encodes for them). */
export interface StoredGan {
  settings: Record<string, unknown>;
  /** the run ended by itself or by the user (finished / cancelled): nothing to resume */
  ended: boolean;
  phase: string;
  history: { epochs: unknown[]; probes: unknown[]; divergences: unknown[] };
  checkpoint: {
    epoch: number;
    savedAt: string;
    transformer: unknown;
    schema: DatasetSchema;
    trainRows: number;
    weights: StoredWeight[];
    usedEpoch: number | null;
    /** DataProvenance (provenance.ts) of the weights; absent in projects saved before it was kept */
    provenance?: unknown;
  } | null;
}

export interface StoredRiskModel {
  id: string;
  label: string;
  model: string;
  mode: string;
  rocAuc: number;
  savedAt: string;
  /** FittedRiskModelJson (core/risk/workbench/fitted-model.ts) and its derived-feature steps */
  fitted: unknown;
  derived: unknown[];
  /** the RiskResult (evaluation, curves, importance) as JSON, so the comparison table comes back */
  result?: unknown;
}

/** The sequential-trees or mixture engine last fitted or loaded: its model file (engine-session.ts EngineFile). */
export interface StoredEngine {
  savedAt: string;
  file: unknown;
}

/**
 * Customers-and-transactions mode: the fitted sequential engine (its JSON text, as
 * `sequentialFromJSON` reads it; text so the IndexedDB copy and the exported file are the same
 * bytes), its entity roles (key, time, profile, event) and where it came from (streams-api.ts
 * StreamsProvenance), so a reload or a worker restart can generate again with the same seed.
 */
export interface StoredStreams {
  savedAt: string;
  engine: string;
  provenance: unknown;
}

/**
 * The synthetic table the later steps use (the last generated or chosen one), so a reload or a worker
 * restart does not leave Validate and the risk step without it. `createdAt` and `source` tie it to
 * its run in the run history.
 */
export interface StoredSynthetic {
  source: string;
  createdAt: number;
  columns: StoredColumn[];
  /** engine kind, settings, model identity, the split it was trained on, the copy guard's count */
  origin?: SyntheticOrigin;
}

export interface ProjectParts {
  dataset?: StoredDataset;
  state?: StoredState;
  gan?: StoredGan;
  risk?: { models: StoredRiskModel[] };
  runs?: { runs: unknown[] };
  engine?: StoredEngine;
  synthetic?: StoredSynthetic;
  streams?: StoredStreams;
}

export type PartName = keyof ProjectParts;
export const PART_NAMES: PartName[] = ['dataset', 'state', 'gan', 'risk', 'runs', 'engine', 'synthetic', 'streams'];

export interface ProjectFile {
  format: typeof PROJECT_FILE_FORMAT;
  version: number;
  exportedAt: string;
  name: string;
  parts: ProjectParts;
}

// ---------------------------------------------------------------- errors

/** The browser refused to store more: the message says how to make room. */
export class StorageFullError extends Error {
  constructor(what: string) {
    super(
      `The browser's storage for this site is full, so ${what} could not be saved. ` +
        'Make room: delete old projects (Projects menu), or export this project to a file first and then delete it.',
    );
    this.name = 'StorageFullError';
  }
}

export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name ?? '';
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || /quota/i.test(String((e as Error)?.message ?? ''));
}

// ---------------------------------------------------------------- the store

function partKey(id: string, part: PartName): string {
  return `${id}/${part}`;
}

/** Rough stored size: JSON length (UTF-16 units ≈ bytes for ASCII-heavy data). */
export function roughSize(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}

export class ProjectStore {
  constructor(
    private readonly kv: KvAdapter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<ProjectMeta[]> {
    const ids = await this.kv.keys('projects');
    const metas = (await Promise.all(ids.map((id) => this.kv.get('projects', id)))) as (ProjectMeta | undefined)[];
    return metas.filter((m): m is ProjectMeta => !!m).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  async meta(id: string): Promise<ProjectMeta | null> {
    return ((await this.kv.get('projects', id)) as ProjectMeta | undefined) ?? null;
  }

  async create(name: string): Promise<ProjectMeta> {
    const at = this.now().toISOString();
    const id = `p-${at.replace(/[^0-9]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;
    const meta: ProjectMeta = { id, name: await this.uniqueName(name), createdAt: at, updatedAt: at, datasetName: null, rows: 0, columns: 0, bytes: 0, partBytes: {} };
    await this.guard('the new project', () => this.kv.put('projects', id, meta));
    return meta;
  }

  async rename(id: string, name: string): Promise<ProjectMeta> {
    const meta = await this.require(id);
    const trimmed = name.trim();
    if (!trimmed) throw new Error('A project needs a name.');
    const next = { ...meta, name: trimmed === meta.name ? trimmed : await this.uniqueName(trimmed, id) };
    await this.guard('the new name', () => this.kv.put('projects', id, next));
    return next;
  }

  async delete(id: string): Promise<void> {
    for (const part of PART_NAMES) await this.kv.delete('parts', partKey(id, part));
    await this.kv.delete('projects', id);
    if ((await this.currentId()) === id) await this.kv.delete('settings', 'current');
  }

  async currentId(): Promise<string | null> {
    const id = (await this.kv.get('settings', 'current')) as string | undefined;
    if (!id) return null;
    return (await this.meta(id)) ? id : null;
  }

  async setCurrent(id: string | null): Promise<void> {
    if (id === null) await this.kv.delete('settings', 'current');
    else {
      await this.require(id);
      await this.kv.put('settings', 'current', id);
    }
  }

  async checkpointEvery(): Promise<number> {
    const n = (await this.kv.get('settings', 'checkpointEvery')) as number | undefined;
    return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : DEFAULT_CHECKPOINT_EVERY;
  }

  async setCheckpointEvery(n: number): Promise<void> {
    if (!Number.isInteger(n) || n < 1) throw new Error(`Checkpoints are saved every N epochs, N a whole number ≥ 1 (got ${n}).`);
    await this.kv.put('settings', 'checkpointEvery', n);
  }

  async savePart<P extends PartName>(id: string, part: P, value: ProjectParts[P]): Promise<ProjectMeta> {
    const meta = await this.require(id);
    const size = roughSize(value);
    await this.guard(`the project's ${part}`, () => this.kv.put('parts', partKey(id, part), value));
    const partBytes = { ...meta.partBytes, [part]: size };
    const next: ProjectMeta = { ...meta, updatedAt: this.now().toISOString(), partBytes, bytes: Object.values(partBytes).reduce((s, b) => s + b, 0) };
    if (part === 'dataset') {
      const d = value as StoredDataset;
      next.datasetName = d.summary.name;
      next.rows = d.summary.rowCount;
      next.columns = d.summary.columns.length;
    }
    await this.guard('the project list', () => this.kv.put('projects', id, next));
    return next;
  }

  async deletePart(id: string, part: PartName): Promise<void> {
    await this.kv.delete('parts', partKey(id, part));
    const meta = await this.meta(id);
    if (meta && part in meta.partBytes) {
      const partBytes = { ...meta.partBytes };
      delete partBytes[part];
      await this.kv.put('projects', id, { ...meta, partBytes, bytes: Object.values(partBytes).reduce((s, b) => s + b, 0) });
    }
  }

  async loadPart<P extends PartName>(id: string, part: P): Promise<ProjectParts[P] | undefined> {
    return (await this.kv.get('parts', partKey(id, part))) as ProjectParts[P] | undefined;
  }

  async loadAll(id: string): Promise<ProjectParts> {
    const parts: ProjectParts = {};
    for (const part of PART_NAMES) {
      const v = await this.loadPart(id, part);
      if (v !== undefined) (parts as Record<string, unknown>)[part] = v;
    }
    return parts;
  }

  /** The whole project as one JSON-able object (the export file). */
  async exportProject(id: string): Promise<ProjectFile> {
    const meta = await this.require(id);
    return { format: PROJECT_FILE_FORMAT, version: PROJECT_FILE_VERSION, exportedAt: this.now().toISOString(), name: meta.name, parts: await this.loadAll(id) };
  }

  /** Store an exported project as a new project (a new id; the name gets a suffix when taken). */
  async importProject(input: unknown): Promise<ProjectMeta> {
    const file = validateProjectFile(input);
    const meta = await this.create(file.name);
    try {
      for (const part of PART_NAMES) {
        const v = file.parts[part];
        if (v !== undefined) await this.savePart(meta.id, part, v as never);
      }
    } catch (e) {
      await this.delete(meta.id).catch(() => undefined);
      throw e;
    }
    return (await this.meta(meta.id))!;
  }

  private async require(id: string): Promise<ProjectMeta> {
    const meta = await this.meta(id);
    if (!meta) throw new Error('That project no longer exists.');
    return meta;
  }

  private async uniqueName(name: string, except?: string): Promise<string> {
    const base = name.trim() || 'Untitled project';
    const taken = new Set((await this.list()).filter((m) => m.id !== except).map((m) => m.name));
    if (!taken.has(base)) return base;
    for (let k = 2; ; k++) if (!taken.has(`${base} (${k})`)) return `${base} (${k})`;
  }

  private async guard(what: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (e) {
      if (isQuotaError(e)) throw new StorageFullError(what);
      throw e;
    }
  }
}

/** Check a parsed project file before trusting it; throws a message a user can act on. */
export function validateProjectFile(input: unknown): ProjectFile {
  const f = input as Partial<ProjectFile> | null;
  if (!f || typeof f !== 'object' || f.format !== PROJECT_FILE_FORMAT) throw new Error('This file is not a SynthCredit project.');
  if (f.version !== PROJECT_FILE_VERSION) throw new Error(`Unsupported project file version ${String(f.version)} (this app reads version ${PROJECT_FILE_VERSION}).`);
  if (!f.parts || typeof f.parts !== 'object') throw new Error('The project file is incomplete (no parts).');
  const d = f.parts.dataset;
  if (d && (!d.summary || !Array.isArray(d.columns) || d.columns.some((c) => !c || typeof c.name !== 'string' || (c.kind !== 'plain' && c.kind !== 'dict')))) {
    throw new Error('The project file has a damaged dataset.');
  }
  return { ...(f as ProjectFile), name: typeof f.name === 'string' && f.name.trim() ? f.name : 'Imported project' };
}

// ---------------------------------------------------------------- adapters

/** For tests (and as a fallback where IndexedDB is missing): values are structured-cloned like IndexedDB does. */
export function memoryAdapter(options: { quotaBytes?: number } = {}): KvAdapter & { dump(): Record<StoreName, Map<string, unknown>> } {
  const stores: Record<StoreName, Map<string, unknown>> = { projects: new Map(), parts: new Map(), settings: new Map() };
  const used = () => [...stores.parts.values()].reduce<number>((s, v) => s + roughSize(v), 0);
  return {
    async get(store, key) {
      const v = stores[store].get(key);
      return v === undefined ? undefined : structuredClone(v);
    },
    async put(store, key, value) {
      if (options.quotaBytes !== undefined && store === 'parts' && used() - roughSize(stores.parts.get(key)) + roughSize(value) > options.quotaBytes) {
        const e = new Error('The quota has been exceeded.');
        e.name = 'QuotaExceededError';
        throw e;
      }
      stores[store].set(key, structuredClone(value));
    },
    async delete(store, key) {
      stores[store].delete(key);
    },
    async keys(store) {
      return [...stores[store].keys()];
    },
    dump: () => stores,
  };
}

const DB_NAME = 'synthcredit-projects';
const STORES: StoreName[] = ['projects', 'parts', 'settings'];

/** The browser's IndexedDB (its own database); thin on purpose: the logic above is tested on memoryAdapter. */
export function indexedDbAdapter(name = DB_NAME): KvAdapter {
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    if (typeof indexedDB === 'undefined') return Promise.reject(new Error('This browser offers no IndexedDB storage.'));
    if (!db) {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => {
        for (const s of STORES) if (!r.result.objectStoreNames.contains(s)) r.result.createObjectStore(s);
      };
      db = idbRequest(r).catch((e) => {
        db = null;
        throw e;
      });
    }
    return db;
  };
  const run = async <T>(store: StoreName, mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = (await open()).transaction(store, mode);
    // a quota error can surface at commit, after the request succeeded
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    done.catch(() => undefined);
    const result = await idbRequest(op(tx.objectStore(store)));
    if (mode === 'readwrite') await done;
    return result;
  };
  return {
    get: (store, key) => run(store, 'readonly', (s) => s.get(key)),
    put: async (store, key, value) => {
      await run(store, 'readwrite', (s) => s.put(value, key));
    },
    delete: async (store, key) => {
      await run(store, 'readwrite', (s) => s.delete(key));
    },
    keys: async (store) => (await run(store, 'readonly', (s) => s.getAllKeys())).map(String),
  };
}
