/** Shows the TensorFlow.js backend that trains the models, the start-up trial's timings, and every fallback. */
import { selectBackend, selectWorld } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import { describeTrial } from './backendText';
import { formatNumber } from './format';

export function BackendPanel() {
  const report = useFeedLab(selectBackend);
  const world = useFeedLab(selectWorld);

  return (
    <div className="backend-panel">
      <p>
        TensorFlow.js backend: <strong data-testid="backend">{report ? report.active : 'choosing…'}</strong>
        {report?.renderer && <> (WebGL renderer: {report.renderer})</>}
        {world && (
          <>
            {' '}
            · {world.source === 'movielens' ? 'MovieLens' : 'synthetic'} world of {world.users} users, {world.items} items, {world.topics} topics
          </>
        )}
      </p>
      {report && report.fallbacks.length > 0 && (
        <ul className="fallbacks">
          {report.fallbacks.map((fallback, index) => (
            <li key={index}>
              {fallback.from} stopped at tick {fallback.tick} ({fallback.reason}); continuing on {fallback.to}.
            </li>
          ))}
        </ul>
      )}
      {report && report.trials.length > 0 && (
        <p className="trial-summary">
          Start-up trial:{' '}
          {report.trials.map(describeTrial).join('; ')}.
        </p>
      )}
      {report && report.trials.length > 0 && (
        <details>
          <summary>Backend trial timings</summary>
          <table>
            <caption>Start-up trial: median milliseconds per training step of a small workload</caption>
            <thead>
              <tr>
                <th scope="col">Backend</th>
                <th scope="col">Worked</th>
                <th scope="col">ms per step</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {report.trials.map((trial) => (
                <tr key={trial.backend}>
                  <th scope="row">{trial.backend}</th>
                  <td>{trial.ok ? 'yes' : 'no'}</td>
                  <td>{trial.msPerStep === undefined ? '—' : formatNumber(trial.msPerStep, 1)}</td>
                  <td>{trial.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
