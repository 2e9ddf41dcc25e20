/**
 * The alert that a lab's worker crashed or a call failed, with the button
 * that restarts the worker (see WorkerLabController.restart).
 */
export function WorkerError({ error, onRestart }: { error: string | null; onRestart(): void }) {
  if (error === null) {
    return null;
  }
  return (
    <div role="alert" className="run-error">
      <p>{error}</p>
      <button type="button" onClick={onRestart}>
        Restart the worker
      </button>
    </div>
  );
}
