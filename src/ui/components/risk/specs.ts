/**
 * Vega-Lite specs for the risk model charts. Data is inlined (values), never fetched; every spec is
 * drawn by VegaChart (AST interpreter, SVG), so nothing needs eval and nothing leaves the page.
 */
import type { VisualizationSpec } from 'vega-embed';
import type { Evaluation } from '../../../core/risk/workbench/evaluation';
import type { ImportanceResult } from '../../../core/risk/workbench/importance';

const WIDTH = 340;
const HEIGHT = 260;
const round = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;

export function rocSpec(e: Evaluation): VisualizationSpec {
  return {
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: '#94a3b8' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: e.roc.map((p) => ({ fpr: round(p.x), tpr: round(p.y), threshold: round(p.threshold) })) },
        mark: { type: 'line', interpolate: 'step-after', color: '#1d4ed8' },
        encoding: {
          x: { field: 'fpr', type: 'quantitative', title: 'False positive rate', scale: { domain: [0, 1] } },
          y: { field: 'tpr', type: 'quantitative', title: 'True positive rate', scale: { domain: [0, 1] } },
          tooltip: [
            { field: 'fpr', title: 'FPR' },
            { field: 'tpr', title: 'TPR' },
            { field: 'threshold', title: 'threshold' },
          ],
        },
      },
    ],
  };
}

export function prSpec(e: Evaluation): VisualizationSpec {
  const base = e.testRows > 0 ? e.testPositives / e.testRows : 0;
  return {
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: [{ x: 0, y: base }, { x: 1, y: base }] },
        mark: { type: 'line', strokeDash: [4, 4], color: '#94a3b8' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: e.pr.map((p) => ({ recall: round(p.x), precision: round(p.y), threshold: round(p.threshold) })) },
        mark: { type: 'line', interpolate: 'step-before', color: '#1d4ed8' },
        encoding: {
          x: { field: 'recall', type: 'quantitative', title: 'Recall', scale: { domain: [0, 1] } },
          y: { field: 'precision', type: 'quantitative', title: 'Precision', scale: { domain: [0, 1] } },
          tooltip: [{ field: 'recall' }, { field: 'precision' }, { field: 'threshold' }],
        },
      },
    ],
  };
}

export function calibrationSpec(e: Evaluation): VisualizationSpec {
  const values = e.calibration
    .filter((b) => b.count > 0)
    .map((b) => ({ predicted: round(b.meanPredicted ?? 0), observed: round(b.observedRate ?? 0), rows: b.count, bin: `${round(b.lower, 2)}–${round(b.upper, 2)}` }));
  return {
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: '#94a3b8' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'line', point: true, color: '#1d4ed8' },
        encoding: {
          x: { field: 'predicted', type: 'quantitative', title: 'Mean predicted probability', scale: { domain: [0, 1] } },
          y: { field: 'observed', type: 'quantitative', title: 'Observed positive rate', scale: { domain: [0, 1] } },
          tooltip: [{ field: 'bin', title: 'score bin' }, { field: 'predicted' }, { field: 'observed' }, { field: 'rows' }],
        },
      },
    ],
  };
}

/** Share of each class per score bin (classes are unbalanced, so shares compare the shapes). */
export function scoreDistributionSpec(e: Evaluation, positiveName: string): VisualizationSpec {
  const pos = e.scoreHistogram.reduce((s, b) => s + b.positives, 0) || 1;
  const neg = e.scoreHistogram.reduce((s, b) => s + b.negatives, 0) || 1;
  const values = e.scoreHistogram.flatMap((b) => [
    { lower: b.lower, upper: b.upper, class: `${positiveName} (event)`, share: round(b.positives / pos), rows: b.positives },
    { lower: b.lower, upper: b.upper, class: 'negative', share: round(b.negatives / neg), rows: b.negatives },
  ]);
  return {
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'bar', opacity: 0.55, binSpacing: 0 },
    encoding: {
      x: { field: 'lower', type: 'quantitative', bin: { binned: true, step: e.scoreHistogram.length > 0 ? 1 / e.scoreHistogram.length : 0.05 }, title: 'Predicted probability', scale: { domain: [0, 1] } },
      x2: { field: 'upper' },
      y: { field: 'share', type: 'quantitative', stack: null, title: 'Share of the class' },
      color: { field: 'class', type: 'nominal', scale: { range: ['#dc2626', '#2563eb'] }, legend: { orient: 'top', title: null } },
      tooltip: [{ field: 'class' }, { field: 'lower', title: 'from' }, { field: 'upper', title: 'to' }, { field: 'rows' }, { field: 'share' }],
    },
  };
}

export function confusionSpec(e: Evaluation): VisualizationSpec {
  const c = e.confusion;
  const values = [
    { actual: 'positive', predicted: 'positive', count: c.tp, name: 'TP' },
    { actual: 'positive', predicted: 'negative', count: c.fn, name: 'FN' },
    { actual: 'negative', predicted: 'positive', count: c.fp, name: 'FP' },
    { actual: 'negative', predicted: 'negative', count: c.tn, name: 'TN' },
  ].map((v) => ({ ...v, text: `${v.name} ${v.count.toLocaleString('en-US')}` }));
  const order = ['positive', 'negative'];
  return {
    width: 240,
    height: 200,
    data: { values },
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: order, title: `Predicted (score ≥ ${e.threshold})`, axis: { labelAngle: 0 } },
      y: { field: 'actual', type: 'nominal', sort: order, title: 'Actual' },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' }, legend: null } } },
      {
        mark: { type: 'text', fontSize: 14 },
        encoding: {
          text: { field: 'text' },
          color: { condition: { test: `datum.count > ${Math.max(c.tp, c.fn, c.fp, c.tn) / 2}`, value: '#fff' }, value: '#0f172a' },
        },
      },
    ],
  };
}

export function importanceSpec(imp: ImportanceResult, maxFeatures = 20): VisualizationSpec {
  const values = imp.features.slice(0, maxFeatures).map((f) => ({
    feature: f.feature,
    importance: round(f.importance, 5),
    low: round(f.importance - f.std, 5),
    high: round(f.importance + f.std, 5),
  }));
  return {
    width: WIDTH,
    height: { step: 16 },
    data: { values },
    encoding: { y: { field: 'feature', type: 'nominal', sort: null, title: null } },
    layer: [
      {
        mark: { type: 'bar', color: '#1d4ed8' },
        encoding: {
          x: { field: 'importance', type: 'quantitative', title: 'Drop in ROC AUC when shuffled' },
          tooltip: [{ field: 'feature' }, { field: 'importance' }, { field: 'low', title: 'mean − sd' }, { field: 'high', title: 'mean + sd' }],
        },
      },
      { mark: { type: 'rule', color: '#0f172a' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
    ],
  };
}
