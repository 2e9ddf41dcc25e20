/**
 * Play, Pause, Step, Reset, the speed control, the tick counter, and the
 * "Copy link" and "Download CSV" buttons.
 */
import { useId, useState } from 'react';
import { metricsToCsv } from '../../engine/io/csv';
import { shareLink } from '../../state/hashSync';
import { selectMeasuredSpeed, selectPhase, selectPlaying, selectProgress, selectSpeed, selectTick } from '../../state/selectors';
import { feedLabStore, useFeedLab } from '../../state/store';
import { downloadBlob } from '../../viz/exportChart';
import { useController } from './controllerContext';

function StatusText() {
  const phase = useFeedLab(selectPhase);
  const progress = useFeedLab(selectProgress);
  const playing = useFeedLab(selectPlaying);
  const tick = useFeedLab(selectTick);
  if (phase === 'starting') {
    return <>Building the world and choosing a backend…</>;
  }
  if (phase === 'failed') {
    return <>No simulation is running.</>;
  }
  // Progress arrives on its own message channel and can land after its call returned, so only a busy run shows it.
  if (progress && phase === 'busy') {
    const activity = progress.phase === 'training' ? 'retraining the models' : 'serving feeds';
    return (
      <>
        Tick {progress.tick}: {activity} ({progress.done} of {progress.total} ticks done in this batch)
      </>
    );
  }
  if (phase === 'busy') {
    return <>Running…</>;
  }
  return <>{playing || tick === 0 ? 'Ready.' : `Paused at tick ${tick}.`}</>;
}

export function RunControls() {
  const controller = useController();
  const playing = useFeedLab(selectPlaying);
  const phase = useFeedLab(selectPhase);
  const tick = useFeedLab(selectTick);
  const speed = useFeedLab(selectSpeed);
  const measuredSpeed = useFeedLab(selectMeasuredSpeed);
  const speedId = useId();
  const [linkStatus, setLinkStatus] = useState<string | null>(null);
  const [fallbackLink, setFallbackLink] = useState<string | null>(null);

  const canRun = controller !== null && phase !== 'starting' && phase !== 'failed';

  const copyLink = async () => {
    const link = shareLink(feedLabStore.getState(), window.location.href);
    try {
      await navigator.clipboard.writeText(link);
      setFallbackLink(null);
      const { tick: linkTick, ratingsFileName } = feedLabStore.getState();
      // A file never goes into a URL, so a link to an imported world reopens the synthetic one.
      const fileNote = ratingsFileName ? ` It does not include ${ratingsFileName}: the link opens a synthetic world with these parameters.` : '';
      setLinkStatus(`Link to tick ${linkTick} copied.${fileNote}`);
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): show the link to copy by hand.
      setFallbackLink(link);
      setLinkStatus('The browser refused clipboard access; copy the link below.');
    }
  };

  const downloadCsv = () => {
    const state = feedLabStore.getState();
    const csv = metricsToCsv(state.metrics);
    downloadBlob(new Blob([csv], { type: 'text/csv' }), `feedlab-feed-machine-seed${state.params.seed}-tick${state.tick}.csv`);
  };

  return (
    <div className="run-controls">
      <div className="button-row">
        {playing ? (
          <button type="button" className="primary" onClick={() => controller?.pause()}>
            Pause
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => controller?.play()} disabled={!canRun}>
            Play
          </button>
        )}
        <button type="button" onClick={() => void controller?.step()} disabled={!canRun || playing || phase === 'busy'}>
          Step
        </button>
        <button type="button" onClick={() => void controller?.reset()} disabled={controller === null}>
          Reset
        </button>
        <span className="tick-counter">
          Tick{' '}
          <output aria-label="Tick" data-testid="tick">
            {tick}
          </output>
        </span>
      </div>

      <div className="speed">
        <label htmlFor={speedId}>Target speed (ticks per second)</label>
        <input
          id={speedId}
          type="range"
          min={1}
          max={60}
          step={1}
          value={speed}
          onChange={(event) => feedLabStore.getState().setView({ speed: Number(event.currentTarget.value) })}
        />
        <output htmlFor={speedId}>{speed}</output>
        {playing && measuredSpeed !== null && measuredSpeed < 0.8 * speed ? (
          <span className="speed-note"> This world runs at about {measuredSpeed.toFixed(1)} ticks per second here; a smaller world runs faster.</span>
        ) : null}
      </div>

      <p className="run-status" aria-live="polite" data-testid="run-status">
        <StatusText />
      </p>

      <div className="button-row">
        <button type="button" onClick={() => void copyLink()}>
          Copy link
        </button>
        <button type="button" onClick={downloadCsv} disabled={tick === 0}>
          Download CSV
        </button>
        <span className="link-status" aria-live="polite">
          {linkStatus}
        </span>
      </div>
      {fallbackLink && (
        <label className="fallback-link">
          Link to this state
          <input type="text" readOnly value={fallbackLink} onFocus={(event) => event.currentTarget.select()} />
        </label>
      )}
    </div>
  );
}
