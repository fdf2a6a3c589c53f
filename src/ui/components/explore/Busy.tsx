/** An indeterminate progress indicator for worker computations that may take a moment. */
export function Busy({ label, testId }: { label: string; testId?: string }) {
  return (
    <div className="busy" role="status" data-testid={testId}>
      <progress aria-label={label} />
      <span>{label}…</span>
    </div>
  );
}

export function ErrorBox({ message, testId, onDismiss }: { message: string; testId?: string; onDismiss?: () => void }) {
  return (
    <div role="alert" className="error-box" data-testid={testId}>
      <p className="pre">{message}</p>
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
