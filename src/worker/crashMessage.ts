/** `type` of the message the worker posts when it fails outside a comlink call. */
export const CRASH_MESSAGE_TYPE = 'feedlab:engine-crash';

/** Posted by the worker beside comlink's messages; comlink ignores it because it has no `id`. */
export interface CrashMessage {
  type: typeof CRASH_MESSAGE_TYPE;
  message: string;
}

export function isCrashMessage(data: unknown): data is CrashMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === CRASH_MESSAGE_TYPE && typeof (data as { message?: unknown }).message === 'string';
}
