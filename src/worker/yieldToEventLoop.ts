/**
 * Resolves on a later macrotask, so messages that arrived meanwhile (a
 * `cancel` call from the page) are handled first.
 *
 * Uses `setImmediate` in Node and a `MessageChannel` message in a worker:
 * `setTimeout(0)` in a chain of awaits is clamped to at least 4 ms after five
 * nested calls (HTML timer rules), which would slow a run of short ticks.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') {
    return new Promise((resolve) => setImmediate(resolve));
  }
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
