import { encodeShared } from './categoryKey';
import { BIN_CODES, binContinuous } from './discretize';
import { toNumeric } from './numericColumn';
import type { Cell, QualityKind } from './types';

/** A column as categories for contingency tables: codes in [0, size). */
export interface CodedColumn {
  codes: Int32Array;
  size: number;
  /**
   * code that stands for a genuinely missing value (pandas NaN), or -1 when missing values were
   * merged into an ordinary code (binned continuous columns: missing shares id 11 with the maximum)
   */
  missingCode: number;
}

/** Discrete codes from encodeShared (-1 = missing) with missing moved to its own code k. */
export function discreteCoded(codes: Int32Array, k: number): CodedColumn {
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? k : codes[i];
  return { codes: out, size: k + 1, missingCode: k };
}

export function binnedCoded(ids: Int32Array): CodedColumn {
  return { codes: ids, size: BIN_CODES, missingCode: -1 };
}

/**
 * One column of a pair coded in both tables: discrete columns over one shared dictionary, with
 * missing as a category of its own; continuous columns binned per table, each with its own edges.
 */
export function codePairColumn(
  real: ArrayLike<Cell>,
  synthetic: ArrayLike<Cell>,
  kind: QualityKind,
): { real: CodedColumn; synthetic: CodedColumn } {
  if (kind === 'continuous') {
    return {
      real: binnedCoded(binContinuous(toNumeric(real)).ids),
      synthetic: binnedCoded(binContinuous(toNumeric(synthetic)).ids),
    };
  }
  const { categories, codes } = encodeShared([real, synthetic]);
  return { real: discreteCoded(codes[0], categories.length), synthetic: discreteCoded(codes[1], categories.length) };
}
