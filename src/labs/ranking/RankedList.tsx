/**
 * One user's candidates ranked by the utility formula on a trained model's
 * predictions, each with its score as a waterfall of the formula's terms, and
 * beside it the rank the same formula gives on the true probabilities.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CtrModelKind, CtrTask } from '../../engine/ctr/types';
import { DEFAULT_UTILITY_FORMULA, parseUtilityFormula, type FormulaVariable } from '../../engine/ranking/utilityFormula';
import { ChartFigure } from '../../viz/ChartFigure';
import { Waterfall, waterfallSteps } from '../../viz/Waterfall';
import { TASK_VARIABLE } from '../../worker/rankingData';
import type { CandidateList } from '../../worker/rankingProtocol';
import { formatNumber, formatPercent } from './format';
import { FormulaEditor } from './FormulaEditor';
import { describeNonFiniteTerm, findNonFiniteTerm, missingVariables, scoreCandidates, topKUtilityShare, type ScoredCandidate } from './rankedList';
import { MODEL_KINDS, MODEL_LABELS, modelLabel, TASK_SHORT_LABELS, TASKS, trainRequestOf } from './rankingUrl';
import { useRankingPage, useSessionState } from './sessionContext';

/** Shared x range of the waterfalls: every running sum and total of every candidate, and 0. */
function sharedDomain(scored: readonly ScoredCandidate[]): [number, number] {
  const values = scored.flatMap((entry) => {
    const { steps, total } = waterfallSteps(entry.parts.map((part) => ({ label: part.text, value: part.value })));
    return [...steps.flatMap((step) => [step.start, step.end]), total];
  });
  const finite = values.filter(Number.isFinite);
  return [Math.min(0, ...finite), Math.max(1e-9, ...finite)];
}

function useCandidates(model: CtrModelKind | undefined, contextId: number | undefined): { list?: CandidateList; error?: string } {
  const { session } = useRankingPage();
  const version = useSessionState((state) => state.resultVersion);
  const phase = useSessionState((state) => state.phase);
  const [state, setState] = useState<{ list?: CandidateList; error?: string }>({});

  useEffect(() => {
    if (session === null || model === undefined || contextId === undefined || phase !== 'ready') {
      return;
    }
    let current = true;
    session.rank(contextId, model).then(
      (list) => current && setState({ list }),
      (error: unknown) => current && setState({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [session, model, contextId, version, phase]);
  return state;
}

/** Tasks whose predictions fill `variables`. */
function tasksOf(variables: readonly FormulaVariable[]): CtrTask[] {
  return TASKS.filter((task) => variables.includes(TASK_VARIABLE[task]));
}

type Scoring = { error: string } | { missing: FormulaVariable[] } | { scored: ScoredCandidate[]; nonFinite?: string };

export function RankedList() {
  const { session, settings, setSettings } = useRankingPage();
  const dataset = useSessionState((state) => state.dataset);
  const result = useSessionState((state) => state.result);
  const phase = useSessionState((state) => state.phase);
  // The last formula whose scores were all finite: the list falls back to it when a new one divides by zero.
  const lastFinite = useRef(DEFAULT_UTILITY_FORMULA);
  const modelId = useId();
  const contextId = useId();

  const trainedModels = MODEL_KINDS.filter((kind) => result?.jobs.some((job) => job.model === kind && job.status === 'done'));
  const model = trainedModels.includes(settings.rankModel) ? settings.rankModel : trainedModels[0];
  const contexts = dataset?.contexts ?? [];
  const context = contexts.find((candidate) => candidate.id === settings.context) ?? contexts[0];
  const { list, error } = useCandidates(model, context?.id);
  const formula = useMemo(() => parseUtilityFormula(settings.formula), [settings.formula]);

  const scoring = useMemo((): Scoring | undefined => {
    if (!list || list.model !== model || list.context.id !== context?.id) {
      return undefined;
    }
    const unlabelled = formula.variables.filter((variable) => !(dataset?.tasks ?? []).some((task) => TASK_VARIABLE[task] === variable));
    if (unlabelled.length > 0) {
      return { error: `This data set has no labels for ${unlabelled.join(' or ')}, so no model can predict it: write a formula without it, such as pCTR * 10.` };
    }
    const missing = missingVariables(formula.variables, list.candidates);
    if (missing.length > 0) {
      return { missing };
    }
    try {
      const scored = scoreCandidates(formula, list.candidates);
      const nonFinite = findNonFiniteTerm(scored);
      if (nonFinite === undefined) {
        return { scored };
      }
      const fallback = lastFinite.current === formula.source ? DEFAULT_UTILITY_FORMULA : lastFinite.current;
      return { scored: scoreCandidates(parseUtilityFormula(fallback), list.candidates), nonFinite: describeNonFiniteTerm(nonFinite, fallback) };
    } catch (scoringError) {
      return { error: (scoringError as Error).message };
    }
  }, [list, model, context, formula, dataset]);

  useEffect(() => {
    if (scoring !== undefined && 'scored' in scoring && scoring.nonFinite === undefined) {
      lastFinite.current = formula.source;
    }
  }, [scoring, formula]);

  const trainedTasks = TASKS.filter((task) => result?.jobs.some((job) => job.model === model && job.task === task && job.status === 'done'));
  const trainMissing = (missing: readonly FormulaVariable[]) => {
    if (session === null || model === undefined) {
      return;
    }
    const tasks = TASKS.filter((task) => trainedTasks.includes(task) || tasksOf(missing).includes(task));
    void session.train({ ...trainRequestOf(settings, dataset), models: [model], tasks }).catch(() => undefined);
  };

  const notes: string[] = [];
  if (model !== undefined && model !== settings.rankModel) {
    notes.push(`${MODEL_LABELS[settings.rankModel]} is not trained in the last run; showing ${MODEL_LABELS[model]}.`);
  }
  if (context !== undefined && settings.context !== -1 && context.id !== settings.context) {
    notes.push(`Context ${settings.context} from the address does not exist in this data set; showing ${context.label}.`);
  }

  return (
    <section aria-labelledby="ranked-heading" className="ranked-list">
      <h2 id="ranked-heading">{dataset?.source === 'criteo' ? 'The ranked list: a block of test rows' : 'The ranked list: one user’s candidates'}</h2>
      <FormulaEditor />
      {trainedModels.length === 0 ? (
        <p className="help">Train at least one model to rank candidates.</p>
      ) : (
        <div className="inline-controls">
          <label htmlFor={modelId}>Predictions of</label>{' '}
          <select id={modelId} value={model} onChange={(event) => setSettings({ rankModel: event.currentTarget.value as CtrModelKind })}>
            {trainedModels.map((kind) => (
              <option key={kind} value={kind}>
                {modelLabel(kind, result?.crosses)}
              </option>
            ))}
          </select>{' '}
          <label htmlFor={contextId}>for</label>{' '}
          <select id={contextId} value={context?.id} onChange={(event) => setSettings({ context: Number(event.currentTarget.value) })}>
            {contexts.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {notes.map((note) => (
        <p key={note} className="help">
          {note}
        </p>
      ))}
      {error && <p className="field-error">The candidates could not be scored: {error}</p>}
      {scoring && 'error' in scoring && (
        <p className="field-error" data-testid="ranking-error">
          {scoring.error}
        </p>
      )}
      {scoring && 'missing' in scoring && model !== undefined && (
        <p className="ranking-missing" data-testid="ranking-missing">
          The formula uses {scoring.missing.join(' and ')}, but the last run trained {MODEL_LABELS[model]} on {trainedTasks.map((task) => TASK_SHORT_LABELS[task]).join(' and ')} only.{' '}
          <button type="button" disabled={phase !== 'ready'} onClick={() => trainMissing(scoring.missing)}>
            Train {MODEL_LABELS[model]} on {tasksOf(scoring.missing).map((task) => TASK_SHORT_LABELS[task]).join(' and ')} too
          </button>
        </p>
      )}
      {scoring && 'scored' in scoring && scoring.nonFinite && (
        <p className="field-error" data-testid="formula-nonfinite">
          {scoring.nonFinite}
        </p>
      )}
      {scoring && 'scored' in scoring && list && <CandidateTable scored={scoring.scored} list={list} modelName={modelLabel(list.model, result?.crosses)} />}
    </section>
  );
}

function CandidateTable({ scored, list, modelName }: { scored: readonly ScoredCandidate[]; list: CandidateList; modelName: string }) {
  const domain = sharedDomain(scored);
  const hasTruth = scored.every((entry) => entry.trueRank !== undefined);
  const share = topKUtilityShare(scored, 3);
  const top = scored[0];
  const summary = `${scored.length} candidates of ${list.context.label}, scored at the top slot by ${modelName}. The top item scores ${formatNumber(top?.score, 3)}.${
    hasTruth ? ` The model's top 3 reach ${formatPercent(share)} of the true utility of the best possible top 3.` : ''
  }`;

  return (
    <ChartFigure
      title={`Ranked list by the utility formula (${modelName})`}
      summary={summary}
      exportName="ranked-list"
      table={() => (
        <table>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Item</th>
              <th scope="col">pCTR</th>
              <th scope="col">pCVR</th>
              <th scope="col">watch</th>
              {scored[0]?.parts.map((part, index) => (
                <th key={index} scope="col">
                  {part.text}
                </th>
              ))}
              <th scope="col">Score</th>
              {hasTruth && <th scope="col">True rank</th>}
            </tr>
          </thead>
          <tbody>
            {scored.map((entry) => (
              <tr key={entry.candidate.row}>
                <th scope="row">{entry.rank}</th>
                <td>{entry.candidate.description}</td>
                <td>{formatNumber(entry.candidate.predicted.pCTR, 4)}</td>
                <td>{formatNumber(entry.candidate.predicted.pCVR, 4)}</td>
                <td>{formatNumber(entry.candidate.predicted.watch, 4)}</td>
                {entry.parts.map((part, index) => (
                  <td key={index}>{formatNumber(part.value, 3)}</td>
                ))}
                <td>{formatNumber(entry.score, 3)}</td>
                {hasTruth && <td>{entry.trueRank}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    >
      <ol className="candidate-list" data-testid="ranked-list">
        {scored.map((entry, index) => (
          <li key={entry.candidate.row} className="candidate">
            <div className="candidate-head">
              <strong>#{entry.rank}</strong> {entry.candidate.description} · pCTR {formatNumber(entry.candidate.predicted.pCTR, 3)}
              {entry.candidate.predicted.pCVR !== undefined && <> · pCVR {formatNumber(entry.candidate.predicted.pCVR, 3)}</>}
              {entry.candidate.predicted.watch !== undefined && <> · watch {formatNumber(entry.candidate.predicted.watch, 3)}</>}
              {entry.trueRank !== undefined && (
                <span className="truth-note">
                  {' '}
                  · true rank {entry.trueRank} (true score {formatNumber(entry.trueScore, 3)})
                </span>
              )}
            </div>
            <Waterfall
              parts={entry.parts.map((part) => ({ label: part.text, value: part.value }))}
              totalLabel="score"
              domain={domain}
              format={(value) => value.toFixed(2)}
              showAxis={index === scored.length - 1}
              ariaLabel={`Score of rank ${entry.rank}: ${entry.parts.map((part) => `${part.text} = ${formatNumber(part.value, 3)}`).join(', ')}; total ${formatNumber(entry.score, 3)}`}
            />
          </li>
        ))}
      </ol>
    </ChartFigure>
  );
}
