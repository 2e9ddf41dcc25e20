/**
 * Charts and tables of a training run: the loss per epoch of every model (live),
 * the held-out AUC and log loss beside the Bayes-optimal values, and the
 * calibration plot.
 */
import { useId, useState } from 'react';
import type { CtrTask } from '../../engine/ctr/types';
import { CalibrationPlot, type CalibrationSeries } from '../../viz/CalibrationPlot';
import { ChartFigure } from '../../viz/ChartFigure';
import { Legend } from '../../viz/Legend';
import { SeriesChart, type PointSeries } from '../../viz/SeriesChart';
import type { ModelScore, TrainingJob } from '../../worker/rankingProtocol';
import { formatNumber, formatSigned } from './format';
import { MODEL_COLORS } from './modelColors';
import { modelLabel, TASK_LABELS, TASK_SHORT_LABELS, TASKS } from './rankingUrl';
import { useSessionState } from './sessionContext';

function tasksOf(jobs: readonly { task: CtrTask }[]): CtrTask[] {
  return TASKS.filter((task) => jobs.some((job) => job.task === task));
}

function jobStatus(job: TrainingJob): string {
  switch (job.status) {
    case 'waiting':
      return 'waiting';
    case 'training':
      return `epoch ${job.epochs.length} of ${job.totalEpochs}`;
    case 'done':
      return 'done';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'stopped';
  }
}

/** Shows a task of the run that has no epoch yet as text, in place of an empty chart. */
function UntrainedTask({ task, jobs }: { task: CtrTask; jobs: readonly TrainingJob[] }) {
  const stopped = jobs.some((job) => job.status === 'cancelled' || job.status === 'failed');
  return (
    <div className="untrained-task" data-testid={`untrained-${task}`}>
      <h3>Log loss per epoch: {TASK_LABELS[task]}</h3>
      <p className="help">{stopped ? 'Not trained: the run stopped before this task started.' : 'Waiting: this task trains after the ones above.'}</p>
    </div>
  );
}

/** Says which run the results on screen come from when a guided step started it, because the controls do not show a step's settings. */
function RunOrigin() {
  const origin = useSessionState((state) => state.runOrigin);
  if (origin === undefined) {
    return null;
  }
  return (
    <p className="run-origin" data-testid="run-origin">
      Results of {origin}. The controls on the left keep their own settings.
    </p>
  );
}

export function TrainingCurves() {
  const progress = useSessionState((state) => state.progress);
  if (!progress) {
    return <p className="help">Train the models to see their training loss per epoch here.</p>;
  }
  const tasks = tasksOf(progress.jobs);
  const label = (job: TrainingJob) => modelLabel(job.model, progress.crosses);
  return (
    <div className="chart-pair">
      {tasks.map((task) => {
        const jobs = progress.jobs.filter((job) => job.task === task);
        if (jobs.every((job) => job.epochs.length === 0 && job.status !== 'training')) {
          return <UntrainedTask key={task} task={task} jobs={jobs} />;
        }
        const series: PointSeries[] = jobs.flatMap((job) => [
          { key: `${job.model}-train`, label: `${label(job)} training`, color: MODEL_COLORS[job.model], points: job.epochs.map((report) => ({ x: report.epoch, y: report.trainLoss })) },
          {
            key: `${job.model}-test`,
            label: `${label(job)} test`,
            color: MODEL_COLORS[job.model],
            dashed: true,
            points: job.epochs.map((report) => ({ x: report.epoch, y: report.validLoss ?? Number.NaN })),
          },
        ]);
        const summary = jobs
          .map((job) => {
            const last = job.epochs[job.epochs.length - 1];
            return `${label(job)} ${jobStatus(job)}${last ? `, training loss ${formatNumber(last.trainLoss, 4)}, test loss ${formatNumber(last.validLoss, 4)}` : ''}`;
          })
          .join('; ');
        return (
          <ChartFigure
            key={task}
            title={`Log loss per epoch: ${TASK_LABELS[task]}`}
            summary={`${summary}.`}
            exportName={`training-loss-${task}`}
            table={() => (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Epoch</th>
                    <th scope="col">Training log loss</th>
                    <th scope="col">Test log loss</th>
                    <th scope="col">Samples per second</th>
                  </tr>
                </thead>
                <tbody>
                  {jobs.flatMap((job) =>
                    job.epochs.map((report) => (
                      <tr key={`${job.model}-${report.epoch}`}>
                        <th scope="row">{label(job)}</th>
                        <td>{report.epoch}</td>
                        <td>{formatNumber(report.trainLoss, 4)}</td>
                        <td>{formatNumber(report.validLoss, 4)}</td>
                        <td>{Math.round(report.samplesPerSecond).toLocaleString('en')}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            )}
          >
            <Legend
              items={[
                ...jobs.map((job) => ({ key: job.model, label: label(job), color: MODEL_COLORS[job.model], value: jobStatus(job) })),
                { key: 'test', label: 'dashed: test split', color: '#4d4d4d', dashed: true },
              ]}
            />
            <SeriesChart series={series} xLabel="epoch" yLabel="log loss" integerX ariaLabel={`Training and test log loss per epoch for ${TASK_LABELS[task]}`} yFormat={(value) => value.toFixed(3)} />
          </ChartFigure>
        );
      })}
    </div>
  );
}

function metricLabel(metric: 'auc' | 'logLoss', task: CtrTask): string {
  if (metric === 'logLoss') {
    return 'log loss';
  }
  return task === 'watch' ? 'AUC (watched > ½)' : 'AUC';
}

function scoreOf(scores: readonly ModelScore[], model: string, task: CtrTask): ModelScore | undefined {
  return scores.find((score) => score.model === model && score.task === task);
}

export function ScoreTable() {
  const progress = useSessionState((state) => state.progress);
  const result = useSessionState((state) => state.result);
  const dataset = useSessionState((state) => state.dataset);
  if (!progress || progress.scores.length === 0) {
    return null;
  }
  const tasks = tasksOf(progress.jobs);
  const models = [...new Set(progress.jobs.map((job) => job.model))];
  const hasTruth = dataset?.hasTruth ?? false;

  return (
    <div className="table-scroll">
      <RunOrigin />
      <table className="score-table" data-testid="score-table">
        <caption>Held-out metrics on the test split (the latest impressions). Higher AUC and lower log loss are better.</caption>
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">Metric</th>
            {models.map((model) => (
              <th key={model} scope="col">
                {modelLabel(model, progress.crosses)}
              </th>
            ))}
            <th scope="col" className="truth-column">
              Bayes (truth)
            </th>
          </tr>
        </thead>
        <tbody>
          {tasks.flatMap((task) => {
            const bayes = result?.bayes.find((entry) => entry.task === task);
            return (['auc', 'logLoss'] as const).map((metric) => (
              <tr key={`${task}-${metric}`}>
                {metric === 'auc' && (
                  <th scope="rowgroup" rowSpan={2} title={TASK_LABELS[task]}>
                    {TASK_SHORT_LABELS[task]}
                  </th>
                )}
                <th scope="row">{metricLabel(metric, task)}</th>
                {models.map((model) => {
                  const score = scoreOf(progress.scores, model, task);
                  const gap = score && bayes ? score[metric] - bayes[metric] : Number.NaN;
                  return (
                    <td key={model}>
                      {formatNumber(score?.[metric], 4)}
                      {Number.isFinite(gap) && <span className="help"> ({formatSigned(gap, 3)})</span>}
                    </td>
                  );
                })}
                <td className="truth-column">{hasTruth ? formatNumber(bayes?.[metric], 4) : metric === 'auc' ? 'no truth: imported file' : '—'}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
      {hasTruth && <p className="help">In brackets: the model minus the Bayes-optimal value, which predicts with the simulator's true probabilities on the same rows.</p>}
    </div>
  );
}

export function CalibrationPanel() {
  const progress = useSessionState((state) => state.progress);
  const selectId = useId();
  const [chosenTask, setChosenTask] = useState<CtrTask>('click');
  if (!progress || progress.scores.length === 0) {
    return null;
  }
  const tasks = tasksOf(progress.scores);
  const task = tasks.includes(chosenTask) ? chosenTask : tasks[0];
  const scores = progress.scores.filter((score) => score.task === task);
  const series: CalibrationSeries[] = scores.map((score) => ({
    key: score.model,
    label: modelLabel(score.model, progress.crosses),
    color: MODEL_COLORS[score.model],
    bins: score.calibration.map((bin) => ({ meanPredicted: bin.meanPredicted, observed: bin.observedRate, count: bin.count })),
  }));
  const summary = scores.map((score) => `${modelLabel(score.model, progress.crosses)} predicts ${formatNumber(score.meanPredicted, 4)} on average against ${formatNumber(score.meanObserved, 4)} observed`).join('; ');

  return (
    <ChartFigure
      title={`Calibration: ${TASK_LABELS[task]}`}
      summary={`Points on the dashed diagonal are calibrated; below it the model predicts too high. ${summary}.`}
      exportName={`calibration-${task}`}
      table={() => (
        <table>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Bin</th>
              <th scope="col">Rows</th>
              <th scope="col">Mean prediction</th>
              <th scope="col">Observed</th>
            </tr>
          </thead>
          <tbody>
            {scores.flatMap((score) =>
              score.calibration
                .filter((bin) => bin.count > 0)
                .map((bin) => (
                  <tr key={`${score.model}-${bin.lower}`}>
                    <th scope="row">{modelLabel(score.model, progress.crosses)}</th>
                    <td>
                      [{bin.lower.toFixed(1)}, {bin.upper.toFixed(1)})
                    </td>
                    <td>{bin.count}</td>
                    <td>{formatNumber(bin.meanPredicted, 4)}</td>
                    <td>{formatNumber(bin.observedRate, 4)}</td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      )}
    >
      <label htmlFor={selectId}>Task</label>{' '}
      <select id={selectId} value={task} onChange={(event) => setChosenTask(event.currentTarget.value as CtrTask)}>
        {tasks.map((candidate) => (
          <option key={candidate} value={candidate}>
            {TASK_LABELS[candidate]}
          </option>
        ))}
      </select>
      <Legend items={[...series.map((s) => ({ key: s.key, label: s.label, color: s.color })), { key: 'diagonal', label: 'perfect calibration', color: '#4d4d4d', dashed: true }]} />
      <CalibrationPlot series={series} ariaLabel={`Calibration plot for ${TASK_LABELS[task]}: mean prediction against observed rate per bin, one line per model`} format={(value) => value.toFixed(2)} />
    </ChartFigure>
  );
}
