/** The run's policy schedule as text, under the run controls: what changed, after which tick, from which value to which. */
import { useMemo } from 'react';
import { selectChanges, selectParams, selectTick } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import { describeSchedule } from './policyChangeText';

export function PolicyChangeList() {
  const params = useFeedLab(selectParams);
  const changes = useFeedLab(selectChanges);
  const tick = useFeedLab(selectTick);
  const entries = useMemo(() => describeSchedule(params, changes, tick), [params, changes, tick]);

  return (
    <div className="policy-changes" data-testid="policy-changes">
      {entries.length === 0 ? (
        <p className="help">No policy changes in this run. Past tick 0, a new policy setting applies from the next tick and is listed here.</p>
      ) : (
        <>
          <p>Changes in this run:</p>
          <ul>
            {entries.map((entry) => (
              <li key={entry.tick}>
                {entry.text}
                {entry.pending && ' (not reached yet)'}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
