/** The live event log as a virtualised table, with a follow switch and a pause button. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventWindow } from '../../engine/events/window';
import { SOURCES } from '../../engine/loop/types';
import { VirtualTable, type VirtualColumn } from '../../viz/VirtualTable';
import { useLabSelector, type EventsFeaturesController } from './labController';

const COLUMNS: readonly VirtualColumn[] = [
  { key: 'index', label: 'Event', width: '5rem', align: 'right' },
  { key: 'tick', label: 'Tick', width: '3.5rem', align: 'right' },
  { key: 'user', label: 'User', width: '3.5rem', align: 'right' },
  { key: 'item', label: 'Item', width: '4rem', align: 'right' },
  { key: 'topic', label: 'Item topic', width: 'minmax(6rem, 1fr)' },
  { key: 'source', label: 'Source', width: '6.5rem' },
  { key: 'position', label: 'Slot', width: '3rem', align: 'right' },
  { key: 'watch', label: 'Watch', width: '4rem', align: 'right' },
  { key: 'actions', label: 'Actions', width: '9rem' },
  { key: 'predicted', label: 'pCTR', width: '4rem', align: 'right' },
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
        <button type="button" onClick={pause} disabled={!running}>
          Pause the stream
        </button>
      </div>
      <VirtualTable columns={COLUMNS} rowCount={eventCount} row={row} onRange={onRange} follow={follow} ariaLabel="Logged events, oldest first" />
    </section>
  );
}
