/** The saved GAN model file: one JSON with schema, transformer, settings, weights (base64) and history. */
import type { DatasetSchema } from '../core/data/schema';
import type { DataTransformerJSON } from '../core/transform/data-transformer';
import type { TrainingSettings } from './gan-settings-presets';
import type { EpochPoint, ProbePoint } from './gan-session-types';
import type { DataProvenance } from './provenance';

export interface SavedWeight {
  name: string;
  shape: number[];
  /** little-endian float32, base64 */
  base64: string;
}

/** One JSON file holds everything needed to generate later without retraining. */
export interface GanModelJSON {
  format: 'synthcredit.gan-model';
  version: 1;
  name: string;
  savedAt: string;
  schema: DatasetSchema;
  transformer: DataTransformerJSON;
  settings: TrainingSettings;
  weights: SavedWeight[];
  history: {
    epochs: EpochPoint[];
    probes: ProbePoint[];
    divergences: { epoch: number; message: string }[];
    usedEpoch: number | null;
    trainRows: number;
    backend: string;
  };
  /**
   * The data, recipe and split the weights were trained on, so Validate and Risk can still check
   * the split after the file is loaded again. Absent in files saved before it was recorded (and
   * null when unknown): such a model's runs say "unknown".
   */
  provenance?: DataProvenance | null;
}

export function floatsToBase64(a: Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToFloats(b64: string): Float32Array {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  if (bytes.length % 4 !== 0) throw new Error('weights: byte length is not a multiple of 4');
  return new Float32Array(bytes.buffer);
}

/** Check a parsed file before trusting it; throws a message a user can act on. */
export function validateModelJSON(json: unknown): GanModelJSON {
  const m = json as Partial<GanModelJSON> | null;
  if (!m || typeof m !== 'object' || m.format !== 'synthcredit.gan-model') throw new Error('This file is not a SynthCredit GAN model.');
  if (m.version !== 1) throw new Error(`Unsupported model file version ${String(m.version)} (this app reads version 1).`);
  if (!m.transformer || !Array.isArray(m.weights) || !m.settings || !m.schema) throw new Error('The model file is incomplete (transformer, weights, settings or schema missing).');
  // a record that is not well formed is treated as absent: the model still generates, its runs say "unknown"
  return { ...(m as GanModelJSON), provenance: readProvenance(m.provenance) };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The file's training record when every field the provenance check reads has its type, else null. */
export function readProvenance(v: unknown): DataProvenance | null {
  const p = v as Partial<DataProvenance> | null | undefined;
  if (!p || typeof p !== 'object') return null;
  if (!isString(p.datasetFingerprint) || !isString(p.datasetName) || !isString(p.recipeVersion) || !Array.isArray(p.recipeSteps)) return null;
  const s = p.split as Partial<DataProvenance['split']> | undefined;
  if (!s || typeof s !== 'object' || (s.mode !== 'random' && s.mode !== 'test-file')) return null;
  if (!isNumber(s.seed) || !isNumber(s.testFraction) || !isNumber(s.trainRows) || !isNumber(s.testRows) || !isString(s.trainHash)) return null;
  const f = s.testFile as { name?: unknown; fingerprint?: unknown } | null | undefined;
  if (f !== null && (typeof f !== 'object' || !isString(f.name) || !isString(f.fingerprint))) return null;
  return p as DataProvenance;
}
