/** Rejection of {@link withTimeout} when the time limit passes first. */
export class TimeoutError extends Error {
  constructor(
    readonly label: string,
    readonly limitMs: number,
  ) {
    super(`${label} timed out after ${limitMs} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Resolves or rejects like `promise`, or rejects with a {@link TimeoutError}
 * after `limitMs` milliseconds, whichever comes first.
 *
 * NOTE: the timeout cannot stop the work behind `promise`. A TensorFlow.js
 * call that hangs keeps running in the background, and synchronous work
 * (WebGL shader compilation, for one) blocks the timer until it returns.
 */
export async function withTimeout<T>(promise: Promise<T>, limitMs: number, label: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(label, limitMs)), limitMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
