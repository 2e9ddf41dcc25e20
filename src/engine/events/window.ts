import type { EventLog } from './log';

/**
 * A contiguous slice of the event log, [length] per column, copied so that
 * its buffers can be transferred to another thread. `topic` is the dominant
 * topic of each event's item.
 */
export interface EventWindow {
  /** Log index of the first row. */
  start: number;
  length: number;
  tick: Uint32Array;
  user: Uint32Array;
  item: Uint32Array;
  position: Uint8Array;
  /** Index into SOURCES. */
  source: Uint8Array;
  topic: Uint8Array;
  watch: Float32Array;
  click: Uint8Array;
  like: Uint8Array;
  share: Uint8Array;
  skip: Uint8Array;
  predictedClick: Float32Array;
}

/**
 * Copies rows [start, start + count) of the log, clipped to the rows that
 * exist. `itemTopic` is the dominant topic of every item, [items].
 */
export function eventWindow(log: EventLog, start: number, count: number, itemTopic: Uint8Array): EventWindow {
  const from = Math.max(0, Math.min(Math.floor(start), log.length));
  const to = Math.max(from, Math.min(from + Math.max(0, Math.floor(count)), log.length));
  const item = log.item.slice(from, to);
  return {
    start: from,
    length: to - from,
    tick: log.tick.slice(from, to),
    user: log.user.slice(from, to),
    item,
    position: log.position.slice(from, to),
    source: log.source.slice(from, to),
    topic: Uint8Array.from(item, (index) => itemTopic[index]),
    watch: log.watch.slice(from, to),
    click: log.click.slice(from, to),
    like: log.like.slice(from, to),
    share: log.share.slice(from, to),
    skip: log.skip.slice(from, to),
    predictedClick: log.predictedClick.slice(from, to),
  };
}

/** Lists the transferable buffers of a window, for `comlink.transfer`. */
export function windowBuffers(window: EventWindow): ArrayBuffer[] {
  const columns = [window.tick, window.user, window.item, window.position, window.source, window.topic, window.watch, window.click, window.like, window.share, window.skip, window.predictedClick];
  return columns.map((column) => column.buffer as ArrayBuffer);
}
