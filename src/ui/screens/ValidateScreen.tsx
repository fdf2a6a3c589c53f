import { useCallback, useEffect, useRef, useState } from 'react';
import { worker, Comlink } from '../worker-client';
import { useProject } from '../state/project';
import type { ValidationProgress } from '../../core/quality/report';
import type { BuiltReport, RunTraining, ValidateStatus } from '../../worker/validate-api';
import { ErrorBox } from '../components/explore/Busy';
import { fmtInt } from '../components/explore/format';
import { ScoreCards } from '../components/validate/ScoreCards';
import { ColumnCompare } from '../components/validate/ColumnCompare';
import { CoverageLists } from '../components/validate/CoverageLists';
import { Heatmaps } from '../components/validate/Heatmaps';
import { PrivacySection, UtilityTable } from '../components/validate/PrivacySection';
import { RunHistoryTable } from '../components/validate/RunHistoryTable';
import { RefinePanel } from '../components/validate/RefinePanel';
import { reportCharts } from '../components/validate/report-charts';
import { saveText } from '../save-file';
import { StreamsValidatePanel } from '../components/streams/StreamsValidatePanel';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What the GAN step knows about the model behind the current synthetic data (null when it has none). */
async function trainingInfo(): Promise<RunTraining | null> {
  try {
    const s = await worker().ganState();
    if (!s.model) return null;
    return {
      settings: { ...s.model.settings },
      seconds: s.epochs.at(-1)?.elapsedSeconds ?? null,
      epochsTrained: s.model.epochsTrained,
      usedEpoch: s.model.usedEpoch,
      modelName: s.model.name,
      backend: s.backend,
      loaded: s.model.loaded,
    };
  } catch {
    return null;
  }
}

export function ValidateScreen() {
  const { state, dispatch } = useProject();
  const [status, setStatus] = useState<ValidateStatus | null>(null);
  const [shown, setShown] = useState<BuiltReport | null>(null);
  const [progress, setProgress] = useState<ValidationProgress | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  const refresh = useCallback(async () => {
    const st = await worker().validateStatus(await trainingInfo());
    setStatus(st);
    return st;
  }, []);

  const build = useCallback(
    async (runId: string | null) => {
      setError(null);
      setProgress({ stage: 'quality', fraction: 0, message: 'Starting' });
      try {
        const r = await worker().validateBuildReport(
          runId,
          Comlink.proxy((p: ValidationProgress) => setProgress(p)),
        );
        setShown(r);
      } catch (e) {
        setError(message(e));
      } finally {
        setProgress(null);
        await refresh().catch(() => undefined);
      }
    },
    [refresh],
  );

  // on opening: show the current run's report, building it first when it has none
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    (async () => {
      let st = await refresh();
      if (st.problem || !st.current) return;
      // a report started before the page left this step: wait for it instead of starting another
      if (st.busy) setProgress({ stage: 'quality', fraction: 0, message: 'A report started earlier is still being built' });
      while (st.busy) {
        await new Promise((r) => setTimeout(r, 1500));
        st = await refresh();
      }
      setProgress(null);
      if (!st.current) return;
      // trained on another split: say so and let the user choose (never score it on this one)
      if (st.check?.state === 'mismatch') return;
      const existing = await worker().validateReport(st.current.id);
      if (existing) setShown(existing);
      else await build(st.current.id);
    })().catch((e: unknown) => setError(message(e)));
  }, [refresh, build]);

  const show = async (id: string) => {
    setError(null);
    try {
      const r = await worker().validateReport(id);
      if (r) setShown(r);
    } catch (e) {
      setError(message(e));
    }
  };

  /** Go back to the recipe and split the current run was trained on, then score it there. */
  const restoreTrainedSplit = async () => {
    setError(null);
    try {
      const st = await worker().validateRestoreTrainedSplit(status?.current?.id ?? null);
      setStatus(st);
      dispatch({ type: 'split-changed', split: await worker().splitSummary() });
      if (st.current) {
        const existing = await worker().validateReport(st.current.id);
        if (existing) setShown(existing);
        else await build(st.current.id);
      }
    } catch (e) {
      setError(message(e));
    }
  };

  const use = async (id: string) => {
    setError(null);
    try {
      setStatus(await worker().validateUseRun(id));
    } catch (e) {
      setError(message(e));
    }
  };

  const download = async () => {
    if (!shown) return;
    setError(null);
    setExporting('Drawing the charts');
    try {
      const charts = await reportCharts(shown.report, (d, t) => setExporting(`Drawing the charts (${d} of ${t})`));
      setExporting('Writing the file');
      const html = await worker().validateExportHtml(shown.runId, charts);
      saveText(html, `synthcredit-validation-${shown.runId}.html`, 'text/html');
    } catch (e) {
      setError(`The report could not be saved: ${message(e)}`);
    } finally {
      setExporting(null);
    }
  };

  const busy = progress !== null;
  const check = status?.check ?? null;
  const mismatch = check?.state === 'mismatch';
  // a report of the current run is never shown while that run does not match the split in use
  const report = mismatch && shown?.runId === status?.current?.id ? null : (shown?.report ?? null);
  const copiesRejected = status?.current?.copiesRejected;
  const shownRun = status?.runs.find((r) => r.id === shown?.runId) ?? null;

  return (
    <section className="validate" aria-labelledby="validate-heading">
      <h2 id="validate-heading">Validate the synthetic data</h2>
      <p className="muted">
        How closely the synthetic rows follow the real training rows (quality), whether they give away real people (privacy), and whether a credit model trained on them
        still works on real data (utility). Everything is computed in this tab.
      </p>

      {state.streams?.on && <StreamsValidatePanel />}

      {status?.problem && !state.streams?.on && (
        <div className="panel validate-empty" data-testid="validate-empty">
          <p>
            <strong>{status.problem}</strong>
          </p>
          <div className="form-row">
            <button type="button" onClick={() => dispatch({ type: 'go', step: 'train' })}>
              Go to step 3: Train, then 4: Generate
            </button>
            <button type="button" onClick={() => void refresh()}>
              Check again
            </button>
          </div>
        </div>
      )}

      {mismatch && check && (
        <div className="panel warning-box" role="alert" data-testid="provenance-mismatch">
          <p>
            <strong>{check.message}</strong>
          </p>
          <p className="muted small">No score or privacy verdict is shown for it until it is scored on the split it was trained on.</p>
          <div className="form-row">
            {check.canRestore && (
              <button type="button" data-testid="restore-trained-split" onClick={() => void restoreTrainedSplit()} disabled={busy}>
                Score against the split it was trained on
              </button>
            )}
            <button type="button" data-testid="retrain" onClick={() => dispatch({ type: 'go', step: 'train' })}>
              Retrain on the current split
            </button>
          </div>
        </div>
      )}
      {check?.state === 'unknown' && (
        <p className="notice" data-testid="provenance-unknown">
          {check.message}
        </p>
      )}
      {status?.current && copiesRejected !== undefined && (
        <p className="muted" data-testid="validate-copies-rejected">
          {copiesRejected === null
            ? 'The copy guard did not run for this synthetic data (its model was trained on other data than the data loaded now).'
            : `Copy guard: ${fmtInt(copiesRejected)} generated candidates were rejected because they equalled a real training row that fewer than 5 training rows share.`}
        </p>
      )}

      {error && <ErrorBox message={error} testId="validate-error" onDismiss={() => setError(null)} />}

      {progress && (
        <div className="progress" data-testid="validate-progress" role="status">
          <div className="progress-label">Building the report: {progress.message}…</div>
          <progress max={1} value={progress.fraction} aria-label="Building the validation report" />
          <button type="button" data-testid="validate-cancel" onClick={() => void worker().validateCancel()}>
            Cancel
          </button>
        </div>
      )}

      {report && (
        <>
          <div className="validate-toolbar">
            <p className="muted" data-testid="validate-source">
              Run #{shownRun?.number ?? '?'}: {report.source} · {fmtInt(report.rows.synthetic)} synthetic rows vs {fmtInt(report.rows.train)} training and{' '}
              {fmtInt(report.rows.test)} held-out real rows
              {shownRun && !shownRun.current && <strong> (not the current synthetic data)</strong>}
            </p>
            <div className="form-row">
              <button type="button" data-testid="download-report" onClick={() => void download()} disabled={exporting !== null || busy}>
                {exporting ? `${exporting}…` : 'Download report (HTML)'}
              </button>
              {status?.current && !mismatch && (
                <button type="button" onClick={() => void build(status.current!.id)} disabled={busy || exporting !== null}>
                  {status.current.id === shown?.runId ? 'Validate again' : 'Validate the current data'}
                </button>
              )}
            </div>
          </div>
          {report.missingFromSynthetic.length > 0 && (
            <p className="notice">The synthetic table lacks these columns of the real data, so they are left out: {report.missingFromSynthetic.join(', ')}.</p>
          )}

          <ScoreCards cards={report.cards} />

          {report.detection && !report.detection.error && (
            <div className="panel" data-testid="detection-giveaways">
              <h3>What gives the synthetic rows away (detection)</h3>
              <p className="muted small">
                A classifier (boosted trees tuned as a detector, 3 folds) tried to tell {report.detection.rowsPerSide.toLocaleString('en-US')} synthetic rows from as many real ones
                (AUC {report.detection.meanAuc.toFixed(3)};
                0.5 = it cannot). Importance = its share of the classifier's splits; own AUC = a classifier on that column alone; pair lift = what the pair gives away beyond either column.
              </p>
              <table className="data-table compact">
                <thead>
                  <tr>
                    <th>Column</th>
                    <th className="num">Importance</th>
                    <th className="num">Own AUC</th>
                  </tr>
                </thead>
                <tbody>
                  {report.detection.columns.slice(0, 5).map((c) => (
                    <tr key={c.column}>
                      <td>{c.column}</td>
                      <td className="num">{(c.importance * 100).toFixed(1)} %</td>
                      <td className="num">{c.singleColumnAuc.toFixed(3)}</td>
                    </tr>
                  ))}
                  {report.detection.pairs.slice(0, 3).map((p) => (
                    <tr key={`${p.column1}|${p.column2}`}>
                      <td>
                        {p.column1} × {p.column2}
                      </td>
                      <td className="num">pair lift {p.lift.toFixed(3)}</td>
                      <td className="num">{p.auc.toFixed(3)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <RefinePanel disabled={busy || exporting !== null} onRefined={() => build(null)} />
            </div>
          )}

          <div className="panel">
            <h3>Columns side by side</h3>
            <ColumnCompare report={report} />
          </div>

          <div className="panel">
            <h3>Category coverage and range</h3>
            <CoverageLists report={report} />
          </div>

          <div className="panel">
            <h3>Correlations</h3>
            <Heatmaps m={report.correlations} />
          </div>

          <div className="panel">
            <h3>Privacy</h3>
            <PrivacySection p={report.privacy} />
          </div>

          <div className="panel">
            <h3>Utility: train on synthetic, test on real</h3>
            <UtilityTable u={report.utility} />
          </div>
        </>
      )}

      {status && status.runs.length > 0 && (
        <div className="panel">
          <h3>Run history</h3>
          <p className="muted small">
            Every synthetic set seen in this session. ★ marks the best validated run (highest mean of overall quality and strong-pair trends). The most recent runs keep their
            data and can be made current again; an older run keeps its settings and scores only (its exact rows cannot be regenerated: save a model in step 3 to generate from it
            again).
          </p>
          <RunHistoryTable runs={status.runs} shown={shown?.runId ?? null} busy={busy} onShow={(id) => void show(id)} onValidate={(id) => void build(id)} onUse={(id) => void use(id)} />
        </div>
      )}
    </section>
  );
}
