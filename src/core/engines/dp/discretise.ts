import type { NumericBin, NumericCoder } from '../column-coder.ts';
import type { EngineColumn } from '../types.ts';

/**
 * Numeric column coders for the DP engine, built only from cut points that are either declared
 * by the user or chosen privately (private-quantiles.ts): never from the raw values.
 *
 * A cut chosen twice or more (many quantiles on one value: exact zeros, round amounts) becomes a
 * point bin, so that share survives; between consecutive distinct cuts lies a range bin, sampled
 * uniformly (whole numbers for integer columns, each equally likely). Values beyond the outer
 * cuts are coded to the outermost bins (the 0.5 % tails are clamped). Unlike the other engines'
 * coder there are no within-bin quantile knots (they would be read from the data).
 */
export function numericCoderFromCuts(column: EngineColumn, cuts: readonly number[], hasMissing: boolean): NumericCoder {
  const sorted = [...cuts].sort((a, b) => a - b);
  const distinct: number[] = [];
  const multiplicity: number[] = [];
  for (const c of sorted) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === c) multiplicity[multiplicity.length - 1]++;
    else {
      distinct.push(c);
      multiplicity.push(1);
    }
  }
  if (distinct.length === 0) throw new Error(`no cut points for "${column.name}"`);
  const isPoint = multiplicity.map((m) => m >= 2 || distinct.length === 1);
  const bins: NumericBin[] = [];
  let firstRange = true;
  for (let i = 0; i < distinct.length; i++) {
    if (isPoint[i]) bins.push({ type: 'point', value: distinct[i] });
    if (i + 1 === distinct.length) break;
    const a = distinct[i];
    const b = distinct[i + 1];
    if (column.integer) {
      // whole numbers in (a, b], or [a, b] for the first range when a is no point
      const lo = isPoint[i] || !firstRange ? a + 1 : a;
      const hi = isPoint[i + 1] ? b - 1 : b;
      if (lo > hi) continue;
      // widened by just under a half so rounding gives every whole number in [lo, hi] equal chance
      bins.push({ type: 'range', knots: [lo - 0.4999, hi + 0.4999] });
    } else {
      bins.push({ type: 'range', knots: [a, b] });
    }
    firstRange = false;
  }
  return {
    kind: 'numeric',
    column,
    bins,
    missingCode: hasMissing ? bins.length : -1,
    support: [distinct[0], distinct[distinct.length - 1]],
    step: 1,
  };
}

/** Equal-width bins over a range the user declared (no privacy budget spent). */
export function declaredRangeCuts(min: number, max: number, bins: number, integer: boolean): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max) && max > min)) throw new Error(`a declared range needs min < max, got [${min}, ${max}]`);
  const cuts = new Set<number>();
  for (let b = 0; b <= bins; b++) {
    const v = min + ((max - min) * b) / bins;
    cuts.add(integer ? Math.round(v) : v);
  }
  return [...cuts];
}
