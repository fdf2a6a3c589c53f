import type { StreamsProgress as Progress } from '../../../worker/streams-api';
import { worker } from '../../worker-client';
import { formatEta, type StreamsTask } from './streams-store';

/** A worker step's progress: what it is doing, the share done, the time left, and Cancel. */
export function StreamsProgress({ label, progress, onCancel, testId }: { label: string; progress: Progress | null; onCancel: () => void; testId: string }) {
  return (
    <div className="progress" role="group" aria-label={label} data-testid={testId}>
      <div className="progress-label" role="status">
        <strong>{label}</strong>
        {progress ? ` · ${progress.message}` : ' · starting'}
        {progress ? ` · ${Math.round(progress.fraction * 100)} %` : ''}
        {progress && progress.etaSeconds !== null ? ` · ${formatEta(progress.etaSeconds)}` : ''}
      </div>
      <progress max={1} value={progress?.fraction ?? 0} aria-label={label} />
      <button type="button" onClick={onCancel} data-testid={`${testId}-cancel`}>
        Cancel
      </button>
    </div>
  );
}

/**
 * A streams task's live part: its progress (with Cancel) while it runs, then the reason it stopped.
 * A cancel the user asked for is a notice, anything else an alert.
 */
export function StreamsTaskStatus({ task, label, testId }: { task: StreamsTask<unknown>; label: string; testId: string }) {
  return (
    <>
      {task.running && <StreamsProgress label={label} progress={task.progress} onCancel={() => void worker().streamsCancel()} testId={`${testId}-progress`} />}
      {task.error && (
        <p className={task.stopped ? 'notice' : 'error'} role={task.stopped ? 'status' : 'alert'} data-testid={`${testId}-error`}>
          {task.error}
        </p>
      )}
    </>
  );
}
