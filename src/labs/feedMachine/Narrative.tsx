/** Renders the lab's introduction and learning objectives. */
export function Narrative() {
  return (
    <section aria-labelledby="intro-heading" className="narrative">
      <h2 id="intro-heading">What this lab is about</h2>
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
      <h3>After this lab you can</h3>
      <ul>
        <li>name the stages of a feed pipeline (retrieval, ranking, serving, logging, retraining) and point to each on the page;</li>
        <li>explain why engagement (clicks, watch time) and true utility can move apart;</li>
        <li>predict and then measure what exploration, retraining and diversity re-ranking do to topic diversity and utility;</li>
        <li>explain why a model's predictions differ from the truth before and after it learns from logs.</li>
      </ul>
    </section>
  );
}
