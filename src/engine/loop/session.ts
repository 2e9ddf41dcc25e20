import type { Random } from '../random';
import type { UserDynamics } from '../world/dynamics';
import { leaveProbability } from '../world/dynamics';
import type { ObservedResponse, TrueResponse } from '../world/response';
import { sampleResponse } from '../world/response';
import type { PlannedSlot } from './feed';

/**
 * Samples the user's reactions to the planned slots in order until the user
 * leaves: with attention loss α (Lab 8's user dynamics), after an item
 * watched for fraction w the session ends with probability α (1 − w).
 * Without dynamics the whole feed is played and `rng` draws exactly what
 * Lab 1 draws. Returns the slots played with their reactions.
 */
export function playSession(slots: readonly PlannedSlot[], expected: readonly TrueResponse[], dynamics: UserDynamics | undefined, rng: Random): { slot: PlannedSlot; observed: ObservedResponse }[] {
  const played: { slot: PlannedSlot; observed: ObservedResponse }[] = [];
  for (let position = 0; position < slots.length; position += 1) {
    const observed = sampleResponse(expected[position], rng);
    played.push({ slot: slots[position], observed });

    const leave = leaveProbability(dynamics, observed.watch);
    if (leave > 0 && rng.bernoulli(leave)) {
      break;
    }
  }
  return played;
}
