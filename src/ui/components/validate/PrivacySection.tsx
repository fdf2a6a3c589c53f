import { useMemo } from 'react';
import type { PrivacySummary, UtilityReport } from '../../../core/quality/report';
import { VegaChart } from '../VegaChart';
import { fmtInt, fmtNum, fmtPct } from '../explore/format';
import { VerdictBadge } from './ScoreCards';
import { dcrSpec } from './specs';

/** DCR, exact copies, membership inference and the identifier replay check, in plain words. */
export function PrivacySection({ p }: { p: PrivacySummary }) {
  const spec = useMemo(() => dcrSpec(p), [p]);
  const rows = [
    { id: 'dcr', label: 'Distance to closest record: median synthetic / median held-out', value: fmtNum(p.dcr.ratio), verdict: p.dcr.ratioVerdict },
    { id: 'close', label: 'Synthetic rows closer than the held-out 5th percentile', value: fmtPct(p.dcr.closeShare), verdict: p.dcr.closeShareVerdict },
    {
      id: 'copies',
      label: 'Exact copies of training rows',
      value: `${fmtInt(p.exactCopies.count)} (${fmtPct(p.exactCopies.share, 2)})`,
      verdict: p.exactCopies.verdict,
    },
    ...(p.rareCopies
      ? [
          {
            id: 'rare-copies',
            label: `Synthetic rows equal to a rare real row (one that fewer than ${p.rareCopies.k} training rows share; should be 0)`,
            value: fmtInt(p.rareCopies.count),
            verdict: p.rareCopies.verdict,
          },
        ]
      : []),
    { id: 'mia', label: 'Membership-inference attack AUC', value: fmtNum(p.membershipInference.auc), verdict: p.membershipInference.verdict },
    { id: 'replay', label: 'Real identifier / text values in the synthetic table', value: fmtInt(p.replay.totalCells), verdict: p.replay.verdict },
  ];
  return (
    <div className="privacy-section">
      <table className="data-table" data-testid="privacy-table">
        <thead>
          <tr>
            <th>Check</th>
            <th className="num">Value</th>
            <th>Verdict</th>
            <th>What it means</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-check={r.id}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.value}</td>
              <td>
                <VerdictBadge verdict={r.verdict} />
              </td>
              <td>{r.verdict.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.replay.leaks.length > 0 && (
        <p className="error">
          Replayed values in: {p.replay.leaks.map((l) => `${l.column} (${fmtInt(l.cells)} cells, from ${l.sourceColumns.join(', ')})`).join('; ')}.
        </p>
      )}
      <figure className="chart-card">
        <figcaption>Distance to the closest training row</figcaption>
        <VegaChart spec={spec} label="Distances to the closest training row, synthetic vs held-out real rows" testId="chart-dcr" />
        <p className="muted small">
          Synthetic rows should sit no closer to the training rows than real rows the generator never saw. Rows used: training {fmtInt(p.rowsUsed.train.used)} of{' '}
          {fmtInt(p.rowsUsed.train.total)}, held-out {fmtInt(p.rowsUsed.holdout.used)} of {fmtInt(p.rowsUsed.holdout.total)}, synthetic {fmtInt(p.rowsUsed.synthetic.used)} of{' '}
          {fmtInt(p.rowsUsed.synthetic.total)}.
        </p>
      </figure>
    </div>
  );
}

/** TSTR vs TRTR per model. */
export function UtilityTable({ u }: { u: UtilityReport }) {
  if (u.skipped) return <p className="muted">{u.skipped}</p>;
  return (
    <>
      <table className="data-table" data-testid="utility-table">
        <thead>
          <tr>
            <th>Model</th>
            <th className="num">TRTR AUC (trained on real)</th>
            <th className="num">TSTR AUC (trained on synthetic)</th>
            <th className="num">Gap</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {u.models.map((m) => (
            <tr key={m.model} data-model={m.model}>
              <th scope="row">{m.label}</th>
              <td className="num">{fmtNum(m.trtr)}</td>
              <td className="num">{fmtNum(m.tstr)}</td>
              <td className="num">{fmtNum(m.gap)}</td>
              <td>
                <VerdictBadge verdict={m.verdict} /> {m.problem && <span className="muted small">{m.problem}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Both models predict {u.target} = {u.positiveLabel} and are scored on the {fmtInt(u.testRows)} real held-out test rows ({fmtInt(u.testPositives)} positive). The risk
        models step (6) trains and compares them in full.
      </p>
    </>
  );
}
