/** The live event log as a virtualised table, with a follow switch and pause and resume buttons for the run. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventWindow } from '../../engine/events/window';
import { SOURCES } from '../../engine/loop/types';
import { VirtualTable, type VirtualColumn } from '../../viz/VirtualTable';
import { useLabSelector, type EventsFeaturesController } from './labController';

/**
 * Columns as shares of the table's width (`minmax(0, …fr)`), so all ten fit
 * the panel and the table never widens the page. The shares follow the
 * widest usual text of each column, "exploration" and "click, like, share".
 * NOTE: below about 600 px of table width long cells end in an ellipsis.
 */
const COLUMNS: readonly VirtualColumn[] = [
  { key: 'index', label: 'Event', width: 'minmax(0, 1.1fr)', align: 'right' },
  { key: 'tick', label: 'Tick', width: 'minmax(0, 0.7fr)', align: 'right' },
  { key: 'user', label: 'User', width: 'minmax(0, 0.8fr)', align: 'right' },
  { key: 'item', label: 'Item', width: 'minmax(0, 0.8fr)', align: 'right' },
  { key: 'topic', label: 'Topic', width: 'minmax(0, 1.4fr)' },
  { key: 'source', label: 'Source', width: 'minmax(0, 1.6fr)' },
  { key: 'position', label: 'Slot', width: 'minmax(0, 0.6fr)', align: 'right' },
  { key: 'watch', label: 'Watch', width: 'minmax(0, 0.9fr)', align: 'right' },
  { key: 'actions', label: 'Actions', width: 'minmax(0, 2fr)' },
  { key: 'predicted', label: 'pCTR', width: 'minmax(0, 0.9fr)', align: 'right' },
];

/** Extra rows fetched beyond the visible range, so a short scroll needs no new request. */
const FETCH_MARGIN = 60;

function actions(window: EventWindow, k: number): string {
  const names: string[] = [];
  if (window.click[k] === 1) names.push('click');
  if (window.like[k] === 1) names.push('like');
  if (window.share[k] === 1) names.push('share');
  if (window.skip[k] === 1) names.push('skip');
  return names.length > 0 ? names.join(', ') : 'watch';
}

export function EventStream({ controller }: { controller: EventsFeaturesController }) {
  const eventCount = useLabSelector(controller, (state) => state.eventCount);
  const tick = useLabSelector(controller, (state) => state.tick);
  const version = useLabSelector(controller, (state) => state.version);
  const running = useLabSelector(controller, (state) => state.status === 'running');
  const ready = useLabSelector(controller, (state) => state.status === 'ready');
  const pausedTicks = useLabSelector(controller, (state) => state.pausedTicks);
  const topicNames = useLabSelector(controller, (state) => state.init?.topicNames);
  const [follow, setFollow] = useState(true);
  const [loaded, setLoaded] = useState<EventWindow | null>(null);
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const request = useRef(0);

  const onRange = useCallback((first: number, last: number) => setRange([first, last]), []);

  useEffect(() => {
    const [first, last] = range;
    if (last <= first || eventCount === 0) {
      return;
    }
    const covered = loaded !== null && loaded.start <= first && loaded.start + loaded.length >= Math.min(last, eventCount);
    if (covered) {
      return;
    }
    const id = ++request.current;
    const start = Math.max(0, first - FETCH_MARGIN);
    controller
      .events(start, last - start + FETCH_MARGIN)
      .then((window) => {
        if (id === request.current) {
          setLoaded(window);
        }
      })
      // A failed read means the worker is gone; the controller reports that crash with a restart button.
      .catch(() => undefined);
  }, [range, eventCount, version, loaded, controller]);

  const row = (index: number) => {
    if (loaded === null || index < loaded.start || index >= loaded.start + loaded.length) {
      return undefined;
    }
    const k = index - loaded.start;
    return [
      index.toLocaleString('en'),
      loaded.tick[k],
      loaded.user[k],
      loaded.item[k],
      topicNames?.[loaded.topic[k]] ?? loaded.topic[k],
      SOURCES[loaded.source[k]],
      loaded.position[k] + 1,
      loaded.watch[k].toFixed(2),
      actions(loaded, k),
      loaded.predictedClick[k].toFixed(3),
    ];
  };

  const pause = () => {
    setFollow(false);
    controller.stop();
  };

  return (
    <section aria-labelledby="stream-heading" className="event-stream">
      <h2 id="stream-heading">The event stream</h2>
      <p>
        Every impression the platform served is one logged event: who saw which item, in which slot, from which candidate source, and what the user did. The log holds{' '}
        <strong data-testid="event-count">{eventCount.toLocaleString('en')}</strong> events after tick {tick}.
      </p>
      <div className="button-row">
        <label className="choice">
          <input type="checkbox" checked={follow} onChange={(event) => setFollow(event.target.checked)} /> Follow the newest events
        </label>
        {pausedTicks > 0 && !running ? (
          <button type="button" onClick={() => void controller.resume()} disabled={!ready}>
            Resume the run ({pausedTicks} ticks left)
          </button>
        ) : (
          <button type="button" onClick={pause} disabled={!running}>
            Pause the run to inspect the stream
          </button>
        )}
      </div>
      <VirtualTable columns={COLUMNS} rowCount={eventCount} row={row} onRange={onRange} follow={follow} ariaLabel="Logged events, oldest first" />
    </section>
  );
}
