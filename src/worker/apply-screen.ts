/** Screening one applicant: the recipe replayed, the probability, the decision and its reasons. */
import type { ColumnTable } from 'arquero';
import type { PreparedData } from './prepared-data';
import { applicantTable, decide, explainRows, pointsBreakdown, pointsFromPd, replayTyped } from '../core/risk/apply';
import { encodeFor, predictMatrix } from '../core/risk/workbench/fitted-model';
import type { Entry, ScreeningReason, ScreeningResult } from './apply-types';

/** Score one applicant given as typed values (numbers, epoch ms for dates, labels). */
export async function screenApplicant(prepared: PreparedData, e: Entry, record: Record<string, unknown>): Promise<ScreeningResult> {
  const { file, fitted } = e.loaded;
  let context: ColumnTable | null = null;
  if (e.source === 'trained') {
    try {
      context = prepared.source().table;
    } catch {
      context = null;
    }
  }
  const typed = applicantTable(record, file.schema);
  const { table, notes } = replayTyped(typed, file, context);
  const x = encodeFor(fitted, table);
  const pd = (await predictMatrix(fitted, x))[0];
  const ex = await explainRows(fitted, x, file.reference.encodedMeans);
  const row = ex.rows[0];
  const breakdown = ex.additive ? pointsBreakdown(row.base, row.contributions, file.scaling) : null;
  const reasons: ScreeningReason[] = ex.inputs.map((feature, k) => {
    const c = row.contributions[k];
    const v = table.columnNames().includes(feature) ? (table.array(feature) as ArrayLike<unknown>)[0] : null;
    return {
      feature,
      contribution: c,
      direction: c > 0 ? 'raises risk' : 'lowers risk',
      points: breakdown ? breakdown.featurePoints[k] : null,
      value: v === null || v === undefined ? null : String(v),
    };
  });
  reasons.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  if (!context && file.recipe.some((s) => s.enabled && (s.kind === 'impute' || s.kind === 'capOutliers' || s.kind === 'mergeRareCategories'))) {
    notes.push('The training data is not loaded: recipe statistics (fill values, caps, rare shares) were computed on this one applicant.');
  }
  return {
    pd,
    decision: decide(pd, file.cutoff.pd),
    cutoff: file.cutoff.pd,
    points: pointsFromPd(pd, file.scaling),
    basePoints: breakdown?.basePoints ?? null,
    method: ex.method,
    additive: ex.additive,
    reasons,
    notes,
  };
}
