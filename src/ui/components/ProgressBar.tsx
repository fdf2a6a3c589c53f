import { useRef } from 'react';

export interface ProgressProps {
  label: string;
  done: number;
  total?: number;
  /** how to print done/total, e.g. bytes as MB */
  format?: (n: number) => string;
  onCancel?: () => void;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** A progress bar with an ETA extrapolated from the rate so far, and an optional cancel. */
export function ProgressBar({ label, done, total, format = String, onCancel }: ProgressProps) {
  const started = useRef<number>(performance.now());
  const elapsed = (performance.now() - started.current) / 1000;
  const fraction = total ? Math.min(1, done / total) : undefined;
  const eta = fraction && fraction > 0.02 && elapsed > 0.5 ? (elapsed * (1 - fraction)) / fraction : NaN;
  return (
    <div className="progress" role="group" aria-label={label}>
      <div className="progress-label">
        {label}: {format(done)}
        {total ? ` of ${format(total)}` : ''}
        {Number.isFinite(eta) ? ` · about ${formatSeconds(eta)} left` : ''}
      </div>
      <progress max={total ?? undefined} value={total ? done : undefined} aria-label={label} />
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
