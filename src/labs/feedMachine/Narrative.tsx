import { LabIntro } from '../../teaching/LabIntro';

const OBJECTIVES = [
  'name the stages of a feed pipeline (retrieval, ranking, serving, logging, retraining) and point to each on the page;',
  'explain why engagement (clicks, watch time) and true utility can move apart;',
  'predict and then measure what exploration, retraining and diversity re-ranking do to topic diversity and utility;',
  'explain why a model’s predictions differ from the truth before and after it learns from logs.',
];

/** Renders the lab's introduction and learning objectives. */
export function Narrative() {
  return (
    <LabIntro objectives={OBJECTIVES}>
      <p>
        A short-video feed is a loop. Each tick, users open the app and get a feed: candidates come from popular items, from an embedding model and from
        random exploration, a ranker scores them by predicted clicks and watch time, and the feed is served. Users respond according to their true interests,
        which the platform never sees. Their clicks and watches are logged, and every few ticks the models retrain on those logs, so the next feeds depend on
        the last ones.
      </p>
      <p>
        This page runs that loop live in your browser and shows, beside every number the platform measures, the truth it cannot see: what users really
        gained, and how their interests moved.
      </p>
    </LabIntro>
  );
}
