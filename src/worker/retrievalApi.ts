import { transfer } from 'comlink';
import { errorMessage } from '../engine/backend/activate';
import { selectBackend } from '../engine/backend/selectBackend';
import type { BackendName, BackendReport } from '../engine/backend/types';
import { fitPca, projectRows } from '../engine/embedding/projection';
import { umap2 } from '../engine/embedding/umap';
import { parseRatings } from '../engine/io/movielens';
import { Random } from '../engine/random';
import { datasetFromRatings, datasetFromWorld, type RetrievalDataset } from '../engine/retrieval/dataset';
import { CANDIDATE_K, LAB_K, RetrievalEvaluator, scoreItems } from '../engine/retrieval/evaluator';
import { HnswIndex } from '../engine/retrieval/hnswIndex';
import { IvfIndex, exactSearch, recallAtK } from '../engine/retrieval/ivfIndex';
import { buildIndex, medianMsPerQuery, recallTimeCurve, type IndexKind, type RecallTimeRow } from '../engine/retrieval/labSearch';
import { topK } from '../engine/retrieval/topK';
import { trainEmbeddings, type EpochRow, type Hyperparameters, type LabModel, type TrainedEmbeddings } from '../engine/retrieval/trainEmbeddings';
import { createSyntheticWorld } from '../engine/world/synthetic';
import type { EngineEnvironment } from './engineApi';
import { ProgressThrottle } from './progressThrottle';
import { SerialQueue } from './serialQueue';
import { yieldToEventLoop } from './yieldToEventLoop';

/** Sizes of the synthetic world the lab generates. */
export interface WorldSettings {
  seed: number;
  users: number;
  items: number;
  topics: number;
  creators: number;
  /** Items each user watched. */
  watches: number;
}

export interface DatasetSummary {
  source: 'synthetic' | 'movielens';
  name: string;
  users: number;
  items: number;
  trainPositives: number;
  heldOutPositives: number;
  groupNames: string[];
  /** Colour group of each item, [items]. */
  itemGroup: Uint32Array;
  /** Creator of each item, [items]; empty for imported data. */
  itemCreator: Uint32Array;
  backend: BackendReport;
}

export interface TrainSummary {
  model: LabModel;
  hyper: Hyperparameters;
  curve: EpochRow[];
  trainMs: number;
}

/** A 2-D layout of the items (rows 0..items−1) followed by the users, [items + users, 2]. */
export interface MapLayout {
  model: LabModel;
  method: 'pca' | 'umap';
  points: Float32Array;
  items: number;
  /** PCA only: share of the variance on each axis. */
  explained?: [number, number];
}

export interface Retrieval {
  /** Retrieved items, best first. */
  candidates: number[];
  /** Exact search's top k. */
  exact: number[];
  /** recall@k of the candidates against exact search. */
  recallVsExact: number;
  /** The user's true top k (unseen items); [] without a world. */
  trueTop: number[];
  /** recall@k of the candidates against the true top k; NaN without a world. */
  recallVsTruth: number;
  /** Median time of one query in milliseconds, after a warm-up (see medianMsPerQuery). */
  ms: number;
  /** Cells probed (IVF), in probe order. */
  probedCells: number[];
}

export interface IndexStructure {
  kind: IndexKind;
  buildMs: number;
  /** IVF: cell of each item, [items]. */
  cellOf?: Uint32Array;
  cellSizes?: number[];
  /** HNSW: nodes on each layer, layer 0 first. */
  layerSizes?: number[];
  /** HNSW: links of layers 2 and up, as item id pairs [edges, 2]. */
  upperEdges?: Uint32Array;
}

export interface ColdStartResult {
  model: LabModel;
  creator: number;
  tag: number;
  /** Map position of the new item on the model's last drawn map; null when its map was not drawn. */
  point: [number, number] | null;
  /** Its 10 nearest items by cosine. */
  neighbours: number[];
  /** Share of those neighbours whose dominant true topic equals the tag; NaN without a world. */
  sameTopicShare: number;
}

export type TrainProgress = { fraction: number; row?: EpochRow; text: string };

const PROGRESS_INTERVAL_MS = 100;

/**
 * Lab 3's worker API: datasets, training, layouts, indexes and search run
 * here, never on the page's thread. Calls that change state run one at a
 * time. `cancel` and `neighbours` bypass the queue, so a hover is still
 * served between two epochs of a training run.
 */
export function createRetrievalApi(environment: EngineEnvironment) {
  const { log } = environment;
  const queue = new SerialQueue();
  const cancelled = new Set<number>();
  let backend: BackendReport | undefined;
  let dataset: RetrievalDataset | undefined;
  let evaluator: RetrievalEvaluator | undefined;
  let seed = 7;
  const models = new Map<LabModel, TrainedEmbeddings>();
  const layouts = new Map<LabModel, { basis: ReturnType<typeof fitPca>; method: 'pca' | 'umap'; points: Float32Array }>();
  const indexes = new Map<string, IvfIndex | HnswIndex>();

  /**
   * Chooses the backend once. The default is WASM without a trial. In a
   * headless Chromium worker on a 2-core machine (TF.js 4.22), matrix
   * factorisation trained about 10x faster on WASM than on the CPU backend
   * and over 100x faster than on software WebGL. A timed trial on a busy
   * machine also ranked CPU first once in this lab's runs.
   */
  async function ensureBackend(requested: BackendName | 'auto' = 'wasm'): Promise<BackendReport> {
    if (backend === undefined) {
      const selection = await selectBackend({ candidates: environment.candidates, requested, renderer: environment.readWebGLRenderer?.(), limits: environment.trialLimits });
      backend = selection.report;
      log.info(`backend: ${backend.active} chosen; ranking ${selection.ranking.join(' > ')}`);
    }
    return backend;
  }

  function requireDataset(): RetrievalDataset {
    if (dataset === undefined) {
      throw new Error('No dataset yet: generate a world or import a ratings file first');
    }
    return dataset;
  }

  function requireModel(model: LabModel): TrainedEmbeddings {
    const trained = models.get(model);
    if (trained === undefined) {
      throw new Error(`The ${model} model is not trained yet: train it first`);
    }
    return trained;
  }

  function throwIfCancelled(runId: number): void {
    if (cancelled.delete(runId)) {
      throw new Error('Cancelled');
    }
  }

  async function useDataset(next: RetrievalDataset, backendReport: BackendReport): Promise<DatasetSummary> {
    dataset = next;
    evaluator = new RetrievalEvaluator(next, new Random(seed).fork('evaluation'));
    models.clear();
    layouts.clear();
    indexes.clear();
    await yieldToEventLoop();
    return {
      source: next.source,
      name: next.name,
      users: next.users,
      items: next.items,
      trainPositives: next.train.length,
      heldOutPositives: next.heldOut.length,
      groupNames: next.groupNames,
      itemGroup: next.itemGroup.slice(),
      itemCreator: next.itemCreator?.slice() ?? new Uint32Array(0),
      backend: backendReport,
    };
  }

  /** Unit-length copy of the item vectors, for cosine neighbours. */
  function normalisedItems(trained: TrainedEmbeddings): Float32Array {
    const out = trained.itemVectors.slice();
    for (let offset = 0; offset < out.length; offset += trained.dim) {
      const norm = Math.hypot(...out.subarray(offset, offset + trained.dim)) || 1;
      for (let k = 0; k < trained.dim; k += 1) {
        out[offset + k] /= norm;
      }
    }
    return out;
  }

  function cosineNeighbours(trained: TrainedEmbeddings, vector: Float32Array, k: number, exclude?: number): number[] {
    const unit = normalisedItems(trained);
    const norm = Math.hypot(...vector) || 1;
    const scores = new Float32Array(trained.itemVectors.length / trained.dim);
    scoreItems(vector.map((value) => value / norm), unit, trained.dim, scores);
    if (exclude !== undefined) {
      scores[exclude] = Number.NEGATIVE_INFINITY;
    }
    return topK(scores, k);
  }

  /**
   * Returns the map position of a vector: its PCA projection, or for UMAP the
   * mean position of its 10 nearest items. Returns null when the model's map was not drawn.
   */
  function place(model: LabModel, vector: Float32Array): [number, number] | null {
    const layout = layouts.get(model);
    const trained = requireModel(model);
    if (layout === undefined) {
      return null;
    }
    if (layout.method === 'pca') {
      const point = projectRows(layout.basis, vector, 1);
      return [point[0], point[1]];
    }
    const near = cosineNeighbours(trained, vector, LAB_K);
    const x = near.reduce((sum, item) => sum + layout.points[item * 2], 0) / near.length;
    const y = near.reduce((sum, item) => sum + layout.points[item * 2 + 1], 0) / near.length;
    return [x, y];
  }

  const api = {
    /** Chooses the backend and generates a synthetic world and its watch log. */
    async generate(settings: WorldSettings, requested: BackendName | 'auto' = 'wasm'): Promise<DatasetSummary> {
      return queue.run(async () => {
        const report = await ensureBackend(requested);
        seed = settings.seed;
        const rng = new Random(settings.seed);
        const world = createSyntheticWorld({ users: settings.users, items: settings.items, creators: settings.creators, topics: settings.topics }, rng.fork('world'));
        const next = datasetFromWorld(world, { perUser: settings.watches, heldOutShare: 0.2 }, rng.fork('watches'));
        log.info(`generate: ${world.users} users, ${world.items} items, ${next.train.length} training watches`);
        return transfer(await useDataset(next, report), []);
      });
    },

    /**
     * Reads a MovieLens file in chunks (progress by bytes read), parses it,
     * and only then replaces the dataset. A bad file rejects with the
     * parser's message (file, line, field) and keeps the current dataset.
     */
    async importRatings(file: Blob & { name: string }, onProgress?: (fraction: number, text: string) => void): Promise<DatasetSummary> {
      return queue.run(async () => {
        const report = await ensureBackend();
        const throttle = new ProgressThrottle<[number, string]>(([fraction, text]) => onProgress?.(fraction, text), PROGRESS_INTERVAL_MS);
        const decoder = new TextDecoder();
        const reader = file.stream().getReader();
        let text = '';
        let read = 0;
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) {
            break;
          }
          read += chunk.value.byteLength;
          text += decoder.decode(chunk.value, { stream: true });
          throttle.report([(0.8 * read) / Math.max(1, file.size), `Read ${(read / 1e6).toFixed(1)} of ${(file.size / 1e6).toFixed(1)} MB`]);
        }
        text += decoder.decode();
        throttle.flush([0.8, 'Parsing ratings…']);
        await yieldToEventLoop();
        // NOTE: parsing is one synchronous call, so progress does not move while it runs (about 1 s per million ratings, estimated).
        const ratings = parseRatings(text, file.name);
        throttle.flush([1, `Parsed ${ratings.rating.length} ratings`]);
        return useDataset(datasetFromRatings(ratings, new Random(seed)), report);
      });
    },

    /** Trains one model; progress arrives after each epoch. Rejects with "Cancelled" after {@link cancel}. */
    async train(model: LabModel, hyper: Hyperparameters, runId: number, onProgress?: (progress: TrainProgress) => void): Promise<TrainSummary> {
      return queue.run(async () => {
        const data = requireDataset();
        const rng = new Random(seed).fork(`train:${model}`);
        throwIfCancelled(runId);
        const trained = await trainEmbeddings(data, model, hyper, evaluator as RetrievalEvaluator, rng, (row, fraction) => {
          onProgress?.({ fraction, row: Number.isNaN(row.loss) ? undefined : row, text: `Epoch ${row.epoch} of ${hyper.epochs}` });
          throwIfCancelled(runId);
        });
        models.set(model, trained);
        layouts.delete(model);
        for (const key of [...indexes.keys()].filter((name) => name.startsWith(`${model}:`))) {
          indexes.delete(key);
        }
        log.info(`train: ${model} in ${Math.round(trained.trainMs)} ms`);
        return { model, hyper, curve: trained.curve, trainMs: trained.trainMs };
      });
    },

    cancel(runId: number): void {
      cancelled.add(runId);
    },

    /** Lays out the items and users of a trained model. */
    async layout(model: LabModel, method: 'pca' | 'umap', runId: number, onProgress?: (fraction: number) => void): Promise<MapLayout> {
      return queue.run(async () => {
        const trained = requireModel(model);
        const data = requireDataset();
        const basis = fitPca(trained.itemVectors, data.items, trained.dim);
        let itemPoints: Float32Array;
        if (method === 'pca') {
          itemPoints = projectRows(basis, trained.itemVectors, data.items);
        } else {
          const throttle = new ProgressThrottle<number>((fraction) => onProgress?.(fraction), PROGRESS_INTERVAL_MS);
          itemPoints = await umap2(trained.itemVectors, data.items, trained.dim, new Random(seed).fork('umap'), {}, async (fraction) => {
            throttle.report(fraction);
            await yieldToEventLoop();
            throwIfCancelled(runId);
          });
        }
        layouts.set(model, { basis, method, points: itemPoints });
        const points = new Float32Array((data.items + data.users) * 2);
        points.set(itemPoints);
        for (let user = 0; user < data.users; user += 1) {
          const [x, y] = place(model, trained.userVectors.subarray(user * trained.dim, (user + 1) * trained.dim)) ?? [0, 0];
          points[(data.items + user) * 2] = x;
          points[(data.items + user) * 2 + 1] = y;
        }
        return transfer({ model, method, points, items: data.items, explained: method === 'pca' ? basis.explained : undefined }, [points.buffer]);
      });
    },

    /** Finds an item's k nearest items by cosine and, for synthetic data, its k nearest by true topic mix. */
    neighbours(model: LabModel, item: number, k = LAB_K): { model: number[]; truth: number[] } {
      const trained = requireModel(model);
      const data = requireDataset();
      const modelNeighbours = cosineNeighbours(trained, trained.itemVectors.subarray(item * trained.dim, (item + 1) * trained.dim), k, item);
      const world = data.world;
      if (world === undefined) {
        return { model: modelNeighbours, truth: [] };
      }
      const t = world.topics;
      const scores = new Float32Array(world.items);
      const mix = world.itemTopics.subarray(item * t, (item + 1) * t);
      const mixNorm = Math.hypot(...mix) || 1;
      for (let other = 0; other < world.items; other += 1) {
        const row = world.itemTopics.subarray(other * t, (other + 1) * t);
        let dot = 0;
        for (let k2 = 0; k2 < t; k2 += 1) {
          dot += mix[k2] * row[k2];
        }
        scores[other] = dot / (mixNorm * (Math.hypot(...row) || 1));
      }
      scores[item] = Number.NEGATIVE_INFINITY;
      return { model: modelNeighbours, truth: topK(scores, k) };
    },

    /** Builds an IVF or HNSW index over a model's item vectors and returns its structure. */
    async buildIndex(model: LabModel, kind: IndexKind): Promise<IndexStructure> {
      return queue.run(async () => {
        const trained = requireModel(model);
        const started = performance.now();
        const index = buildIndex(kind, trained.itemVectors, trained.dim, new Random(seed).fork(`index:${kind}`));
        indexes.set(`${model}:${kind}`, index);
        const buildMs = performance.now() - started;
        if (index instanceof IvfIndex) {
          const cellOf = new Uint32Array(index.size);
          const cellSizes: number[] = [];
          for (let cell = 0; cell < index.lists; cell += 1) {
            cellSizes.push(index.offsets[cell + 1] - index.offsets[cell]);
            for (let m = index.offsets[cell]; m < index.offsets[cell + 1]; m += 1) {
              cellOf[index.members[m]] = cell;
            }
          }
          return transfer({ kind, buildMs, cellOf, cellSizes }, [cellOf.buffer]);
        }
        const layerSizes: number[] = [];
        const edges: number[] = [];
        index.links.forEach((layer, level) => {
          let nodes = 0;
          layer.forEach((neighbours, id) => {
            if (neighbours !== undefined && index.levels[id] >= level) {
              nodes += 1;
              // Layer 1 alone has about a tenth of the items and ten times as many links, too dense to draw.
              if (level > 1) {
                for (const other of neighbours) {
                  edges.push(id, other);
                }
              }
            }
          });
          layerSizes.push(nodes);
        });
        const upperEdges = Uint32Array.from(edges);
        return transfer({ kind, buildMs, layerSizes, upperEdges }, [upperEdges.buffer]);
      });
    },

    /** Retrieves a user's top k with exact search or an index (built on first use), and scores it against exact search and the truth. */
    async retrieve(model: LabModel, user: number, method: 'exact' | IndexKind, parameter: number, k = CANDIDATE_K): Promise<Retrieval> {
      return queue.run(async () => {
        const trained = requireModel(model);
        const data = requireDataset();
        const query = trained.userVectors.subarray(user * trained.dim, (user + 1) * trained.dim);
        const exact = exactSearch(trained.itemVectors, trained.dim, query, k);
        let candidates = exact;
        let probedCells: number[] = [];
        let search = (): number[] => exactSearch(trained.itemVectors, trained.dim, query, k);
        if (method !== 'exact') {
          let index = indexes.get(`${model}:${method}`);
          if (index === undefined) {
            index = buildIndex(method, trained.itemVectors, trained.dim, new Random(seed).fork(`index:${method}`));
            indexes.set(`${model}:${method}`, index);
          }
          const built = index;
          search = () => (built instanceof IvfIndex ? built.search(query, k, parameter) : built.search(query, k, Math.max(k, parameter)));
          candidates = search();
          if (index instanceof IvfIndex) {
            const cellScores = new Float32Array(index.lists);
            scoreItems(query, index.centroids, trained.dim, cellScores);
            probedCells = topK(cellScores, Math.min(index.lists, Math.max(1, parameter)));
          }
        }
        // The same method as the recall/time curve: a warm-up, then the median of repeats. The index build is left out.
        const ms = medianMsPerQuery(search, 1);
        const trueTop = evaluator?.trueTopK(user, k) ?? [];
        return {
          candidates,
          exact,
          recallVsExact: recallAtK(exact, candidates),
          trueTop,
          recallVsTruth: data.world === undefined ? Number.NaN : recallAtK(trueTop, candidates),
          ms,
          probedCells,
        };
      });
    },

    /** Sweeps an index's search parameter over the evaluation users' queries: recall@10 against exact search, and time per query. */
    async recallCurve(model: LabModel, kind: IndexKind): Promise<RecallTimeRow[]> {
      return queue.run(async () => {
        const trained = requireModel(model);
        let index = indexes.get(`${model}:${kind}`);
        if (index === undefined) {
          index = buildIndex(kind, trained.itemVectors, trained.dim, new Random(seed).fork(`index:${kind}`));
          indexes.set(`${model}:${kind}`, index);
        }
        const users = (evaluator as RetrievalEvaluator).users;
        const queries = new Float32Array(users.length * trained.dim);
        users.forEach((user, row) => queries.set(trained.userVectors.subarray(user * trained.dim, (user + 1) * trained.dim), row * trained.dim));
        return recallTimeCurve(kind, index, trained.itemVectors, trained.dim, queries, LAB_K);
      });
    },

    /**
     * Adds a new item with no interactions, by a random creator, and reports
     * where the model puts it: its map position, its nearest items, and how
     * many of them share its true topic.
     */
    async coldStart(model: LabModel, draw: number): Promise<ColdStartResult> {
      return queue.run(async () => {
        const trained = requireModel(model);
        const data = requireDataset();
        const rng = new Random(seed).fork(`cold-start:${draw}`);
        const item = rng.int(data.items);
        const creator = data.itemCreator?.[item] ?? 0;
        const tag = data.itemGroup[item];
        const vector = trained.coldItem(creator, tag, rng.fork(model));
        const neighbours = cosineNeighbours(trained, vector, LAB_K);
        const sameTopicShare = data.world === undefined ? Number.NaN : neighbours.filter((other) => data.itemGroup[other] === tag).length / neighbours.length;
        return { model, creator, tag, point: place(model, vector), neighbours, sameTopicShare };
      });
    },

    backendReport(): BackendReport | undefined {
      return backend;
    },
  };
  return api;
}

export type RetrievalApi = ReturnType<typeof createRetrievalApi>;

/** Returns the message of a failed call, for the page. */
export function describeFailure(error: unknown): string {
  return errorMessage(error);
}
