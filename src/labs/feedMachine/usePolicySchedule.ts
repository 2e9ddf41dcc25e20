import { useMemo } from 'react';
import type { FeedMachineParams } from '../../engine/scenarios/feedMachine';
import { policyAt } from '../../state/policyChanges';
import { selectChanges, selectParams, selectTick } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import type { TickAnnotation } from '../../viz/TickAnnotations';
import { changeAnnotations } from './policyChangeText';

/** Returns the parameters in force for the next tick: the parameters at tick 0 with the schedule applied up to the current tick. */
export function useParamsInForce(): FeedMachineParams {
  const params = useFeedLab(selectParams);
  const changes = useFeedLab(selectChanges);
  const tick = useFeedLab(selectTick);
  return useMemo(() => policyAt(params, changes, tick), [params, changes, tick]);
}

/** Returns the chart markers of the run's policy changes; the same array until the schedule changes. */
export function usePolicyAnnotations(): readonly TickAnnotation[] {
  const changes = useFeedLab(selectChanges);
  return useMemo(() => changeAnnotations(changes), [changes]);
}
