import { useId, useState, type FormEvent } from 'react';
import type { CleaningStep, ImputeMethod } from '../../../core/data/clean';
import type { DatasetSchema } from '../../../core/data/schema';

type FormKind =
  | 'impute'
  | 'capOutliers'
  | 'mergeRareCategories'
  | 'remapCategories'
  | 'enforceRange'
  | 'dropDuplicates'
  | 'dropMissing'
  | 'dropColumns'
  | 'parseNumbers'
  | 'joinDateParts';

const FORM_KINDS: { kind: FormKind; label: string }[] = [
  { kind: 'impute', label: 'Impute missing values' },
  { kind: 'capOutliers', label: 'Cap outliers' },
  { kind: 'mergeRareCategories', label: 'Merge rare categories' },
  { kind: 'remapCategories', label: 'Remap / merge categories' },
  { kind: 'enforceRange', label: 'Enforce a valid range' },
  { kind: 'dropDuplicates', label: 'Drop duplicate rows' },
  { kind: 'dropMissing', label: 'Drop rows with missing values' },
  { kind: 'dropColumns', label: 'Drop columns' },
  { kind: 'parseNumbers', label: 'Read numbers ($134.09, 1,000, 12.5%, (5), 13:45)' },
  { kind: 'joinDateParts', label: 'Join date parts (year, month, day, time)' },
];

function isNumeric(role: string): boolean {
  return role === 'continuous' || role === 'datetime';
}

function num(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
}

/** A small form for the common cleaning steps; the worker checks the step against the data. */
export function AddStepForm({ schema, busy, onAdd }: { schema: DatasetSchema; busy: boolean; onAdd: (step: CleaningStep) => void }) {
  const uid = useId();
  const [kind, setKind] = useState<FormKind>('impute');
  const [column, setColumn] = useState('');
  const [method, setMethod] = useState<ImputeMethod>('median');
  const [constant, setConstant] = useState('');
  const [indicator, setIndicator] = useState(true);
  const [capMethod, setCapMethod] = useState<'percentile' | 'iqr'>('percentile');
  const [lowerPct, setLowerPct] = useState('1');
  const [upperPct, setUpperPct] = useState('99');
  const [iqrK, setIqrK] = useState('1.5');
  const [minSharePct, setMinSharePct] = useState('1');
  const [otherLabel, setOtherLabel] = useState('other');
  const [fromLabels, setFromLabels] = useState('');
  const [toLabel, setToLabel] = useState('');
  const [rangeMin, setRangeMin] = useState('');
  const [rangeMax, setRangeMax] = useState('');
  const [rangeAction, setRangeAction] = useState<'clamp' | 'setMissing' | 'dropRows'>('setMissing');
  const [ignoreIds, setIgnoreIds] = useState(true);
  const [dropCols, setDropCols] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [percentAsFraction, setPercentAsFraction] = useState(false);
  const [parts, setParts] = useState<{ year: string; month: string; day: string; time: string }>({ year: '', month: '', day: '', time: '' });
  const [joinOutput, setJoinOutput] = useState('date');
  const [dropParts, setDropParts] = useState(true);

  const columns = schema.columns;
  const numericCols = columns.filter((c) => isNumeric(c.role));
  const labelCols = columns.filter((c) => !isNumeric(c.role));
  // columns with missing values first: they are the ones an imputation is for
  const imputable = [...columns].sort((a, b) => Number(b.missing > 0) - Number(a.missing > 0));
  const choices =
    kind === 'capOutliers' || kind === 'enforceRange'
      ? numericCols
      : kind === 'mergeRareCategories' || kind === 'remapCategories' || kind === 'parseNumbers'
        ? labelCols
        : imputable;
  const needsColumn =
    kind === 'impute' || kind === 'capOutliers' || kind === 'mergeRareCategories' || kind === 'remapCategories' || kind === 'enforceRange' || kind === 'parseNumbers';
  const col = choices.find((c) => c.name === column) ?? choices[0];
  const colIsNumeric = col ? isNumeric(col.role) : false;
  // mean/median exist only for numbers: a label column falls back to the mode
  const imputeMethod: ImputeMethod = !colIsNumeric && (method === 'mean' || method === 'median') ? 'mode' : method;

  const build = (): CleaningStep | string => {
    const base = { enabled: true, note: 'added by hand' };
    if (needsColumn && !col) return 'No suitable column for this step.';
    const name = col?.name ?? '';
    switch (kind) {
      case 'impute': {
        const step: CleaningStep = { ...base, id: `impute-${name}`, kind: 'impute', column: name, method: imputeMethod, addIndicator: indicator };
        if (imputeMethod === 'constant') {
          if (constant.trim() === '') return 'Enter the constant to fill in.';
          if (colIsNumeric) {
            const v = num(constant);
            if (v === null || Number.isNaN(v)) return `“${constant}” is not a number; “${name}” is numeric.`;
            step.value = v;
          } else step.value = constant;
        }
        return step;
      }
      case 'capOutliers': {
        if (capMethod === 'iqr') {
          const k = num(iqrK);
          if (k === null || Number.isNaN(k) || k < 0) return 'The IQR multiplier must be a number ≥ 0.';
          return { ...base, id: `cap-${name}`, kind: 'capOutliers', column: name, method: 'iqr', iqrMultiplier: k };
        }
        const lo = num(lowerPct);
        const hi = num(upperPct);
        if (lo === null || hi === null || Number.isNaN(lo) || Number.isNaN(hi) || lo < 0 || hi > 100 || lo > hi) return 'Percentiles must satisfy 0 ≤ lower ≤ upper ≤ 100.';
        return { ...base, id: `cap-${name}`, kind: 'capOutliers', column: name, method: 'percentile', lower: lo / 100, upper: hi / 100 };
      }
      case 'mergeRareCategories': {
        const share = num(minSharePct);
        if (share === null || Number.isNaN(share) || share <= 0 || share >= 100) return 'The minimum share must be a percentage between 0 and 100.';
        if (!otherLabel.trim()) return 'Enter the label the rare categories become.';
        return { ...base, id: `merge-rare-${name}`, kind: 'mergeRareCategories', column: name, minShare: share / 100, otherLabel: otherLabel.trim() };
      }
      case 'remapCategories': {
        const from = fromLabels
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
        if (from.length === 0) return 'List the labels to remap, separated by commas.';
        const to = toLabel.trim() === '' ? null : toLabel.trim();
        const mapping: Record<string, string | null> = {};
        for (const f of from) mapping[f] = to;
        return { ...base, id: `remap-${name}`, kind: 'remapCategories', column: name, mapping };
      }
      case 'enforceRange': {
        const lo = num(rangeMin);
        const hi = num(rangeMax);
        if (Number.isNaN(lo) || Number.isNaN(hi)) return 'Bounds must be numbers (or empty for no bound).';
        if (lo === null && hi === null) return 'Give a minimum, a maximum, or both.';
        if (lo !== null && hi !== null && lo > hi) return 'The minimum is above the maximum.';
        return { ...base, id: `range-${name}`, kind: 'enforceRange', column: name, min: lo, max: hi, action: rangeAction };
      }
      case 'dropDuplicates': {
        const ids = columns.filter((c) => c.role === 'identifier').map((c) => c.name);
        const rest = columns.filter((c) => c.role !== 'identifier').map((c) => c.name);
        return { ...base, id: 'drop-duplicates', kind: 'dropDuplicates', columns: ignoreIds && ids.length > 0 ? rest : null };
      }
      case 'dropMissing':
        return { ...base, id: 'drop-missing', kind: 'dropMissing', columns: dropCols.length > 0 ? [...dropCols] : null };
      case 'parseNumbers':
        return { ...base, id: `parse-numbers-${name}`, kind: 'parseNumbers', column: name, percentAsFraction };
      case 'joinDateParts': {
        if (!parts.year || !parts.month) return 'Choose at least the year and the month columns.';
        if (!joinOutput.trim()) return 'Name the new datetime column.';
        return {
          ...base,
          id: `join-date-${joinOutput.trim()}`,
          kind: 'joinDateParts',
          year: parts.year,
          month: parts.month,
          day: parts.day || null,
          time: parts.time || null,
          output: joinOutput.trim(),
          dropParts,
        };
      }
      case 'dropColumns':
        if (dropCols.length === 0) return 'Choose the column(s) to drop.';
        return { ...base, id: `drop-${dropCols.join('-')}`.slice(0, 60), kind: 'dropColumns', columns: [...dropCols] };
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const step = build();
    if (typeof step === 'string') {
      setProblem(step);
      return;
    }
    setProblem(null);
    onAdd(step);
  };

  const id = (s: string) => `${uid}-${s}`;
  return (
    <form className="add-step" onSubmit={submit} aria-labelledby={id('title')} data-testid="add-step-form">
      <h4 id={id('title')}>Add a step</h4>
      <div className="form-row">
        <label htmlFor={id('kind')}>Step</label>
        <select
          id={id('kind')}
          data-testid="add-step-kind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as FormKind);
            setProblem(null);
            setDropCols([]);
          }}
        >
          {FORM_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        {needsColumn && (
          <>
            <label htmlFor={id('column')}>Column</label>
            <select id={id('column')} data-testid="add-step-column" value={col?.name ?? ''} onChange={(e) => setColumn(e.target.value)}>
              {choices.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} ({c.role}
                  {c.missing > 0 ? `, ${c.missing} missing` : ''})
                </option>
              ))}
            </select>
          </>
        )}
      </div>

      {kind === 'impute' && (
        <div className="form-row">
          <label htmlFor={id('method')}>Fill with</label>
          <select id={id('method')} data-testid="add-step-method" value={imputeMethod} onChange={(e) => setMethod(e.target.value as ImputeMethod)}>
            <option value="median" disabled={!colIsNumeric}>
              median
            </option>
            <option value="mean" disabled={!colIsNumeric}>
              mean
            </option>
            <option value="mode">mode (most frequent)</option>
            <option value="constant">a constant</option>
          </select>
          {imputeMethod === 'constant' && (
            <>
              <label htmlFor={id('constant')}>Constant</label>
              <input id={id('constant')} value={constant} onChange={(e) => setConstant(e.target.value)} size={10} />
            </>
          )}
          <label>
            <input type="checkbox" checked={indicator} onChange={(e) => setIndicator(e.target.checked)} /> add a “was missing” indicator column
          </label>
        </div>
      )}

      {kind === 'capOutliers' && (
        <div className="form-row">
          <label htmlFor={id('cap')}>Bounds</label>
          <select id={id('cap')} value={capMethod} onChange={(e) => setCapMethod(e.target.value as 'percentile' | 'iqr')}>
            <option value="percentile">percentiles</option>
            <option value="iqr">IQR fences</option>
          </select>
          {capMethod === 'percentile' ? (
            <>
              <label htmlFor={id('lo')}>lower %</label>
              <input id={id('lo')} type="number" min={0} max={100} step="any" value={lowerPct} onChange={(e) => setLowerPct(e.target.value)} className="narrow" />
              <label htmlFor={id('hi')}>upper %</label>
              <input id={id('hi')} type="number" min={0} max={100} step="any" value={upperPct} onChange={(e) => setUpperPct(e.target.value)} className="narrow" />
            </>
          ) : (
            <>
              <label htmlFor={id('k')}>k (× IQR)</label>
              <input id={id('k')} type="number" min={0} step="any" value={iqrK} onChange={(e) => setIqrK(e.target.value)} className="narrow" />
            </>
          )}
        </div>
      )}

      {kind === 'mergeRareCategories' && (
        <div className="form-row">
          <label htmlFor={id('share')}>Labels under (% of rows)</label>
          <input id={id('share')} type="number" min={0} max={100} step="any" value={minSharePct} onChange={(e) => setMinSharePct(e.target.value)} className="narrow" />
          <label htmlFor={id('other')}>become</label>
          <input id={id('other')} value={otherLabel} onChange={(e) => setOtherLabel(e.target.value)} size={10} />
        </div>
      )}

      {kind === 'remapCategories' && (
        <div className="form-row">
          <label htmlFor={id('from')}>Labels (comma-separated)</label>
          <input id={id('from')} value={fromLabels} onChange={(e) => setFromLabels(e.target.value)} placeholder="e.g. 0, 5, 6" size={14} />
          <label htmlFor={id('to')}>become</label>
          <input id={id('to')} value={toLabel} onChange={(e) => setToLabel(e.target.value)} placeholder="empty = missing" size={12} />
        </div>
      )}

      {kind === 'enforceRange' && (
        <div className="form-row">
          <label htmlFor={id('min')}>min</label>
          <input id={id('min')} type="number" step="any" value={rangeMin} onChange={(e) => setRangeMin(e.target.value)} className="narrow" />
          <label htmlFor={id('max')}>max</label>
          <input id={id('max')} type="number" step="any" value={rangeMax} onChange={(e) => setRangeMax(e.target.value)} className="narrow" />
          <label htmlFor={id('action')}>values outside</label>
          <select id={id('action')} value={rangeAction} onChange={(e) => setRangeAction(e.target.value as 'clamp' | 'setMissing' | 'dropRows')}>
            <option value="setMissing">become missing</option>
            <option value="clamp">are clamped</option>
            <option value="dropRows">drop their rows</option>
          </select>
        </div>
      )}

      {kind === 'parseNumbers' && (
        <div className="form-row">
          <label>
            <input type="checkbox" checked={percentAsFraction} onChange={(e) => setPercentAsFraction(e.target.checked)} /> percentages as fractions (12.5% → 0.125)
          </label>
        </div>
      )}

      {kind === 'joinDateParts' && (
        <div className="form-row">
          {(['year', 'month', 'day', 'time'] as const).map((part) => (
            <span key={part}>
              <label htmlFor={id(`part-${part}`)}>{part}</label>{' '}
              <select
                id={id(`part-${part}`)}
                data-testid={`add-step-${part}`}
                value={parts[part]}
                onChange={(e) => setParts((p) => ({ ...p, [part]: e.target.value }))}
              >
                <option value="">{part === 'day' ? '(the 1st)' : part === 'time' ? '(midnight)' : '(choose)'}</option>
                {columns.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>{' '}
            </span>
          ))}
          <label htmlFor={id('join-out')}>new column</label>
          <input id={id('join-out')} value={joinOutput} onChange={(e) => setJoinOutput(e.target.value)} size={10} />
          <label>
            <input type="checkbox" checked={dropParts} onChange={(e) => setDropParts(e.target.checked)} /> drop the part columns
          </label>
        </div>
      )}

      {kind === 'dropDuplicates' && (
        <div className="form-row">
          <label>
            <input type="checkbox" checked={ignoreIds} onChange={(e) => setIgnoreIds(e.target.checked)} /> ignore identifier columns when comparing rows
          </label>
        </div>
      )}

      {(kind === 'dropColumns' || kind === 'dropMissing') && (
        <div className="form-row">
          <label htmlFor={id('cols')}>{kind === 'dropColumns' ? 'Columns to drop' : 'Look in columns (none selected = any column)'}</label>
          <select
            id={id('cols')}
            multiple
            size={Math.min(6, columns.length)}
            value={dropCols}
            data-testid="add-step-columns"
            onChange={(e) => setDropCols([...e.target.selectedOptions].map((o) => o.value))}
          >
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}

      <div className="form-row">
        <button type="submit" data-testid="add-step" disabled={busy}>
          Add step
        </button>
      </div>
      {problem && (
        <p role="alert" className="error" data-testid="add-step-problem">
          {problem}
        </p>
      )}
    </form>
  );
}
