/** Lab 3's cold-start section and ground-truth panel. */
import type { ColdStartResult, DatasetSummary, Retrieval } from '../../worker/retrievalApi';

interface ColdStartSectionProps {
  coldStart: readonly ColdStartResult[];
  /** Model of the drawn map, if any: only its new item gets a dot there. */
  mapModel?: string;
  disabled: boolean;
  onAdd(): void;
}

export function ColdStartSection({ coldStart, mapModel, disabled, onAdd }: ColdStartSectionProps) {
  return (
    <section className="panel" aria-labelledby="cold-heading">
      <h2 id="cold-heading">Cold start: a new item</h2>
      <p>
        Adds an item with no watches, by a random creator, and places it with each trained implicit model: BPR has only an untrained vector for it; the two-tower model builds one from its creator and
        tag. The map shows the new item only for the model it draws.
      </p>
      <button type="button" onClick={onAdd} disabled={disabled}>
        Add a new item
      </button>
      <ul data-testid="cold-start">
        {coldStart.map((result) => (
          <li key={result.model}>
            {result.model}: nearest items {result.neighbours.join(', ')};{' '}
            {Number.isFinite(result.sameTopicShare) ? `${Math.round(100 * result.sameTopicShare)}% share its true topic` : 'no ground truth for imported data'}
            {result.model === mapModel && result.point !== null ? ' (shown on the map)' : ' (not on the map: draw the map of this model to see it)'}.
          </li>
        ))}
      </ul>
    </section>
  );
}

interface GroundTruthPanelProps {
  dataset?: DatasetSummary;
  retrieval?: Retrieval;
  user: number;
  /** Search that produced `retrieval`: exact, ivf or hnsw. */
  method: string;
}

export function GroundTruthPanel({ dataset, retrieval, user, method }: GroundTruthPanelProps) {
  return (
    <aside className="panel truth-panel" aria-labelledby="truth-heading">
      <h2 id="truth-heading">Ground truth (what the platform cannot see)</h2>
      {dataset?.source === 'synthetic' ? (
        <>
          <p>
            Each user has true interests over {dataset.groupNames.length} topics and each item a true topic mix and quality; an item&apos;s true relevance to a user is their interest-topic overlap
            times its quality. The models never saw these: BPR and the two-tower model saw only who watched what, and biased MF saw the star ratings users gave the items they watched.
          </p>
          {retrieval && (
            <p data-testid="truth-result">
              User {user}&apos;s true top {retrieval.trueTop.length} unseen items begin {retrieval.trueTop.slice(0, 10).join(', ')}. The {retrieval.candidates.length} candidates retrieved by{' '}
              {method === 'exact' ? 'exact search' : `the ${method.toUpperCase()} index`} contain {Math.round(100 * retrieval.recallVsTruth)}% of them.
            </p>
          )}
        </>
      ) : (
        <p>Imported ratings have no ground truth: only the held-out metrics apply.</p>
      )}
    </aside>
  );
}
