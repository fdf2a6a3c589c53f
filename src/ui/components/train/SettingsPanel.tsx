import { useEffect, useState } from 'react';
import { PRESETS, type PresetId, type TrainingSettings } from '../../../worker/gan-settings-presets';

type NumberKey = {
  [K in keyof TrainingSettings]: TrainingSettings[K] extends number ? K : never;
}[keyof TrainingSettings];

interface NumberField {
  key: NumberKey;
  label: string;
  help: string;
  step?: string;
}

const NETWORK: NumberField[] = [
  { key: 'embeddingDim', label: 'Noise (embedding) size', help: 'length of the random vector G starts from' },
  { key: 'pac', label: 'PacGAN group (pac)', help: 'D judges this many rows together, which discourages G from repeating itself; the batch must be a multiple' },
  { key: 'maxModes', label: 'Mixture modes (max)', help: 'most Gaussian modes per numeric column in the data transformer' },
];
const TRAINING: NumberField[] = [
  { key: 'epochs', label: 'Epochs', help: 'passes over the training rows' },
  { key: 'batchSize', label: 'Batch size', help: 'rows per step' },
  { key: 'discriminatorSteps', label: 'D steps per G step', help: 'discriminator updates for each generator update' },
  { key: 'lrG', label: 'Learning rate G', help: 'Adam step size of the generator', step: 'any' },
  { key: 'lrD', label: 'Learning rate D', help: 'Adam step size of the discriminator', step: 'any' },
  { key: 'weightDecay', label: 'Weight decay', help: 'L2 penalty on both networks', step: 'any' },
  { key: 'gpLambda', label: 'Gradient penalty λ', help: 'weight of the WGAN-GP penalty that keeps D smooth', step: 'any' },
  { key: 'divergenceThreshold', label: 'Divergence threshold', help: 'a |loss| above this restores the last good weights', step: 'any' },
  { key: 'seed', label: 'Seed', help: 'same seed + same backend = same run' },
  { key: 'probeEvery', label: 'Quality probe every … epochs', help: 'how often the live charts and the checkpoint score are refreshed' },
];

function NumberInput({ field, value, disabled, onChange }: { field: NumberField; value: number; disabled: boolean; onChange: (v: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  return (
    <label className="setting" title={field.help}>
      <span>{field.label}</span>
      <input
        type="number"
        step={field.step ?? '1'}
        value={text}
        disabled={disabled}
        data-testid={`setting-${field.key}`}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v)) onChange(v);
        }}
      />
      <small className="muted">{field.help}</small>
    </label>
  );
}

function ListInput({ label, help, testId, value, disabled, onChange }: { label: string; help: string; testId: string; value: number[]; disabled: boolean; onChange: (v: number[]) => void }) {
  const [text, setText] = useState(value.join(', '));
  useEffect(() => setText(value.join(', ')), [value]);
  return (
    <label className="setting" title={help}>
      <span>{label}</span>
      <input
        type="text"
        value={text}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const parts = e.target.value.split(/[,\s]+/).filter(Boolean).map(Number);
          if (parts.length > 0 && parts.every((p) => Number.isFinite(p))) onChange(parts);
        }}
      />
      <small className="muted">{help}</small>
    </label>
  );
}

export function PresetPicker({ preset, disabled, onPick }: { preset: PresetId | 'custom'; disabled: boolean; onPick: (p: PresetId) => void }) {
  return (
    <fieldset className="preset-picker" disabled={disabled}>
      <legend>Preset</legend>
      {(Object.keys(PRESETS) as PresetId[]).map((id) => (
        <label key={id} className={preset === id ? 'preset active' : 'preset'}>
          <input type="radio" name="gan-preset" value={id} checked={preset === id} onChange={() => onPick(id)} data-testid={`preset-${id}`} />
          <strong>{PRESETS[id].label}</strong>
          <span className="muted">{PRESETS[id].description}</span>
        </label>
      ))}
      {preset === 'custom' && <p className="muted">Custom settings (a preset changed in the advanced panel).</p>}
    </fieldset>
  );
}

/** Every setting, defaults filled in from the chosen preset. */
export function SettingsPanel({ settings, disabled, onChange }: { settings: TrainingSettings; disabled: boolean; onChange: (s: TrainingSettings) => void }) {
  const update = (patch: Partial<TrainingSettings>) => onChange({ ...settings, ...patch });
  return (
    <details className="advanced-settings" data-testid="advanced-settings">
      <summary>Advanced settings</summary>
      <div className="settings-grid">
        <h4>Networks</h4>
        <ListInput label="Generator layers" help="width of each residual layer of G, e.g. 256, 256" testId="setting-generatorDims" value={settings.generatorDims} disabled={disabled} onChange={(v) => update({ generatorDims: v })} />
        <ListInput label="Discriminator layers" help="width of each layer of D, e.g. 256, 256" testId="setting-discriminatorDims" value={settings.discriminatorDims} disabled={disabled} onChange={(v) => update({ discriminatorDims: v })} />
        {NETWORK.map((f) => (
          <NumberInput key={f.key} field={f} value={settings[f.key]} disabled={disabled} onChange={(v) => update({ [f.key]: v } as Partial<TrainingSettings>)} />
        ))}
        <h4>Training</h4>
        {TRAINING.map((f) => (
          <NumberInput key={f.key} field={f} value={settings[f.key]} disabled={disabled} onChange={(v) => update({ [f.key]: v } as Partial<TrainingSettings>)} />
        ))}
        <ListInput label="Adam betas" help="β1, β2 of both optimisers (CTGAN: 0.5, 0.9)" testId="setting-betas" value={settings.betas} disabled={disabled} onChange={(v) => v.length === 2 && update({ betas: [v[0], v[1]] })} />
        <label className="setting" title="dense layers with the faster transposed-matmul gradient (same maths)">
          <span>Fast gradient</span>
          <input type="checkbox" checked={settings.fastGradient} disabled={disabled} onChange={(e) => update({ fastGradient: e.target.checked })} data-testid="setting-fastGradient" />
          <small className="muted">same maths, 2× faster on WASM</small>
        </label>
      </div>
    </details>
  );
}
