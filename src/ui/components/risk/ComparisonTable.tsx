import type { ComparisonRow } from '../../../core/risk/workbench/comparison';
import { count, fixed, signed } from './format';

interface Props {
  rows: ComparisonRow[];
  selected: string | null;
  onSelect: (id: string) => void;
}

/** Every model × training-data experiment, judged on the same real test split; the best ROC AUC is marked. A model name opens its charts. */
export function ComparisonTable({ rows, selected, onSelect }: Props) {
  return (
    <div className="table-scroll">
      <table className="data-table risk-comparison" data-testid="comparison-table">
        <caption className="visually-hidden">Risk models compared on the real test split</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Training data</th>
            <th scope="col" className="num">Rows (synthetic)</th>
            <th scope="col" className="num" title="Area under the ROC curve on the real test split, with a 95 % bootstrap interval">
              ROC AUC [95 % CI]
            </th>
            <th scope="col" className="num" title="ROC AUC minus the same model's ROC AUC when trained on real data">
              vs real
            </th>
            <th scope="col" className="num" title="Average precision">PR AUC</th>
            <th scope="col" className="num">Gini</th>
            <th scope="col" className="num">KS</th>
            <th scope="col" className="num" title="Lower is better">Brier</th>
            <th scope="col" className="num" title="Lower is better">Log loss</th>
            <th scope="col" className="num">Accuracy</th>
            <th scope="col" className="num">Precision</th>
            <th scope="col" className="num">Recall</th>
            <th scope="col" className="num">F1</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              className={[r.best ? 'best' : '', r.id === selected ? 'selected' : ''].join(' ').trim() || undefined}
              data-testid="result-row"
              data-model={r.model}
              data-mode={r.mode}
              data-auc={r.rocAuc}
              aria-selected={r.id === selected}
            >
              <td>
                <button
                  type="button"
                  className="link-button"
                  aria-pressed={r.id === selected}
                  title={r.id === selected ? 'Shown below' : 'Show the charts of this result'}
                  onClick={() => onSelect(r.id)}
                >
                  {r.modelLabel}
                </button>
                {r.best && (
                  <span className="best-badge" title="Highest ROC AUC in this table">
                    {' '}
                    ★ best
                  </span>
                )}
              </td>
              <td>{r.modeLabel}</td>
              <td className="num">
                {count(r.trainRows)}
                {r.syntheticRows > 0 ? ` (${count(r.syntheticRows)})` : ''}
              </td>
              <td className="num" data-testid="auc-cell">
                {r.learnedNothing ? (
                  <strong className="worse" data-testid="learned-nothing" title="Every test row gets the same score: the model learned nothing, and its AUC of 0.5 is not a score">
                    learned nothing
                  </strong>
                ) : (
                  <>
                    <strong>{fixed(r.rocAuc)}</strong> <span className="muted">[{fixed(r.aucLower)}, {fixed(r.aucUpper)}]</span>
                  </>
                )}
                {r.smallTest && (
                  <span className="worse" data-testid="small-test" title="Too few test rows of a class to judge the model">
                    {' '}
                    ⚠ small test set
                  </span>
                )}
              </td>
              <td className={`num ${r.aucVsReal !== null && r.aucVsReal < 0 ? 'worse' : ''}`}>{signed(r.aucVsReal)}</td>
              <td className="num">{fixed(r.prAuc)}</td>
              <td className="num">{fixed(r.gini)}</td>
              <td className="num">{fixed(r.ks)}</td>
              <td className="num">{fixed(r.brier)}</td>
              <td className="num">{fixed(r.logLoss)}</td>
              <td className="num">{fixed(r.accuracy)}</td>
              <td className="num">{fixed(r.precision)}</td>
              <td className="num">{fixed(r.recall)}</td>
              <td className="num">{fixed(r.f1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
