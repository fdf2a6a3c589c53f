import { useEffect, useState } from 'react';
import { worker } from '../worker-client';
import { useProject } from '../state/project';
import type { BackendName } from '../../worker/backend';

const LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** Shows which TensorFlow.js backend the worker runs on, and lets the user override it. */
export function BackendPicker() {
  const { state, dispatch } = useProject();
  const [busy, setBusy] = useState(false);

  const choose = async (requested?: BackendName) => {
    setBusy(true);
    try {
      dispatch({ type: 'backend', status: await worker().useBackend(requested) });
    } catch (e) {
      dispatch({ type: 'backend-error', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void choose();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const status = state.backend;
  return (
    <div className="backend-picker">
      <label>
        Compute backend{' '}
        <select
          aria-label="Compute backend"
          value={status?.active ?? ''}
          disabled={busy || !status}
          onChange={(e) => void choose(e.target.value as BackendName)}
        >
          {!status && <option value="">starting…</option>}
          {status?.probes.map((p) => (
            <option key={p.name} value={p.name} disabled={!p.available} title={p.note}>
              {LABELS[p.name]}
              {p.available ? '' : ' (unavailable)'}
            </option>
          ))}
        </select>
      </label>
      <output data-testid="active-backend" data-backend={status?.active ?? ''} data-selftest={status?.selfTest ?? ''}>
        {status ? `${LABELS[status.active]} active` : busy ? 'starting…' : ''}
      </output>
      {state.backendError && <p role="alert" className="error">{state.backendError}</p>}
    </div>
  );
}
