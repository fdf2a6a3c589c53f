import { quantileSorted } from '../../data/eda/quantile.ts';

/**
 * Cut-off strategies on the PD: an applicant is APPROVED when PD ≤ cut-off, declined otherwise.
 * Bad rates and profits use the observed outcomes when labels are given (1 = default), else the
 * expected ones from the PDs themselves (Σ PD among the approved).
 *
 * Profit of approving row i: a good repays and earns its margin, a bad loses LGD × exposure:
 *   profit_i = (1 − bad_i) · margin_i − bad_i · loss_i.
 * Declining earns nothing, so a declined good costs its lost margin and an approved bad costs
 * its loss; maximising the profit minimises those two costs.
 */
export type CutoffStrategy =
  | { kind: 'approval-rate'; approvalRate: number }
  | { kind: 'max-bad-rate'; maxBadRate: number }
  | { kind: 'max-profit'; lgd: number; exposure: number; marginRate: number }
  | { kind: 'manual'; pd: number };

export interface CutoffPoint {
  cutoff: number;
  approved: number;
  approvalRate: number;
  /** defaults (observed or expected) among the approved / approved; 0 when none approved */
  badRate: number;
  profit: number;
}

export interface CutoffInputs {
  pd: ArrayLike<number>;
  /** observed outcomes (1 = default) for the same rows; null: use the PDs */
  labels?: ArrayLike<number> | null;
  /** per row: the margin a good earns (default 0) */
  margin?: number | ArrayLike<number>;
  /** per row: the loss a default costs, LGD × exposure (default 0) */
  loss?: number | ArrayLike<number>;
}

const at = (v: number | ArrayLike<number> | undefined, i: number): number => (v === undefined ? 0 : typeof v === 'number' ? v : v[i]);

/** The cut-off that approves the share `rate` with the lowest PDs: the `rate` quantile of the PDs. */
export function cutoffForApprovalRate(pd: ArrayLike<number>, rate: number): number {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`approval rate must be in [0, 1], got ${rate}`);
  const sorted = Float64Array.from(pd).sort();
  return quantileSorted(sorted, rate);
}

/**
 * Every distinct cut-off (each PD value; rows with equal PD are approved together), with the
 * cumulative approval rate, bad rate and profit, lowest cut-off first. The first point approves no one.
 */
export function cutoffTable(inputs: CutoffInputs): CutoffPoint[] {
  const { pd, labels } = inputs;
  const n = pd.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => pd[a] - pd[b]);
  const points: CutoffPoint[] = [{ cutoff: n > 0 ? Math.min(0, pd[order[0]] - 1e-12) : 0, approved: 0, approvalRate: 0, badRate: 0, profit: 0 }];
  let bad = 0;
  let profit = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const b = labels ? (labels[i] === 1 ? 1 : 0) : pd[i];
    bad += b;
    profit += (1 - b) * at(inputs.margin, i) - b * at(inputs.loss, i);
    if (k + 1 < n && pd[order[k + 1]] === pd[i]) continue;
    const approved = k + 1;
    points.push({ cutoff: pd[i], approved, approvalRate: approved / n, badRate: bad / approved, profit });
  }
  return points;
}

/** At most `maxPoints` points of the table, evenly spaced in approval rate (ends kept), for charts. */
export function thinCutoffCurve(points: CutoffPoint[], maxPoints = 101): CutoffPoint[] {
  if (points.length <= maxPoints) return points;
  const out: CutoffPoint[] = [points[0]];
  const step = 1 / (maxPoints - 1);
  for (let k = 1; k < points.length - 1; k++) {
    if (points[k].approvalRate - out[out.length - 1].approvalRate >= step) out.push(points[k]);
  }
  out.push(points[points.length - 1]);
  return out;
}

/** The figures at one cut-off (approve PD ≤ cut-off). */
export function evaluateCutoff(inputs: CutoffInputs, cutoff: number): CutoffPoint {
  const { pd, labels } = inputs;
  let approved = 0;
  let bad = 0;
  let profit = 0;
  for (let i = 0; i < pd.length; i++) {
    if (!(pd[i] <= cutoff)) continue;
    const b = labels ? (labels[i] === 1 ? 1 : 0) : pd[i];
    approved++;
    bad += b;
    profit += (1 - b) * at(inputs.margin, i) - b * at(inputs.loss, i);
  }
  return { cutoff, approved, approvalRate: pd.length ? approved / pd.length : 0, badRate: approved ? bad / approved : 0, profit };
}

/** The highest cut-off whose bad rate among the approved stays ≤ maxBadRate (approve most while safe). */
export function cutoffForMaxBadRate(table: CutoffPoint[], maxBadRate: number): CutoffPoint {
  let best = table[0];
  for (const p of table) if (p.approved > 0 && p.badRate <= maxBadRate + 1e-12) best = p;
  return best;
}

/** The cut-off with the largest profit (the lowest such cut-off on ties). */
export function cutoffForMaxProfit(table: CutoffPoint[]): CutoffPoint {
  let best = table[0];
  for (const p of table) if (p.profit > best.profit + 1e-9) best = p;
  return best;
}

export interface CutoffChoice {
  strategy: CutoffStrategy;
  cutoff: number;
  /** figures at the chosen cut-off on the rows it was chosen on */
  at: CutoffPoint;
  /** thinned curve for the chart */
  curve: CutoffPoint[];
  /** 'observed' when labels were used */
  outcomes: 'observed' | 'expected';
}

/**
 * Applies a strategy. For 'max-profit' the margin is marginRate × exposure and the loss of a
 * default LGD × exposure, per row when `exposures` (e.g. the EAD column) is given, else the
 * strategy's single exposure for every row.
 */
export interface ProfitCosts {
  lgd: number;
  exposure: number;
  marginRate: number;
}

export function chooseCutoff(
  strategy: CutoffStrategy,
  pd: ArrayLike<number>,
  labels: ArrayLike<number> | null,
  exposures: ArrayLike<number> | null = null,
  /** costs for the profit curve under the other strategies (max-profit uses its own) */
  costs: ProfitCosts | null = null,
): CutoffChoice {
  let margin: number | Float64Array = 0;
  let loss: number | Float64Array = 0;
  const c = strategy.kind === 'max-profit' ? strategy : costs;
  if (c) {
    if (!(c.lgd >= 0 && c.lgd <= 1)) throw new Error(`LGD must be in [0, 1], got ${c.lgd}`);
    if (!(c.marginRate >= 0)) throw new Error(`the margin must be ≥ 0, got ${c.marginRate}`);
    if (exposures) {
      margin = Float64Array.from(exposures, (e) => (Number.isFinite(e) ? e : 0) * c.marginRate);
      loss = Float64Array.from(exposures, (e) => (Number.isFinite(e) ? e : 0) * c.lgd);
    } else {
      margin = c.exposure * c.marginRate;
      loss = c.exposure * c.lgd;
    }
  }
  const inputs: CutoffInputs = { pd, labels, margin, loss };
  const table = cutoffTable(inputs);
  let cutoff: number;
  switch (strategy.kind) {
    case 'approval-rate':
      cutoff = cutoffForApprovalRate(pd, strategy.approvalRate);
      break;
    case 'max-bad-rate':
      cutoff = cutoffForMaxBadRate(table, strategy.maxBadRate).cutoff;
      break;
    case 'max-profit':
      cutoff = cutoffForMaxProfit(table).cutoff;
      break;
    case 'manual':
      cutoff = strategy.pd;
      break;
  }
  return { strategy, cutoff, at: evaluateCutoff(inputs, cutoff), curve: thinCutoffCurve(table), outcomes: labels ? 'observed' : 'expected' };
}

export function decide(pd: number, cutoff: number): 'approve' | 'decline' {
  return pd <= cutoff ? 'approve' : 'decline';
}
