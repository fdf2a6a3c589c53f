import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../../data/schema';
import { privacyReport, type PrivacyOptions } from '../privacy/privacyReport';
import { qualityReport } from '../qualityReport';
import { sideBySide } from '../sideBySide';
import { columnData, planColumns } from './columns';
import { correlationMatrices } from './correlations';
import { continuousDistribution, discreteDistribution, sharedHistogram } from './distributions';
import { replayCheck } from './replay';
import type { DetectionSummary, ScoreCard, ValidationProgress, ValidationReport } from './types';
import { detectionScoreAsync, DetectionStoppedError, type DetectionOptions } from '../detection';
import { utilitySteps, type UtilityOptions } from './utility';
import { runWithCheckpoints } from '../../util/stepwise';
import { overallVerdict, qualityVerdict } from './verdicts';

/** Thrown when `shouldStop` asks a report build to stop (between stages). */
export class ReportCancelledError extends Error {
  constructor() {
    super('The report was cancelled.');
    this.name = 'ReportCancelledError';
  }
}

export interface ValidationInput {
  /** the real rows the generator learned from */
  train: ColumnTable;
  /** real rows held out from training (privacy baseline, utility test set) */
  test: ColumnTable;
  synthetic: ColumnTable;
  schema: DatasetSchema;
  seed: number;
  /** what produced the synthetic data, in words */
  source?: string;
  /** ISO time stamp printed in the report; the caller's clock (the core stays deterministic) */
  generatedAt?: string;
  privacy?: Omit<PrivacyOptions, 'seed'>;
  utility?: Omit<UtilityOptions, 'seed'>;
  /** detection metric settings (default: every row up to 30,000 a side, the tuned detector); false leaves it out */
  detection?: Omit<DetectionOptions, 'seed'> | false;
  onProgress?: (p: ValidationProgress) => void;
  /** checked between stages; true stops the build with ReportCancelledError */
  shouldStop?: () => boolean;
}

/**
 * The validation report of one synthetic table: quality (SDMetrics-compatible scores and
 * per-column comparisons), correlations, privacy (DCR, exact copies, membership inference and the
 * identifier replay check) and quick utility (TSTR vs TRTR). Real = the training split throughout,
 * except where the held-out test split is the point (privacy baseline, utility test).
 */
export async function buildValidationReport(input: ValidationInput): Promise<ValidationReport> {
  const { train, test, synthetic, schema, seed } = input;
  // between stages: report, let a worker read its messages (a cancel), and stop if asked
  const progress = async (stage: ValidationProgress['stage'], fraction: number, message: string) => {
    input.onProgress?.({ stage, fraction, message });
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (input.shouldStop?.()) throw new ReportCancelledError();
  };
  // inside the model fits (detection, utility): a pause now and then, so a Cancel arrives within a second
  let lastPause = performance.now();
  const pause = async () => {
    if (input.shouldStop?.()) throw new ReportCancelledError();
    const now = performance.now();
    if (now - lastPause < 50) return;
    lastPause = now;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (input.shouldStop?.()) throw new ReportCancelledError();
  };
  const plan = planColumns(schema, train, test, synthetic);
  const names = plan.quality.map((c) => c.name);
  const real = columnData(train, names);
  const held = columnData(test, names);
  const synth = columnData(synthetic, names);

  await progress('quality', 0, 'Column shapes and pair trends');
  const quality = qualityReport(real, synth, plan.quality);

  await progress('columns', 0.25, 'Per-column comparison');
  const columns = sideBySide(real, synth, plan.quality);
  const distributions = columns.map((c) =>
    c.kind === 'continuous' ? continuousDistribution(c.column, real[c.column], synth[c.column], plan.datetime.has(c.column)) : discreteDistribution(c.column, c.coverage),
  );
  const coverageIssues: ValidationReport['coverageIssues'] = [];
  const outOfRangeIssues: ValidationReport['outOfRangeIssues'] = [];
  for (const c of columns) {
    if (c.kind === 'discrete') {
      const v = c.coverage;
      if (v.missingFromSynthetic.length > 0 || v.syntheticOnly.length > 0) {
        coverageIssues.push({ column: c.column, coverage: v.coverage, missingFromSynthetic: v.missingFromSynthetic, syntheticOnly: v.syntheticOnly });
      }
    } else if (c.outOfRange.count > 0) {
      const o = c.outOfRange;
      outOfRangeIssues.push({ column: c.column, below: o.below, above: o.above, share: o.share, realMin: o.realMin, realMax: o.realMax });
    }
  }

  await progress('correlations', 0.3, 'Correlation matrices');
  const correlations = correlationMatrices(real, synth, plan.numeric);

  await progress('correlations', 0.32, 'Detection: can a classifier tell synthetic rows from real ones?');
  const detection =
    input.detection === false
      ? null
      : await detectionSummary(real, synth, plan.quality, { ...input.detection, seed }, {
          // the detector is the longest stage: its folds report progress and can be cancelled
          onProgress: (f, m) => input.onProgress?.({ stage: 'correlations', fraction: 0.32 + 0.03 * f, message: `Detection: ${m}` }),
          shouldStop: input.shouldStop,
        });

  await progress('privacy', 0.35, 'Distances to the closest record and membership inference');
  const p = privacyReport(real, held, synth, plan.quality, { ...input.privacy, seed });
  const replay = replayCheck(schema, [train, test], synthetic);

  await progress('utility', 0.7, 'Training models on real and on synthetic rows');
  const utility = await runWithCheckpoints(utilitySteps(train, test, synthetic, schema, { ...input.utility, seed }), pause);

  const lr = utility.models.find((m) => m.model === 'logistic-regression') ?? utility.models[0];
  const others = utility.models.filter((m) => m !== lr);
  const detectionVerdict = detection && !detection.error ? qualityVerdict(detection.score, 'Detection') : null;
  // the headline may not contradict the cards beside it (see overallVerdict)
  const qVerdict = overallVerdict(qualityVerdict(quality.overall, 'Overall quality'), [
    ...(detectionVerdict ? [{ label: 'detection', verdict: detectionVerdict }] : []),
    ...(lr ? [{ label: 'utility', verdict: worstUtility(utility.models) }] : []),
  ]);
  const f3 = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(3));
  const cards: ScoreCard[] = [
    { id: 'overall', label: 'Overall quality', value: quality.overall, format: 'score', detail: 'mean of column shapes and pair trends', verdict: qVerdict },
    {
      id: 'columnShapes',
      label: 'Column shapes',
      value: quality.columnShapes,
      format: 'score',
      detail: `${quality.columns.length} columns (KS / TV complement)`,
      verdict: qualityVerdict(quality.columnShapes, 'Column shapes'),
    },
    {
      id: 'pairTrends',
      label: 'Column pair trends',
      value: quality.columnPairTrends,
      format: 'score',
      detail: `${quality.pairs.length} pairs (correlation / contingency similarity)`,
      verdict: qualityVerdict(quality.columnPairTrends, 'Column pair trends'),
    },
    {
      id: 'strongPairs',
      label: 'Strong pairs',
      value: quality.strongPairs.columnPairTrends,
      format: 'score',
      detail: `${quality.strongPairs.nPairs} pairs with real |r| or V ≥ 0.3`,
      verdict:
        quality.strongPairs.nPairs === 0
          ? { level: 'unknown', message: 'No pair of columns is strongly associated in the real data.' }
          : qualityVerdict(quality.strongPairs.columnPairTrends, 'Strong-pair trends'),
    },
    ...(detection
      ? [
          {
            id: 'detection' as const,
            label: 'Detection (1 = indistinguishable)',
            value: detection.score,
            format: 'score' as const,
            detail: detection.error
              ? 'not computed'
              : `classifier AUC ${f3(detection.meanAuc)} on ${detection.rowsPerSide.toLocaleString('en-US')} rows per side (of ${detection.rowsAvailable?.real.toLocaleString('en-US') ?? '?'} real, ${detection.rowsAvailable?.synthetic.toLocaleString('en-US') ?? '?'} synthetic)${detection.columns[0] ? `; top giveaway: ${detection.columns[0].column}` : ''}`,
            verdict: detectionVerdict ?? { level: 'unknown' as const, message: detection.error ?? 'not computed' },
          },
        ]
      : []),
    lr
      ? {
          id: 'utility',
          label: 'TSTR vs TRTR (ROC AUC)',
          value: lr.tstr,
          format: 'auc',
          detail: [`${lr.label}: TRTR ${f3(lr.trtr)}`, ...others.map((o) => `${o.label}: TSTR ${f3(o.tstr)} / TRTR ${f3(o.trtr)}`)].join(' · '),
          verdict: worstUtility(utility.models),
        }
      : {
          id: 'utility',
          label: 'TSTR vs TRTR (ROC AUC)',
          value: NaN,
          format: 'auc',
          detail: 'not computed',
          verdict: { level: 'unknown', message: utility.skipped ?? 'No model was trained.' },
        },
    {
      id: 'dcrRatio',
      label: 'DCR ratio',
      value: p.dcr.ratio,
      format: 'ratio',
      detail: `median distance synthetic ${f3(p.dcr.syntheticMedian)} vs held-out ${f3(p.dcr.holdoutMedian)}`,
      verdict: p.dcr.ratioVerdict,
    },
    {
      id: 'exactCopies',
      label: 'Exact copies',
      value: p.exactCopies.count,
      format: 'count',
      detail: `${(p.exactCopies.share * 100).toFixed(2)} % of synthetic rows (held-out rows: ${(p.exactCopies.holdoutShare * 100).toFixed(2)} %)`,
      verdict: p.exactCopies.verdict,
    },
    {
      id: 'mia',
      label: 'Membership inference AUC',
      value: p.membershipInference.auc,
      format: 'auc',
      detail: `${p.membershipInference.members} training vs ${p.membershipInference.nonMembers} held-out rows`,
      verdict: p.membershipInference.verdict,
    },
    {
      id: 'replay',
      label: 'Identifier / text replay',
      value: replay.totalCells,
      format: 'count',
      detail: replay.checkedColumns.length ? `checked: ${replay.checkedColumns.join(', ')}` : 'no identifier or text columns',
      verdict: replay.verdict,
    },
  ];

  await progress('done', 1, 'Report ready');
  return {
    version: 1,
    source: input.source ?? 'synthetic data',
    generatedAt: input.generatedAt ?? '',
    seed,
    rows: { train: train.numRows(), test: test.numRows(), synthetic: synthetic.numRows() },
    columns: plan.treatment,
    missingFromSynthetic: plan.missingFromSynthetic,
    cards,
    quality: {
      overall: quality.overall,
      columnShapes: quality.columnShapes,
      columnPairTrends: quality.columnPairTrends,
      strongPairs: quality.strongPairs,
      columns: quality.columns,
      pairs: quality.pairs,
      verdict: qVerdict,
    },
    sideBySide: columns,
    distributions,
    coverageIssues,
    outOfRangeIssues,
    correlations,
    ...(detection ? { detection } : {}),
    privacy: {
      dcr: {
        syntheticMedian: p.dcr.syntheticMedian,
        holdoutMedian: p.dcr.holdoutMedian,
        ratio: p.dcr.ratio,
        ratioVerdict: p.dcr.ratioVerdict,
        holdoutP5: p.dcr.holdoutP5,
        closeShare: p.dcr.closeShare,
        closeShareVerdict: p.dcr.closeShareVerdict,
        histogram: sharedHistogram(p.dcr.synthetic, p.dcr.holdout).map((b) => ({ lo: b.lo, hi: b.hi, synthetic: b.a, holdout: b.b })),
      },
      exactCopies: p.exactCopies,
      rareCopies: p.rareCopies,
      membershipInference: p.membershipInference,
      rowsUsed: p.rowsUsed,
      distance: p.distance,
      replay,
    },
    utility,
  };
}

const UTILITY_RANK = { risk: 0, warning: 1, good: 2, unknown: 3 } as const;

/**
 * The utility card's verdict: the headline model's (logistic regression), unless another model's is
 * worse (a model that learned nothing is a problem whichever it is); then that one, named.
 */
function worstUtility(models: ValidationReport['utility']['models']): ScoreCard['verdict'] {
  const head = models.find((m) => m.model === 'logistic-regression') ?? models[0];
  let worst = head;
  for (const m of models) if (UTILITY_RANK[m.verdict.level] < UTILITY_RANK[worst.verdict.level]) worst = m;
  return worst === head ? head.verdict : { level: worst.verdict.level, message: `${worst.label}: ${worst.verdict.message}` };
}

/** The card of a report by id. */
export function scoreCard(report: ValidationReport, id: ScoreCard['id']): ScoreCard | undefined {
  return report.cards.find((c) => c.id === id);
}

async function detectionSummary(
  real: Parameters<typeof detectionScoreAsync>[0],
  synth: Parameters<typeof detectionScoreAsync>[1],
  columns: Parameters<typeof detectionScoreAsync>[2],
  options: DetectionOptions,
  hooks: Parameters<typeof detectionScoreAsync>[4],
): Promise<DetectionSummary> {
  try {
    const d = await detectionScoreAsync(real, synth, columns, options, hooks);
    return {
      score: d.score,
      meanAuc: d.meanAuc,
      rowsPerSide: d.rowsPerSide,
      rowsAvailable: d.rowsAvailable,
      foldRounds: d.foldRounds,
      columns: d.columns.slice(0, 8).map((c) => ({ column: c.column, importance: c.importance, singleColumnAuc: c.singleColumnAuc })),
      pairs: d.pairs.slice(0, 5).map((p) => ({ column1: p.column1, column2: p.column2, auc: p.auc, lift: p.lift })),
      seconds: d.seconds,
      error: null,
    };
  } catch (e) {
    if (e instanceof DetectionStoppedError) throw new ReportCancelledError();
    return { score: NaN, meanAuc: NaN, rowsPerSide: 0, columns: [], pairs: [], seconds: 0, error: `Detection not computed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
