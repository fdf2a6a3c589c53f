import { quantileSorted } from '../../data/eda/quantile.ts';
import { createRng, shuffledIndices } from '../../util/random';
import type { ColumnData, QualityColumn } from '../types';
import { countExactCopies, countRareCopies, RARE_ROW_MIN_COUNT } from './exactCopies';
import { encodeRows, fitGowerEncoding } from './gowerEncoding';
import { membershipInferenceAuc } from './membershipInference';
import { nearestDistances } from './nearestDistance';
import {
  attackAucVerdict,
  closeShareVerdict,
  dcrRatioVerdict,
  exactCopiesVerdict,
  rareCopiesVerdict,
  type Verdict,
} from './verdict';

export interface PrivacyOptions {
  /** seed for every subsample (default 0) */
  seed?: number;
  /** synthetic, held-out and member rows used as queries, each at most this many (default 6,000) */
  maxQueryRows?: number;
  /** training rows searched for the closest record, at most this many (default 30,000) */
  maxReferenceRows?: number;
  /** a training row occurring fewer than this many times is rare (default 5) */
  rareRowMinCount?: number;
}

export interface RareCopies {
  count: number;
  share: number;
  k: number;
  /** distinct training rows that occur fewer than k times */
  rareTrainingRows: number;
  verdict: Verdict;
}

export interface PrivacyReport {
  dcr: {
    /** distance of each synthetic row (subsample) to its closest training row */
    synthetic: Float64Array;
    /** the same for held-out real rows: the baseline of "unseen but similar" */
    holdout: Float64Array;
    syntheticMedian: number;
    holdoutMedian: number;
    /** syntheticMedian / holdoutMedian: about 1 or above is good, near 0 means copying */
    ratio: number;
    ratioVerdict: Verdict;
    /** 5th percentile of the held-out DCR */
    holdoutP5: number;
    /**
     * share of synthetic rows with DCR strictly below holdoutP5 (about 0.05 expected); 0 whenever
     * holdoutP5 is 0 (real rows that often duplicate training rows), verdict 'unknown' then
     */
    closeShare: number;
    closeShareVerdict: Verdict;
  };
  exactCopies: {
    /** synthetic rows identical to a training row, over all synthetic rows */
    count: number;
    share: number;
    /** held-out rows identical to a training row: how often real data repeats itself */
    holdoutCount: number;
    holdoutShare: number;
    verdict: Verdict;
  };
  /** synthetic rows equal to a training row that occurs fewer than k times (should be 0) */
  rareCopies: RareCopies;
  membershipInference: { auc: number; members: number; nonMembers: number; verdict: Verdict };
  /** rows used / rows available; a subsample is drawn (seeded) when a table exceeds the caps */
  rowsUsed: {
    train: { used: number; total: number };
    holdout: { used: number; total: number };
    synthetic: { used: number; total: number };
    members: number;
  };
  distance: string;
}

function rowCount(table: ColumnData, columns: QualityColumn[]): number {
  const c = columns[0];
  const col = c === undefined ? undefined : table[c.name];
  return col === undefined ? 0 : col.length;
}

/** All rows when n <= cap, else `cap` distinct rows drawn with the generator (ascending order). */
function sampleRows(n: number, cap: number, rng: ReturnType<typeof createRng>): Int32Array {
  if (n <= cap) return Int32Array.from({ length: n }, (_, i) => i);
  return shuffledIndices(n, rng).slice(0, cap).sort();
}

function median(values: Float64Array): number {
  return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

/**
 * Privacy checks of a synthetic table against the real rows it was trained on (`train`) and real
 * rows it never saw (`holdout`), over a Gower-like distance (see gowerEncoding.ts):
 *
 * - DCR: distance to closest training record, synthetic vs held-out; ratio of medians and the share
 *   of synthetic rows closer than the held-out 5th percentile.
 * - exact copies of training rows (exact hashing over all rows).
 * - membership inference: members = a seeded sample of training rows (as many as the held-out rows
 *   used), non-members = held-out rows, score = -DCR to the synthetic set; AUC near 0.5 is good.
 *
 * Distances are exact nearest neighbours; the only approximation is the seeded subsample when a
 * table is larger than the caps (reported in `rowsUsed`). UCI-sized input (24,000 training, 6,000
 * held-out, 6,000 synthetic rows, 24 columns) runs in about 10 s in Node: run it in the worker.
 */
export function privacyReport(
  train: ColumnData,
  holdout: ColumnData,
  synthetic: ColumnData,
  columns: QualityColumn[],
  options: PrivacyOptions = {},
): PrivacyReport {
  const maxQuery = options.maxQueryRows ?? 6000;
  const maxRef = options.maxReferenceRows ?? 30000;
  const rng = createRng(options.seed ?? 0);
  const nTrain = rowCount(train, columns);
  const nHold = rowCount(holdout, columns);
  const nSynth = rowCount(synthetic, columns);

  const enc = fitGowerEncoding(train, columns);
  const trainRows = sampleRows(nTrain, maxRef, rng);
  const holdRows = sampleRows(nHold, maxQuery, rng);
  const synthRows = sampleRows(nSynth, maxQuery, rng);
  const memberRows = sampleRows(nTrain, holdRows.length, rng);
  const trainEnc = encodeRows(train, enc, trainRows);
  const holdEnc = encodeRows(holdout, enc, holdRows);
  const synthEnc = encodeRows(synthetic, enc, synthRows);
  const memberEnc = encodeRows(train, enc, memberRows);

  const dSynth = nearestDistances(synthEnc, trainEnc);
  const dHold = nearestDistances(holdEnc, trainEnc);
  const syntheticMedian = median(dSynth);
  const holdoutMedian = median(dHold);
  let ratio = syntheticMedian / holdoutMedian;
  if (holdoutMedian === 0) ratio = NaN;
  const holdoutP5 = quantileSorted(Float64Array.from(dHold).sort(), 0.05);
  let close = 0;
  for (const d of dSynth) if (d < holdoutP5) close++;
  const closeShare = dSynth.length > 0 ? close / dSynth.length : NaN;

  const copies = countExactCopies(train, synthetic, columns);
  const holdCopies = countExactCopies(train, holdout, columns);
  const share = copies.rows > 0 ? copies.count / copies.rows : 0;
  const holdoutShare = holdCopies.rows > 0 ? holdCopies.count / holdCopies.rows : 0;

  const rare = countRareCopies(train, synthetic, columns, options.rareRowMinCount ?? RARE_ROW_MIN_COUNT);

  const mia = membershipInferenceAuc(memberEnc, holdEnc, synthEnc);

  return {
    dcr: {
      synthetic: dSynth,
      holdout: dHold,
      syntheticMedian,
      holdoutMedian,
      ratio,
      ratioVerdict: dcrRatioVerdict(ratio),
      holdoutP5,
      closeShare,
      closeShareVerdict: closeShareVerdict(closeShare, holdoutP5),
    },
    exactCopies: {
      count: copies.count,
      share,
      holdoutCount: holdCopies.count,
      holdoutShare,
      verdict: exactCopiesVerdict(copies.count, share, holdoutShare),
    },
    rareCopies: {
      count: rare.count,
      share: rare.rows > 0 ? rare.count / rare.rows : 0,
      k: rare.k,
      rareTrainingRows: rare.rareSourceRows,
      verdict: rareCopiesVerdict(rare.count, rare.k),
    },
    membershipInference: { ...mia, verdict: attackAucVerdict(mia.auc) },
    rowsUsed: {
      train: { used: trainRows.length, total: nTrain },
      holdout: { used: holdRows.length, total: nHold },
      synthetic: { used: synthRows.length, total: nSynth },
      members: memberRows.length,
    },
    distance:
      'Gower-like: mean over columns of |difference| / training range (continuous) and 0/1 mismatch (categorical); missing vs missing 0, missing vs value 1',
  };
}
