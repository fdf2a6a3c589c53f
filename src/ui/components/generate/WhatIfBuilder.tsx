import type { GenColumn } from '../../../worker/generate-api';
import { COMPARATORS, type Comparator } from '../../../core/generate/constraints';
import type { WhatIf } from '../../../core/generate/what-if';

export interface FixRow {
  column: string;
  label: string;
}

export interface RangeRow {
  column: string;
  op: Comparator;
  /** as typed; must parse as a number */
  value: string;
}

export interface WhatIfDraft {
  fix: FixRow[];
  ranges: RangeRow[];
}

export const EMPTY_DRAFT: WhatIfDraft = { fix: [], ranges: [] };

const OP_TEXT: Record<Comparator, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

/** The draft as a what-if, or the first problem in words. */
export function draftToWhatIf(d: WhatIfDraft): { whatIf: WhatIf } | { error: string } {
  const fixed: Record<string, string> = {};
  for (const f of d.fix) {
    if (!f.label) return { error: `Choose a value for ${f.column}.` };
    if (fixed[f.column] !== undefined && fixed[f.column] !== f.label) return { error: `${f.column} is fixed twice, to ${fixed[f.column]} and ${f.label}: no row can satisfy both.` };
    fixed[f.column] = f.label;
  }
  const compare: WhatIf['compare'] = [];
  for (const r of d.ranges) {
    const v = r.value.trim() === '' ? NaN : Number(r.value);
    if (!Number.isFinite(v)) return { error: `Type a number for ${r.column} ${OP_TEXT[r.op]} …` };
    compare.push({ column: r.column, op: r.op, value: v });
  }
  return { whatIf: { fixed, compare } };
}

/** "What if": fix categories (exact, through the generator's conditional vector) and restrict numeric columns. */
export function WhatIfBuilder({ columns, target, value, onChange, disabled }: { columns: GenColumn[]; target: string | null; value: WhatIfDraft; onChange: (d: WhatIfDraft) => void; disabled?: boolean }) {
  const categorical = columns.filter((c) => c.role === 'categorical');
  const numeric = columns.filter((c) => c.role !== 'categorical');
  const labelsOf = (name: string) => categorical.find((c) => c.name === name)?.labels ?? [];
  const rangeOf = (name: string) => numeric.find((c) => c.name === name);

  const addFix = () => {
    const used = new Set(value.fix.map((f) => f.column));
    const next = (target && !used.has(target) && categorical.some((c) => c.name === target) ? target : categorical.find((c) => !used.has(c.name))?.name) ?? categorical[0]?.name;
    if (next) onChange({ ...value, fix: [...value.fix, { column: next, label: '' }] });
  };
  const addRange = () => {
    const preferred = numeric.find((c) => c.name === 'AGE') ?? numeric[0];
    if (preferred) onChange({ ...value, ranges: [...value.ranges, { column: preferred.name, op: '<', value: '' }] });
  };
  const setFix = (i: number, f: FixRow) => onChange({ ...value, fix: value.fix.map((x, j) => (j === i ? f : x)) });
  const setRange = (i: number, r: RangeRow) => onChange({ ...value, ranges: value.ranges.map((x, j) => (j === i ? r : x)) });

  return (
    <fieldset className="whatif" disabled={disabled} data-testid="whatif-builder">
      <legend>What if…</legend>
      <p className="muted small">
        Generate only rows meeting these conditions. A fixed category is passed to the generator's conditional vector and checked on every row; ranges are met by
        drawing more rows and keeping those that fit.
      </p>
      {value.fix.map((f, i) => (
        <div className="form-row" key={`fix-${i}`}>
          <select aria-label={`Fixed column ${i + 1}`} value={f.column} onChange={(e) => setFix(i, { column: e.target.value, label: '' })} data-testid={`whatif-fix-column-${i}`}>
            {categorical.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
          <span>=</span>
          <select aria-label={`Value of ${f.column}`} value={f.label} onChange={(e) => setFix(i, { ...f, label: e.target.value })} data-testid={`whatif-fix-label-${i}`}>
            <option value="">choose…</option>
            {labelsOf(f.column).map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
          <button type="button" className="link-button" onClick={() => onChange({ ...value, fix: value.fix.filter((_, j) => j !== i) })} aria-label={`Remove condition on ${f.column}`}>
            remove
          </button>
        </div>
      ))}
      {value.ranges.map((r, i) => {
        const col = rangeOf(r.column);
        return (
          <div className="form-row" key={`range-${i}`}>
            <select aria-label={`Range column ${i + 1}`} value={r.column} onChange={(e) => setRange(i, { ...r, column: e.target.value })} data-testid={`whatif-range-column-${i}`}>
              {numeric.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
            <select aria-label={`Comparison for ${r.column}`} value={r.op} onChange={(e) => setRange(i, { ...r, op: e.target.value as Comparator })} data-testid={`whatif-range-op-${i}`}>
              {COMPARATORS.map((op) => (
                <option key={op} value={op}>
                  {OP_TEXT[op]}
                </option>
              ))}
            </select>
            <input
              type="number"
              className="narrow"
              aria-label={`Bound for ${r.column}`}
              value={r.value}
              onChange={(e) => setRange(i, { ...r, value: e.target.value })}
              data-testid={`whatif-range-value-${i}`}
            />
            {col && col.min !== undefined && col.max !== undefined && (
              <span className="muted small">
                training range {col.min.toLocaleString('en-US')} – {col.max.toLocaleString('en-US')}
              </span>
            )}
            <button type="button" className="link-button" onClick={() => onChange({ ...value, ranges: value.ranges.filter((_, j) => j !== i) })} aria-label={`Remove range on ${r.column}`}>
              remove
            </button>
          </div>
        );
      })}
      {value.fix.length === 0 && value.ranges.length === 0 && <p className="muted small">No condition: rows follow the data's own mix.</p>}
      <div className="button-row">
        <button type="button" onClick={addFix} disabled={categorical.length === 0} data-testid="whatif-add-fix">
          + Fix a category
        </button>
        <button type="button" onClick={addRange} disabled={numeric.length === 0} data-testid="whatif-add-range">
          + Add a range
        </button>
      </div>
    </fieldset>
  );
}
