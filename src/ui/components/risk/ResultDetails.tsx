import type { RiskResult } from '../../../core/risk/workbench/train-and-evaluate';
import { VegaChart } from '../VegaChart';
import { calibrationSpec, confusionSpec, importanceSpec, prSpec, rocSpec, scoreDistributionSpec } from './specs';
import { count, fixed } from './format';

/** The figures and charts of one experiment on the real test split. */
export function ResultDetails({ result, positiveLabel }: { result: RiskResult; positiveLabel: string }) {
  const e = result.evaluation;
  const t = result.training;
  return (
    <section className="panel" aria-labelledby="risk-detail-title" data-testid="result-details">
      <h3 id="risk-detail-title">{result.label}</h3>
      <p className="muted">
        Trained on {count(t.rows)} rows ({count(t.realRows)} real, {count(t.syntheticRows)} synthetic; {count(t.positives)} of the event class “{positiveLabel}”) in {t.seconds.toFixed(1)} s · {t.detail} ·
        judged on {count(e.testRows)} real test rows ({count(e.testPositives)} positive).
      </p>
      {(e.warnings ?? []).map((w) => (
        <p key={w.kind} className="notice" role="note" data-testid={`warning-${w.kind}`}>
          {w.message}
        </p>
      ))}
      {e.rocAuc >= 0.99 && !(e.warnings ?? []).some((w) => w.kind === 'small-test') && (
        <p className="notice" role="note" data-testid="leak-warning">
          A near-perfect ROC AUC on real test data usually means a leak: an input that encodes the target or how the rows were sampled
          {result.importance?.features[0] ? ` (here most likely "${result.importance.features[0].feature}", the column the model relies on most)` : ''}. Consider
          setting such a column's role to identifier in step 1.
        </p>
      )}
      {result.cutoff && (
        <p className="muted" data-testid="cutoff-suggestion">
          {result.cutoff.explanation}
          {Math.abs(e.threshold - result.cutoff.pd) > 1e-9 ? ` The threshold set for these figures: ${(100 * e.threshold).toFixed(1)} %.` : ' The figures below use it.'}
        </p>
      )}
      {t.notes.length > 0 && (
        <ul className="notices">
          {t.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      <dl className="metric-cards">
        <div>
          <dt>ROC AUC</dt>
          <dd>
            {fixed(e.rocAuc)} <span className="muted">[{fixed(e.rocAucInterval.lower)}, {fixed(e.rocAucInterval.upper)}]</span>
          </dd>
        </div>
        <div>
          <dt>PR AUC</dt>
          <dd>{fixed(e.prAuc)}</dd>
        </div>
        <div>
          <dt>Gini</dt>
          <dd>{fixed(e.gini)}</dd>
        </div>
        <div>
          <dt>KS</dt>
          <dd>{fixed(e.ks)}</dd>
        </div>
        <div>
          <dt>Brier</dt>
          <dd>{fixed(e.brier, 4)}</dd>
        </div>
        <div>
          <dt>Log loss</dt>
          <dd>{fixed(e.logLoss, 4)}</dd>
        </div>
        <div>
          <dt>At threshold {e.threshold}</dt>
          <dd>
            accuracy {fixed(e.accuracy)} · precision {fixed(e.precision)} · recall {fixed(e.recall)} · F1 {fixed(e.f1)}
          </dd>
        </div>
      </dl>
      <div className="chart-grid">
        <figure className="chart-card">
          <figcaption>
            ROC curve <span className="muted">(dashed: chance)</span>
          </figcaption>
          <VegaChart spec={rocSpec(e)} label={`ROC curve, AUC ${fixed(e.rocAuc)}`} testId="roc-chart" />
        </figure>
        <figure className="chart-card">
          <figcaption>
            Precision–recall curve <span className="muted">(dashed: positive rate)</span>
          </figcaption>
          <VegaChart spec={prSpec(e)} label={`Precision-recall curve, average precision ${fixed(e.prAuc)}`} testId="pr-chart" />
        </figure>
        <figure className="chart-card">
          <figcaption>
            Confusion matrix <span className="muted">(threshold {e.threshold})</span>
          </figcaption>
          <VegaChart spec={confusionSpec(e)} label="Confusion matrix" testId="confusion-chart" />
        </figure>
        <figure className="chart-card">
          <figcaption>
            Calibration <span className="muted">(dashed: perfectly calibrated)</span>
          </figcaption>
          <VegaChart spec={calibrationSpec(e)} label="Calibration plot" testId="calibration-chart" />
        </figure>
        <figure className="chart-card">
          <figcaption>
            Score distributions by class <span className="muted">(share of each class per score bin)</span>
          </figcaption>
          <VegaChart spec={scoreDistributionSpec(e, positiveLabel)} label="Score distributions by class" testId="score-chart" />
        </figure>
        {result.importance && (
          <figure className="chart-card">
            <figcaption>
              Permutation importance{' '}
              <span className="muted">
                ({result.importance.repeats} shuffles per column, {count(result.importance.rowsUsed)} test rows; bar: mean, line: ± 1 sd)
              </span>
            </figcaption>
            <VegaChart spec={importanceSpec(result.importance)} label="Permutation feature importance" testId="importance-chart" />
          </figure>
        )}
      </div>
    </section>
  );
}
