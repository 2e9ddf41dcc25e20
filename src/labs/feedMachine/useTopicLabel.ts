import { useCallback } from 'react';
import { selectTopicNames } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import { topicLabel } from './format';

/** Returns a function from topic index to the label of the world on screen (see {@link topicLabel}). */
export function useTopicLabel(): (topic: number) => string {
  const names = useFeedLab(selectTopicNames);
  return useCallback((topic: number) => topicLabel(topic, names), [names]);
}
