import { createRng, type Rng } from '../util/random.ts';
import { decodeCategorical, drawNumeric, type ColumnCoder } from './column-coder.ts';
import { hashCodes, isGuardedRow, typedTable, type Codec } from './engine-data.ts';
import { rareRowTest } from './rare-row-guard.ts';
import { drawWithinBinPositions } from './within-bin-copula.ts';
import { applyDonorOffsets } from './donor-offsets.ts';
import {
  EngineConditionError,
  type SampleConditions,
  type SampleOutcome,
  type SampleStats,
} from './types.ts';

/** Conditions resolved against the model: fixed labels as codes, ranges per column index. */
export interface ResolvedConditions {
  /** column index → code every row must hold */
  fixed: Map<number, number>;
  ranges: { column: number; min: number; max: number }[];
}

export function resolveConditions(coders: readonly ColumnCoder[], conditions: SampleConditions = {}): ResolvedConditions {
  const index = new Map(coders.map((c, j) => [c.column.name, j]));
  const fixed = new Map<number, number>();
  for (const [name, label] of Object.entries(conditions.fixed ?? {})) {
    const j = index.get(name);
    if (j === undefined) throw new EngineConditionError(`cannot fix "${name}": the model has no such column`);
    const coder = coders[j];
    if (coder.kind !== 'categorical') {
      throw new EngineConditionError(`cannot fix "${name}" to a label: it is ${coder.column.role}; give it a range instead`);
    }
    const code = coder.labels.indexOf(String(label));
    if (code < 0) {
      const shown = coder.labels.slice(0, 20).join(', ');
      throw new EngineConditionError(`"${name}" never held "${label}" in the training data (labels: ${shown}${coder.labels.length > 20 ? ', …' : ''})`);
    }
    fixed.set(j, code);
  }
  const ranges: ResolvedConditions['ranges'] = [];
  for (const [name, r] of Object.entries(conditions.ranges ?? {})) {
    const j = index.get(name);
    if (j === undefined) throw new EngineConditionError(`cannot restrict "${name}": the model has no such column`);
    const coder = coders[j];
    if (coder.kind !== 'numeric') throw new EngineConditionError(`cannot restrict "${name}" to a range: it is categorical; fix a label instead`);
    const min = r.min ?? -Infinity;
    const max = r.max ?? Infinity;
    if (Number.isNaN(min) || Number.isNaN(max)) throw new EngineConditionError(`the range of "${name}" is not a number`);
    if (min > max) throw new EngineConditionError(`the range of "${name}" is empty: min ${min} > max ${max}`);
    const [lo, hi] = coder.support;
    if (max < lo || min > hi) {
      throw new EngineConditionError(`no row can have "${name}" in [${min}, ${max}]: the model's values lie in [${lo}, ${hi}]`);
    }
    ranges.push({ column: j, min, max });
  }
  return { fixed, ranges };
}

/** Candidate rows as codes, one array per column; `ok[i] = 0` marks a row the engine already rejected. */
export interface Candidates {
  codes: Uint16Array[];
  ok: Uint8Array;
}

export type CandidateGenerator = (batch: number, rng: Rng) => Candidates;

export interface RejectionLimits {
  /** candidates generated at most before giving up (default max(200,000, 200·n)) */
  maxCandidates?: number;
}

/**
 * Draws candidate batches until n rows meet every condition: fixed codes (engines that condition
 * exactly never produce a mismatch) and ranges, checked on the decoded values. Rows are decoded
 * with the same generator, so one seed gives one table.
 */
export function sampleByRejection(
  codec: Codec,
  n: number,
  resolved: ResolvedConditions,
  exactFixed: boolean,
  generate: CandidateGenerator,
  seed: number,
  limits: RejectionLimits = {},
): SampleOutcome {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`sample size must be a whole number >= 0, got ${n}`);
  const { columns, coders, copula } = codec;
  const rng = createRng(seed);
  const nCols = coders.length;
  // models saved before the rare-row guard carry the code-level guard instead
  const legacyGuard = new Set(codec.rareRows ? [] : codec.copyGuard);
  const isRareCopy = rareRowTest(codec.rareRows);
  const codesOfRow = new Uint16Array(nCols);
  const u = new Float64Array(nCols);
  const scratch = new Float64Array(nCols);
  const out: (string | number | null)[][] = coders.map(() => []);
  const maxCandidates = limits.maxCandidates ?? Math.max(200_000, 200 * n);
  const conditionRejects = resolved.ranges.length > 0 || (!exactFixed && resolved.fixed.size > 0);
  const rejects = conditionRejects || legacyGuard.size > 0 || isRareCopy !== null;
  let copiesRejected = 0;
  let generated = 0;
  let accepted = 0;
  const row: (string | number | null)[] = new Array(nCols);
  while (accepted < n) {
    const rate = generated > 0 ? Math.max(accepted / generated, 1e-4) : 1;
    const want = n - accepted;
    const batch = rejects ? Math.min(200_000, Math.max(1000, Math.ceil((want / rate) * 1.2))) : want;
    const { codes, ok } = generate(batch, rng);
    generated += batch;
    for (let i = 0; i < batch && accepted < n; i++) {
      if (!ok[i]) continue;
      let keep = true;
      for (const [j, code] of resolved.fixed) {
        if (codes[j][i] !== code) {
          keep = false;
          break;
        }
      }
      if (!keep) continue;
      if (legacyGuard.size > 0) {
        for (let j = 0; j < nCols; j++) codesOfRow[j] = codes[j][i];
        if (isGuardedRow(coders, codesOfRow) && legacyGuard.has(hashCodes(codesOfRow))) {
          copiesRejected++;
          continue;
        }
      }
      if (copula) drawWithinBinPositions(copula, rng, u, scratch);
      for (let j = 0; j < nCols; j++) {
        const coder = coders[j];
        row[j] =
          coder.kind === 'numeric'
            ? drawNumeric(coder, codes[j][i], copula ? u[j] : rng.next())
            : decodeCategorical(coder, codes[j][i]);
      }
      if (codec.offsets) applyDonorOffsets(codec.offsets, coders, codes, i, row, rng);
      for (const r of resolved.ranges) {
        const v = row[r.column] as number | null;
        if (v === null || v < r.min || v > r.max) {
          keep = false;
          break;
        }
      }
      if (!keep) continue;
      if (isRareCopy?.(row)) {
        copiesRejected++;
        continue;
      }
      for (let j = 0; j < nCols; j++) out[j].push(row[j]);
      accepted++;
    }
    if (accepted < n && generated >= maxCandidates) {
      const rateNow = accepted / generated;
      throw new EngineConditionError(
        accepted === 0
          ? `no generated row met the conditions in ${generated.toLocaleString('en')} tries: they are too rare (or impossible) under this model`
          : `only ${accepted} of ${n} rows met the conditions in ${generated.toLocaleString('en')} tries (acceptance rate ${(100 * rateNow).toPrecision(2)} %); relax the conditions or ask for fewer rows`,
      );
    }
  }
  const method: SampleStats['method'] =
    resolved.fixed.size === 0 && resolved.ranges.length === 0
      ? 'none'
      : !conditionRejects
        ? 'exact'
        : exactFixed && resolved.fixed.size > 0
          ? 'exact+rejection'
          : 'rejection';
  return {
    table: typedTable(columns, out),
    stats: { requested: n, generated, acceptanceRate: generated > 0 ? accepted / generated : 1, method, copiesRejected },
  };
}
