import { toNumeric } from './numericColumn';
import type { Cell } from './types';

export interface OutOfRange {
  /** the real column's range; NaN when the real column has no value */
  realMin: number;
  realMax: number;
  /** synthetic values strictly below realMin / above realMax */
  below: number;
  above: number;
  count: number;
  /** count / non-missing synthetic values (0 when there is none) */
  share: number;
}

/** Synthetic values outside the real minimum..maximum: values the generator invented beyond what it saw. */
export function outOfRange(real: ArrayLike<Cell>, synthetic: ArrayLike<Cell>): OutOfRange {
  const r = toNumeric(real);
  let realMin = Infinity;
  let realMax = -Infinity;
  for (let i = 0; i < r.length; i++) {
    if (r[i] < realMin) realMin = r[i];
    if (r[i] > realMax) realMax = r[i];
  }
  if (realMin > realMax) {
    realMin = NaN;
    realMax = NaN;
  }
  const s = toNumeric(synthetic);
  let below = 0;
  let above = 0;
  let present = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== s[i]) continue;
    present++;
    if (s[i] < realMin) below++;
    else if (s[i] > realMax) above++;
  }
  const count = below + above;
  return { realMin, realMax, below, above, count, share: present > 0 ? count / present : 0 };
}
