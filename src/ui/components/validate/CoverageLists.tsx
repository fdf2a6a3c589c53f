import type { ValidationReport } from '../../../core/quality/report';
import { fmtNum, fmtPct } from '../explore/format';

const MAX_LISTED = 12;

function list(values: string[]): string {
  const shown = values.slice(0, MAX_LISTED).join(', ');
  return values.length > MAX_LISTED ? `${shown} … (+${values.length - MAX_LISTED})` : shown;
}

/** Real categories the generator never produced or invented, and values outside the real range. */
export function CoverageLists({ report }: { report: ValidationReport }) {
  return (
    <div className="coverage-lists">
      <div>
        <h4>Category coverage</h4>
        {report.coverageIssues.length === 0 ? (
          <p className="muted" data-testid="coverage-none">
            Every real category of every categorical column is generated, and no new category is invented.
          </p>
        ) : (
          <table className="data-table" data-testid="coverage-issues">
            <thead>
              <tr>
                <th>Column</th>
                <th className="num">Coverage</th>
                <th>Real categories never generated</th>
                <th>Invented categories</th>
              </tr>
            </thead>
            <tbody>
              {report.coverageIssues.map((c) => (
                <tr key={c.column}>
                  <th scope="row">{c.column}</th>
                  <td className="num">{fmtPct(c.coverage)}</td>
                  <td>{list(c.missingFromSynthetic) || '–'}</td>
                  <td>{list(c.syntheticOnly) || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div>
        <h4>Values outside the real range</h4>
        {report.outOfRangeIssues.length === 0 ? (
          <p className="muted" data-testid="out-of-range-none">
            No synthetic value lies outside the real minimum … maximum of its column.
          </p>
        ) : (
          <table className="data-table" data-testid="out-of-range">
            <thead>
              <tr>
                <th>Column</th>
                <th className="num">Real range</th>
                <th className="num">Below</th>
                <th className="num">Above</th>
                <th className="num">Share</th>
              </tr>
            </thead>
            <tbody>
              {report.outOfRangeIssues.map((o) => (
                <tr key={o.column}>
                  <th scope="row">{o.column}</th>
                  <td className="num">
                    {fmtNum(o.realMin)} … {fmtNum(o.realMax)}
                  </td>
                  <td className="num">{fmtNum(o.below)}</td>
                  <td className="num">{fmtNum(o.above)}</td>
                  <td className="num">{fmtPct(o.share, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
