/**
 * What a model (and every synthetic table drawn from it) was trained on: the loaded dataset, the
 * cleaning recipe, and the train/test split (seed, fraction, and a hash of the train row set).
 * Validate and Risk compare it with the data as it is now: after "Split again" or a recipe edit,
 * training rows would move into the held-out set, which is the baseline of every privacy check
 * and the test set of TSTR, so a table is never scored against a split it was not trained on
 * without the user being told (see validate-api.ts, risk-api.ts).
 */
import type { CleaningStep } from '../core/data/clean';

export interface SplitIdentity {
  /** 'random': a seeded (stratified) split of the cleaned rows; 'test-file': every cleaned row trains, the test rows come from a second file */
  mode: 'random' | 'test-file';
  seed: number;
  testFraction: number;
  trainRows: number;
  testRows: number;
  /** hash of the train row set (row indices of the cleaned table, with the recipe version) */
  trainHash: string;
  /** the separate test file ('test-file' mode) */
  testFile: { name: string; fingerprint: string } | null;
}

export interface DataProvenance {
  /** hash of the loaded file's cells, name and column roles */
  datasetFingerprint: string;
  datasetName: string;
  /** hash of the enabled recipe steps */
  recipeVersion: string;
  /** the recipe's steps, so the split it made can be rebuilt */
  recipeSteps: CleaningStep[];
  split: SplitIdentity;
}

export interface ProvenanceCheck {
  /** 'unknown': the model carries no provenance (a model saved before it was recorded, or trained elsewhere) */
  state: 'match' | 'mismatch' | 'unknown';
  /** one plain paragraph for the page; empty when it matches */
  message: string;
  /** each difference in plain words */
  differences: string[];
  /** the split it was trained on can be rebuilt from the loaded data (same dataset) */
  canRestore: boolean;
}

/** A 52-bit FNV-1a hash as 13 hex digits, fed in pieces. */
export class Hasher {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x5bd1e995;
  private n = 0;

  text(s: string): this {
    for (let i = 0; i < s.length; i++) this.code(s.charCodeAt(i));
    this.code(0xffff);
    return this;
  }

  int(v: number): this {
    this.code(v & 0xffff);
    this.code((v >>> 16) & 0xffff);
    return this;
  }

  private code(c: number): void {
    this.a = Math.imul(this.a ^ c, 0x01000193);
    this.b = Math.imul(this.b ^ ((c + this.n++) & 0xffff), 0x01000193);
  }

  hex(): string {
    return ((this.a >>> 0) * 0x100000 + ((this.b >>> 0) & 0xfffff)).toString(16).padStart(13, '0');
  }
}

/** The train row set's hash: which rows of which cleaned table (recipe version) train the model. */
export function trainRowHash(recipeVersion: string, cleanedRows: number, train: ArrayLike<number>): string {
  const h = new Hasher().text(recipeVersion).int(cleanedRows).int(train.length);
  const sorted = Int32Array.from(train).sort();
  for (let i = 0; i < sorted.length; i++) h.int(sorted[i]);
  return h.hex();
}

function describeSplit(s: SplitIdentity): string {
  if (s.mode === 'test-file') return `all ${s.trainRows.toLocaleString('en-US')} loaded rows for training, test file "${s.testFile?.name ?? '?'}"`;
  return `test fraction ${s.testFraction}, seed ${s.seed} (${s.trainRows.toLocaleString('en-US')} training rows)`;
}

/** Compare what a model was trained on with the data now; every difference in plain words. */
export function checkProvenance(trained: DataProvenance | null | undefined, now: DataProvenance | null): ProvenanceCheck {
  if (!trained) {
    return {
      state: 'unknown',
      message: 'This model does not record which split it was trained on (it was saved or loaded without that record), so the app cannot confirm that the held-out rows were unseen. Retrain it here to be sure.',
      differences: [],
      canRestore: false,
    };
  }
  if (!now) {
    return { state: 'mismatch', message: 'There is no train/test split now, so the synthetic data cannot be scored against the rows it was trained on.', differences: ['no split'], canRestore: trained.datasetFingerprint !== '' };
  }
  const differences: string[] = [];
  const sameData = trained.datasetFingerprint === now.datasetFingerprint;
  if (!sameData) differences.push(`the loaded data is not the data it was trained on ("${trained.datasetName}" then, "${now.datasetName}" now, or its column roles changed)`);
  else {
    if (trained.recipeVersion !== now.recipeVersion) differences.push('the cleaning recipe changed after training');
    const a = trained.split;
    const b = now.split;
    if (a.mode !== b.mode || a.seed !== b.seed || a.testFraction !== b.testFraction || a.testFile?.fingerprint !== b.testFile?.fingerprint) {
      differences.push(`the split changed after training: it was ${describeSplit(a)}, now ${describeSplit(b)}`);
    } else if (a.trainHash !== b.trainHash) differences.push('the training rows are not the rows it was trained on');
  }
  if (differences.length === 0) return { state: 'match', message: '', differences, canRestore: true };
  const message = sameData
    ? `This synthetic data was trained on a different train/test split than the one in use now: ${differences.join('; ')}. Some rows it learned from are now in the held-out set, so the privacy checks and TSTR would look better than they are. Retrain on the current split, or go back to the split it was trained on.`
    : `This synthetic data was trained on other data than the data loaded now: ${differences.join('; ')}. Load that data again or retrain.`;
  return { state: 'mismatch', message, differences, canRestore: sameData };
}
