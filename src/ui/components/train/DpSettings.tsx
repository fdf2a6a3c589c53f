/** Epsilon and delta for the differentially private engine. */
export interface DpSettingsValue {
  epsilon: number;
  /** null: min(1e-6, 1 / rows²) */
  delta: number | null;
}

export function DpSettings({ value, disabled, onChange }: { value: DpSettingsValue; disabled: boolean; onChange: (v: DpSettingsValue) => void }) {
  return (
    <fieldset className="dp-settings" data-testid="dp-settings" disabled={disabled}>
      <legend>Privacy budget</legend>
      <label className="small">
        Epsilon{' '}
        <input
          type="number"
          className="narrow"
          min={0.01}
          step={0.1}
          value={value.epsilon}
          onChange={(e) => onChange({ ...value, epsilon: Number(e.target.value) })}
          data-testid="dp-epsilon-input"
        />
      </label>{' '}
      <label className="small">
        Delta{' '}
        <input
          type="text"
          className="narrow"
          placeholder="auto"
          value={value.delta === null ? '' : String(value.delta)}
          onChange={(e) => {
            const t = e.target.value.trim();
            onChange({ ...value, delta: t === '' ? null : Number(t) });
          }}
          aria-describedby="dp-delta-help"
          data-testid="dp-delta-input"
        />
      </label>
      <p className="muted small" id="dp-delta-help">
        Smaller epsilon: stronger privacy, noisier data (1 is a common choice). Delta empty: 1e-6, or one over the number of rows squared when smaller.
      </p>
    </fieldset>
  );
}

export function dpSettingsError(v: DpSettingsValue): string | null {
  if (!(v.epsilon > 0 && Number.isFinite(v.epsilon))) return 'Epsilon must be a number above 0.';
  if (v.delta !== null && !(v.delta > 0 && v.delta < 1)) return 'Delta must lie strictly between 0 and 1 (or stay empty for the default).';
  return null;
}
