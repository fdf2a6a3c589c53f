/**
 * What happened to the compute worker and the saved project, in plain words: a crash or hang and
 * the restart, a backend switched after a GPU fault, an interrupted training run that can resume
 * from its checkpoint, a save that failed (storage full: how to make room), restore notices.
 */
import { useEffect, useRef } from 'react';
import { dismissIncident, looksLikeBackendFault, restartWorker, useWorkerHealth } from '../worker-client';
import { discardResume, dismissNotices, dismissSaveError, resumeTraining, usePersistence } from '../state/use-restore';
import { refreshTraining, useTraining } from './train/training-store';
import { openProjectsDialog } from './ProjectMenu';
import { useProject } from '../state/project';

const BACKEND_LABELS: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export function WorkerStatusBanner() {
  const health = useWorkerHealth();
  const p = usePersistence();
  const training = useTraining();
  const { dispatch } = useProject();
  const incident = health.incident;

  // a resumed run starts with the checkpoint's history: fetch it once the run is under way
  const resyncing = useRef(false);
  useEffect(() => {
    if (training.phase === 'preparing' && training.message.startsWith('Resuming')) resyncing.current = true;
    if (training.phase === 'training' && resyncing.current) {
      resyncing.current = false;
      void refreshTraining().catch(() => undefined);
    }
  }, [training.phase, training.message]);

  const trainingBackendFault = training.phase === 'failed' && looksLikeBackendFault(training.message);

  return (
    <div className="status-banners" aria-live="polite">
      {incident && (
        <div role="alert" className={incident.kind === 'unresponsive' && health.status === 'unresponsive' ? 'warning-box' : 'error-box'} data-testid="worker-banner" data-kind={incident.kind}>
          <p>
            <strong>{incident.kind === 'user-restart' ? 'Compute worker restarted.' : incident.kind === 'unresponsive' ? 'The compute worker is not answering.' : 'The compute worker stopped.'}</strong>{' '}
            {incident.message}
          </p>
          {incident.detail && <p className="muted">Detail: {incident.detail}</p>}
          {p.backendSwitched && (
            <p data-testid="backend-switched">
              The cause looked like the GPU backend, so computation now runs on {BACKEND_LABELS[p.backendSwitched] ?? p.backendSwitched} (slower, but it does not depend on the GPU).
            </p>
          )}
          {health.status === 'restarting' || p.restoring ? <p className="muted">Reopening the project…</p> : null}
          <div className="button-row">
            {health.status === 'unresponsive' && (
              <button type="button" className="primary" onClick={() => restartWorker('unresponsive', `no answer for ${health.silentSeconds} s`)} data-testid="banner-restart">
                Restart compute worker
              </button>
            )}
            <button type="button" onClick={dismissIncident} data-testid="dismiss-worker-banner">
              {health.status === 'unresponsive' ? 'Keep waiting' : 'Dismiss'}
            </button>
          </div>
        </div>
      )}

      {p.resume && (
        <div role="alert" className="warning-box" data-testid="resume-offer" data-epoch={p.resume.epoch}>
          <p>
            <strong>Training was interrupted.</strong> The run of {p.resume.epochs} epochs was saved at epoch {p.resume.epoch} ({new Date(p.resume.savedAt).toLocaleTimeString()}). Resuming
            continues from that checkpoint with the same data transformer; the optimiser (Adam) restarts its moment estimates, so the first few steps are a little noisier.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="primary"
              data-testid="resume-from-checkpoint"
              onClick={() => {
                dispatch({ type: 'go', step: 'train' });
                // only the GAN has checkpoints to resume: show its live training view
                dispatch({ type: 'engine-picked', engine: 'ctgan' });
                void resumeTraining();
              }}
            >
              Resume from epoch {p.resume.epoch}
            </button>
            <button type="button" onClick={() => void discardResume()} data-testid="discard-resume">
              Don't resume
            </button>
          </div>
        </div>
      )}

      {trainingBackendFault && !incident && (
        <div role="alert" className="error-box" data-testid="backend-fault">
          <p>
            <strong>Training stopped because of the GPU backend.</strong> {training.message} Restarting the compute worker switches to WASM; training can then resume from its last checkpoint.
          </p>
          <button type="button" className="primary" onClick={() => restartWorker('crashed', training.message)}>
            Restart on WASM
          </button>
        </div>
      )}

      {p.error && (
        <div role="alert" className="error-box" data-testid="save-error" data-storage-full={p.error.storageFull ? 'yes' : 'no'}>
          <p>
            <strong>{p.error.storageFull ? 'Storage is full.' : 'Saving failed.'}</strong> {p.error.message}
          </p>
          <div className="button-row">
            <button type="button" className="primary" onClick={openProjectsDialog}>
              Open Projects (export, delete old ones)
            </button>
            <button type="button" onClick={dismissSaveError}>
              Dismiss
            </button>
          </div>
        </div>
      )}

      {p.notices.length > 0 && (
        <div role="status" className="warning-box" data-testid="restore-notices">
          {p.notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
          <button type="button" onClick={dismissNotices}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
