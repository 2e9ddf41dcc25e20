/**
 * The page's status line, error message and busy flag around its worker
 * calls. Progress that arrives after a call has ended, failed or been
 * cancelled is dropped, so a late "Parsing ratings… (80%)" cannot replace
 * the final status.
 */
import { useCallback, useRef, useState } from 'react';

export interface WorkerCall {
  status: string;
  error: string | null;
  busy: boolean;
  /** Runs one worker call with the page marked busy; a failure becomes the page's error message. */
  perform(label: string, call: () => Promise<void>): Promise<void>;
  /** Returns a status setter for the current call's progress callbacks, which does nothing once that call has ended or been cancelled. */
  progressStatus(): (text: string) => void;
  /** Shows "Cancelling…" at once and stops the current call's progress updates; the caller sends the cancel to the worker. */
  markCancelling(): void;
}

export function useWorkerCall(initialStatus: string): WorkerCall {
  const [status, setStatus] = useState(initialStatus);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Id of the call whose progress may still update the status line. */
  const liveCall = useRef(0);

  const perform = useCallback(async (label: string, call: () => Promise<void>) => {
    const callId = (liveCall.current += 1);
    setBusy(true);
    setError(null);
    setStatus(label);
    try {
      await call();
      setStatus('Ready.');
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      setError(message === 'Cancelled' ? null : message);
      setStatus(message === 'Cancelled' ? 'Cancelled.' : 'Ready.');
    } finally {
      if (liveCall.current === callId) {
        liveCall.current += 1;
      }
      setBusy(false);
    }
  }, []);

  const progressStatus = useCallback(() => {
    const callId = liveCall.current;
    return (text: string) => {
      if (liveCall.current === callId) {
        setStatus(text);
      }
    };
  }, []);

  const markCancelling = useCallback(() => {
    liveCall.current += 1;
    setStatus('Cancelling…');
  }, []);

  return { status, error, busy, perform, progressStatus, markCancelling };
}
