/**
 * Lab 8's teaching material: objectives and check questions. The three
 * "predict, then run" steps, whose findings are read from their own runs,
 * are in `steps.ts`.
 */
import type { CheckQuestion } from '../../teaching/types';

export const OBJECTIVES: readonly string[] = [
  'Explain how a recommender that retrains on the data it produced narrows what different users consume, and measure it as homogenisation against the ideal recommender.',
  'Read exposure inequality over creators from a Gini coefficient and a Lorenz curve, and say who gains and who loses.',
  'Compare remedies (exploration, MMR diversity, calibration, a creator cap) on the same seed by what they fix and what utility they cost.',
  'Tell a one-seed difference from an effect that holds over many seeds, using a paired 95% interval.',
];

export const CHECK_QUESTIONS: readonly CheckQuestion[] = [
  {
    id: 'confounding',
    question: 'Why does a recommender that retrains on its own logs drift toward serving everyone the same items?',
    options: [
      { id: 'b', label: 'Users ask for the same few items, so the recommender learns to give everyone the most requested ones.', correct: false, feedback: 'Users differ in this world, and the ideal recommender, which reads their true utility, homogenises far less.' },
      { id: 'a', label: 'It learns only from reactions to items it chose to show.', correct: true, feedback: 'The training data is confounded by the policy that produced it, and that loop reinforces itself.' },
      { id: 'c', label: 'The catalogue is too small.', correct: false, feedback: 'The catalogue is the same for both twins, and the ideal recommender draws on it without homogenising as much; only the pipeline differs.' },
    ],
  },
  {
    id: 'ideal',
    question: 'What is the ideal recommender in this lab?',
    options: [
      { id: 'a', label: 'The platform recommender with the best hyperparameters found over many seeds', correct: false, feedback: 'Any platform model learns from logs, however it is tuned. The ideal one never does.' },
      { id: 'b', label: 'A random recommender that serves every user uniformly random unseen items', correct: false, feedback: 'Random is the other reference: no personalisation at all.' },
      { id: 'c', label: 'One that reads each user’s true utility and serves the best unseen items', correct: true, feedback: 'No real platform can see true utility. The ideal recommender is the yardstick for the utility ratio, and it exists only in a simulator.' },
    ],
  },
  {
    id: 'gini',
    question: 'With a creator cap, the exposure Gini over creators goes from 0.6 to 0.4 on the same seed. What does that say?',
    options: [
      { id: 'b', label: 'Users are happier with their feeds', correct: false, feedback: 'The Gini is about how creators’ exposure is spread, so it says nothing about users’ utility; read the utility ratio for that.' },
      { id: 'c', label: 'Fewer items were shown in total', correct: false, feedback: 'The Gini is a ratio that ignores the total: the cap moves impressions between creators, and the number of impressions can stay the same.' },
      { id: 'a', label: 'Exposure is spread more evenly over creators by the Gini’s measure', correct: true, feedback: 'A lower Gini means less inequality in one number. Check the Lorenz curves too: if they cross, some creators are worse off even though the Gini fell.' },
      { id: 'd', label: 'The top 1% of items get more of the impressions', correct: false, feedback: 'The Gini over creators says nothing about single items; the exposure share of the top 1% of items is a separate metric, and a cap usually lowers it.' },
    ],
  },
  {
    id: 'paired',
    question: 'Over 10 seeds, the 95% bands of A and B overlap, but the 95% interval of the paired differences B − A lies wholly above 0. What can you conclude?',
    options: [
      { id: 'a', label: 'Nothing, because the two twins’ bands overlap', correct: false, feedback: 'Each twin’s band includes the variation between seeds, which both twins share. The paired difference removes it, and its interval excludes 0.' },
      { id: 'b', label: 'B is higher than A on average over seeds; single seeds may go either way', correct: true, feedback: 'The interval is for the mean of the per-seed differences. It excludes 0, so the mean difference is positive at 95% confidence, while single seeds may still go the other way.' },
      { id: 'c', label: 'B is higher than A on every one of the 10 seeds, since the interval of B − A excludes 0', correct: false, feedback: 'An interval of the mean says nothing about each seed: one seed can have B below A while the mean difference is clearly positive. Read the per-seed rows of the CSV to check.' },
      { id: 'd', label: 'B is higher than A on 95% of the seeds', correct: false, feedback: 'The 95% is the confidence level of the interval for the mean difference, not a share of seeds on which B is higher.' },
    ],
  },
  {
    id: 'drift',
    question: 'With drift rate η = 0, which metric stays at 0 in both twins?',
    options: [
      { id: 'd', label: 'Interest shift from tick 0', correct: true, feedback: 'With η = 0 no watched item moves θ, so true interests stay at their tick-0 values.' },
      { id: 'a', label: 'Homogenisation', correct: false, feedback: 'Homogenisation compares what users consume, which the feeds still shape while interests stay fixed, so it grows from tick 1.' },
      { id: 'b', label: 'Exposure Gini over creators', correct: false, feedback: 'Exposure still concentrates on some creators without any drift.' },
      { id: 'c', label: 'Catalogue coverage', correct: false, feedback: 'Coverage grows with every item served, drift or not.' },
    ],
  },
];
