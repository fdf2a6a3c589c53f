import type { ColumnSummary } from '../../../core/data/eda';
import { fmtDate, fmtInt, fmtNum, fmtPct } from './format';

const STATS = ['mean', 'std', 'min', 'q1', 'median', 'q3', 'max', 'skew'] as const;
const STAT_LABELS: Record<(typeof STATS)[number], string> = {
  mean: 'mean',
  std: 'std',
  min: 'min',
  q1: '25 %',
  median: 'median',
  q3: '75 %',
  max: 'max',
  skew: 'skew',
};

/** Descriptive statistics of the cleaned data, one row per column. */
export function SummaryTable({ summary }: { summary: ColumnSummary[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table summary-table" data-testid="summary-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Role</th>
            <th scope="col" className="num">
              count
            </th>
            <th scope="col" className="num">
              missing
            </th>
            <th scope="col" className="num">
              distinct
            </th>
            {STATS.map((s) => (
              <th key={s} scope="col" className="num">
                {STAT_LABELS[s]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.map((c) => (
            <tr key={c.name} data-column={c.name} data-kind={c.kind}>
              <th scope="row">{c.name}</th>
              <td className="muted">{c.role}</td>
              <td className="num" data-stat="count">
                {fmtInt(c.count)}
              </td>
              <td className={c.missing > 0 ? 'num has-missing' : 'num'} data-stat="missing">
                {fmtInt(c.missing)}
              </td>
              <td className="num" data-stat="distinct">
                {fmtInt(c.distinct)}
              </td>
              {c.kind === 'numeric' ? (
                STATS.map((s) => {
                  const v = c[s];
                  const date = c.role === 'datetime' && s !== 'std' && s !== 'skew';
                  return (
                    <td key={s} className="num" data-stat={s}>
                      {date ? fmtDate(v) : s === 'std' && c.role === 'datetime' ? `${fmtNum(v / 86_400_000)} d` : fmtNum(v)}
                    </td>
                  );
                })
              ) : (
                <td colSpan={STATS.length} className="top-labels">
                  {(c.role === 'identifier' || c.role === 'text') && c.distinct > 0 && c.distinct >= 0.9 * c.count ? (
                    <span className="muted">{c.distinct === c.count ? 'all values distinct' : 'nearly all values distinct'} ({c.role}: not modelled)</span>
                  ) : c.top.length > 0 ? (
                    <>
                      <span className="muted">most frequent: </span>
                      {c.top.map((t) => `${t.value} (${fmtPct(t.share, 1)})`).join(' · ')}
                      {c.distinct > c.top.length ? ' · …' : ''}
                    </>
                  ) : (
                    <span className="muted">no values</span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
