/**
 * Lab 3, embeddings and retrieval. The student trains biased MF, BPR and a
 * two-tower model on a synthetic world whose truth is known (or on an
 * imported MovieLens file), looks at the item embeddings on a map, and
 * compares exact search with IVF and HNSW indexes. All computation runs in
 * the lab's worker.
 */
import { proxy } from 'comlink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLabQuery } from '../../state/labQuery';
import { CheckQuestions } from '../../teaching/CheckQuestions';
import { CopyLinkButton } from '../../teaching/CopyLinkButton';
import { ModeSwitch } from '../../teaching/ModeSwitch';
import { LabIntro } from '../../teaching/LabIntro';
import { PredictThenRun } from '../../teaching/PredictThenRun';
import type { EpochRow, LabModel } from '../../engine/retrieval/trainEmbeddings';
import type { RecallTimeRow } from '../../engine/retrieval/labSearch';
import type { ColdStartResult, DatasetSummary, IndexStructure, MapLayout, Retrieval, TrainProgress } from '../../worker/retrievalApi';
import { MapPanel, RecallTimeChart, TrainingCurves } from './RetrievalPanels';
import { ColdStartSection, GroundTruthPanel } from './RetrievalSections';
import { RETRIEVAL_DEFAULTS, RETRIEVAL_FIELDS, type RetrievalSettings } from './settings';
import { CHECK_QUESTIONS, OBJECTIVES, buildSteps } from './teaching';
import { useRetrievalWorker } from './useRetrievalWorker';
import { useWorkerCall } from './useWorkerCall';
import { NumberSetting, SelectSetting } from './SettingInputs';
import { formatQueryTime } from './formatTime';
import { mapColouring, unavailableColourings } from './mapColouring';

let nextRunId = 1;

const NO_NAMES: readonly string[] = [];

export function RetrievalPage() {
  const [settings, setSettings] = useLabQuery(RETRIEVAL_FIELDS, RETRIEVAL_DEFAULTS);
  const { client, crash, restart, generation } = useRetrievalWorker();
  const [dataset, setDataset] = useState<DatasetSummary>();
  const { status, error, busy, perform, progressStatus, markCancelling } = useWorkerCall('Starting the worker…');
  const [curves, setCurves] = useState<Partial<Record<LabModel, EpochRow[]>>>({});
  const [trained, setTrained] = useState<Set<LabModel>>(new Set());
  const [layout, setLayout] = useState<MapLayout>();
  const [retrieval, setRetrieval] = useState<Retrieval>();
  const [structure, setStructure] = useState<IndexStructure>();
  /** IVF cell of each item for the model whose IVF index was last built; kept after an HNSW search so "Colour by: cell" stays true. */
  const [ivfCells, setIvfCells] = useState<{ model: LabModel; cellOf: Uint32Array }>();
  /** The index a shown retrieval used, for the ground-truth line. */
  const [retrievedWith, setRetrievedWith] = useState<string>('exact');
  const [curve, setCurve] = useState<RecallTimeRow[]>([]);
  const [coldStart, setColdStart] = useState<ColdStartResult[]>([]);
  const [hover, setHover] = useState<{ item: number; model: number[]; truth: number[] } | null>(null);
  const runId = useRef(0);
  const clientRef = useRef(client);
  clientRef.current = client;

  const worldKey = `${settings.seed}-${settings.users}-${settings.items}-${settings.topics}-${settings.watches}`;

  const cancel = () => {
    markCancelling();
    client?.api.cancel(runId.current);
  };

  const resetResults = () => {
    setCurves({});
    setTrained(new Set());
    setLayout(undefined);
    setRetrieval(undefined);
    setStructure(undefined);
    setIvfCells(undefined);
    setCurve([]);
    setColdStart([]);
  };

  const generateWorld = () => {
    if (client === undefined) {
      return;
    }
    void perform('Generating the world…', async () => {
      const summary = await client.api.generate({ seed: settings.seed, users: settings.users, items: settings.items, topics: settings.topics, creators: Math.max(10, Math.round(settings.items / 40)), watches: settings.watches });
      resetResults();
      setDataset(summary);
    });
  };

  // The world is regenerated when its settings or the worker change, not on every setting.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(generateWorld, [client, worldKey, perform]);

  const hyper = { dim: settings.dim, epochs: settings.epochs, learningRate: settings.lr, l2: settings.l2, negatives: settings.negatives };
  const model = settings.model;
  const userCount = dataset?.users ?? 0;
  /** The user the map and search show: the "Chosen user" setting, or the world's last user when the setting is past the end. */
  const chosenUser = Math.max(0, Math.min(settings.user, userCount - 1));
  const userOutOfRange = dataset !== undefined && settings.user >= userCount;
  const imported = dataset?.source === 'movielens';

  const train = () =>
    perform(`Training ${model}…`, async () => {
      if (!client) return;
      runId.current = nextRunId++;
      setCurves((current) => ({ ...current, [model]: [] }));
      const report = progressStatus();
      const summary = await client.api.train(model, hyper, runId.current, proxy((progress: TrainProgress) => {
        report(`Training ${model}: ${progress.text}`);
        if (progress.row) {
          const row = progress.row;
          setCurves((current) => ({ ...current, [model]: [...(current[model] ?? []), row] }));
        }
      }));
      setCurves((current) => ({ ...current, [model]: summary.curve }));
      setTrained((current) => new Set([...current, model]));
      setLayout(undefined);
      setStructure(undefined);
      setIvfCells((current) => (current?.model === model ? undefined : current));
      setRetrieval(undefined);
      setColdStart([]);
    });

  const drawMap = () =>
    perform(`Laying out ${model} with ${settings.map.toUpperCase()}…`, async () => {
      if (!client) return;
      runId.current = nextRunId++;
      const report = progressStatus();
      const next = await client.api.layout(model, settings.map, runId.current, proxy((fraction: number) => report(`UMAP layout: ${Math.round(fraction * 100)}%`)));
      setLayout(next);
      setColdStart([]);
      setRetrieval(await client.api.retrieve(model, chosenUser, settings.index, settings.index === 'hnsw' ? settings.ef : settings.probes));
      setRetrievedWith(settings.index);
    });

  /** Builds the IVF index of the drawn model so the map can be coloured by cell. */
  const buildCells = () =>
    perform('Building the IVF index…', async () => {
      if (!client || !layout) return;
      const built = await client.api.buildIndex(layout.model, 'ivf');
      if (built.cellOf) {
        setIvfCells({ model: layout.model, cellOf: built.cellOf });
      }
    });

  const search = () =>
    perform('Searching…', async () => {
      if (!client) return;
      const parameter = settings.index === 'hnsw' ? settings.ef : settings.probes;
      setRetrieval(await client.api.retrieve(model, chosenUser, settings.index, parameter));
      setRetrievedWith(settings.index);
      if (settings.index !== 'exact') {
        const built = await client.api.buildIndex(model, settings.index);
        setStructure(built);
        if (built.cellOf) {
          setIvfCells({ model, cellOf: built.cellOf });
        }
      }
    });

  const measureCurve = () =>
    perform('Measuring recall against query time…', async () => {
      if (!client) return;
      const ivf = await client.api.recallCurve(model, 'ivf');
      const hnsw = await client.api.recallCurve(model, 'hnsw');
      setCurve([...ivf, ...hnsw.filter((row) => row.kind !== 'exact')]);
    });

  const addColdItem = () =>
    perform('Adding a new item…', async () => {
      if (!client) return;
      const draw = coldStart.length + 1;
      const results: ColdStartResult[] = [];
      for (const candidate of ['bpr', 'two-tower'] as const) {
        if (trained.has(candidate)) {
          results.push(await client.api.coldStart(candidate, draw));
        }
      }
      setColdStart(results);
    });

  const importFile = (file: File) =>
    perform(`Importing ${file.name}…`, async () => {
      if (!client) return;
      const report = progressStatus();
      const summary = await client.api.importRatings(file, proxy((fraction: number, text: string) => report(`Importing ${file.name}: ${text} (${Math.round(fraction * 100)}%)`)));
      resetResults();
      setDataset(summary);
    });

  const onHover = useCallback(
    (item: number | null) => {
      if (item === null || !client || !layout) {
        setHover(null);
        return;
      }
      void client.api.neighbours(layout.model, item).then((found) => setHover({ item, ...found }));
    },
    [client, layout],
  );

  const hyperRef = useRef(hyper);
  hyperRef.current = hyper;
  const steps = useMemo(
    () => buildSteps(() => clientRef.current, () => hyperRef.current, (trainedModel) => setTrained((current) => new Set([...current, trainedModel]))),
    // The questions name the settings, so they are rebuilt when a model setting changes; a step's state is kept by its id.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [settings.dim, settings.epochs, settings.lr, settings.l2, settings.negatives],
  );

  const cells = layout !== undefined && ivfCells?.model === layout.model ? ivfCells.cellOf : undefined;
  const colouring = mapColouring(settings.colour, dataset, cells);

  const update = (next: Partial<RetrievalSettings>) => setSettings(next);
  const modelCurve = curves[model] ?? [];

  return (
    <main id="main" className="lab-page">
      <header className="lab-header">
        <h1>Lab 3: Embeddings and retrieval</h1>
        <ModeSwitch mode={settings.mode} onChange={(mode) => update({ mode })} />
      </header>
      {crash && (
        <div role="alert" className="field-error">
          {crash}. <button type="button" onClick={restart}>Restart the worker</button>
        </div>
      )}
      <LabIntro objectives={OBJECTIVES}>
        <p>
          A feed cannot score every video for every request. The retrieval stage turns users and items into vectors so that the score of an item for a user is an inner product, indexes the item
          vectors, and fetches the few hundred best candidates for the ranker in milliseconds. Here the world is synthetic, so the page also knows each user&apos;s true interests and can say how many of the
          truly best items retrieval found.
        </p>
      </LabIntro>


      <p aria-live="polite" data-testid="status">
        {status} {dataset && `Data: ${dataset.name}, ${dataset.users} users, ${dataset.items} items, ${dataset.trainPositives} training positives, ${dataset.heldOutPositives} held out; backend ${dataset.backend.active}.`}
      </p>
      {error && (
        <p role="alert" className="field-error" data-testid="error">
          {error}
        </p>
      )}

      {/* Hidden rather than unmounted in sandbox mode, so a running step keeps its prediction and result. */}
      <div hidden={settings.mode !== 'guided'} data-testid="guided-steps">
        <PredictThenRun steps={steps} ready={dataset !== undefined && !busy} />
      </div>

      <section className="panel controls-panel" aria-labelledby="retrieval-controls">
        <h2 id="retrieval-controls">Data and model</h2>
        {settings.mode === 'sandbox' && (
          <div className="parameter-grid">
            {imported && (
              <p className="help" data-testid="imported-note">
                In use: the imported file {dataset.name} ({dataset.users} users, {dataset.items} items). The synthetic world&apos;s settings are hidden while it is loaded. A copied link reopens the
                synthetic world, because files are not part of links.{' '}
                <button type="button" onClick={generateWorld} disabled={busy}>
                  Generate the synthetic world again
                </button>
              </p>
            )}
            {!imported && (
              <>
                <NumberSetting name="seed" label="Seed" value={settings.seed} onCommit={update} />
                <NumberSetting name="users" label="Users" value={settings.users} onCommit={update} />
                <NumberSetting name="items" label="Items" value={settings.items} onCommit={update} />
                <NumberSetting name="topics" label="Topics" value={settings.topics} onCommit={update} />
                <NumberSetting name="watches" label="Watches per user" value={settings.watches} onCommit={update} />
              </>
            )}
            <div className="parameter">
              <label htmlFor="retrieval-import">Import MovieLens ratings (u.data or ratings.csv)</label>
              <input id="retrieval-import" type="file" accept=".data,.csv,.txt" disabled={busy || !client} onChange={(event) => event.target.files?.[0] && void importFile(event.target.files[0])} />
            </div>
          </div>
        )}
        <div className="parameter-grid">
          <SelectSetting name="model" label="Model" value={model} options={['biased-mf', 'bpr', 'two-tower']} onCommit={update} />
          <NumberSetting name="dim" label="Dimension" value={settings.dim} onCommit={update} />
          <NumberSetting name="epochs" label="Epochs" value={settings.epochs} onCommit={update} />
          <NumberSetting name="lr" label="Learning rate" value={settings.lr} onCommit={update} />
          <NumberSetting name="l2" label="L2 penalty λ" value={settings.l2} onCommit={update} />
          <NumberSetting
            name="negatives"
            label="Negatives per positive"
            value={settings.negatives}
            onCommit={update}
            disabled={model === 'biased-mf'}
            help={model === 'biased-mf' ? 'Not used by biased MF, which fits the ratings of watched items and samples no negatives.' : undefined}
          />
        </div>
        <button type="button" className="primary" onClick={() => void train()} disabled={busy || !dataset}>
          Train {model}
        </button>{' '}
        <button type="button" onClick={cancel} disabled={!busy}>
          Cancel
        </button>
      </section>

      {modelCurve.length > 0 && <TrainingCurves model={model} rows={modelCurve} />}

      <section className="panel" aria-labelledby="map-heading">
        <h2 id="map-heading">Embedding map</h2>
        <div className="parameter-grid">
          <SelectSetting name="map" label="Projection" value={settings.map} options={['pca', 'umap']} onCommit={update} />
          <SelectSetting
            name="colour"
            label="Colour by"
            value={colouring.fallback === undefined ? settings.colour : 'topic'}
            options={['topic', 'creator', 'cell']}
            unavailable={unavailableColourings(dataset, cells)}
            help={colouring.fallback}
            onCommit={update}
          />
          <NumberSetting
            name="user"
            label="Chosen user"
            value={settings.user}
            onCommit={update}
            range={{ min: 0, max: Math.max(0, userCount - 1), noun: `user of this data (users 0 to ${Math.max(0, userCount - 1)})` }}
            help={userOutOfRange ? `User ${settings.user} is not in this data (users 0 to ${userCount - 1}); showing user ${chosenUser}.` : undefined}
          />
        </div>
        {layout && !cells && (
          <button type="button" onClick={() => void buildCells()} disabled={busy}>
            Build the IVF index to colour by cell
          </button>
        )}
        <button type="button" onClick={() => void drawMap()} disabled={busy || !trained.has(model)}>
          Draw the map of {model}
        </button>
        {!trained.has(model) && <span className="help"> Train {model} first.</span>}
        {layout && dataset && (
          <MapPanel
            layout={layout}
            group={colouring.group}
            groupLabel={colouring.label}
            groupNames={colouring.kind === 'topic' || colouring.kind === 'popularity' ? dataset.groupNames : NO_NAMES}
            user={chosenUser}
            retrieval={retrieval}
            hover={hover}
            onHover={onHover}
            coldStart={coldStart}
            edges={settings.index === 'hnsw' ? structure?.upperEdges : undefined}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="search-heading">
        <h2 id="search-heading">Nearest-neighbour search</h2>
        <div className="parameter-grid">
          <SelectSetting name="index" label="Search" value={settings.index} options={['exact', 'ivf', 'hnsw']} onCommit={update} />
          <NumberSetting name="probes" label="IVF nprobe (cells scanned)" value={settings.probes} onCommit={update} />
          <NumberSetting name="ef" label="HNSW ef (search width)" value={settings.ef} onCommit={update} />
        </div>
        <button type="button" onClick={() => void search()} disabled={busy || !trained.has(model)}>
          Retrieve for user {chosenUser}
        </button>{' '}
        <button type="button" onClick={() => void measureCurve()} disabled={busy || !trained.has(model)}>
          Measure recall against time
        </button>
        {retrieval && (
          <p data-testid="retrieval-result">
            {retrievedWith} search returned {retrieval.candidates.length} candidates in {formatQueryTime(retrieval.ms)} (median of repeated runs on this machine), the first 10 {retrieval.candidates.slice(0, 10).join(', ')}: recall@{retrieval.candidates.length}{' '}
            {(100 * retrieval.recallVsExact).toFixed(0)}% of the exact top {retrieval.exact.length}
            {retrieval.probedCells.length > 0 && ` (cells probed: ${retrieval.probedCells.join(', ')})`}.
          </p>
        )}
        {structure && (
          <p>
            {structure.kind === 'ivf'
              ? `IVF: ${structure.cellSizes?.length} cells of ${Math.min(...(structure.cellSizes ?? [0]))} to ${Math.max(...(structure.cellSizes ?? [0]))} items, built in ${structure.buildMs.toFixed(0)} ms. Colour the map by cell to see them.`
              : `HNSW: nodes per layer ${structure.layerSizes?.join(', ')} (layer 0 first), built in ${structure.buildMs.toFixed(0)} ms. The map draws the links of layers 2 and up, the long jumps a search starts with.`}
          </p>
        )}
        {curve.length > 0 && <RecallTimeChart rows={curve} />}
      </section>

      <ColdStartSection coldStart={coldStart} mapModel={layout?.model} disabled={busy || !(trained.has('bpr') || trained.has('two-tower'))} onAdd={() => void addColdItem()} />

      <GroundTruthPanel dataset={dataset} retrieval={retrieval} user={chosenUser} method={retrievedWith} />

      <CheckQuestions questions={CHECK_QUESTIONS} />
      <CopyLinkButton note={imported ? 'It reopens the synthetic world and these settings, not the imported file; train or run again to see results.' : undefined} />
      <span hidden data-testid="worker-generation">{generation}</span>
    </main>
  );
}
