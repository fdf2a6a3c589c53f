import { useMemo, useState } from 'react';
import type { ValidationReport } from '../../../core/quality/report';
import type { ColumnComparison } from '../../../core/quality';
import { VegaChart } from '../VegaChart';
import { fmtDate, fmtNum, fmtPct } from '../explore/format';
import { distributionSpec } from './specs';

function pair(real: string, synthetic: string) {
  return (
    <>
      <span className="real-value">{real}</span> <span className="muted">/</span> <span className="synth-value">{synthetic}</span>
    </>
  );
}

function Stats({ c, datetime }: { c: ColumnComparison; datetime: boolean }) {
  if (c.kind === 'continuous') {
    const f = (v: number) => (datetime ? fmtDate(v) : fmtNum(v));
    return (
      <>
        <td className="num">{pair(datetime ? '' : fmtNum(c.real.mean), datetime ? '' : fmtNum(c.synthetic.mean))}</td>
        <td className="num">{pair(datetime ? '' : fmtNum(c.real.std), datetime ? '' : fmtNum(c.synthetic.std))}</td>
        <td className="num">{pair(`${f(c.real.min)} … ${f(c.real.max)}`, `${f(c.synthetic.min)} … ${f(c.synthetic.max)}`)}</td>
        <td className="num">{pair(fmtPct(c.real.missing / Math.max(1, c.real.count + c.real.missing)), fmtPct(c.synthetic.missing / Math.max(1, c.synthetic.count + c.synthetic.missing)))}</td>
      </>
    );
  }
  const v = c.coverage;
  return (
    <>
      <td colSpan={2}>
        {pair(String(v.realCategories), String(v.syntheticCategories))} categories
      </td>
      <td>{fmtPct(v.coverage)} of the real categories generated</td>
      <td className="num">{pair(fmtPct(v.missingShare.real), fmtPct(v.missingShare.synthetic))}</td>
    </>
  );
}

/** Per-column real vs synthetic figures; choosing a column draws its overlaid distribution. */
export function ColumnCompare({ report }: { report: ValidationReport }) {
  const [chosen, setChosen] = useState<string>(report.sideBySide[0]?.column ?? '');
  const column = report.sideBySide.some((c) => c.column === chosen) ? chosen : (report.sideBySide[0]?.column ?? '');
  const shapes = useMemo(() => new Map(report.quality.columns.map((c) => [c.column, c])), [report]);
  const datetime = useMemo(() => new Set(report.columns.filter((c) => c.role === 'datetime').map((c) => c.name)), [report]);
  const dist = report.distributions.find((d) => d.column === column);
  const spec = useMemo(() => (dist ? distributionSpec(dist) : null), [dist]);
  if (report.sideBySide.length === 0) return <p className="muted">No column could be compared.</p>;
  return (
    <div className="column-compare">
      <figure className="chart-card">
        <figcaption>
          <label>
            Distribution of{' '}
            <select data-testid="validate-column" value={column} onChange={(e) => setChosen(e.target.value)}>
              {report.sideBySide.map((c) => (
                <option key={c.column} value={c.column}>
                  {c.column}
                </option>
              ))}
            </select>
          </label>{' '}
          <span className="muted">
            shape score {fmtNum(shapes.get(column)?.score ?? NaN)} ({shapes.get(column)?.metric})
          </span>
        </figcaption>
        {spec && <VegaChart spec={spec} label={`Real and synthetic distribution of ${column}`} testId="chart-validate-column" />}
        {dist?.kind === 'continuous' && (dist.outside.real > 0 || dist.outside.synthetic > 0) && (
          <p className="muted small">
            Outside the drawn range (real 0.5–99.5 %): real {fmtPct(dist.outside.real)}, synthetic {fmtPct(dist.outside.synthetic)}.
          </p>
        )}
        {dist?.kind === 'discrete' && dist.omitted > 0 && <p className="muted small">{dist.omitted} rarer categories are not drawn.</p>}
      </figure>
      <div className="table-scroll side-by-side-scroll">
        <table className="data-table side-by-side" data-testid="side-by-side">
          <caption className="muted">
            Each cell: <span className="real-value">real</span> / <span className="synth-value">synthetic</span> (real = training split). Click a row to draw it.
          </caption>
          <thead>
            <tr>
              <th>Column</th>
              <th>Shape score</th>
              <th className="num">Mean</th>
              <th className="num">Std</th>
              <th className="num">Range</th>
              <th className="num">Missing</th>
            </tr>
          </thead>
          <tbody>
            {report.sideBySide.map((c) => {
              const s = shapes.get(c.column);
              return (
                <tr key={c.column} data-column={c.column} className={c.column === column ? 'selected' : undefined} onClick={() => setChosen(c.column)}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => setChosen(c.column)}>
                      {c.column}
                    </button>
                  </th>
                  <td className={`num score ${s && s.score < 0.8 ? 'low' : ''}`}>{fmtNum(s?.score ?? NaN)}</td>
                  <Stats c={c} datetime={datetime.has(c.column)} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
