import type { QualityFindingView } from '../../../worker/prepared-data';
import type { CleaningStep } from '../../../core/data/clean';
import { describeStep } from './describe-step';
import { fmtInt } from './format';
import { Busy, ErrorBox } from './Busy';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The data-quality findings on the loaded data, each with a one-click fix. */
export function QualityFindings({
  findings,
  loading,
  error,
  recipeIds,
  busy,
  onApply,
}: {
  findings: QualityFindingView[] | null;
  loading: boolean;
  error: string | null;
  /** ids of the steps already in the recipe */
  recipeIds: ReadonlySet<string>;
  busy: boolean;
  onApply: (step: CleaningStep) => void;
}) {
  const sorted = findings ? [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]) : null;
  return (
    <section aria-labelledby="findings-title" className="panel" data-testid="quality-findings">
      <h3 id="findings-title">Data-quality findings</h3>
      <p className="muted">Checked on the data as loaded. “Apply fix” adds the suggested step to the recipe below, where you can change or undo it.</p>
      {loading && <Busy label="Checking data quality" testId="findings-busy" />}
      {error && <ErrorBox message={error} />}
      {sorted && sorted.length === 0 && <p data-testid="no-findings">No problems found.</p>}
      {sorted && sorted.length > 0 && (
        <div className="table-scroll findings-scroll" tabIndex={0} aria-label="Findings (scrollable)">
          <table className="data-table findings-table">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Finding</th>
                <th scope="col" className="num">
                  Count
                </th>
                <th scope="col">Fix</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((f) => {
                const step = f.suggestedStep;
                const inRecipe = step ? recipeIds.has(step.id) : false;
                return (
                  <tr key={f.id} data-testid="finding" data-finding-id={f.id} data-kind={f.kind}>
                    <td>
                      <span className={`severity severity-${f.severity}`}>{f.severity}</span>
                    </td>
                    <td>{f.message}</td>
                    <td className="num">{fmtInt(f.count)}</td>
                    <td className="fix-cell">
                      {step && (
                        <button
                          type="button"
                          data-testid="apply-fix"
                          disabled={inRecipe || busy}
                          title={describeStep(step)}
                          aria-label={inRecipe ? `Fix for ${f.id} is in the recipe` : `Apply fix: ${describeStep(step)}`}
                          onClick={() => onApply(step)}
                        >
                          {inRecipe ? 'In recipe ✓' : 'Apply fix'}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
