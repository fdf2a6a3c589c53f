import { useState } from 'react';
import type { GenColumn } from '../../../worker/generate-api';
import { COMPARATORS, inequalityConstraint, type Comparator, type Constraint } from '../../../core/generate/constraints';

const OP_TEXT: Record<Comparator, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };
/** never-seen pairs and inequalities first: the ranges are many and rarely bind */
const KIND_ORDER: Record<Constraint['kind'], number> = { 'allowed-pairs': 0, inequality: 1, range: 2 };

/** Suggested constraints (on by default), each toggled on/off, plus inequalities the user adds. */
export function ConstraintList({ columns, value, onChange, disabled }: { columns: GenColumn[]; value: Constraint[]; onChange: (c: Constraint[]) => void; disabled?: boolean }) {
  const numeric = columns.filter((c) => c.role !== 'categorical').map((c) => c.name);
  const [left, setLeft] = useState('');
  const [op, setOp] = useState<Comparator>('<=');
  const [rightKind, setRightKind] = useState<'column' | 'number'>('column');
  const [rightColumn, setRightColumn] = useState('');
  const [rightValue, setRightValue] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const l = left || numeric[0] || '';
  const rc = rightColumn || numeric.find((c) => c !== l) || '';

  const add = () => {
    setError(null);
    if (!l) return;
    let right: string | number;
    if (rightKind === 'number') {
      const v = rightValue.trim() === '' ? NaN : Number(rightValue);
      if (!Number.isFinite(v)) {
        setError('Type a number for the right-hand side.');
        return;
      }
      right = v;
    } else {
      if (!rc || rc === l) {
        setError('Choose a different column for the right-hand side.');
        return;
      }
      right = rc;
    }
    const c = inequalityConstraint(l, op, right);
    if (value.some((x) => x.id === c.id)) {
      onChange(value.map((x) => (x.id === c.id ? { ...x, enabled: true } : x)));
      return;
    }
    onChange([...value, c]);
  };

  const enabled = value.filter((c) => c.enabled).length;
  return (
    <fieldset className="constraints" disabled={disabled} data-testid="constraint-list">
      <legend>
        Constraints ({enabled} of {value.length} on)
      </legend>
      <p className="muted small">Rules every generated row must obey. Suggested from the training data; rows breaking an active rule are discarded and drawn again.</p>
      <ul className="constraint-items">
        {[...value].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]).map((c) => (
          <li key={c.id}>
            <label title={c.reason}>
              <input
                type="checkbox"
                checked={c.enabled}
                onChange={(e) => onChange(value.map((x) => (x.id === c.id ? { ...x, enabled: e.target.checked } : x)))}
                data-testid={`constraint-${c.id}`}
              />{' '}
              <span className={c.enabled ? undefined : 'muted'}>{c.label}</span>
            </label>
            {c.reason ? <span className="muted small"> — {c.reason}</span> : <span className="muted small"> — added by you</span>}
            {!c.reason && (
              <button type="button" className="link-button" onClick={() => onChange(value.filter((x) => x.id !== c.id))} aria-label={`Remove ${c.label}`}>
                remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {value.length > 0 && (
        <div className="button-row">
          <button type="button" className="link-button" onClick={() => onChange(value.map((x) => ({ ...x, enabled: true })))}>
            all on
          </button>
          <button type="button" className="link-button" onClick={() => onChange(value.map((x) => ({ ...x, enabled: false })))}>
            all off
          </button>
        </div>
      )}
      {numeric.length > 0 && (
        <div className="form-row add-inequality" data-testid="add-inequality">
          <span>Add an inequality:</span>
          <select aria-label="Left column" value={l} onChange={(e) => setLeft(e.target.value)} data-testid="ineq-left">
            {numeric.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <select aria-label="Comparison" value={op} onChange={(e) => setOp(e.target.value as Comparator)} data-testid="ineq-op">
            {COMPARATORS.map((o) => (
              <option key={o} value={o}>
                {OP_TEXT[o]}
              </option>
            ))}
          </select>
          <select aria-label="Right-hand side" value={rightKind} onChange={(e) => setRightKind(e.target.value as 'column' | 'number')} data-testid="ineq-right-kind">
            <option value="column">column</option>
            <option value="number">number</option>
          </select>
          {rightKind === 'column' ? (
            <select aria-label="Right column" value={rc} onChange={(e) => setRightColumn(e.target.value)} data-testid="ineq-right-column">
              {numeric.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          ) : (
            <input type="number" className="narrow" aria-label="Right value" value={rightValue} onChange={(e) => setRightValue(e.target.value)} data-testid="ineq-right-value" />
          )}
          <button type="button" onClick={add} data-testid="ineq-add">
            Add
          </button>
          {error && <span className="error small">{error}</span>}
        </div>
      )}
    </fieldset>
  );
}
