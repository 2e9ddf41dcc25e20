import type { ObservedResponse, TrueResponse } from '../world/response';
import type { World } from '../world/types';
import type { PlannedSlot } from './feed';
import type { ServedItem } from './types';

/**
 * Builds a served item for display, field by field. Object spread here made
 * V8 build slow dictionary-mode objects, which cost more than the whole
 * response model per impression.
 */
export function servedItem(world: World, slot: PlannedSlot, position: number, truth: TrueResponse, observed?: ObservedResponse): ServedItem {
  return {
    item: slot.item,
    position,
    source: slot.source,
    topic: world.itemTopic[slot.item],
    creator: world.itemCreator[slot.item],
    predictedClick: slot.predictedClick,
    predictedWatch: slot.predictedWatch,
    clickPart: slot.clickPart,
    watchPart: slot.watchPart,
    diversityPenalty: slot.diversityPenalty,
    finalScore: slot.finalScore,
    trueClick: truth.clickProb,
    trueWatch: truth.expectedWatch,
    trueUtility: truth.utility,
    observed,
  };
}
