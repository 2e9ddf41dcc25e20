/** Check questions of Lab 4: multiple choice, each option with the feedback shown when it is picked. */
import type { CheckQuestion } from '../../teaching/types';

export const CHECK_QUESTIONS: readonly CheckQuestion[] = [
  {
    id: 'ranking-stage',
    question: 'What does the ranking stage of a feed do?',
    options: [
      { id: 'retrieve', label: 'Finds a few hundred candidates among millions of items with a cheap vector search', correct: false, feedback: 'That is retrieval (Lab 3). Ranking comes after it and scores only those candidates.' },
      { id: 'serve', label: 'Picks some items at random so that the logs also cover items the models never chose', correct: false, feedback: 'That is exploration (Lab 5). Ranking exploits what the models predict.' },
      {
        id: 'score',
        label: 'Predicts each candidate’s click, conversion and watch, and orders by a utility of them',
        correct: true,
        feedback: 'A heavier model scores a few hundred candidates with every feature available, for this user and context, and a utility formula turns several predictions into one score.',
      },
    ],
  },
  {
    id: 'fm-gain',
    question: 'What does a factorisation machine add to logistic regression?',
    options: [
      { id: 'depth', label: 'Hidden layers of a multilayer perceptron that take the feature embeddings as input', correct: false, feedback: 'FM has no hidden layers. Wide & Deep and DeepFM add an MLP.' },
      {
        id: 'pairs',
        label: 'A term ⟨v_i, v_j⟩ x_i x_j for every pair of features, with one learned vector per feature value',
        correct: true,
        feedback: 'The pairwise interactions are factorised, so a user–topic pair never seen together still gets a weight from the two vectors.',
      },
      { id: 'crosses', label: 'Hand-made cross features such as user × item_topic, each with its own learned weight', correct: false, feedback: 'Crosses are what the wide part of Wide & Deep (and LR) use; FM learns every pair without choosing them by hand.' },
    ],
  },
  {
    id: 'auc-calibration',
    question: 'Two models have the same AUC. Can ranking by watch × 10 + pCTR × pCVR × 50 still order items differently?',
    options: [
      { id: 'no', label: 'No: the same AUC means the same order of items, so every formula ranks them alike', correct: false, feedback: 'The same AUC means the same ability to order by pCTR alone. Once pCTR is added to other terms, its scale matters too.' },
      { id: 'yes', label: 'Yes: if one is badly calibrated, its pCTR term weighs wrongly against the watch term', correct: true, feedback: 'AUC measures order only; calibration (predicted equals observed) decides how the terms of a utility formula trade off.' },
      {
        id: 'data',
        label: 'Only when the two models were trained on different days of the log or with other features',
        correct: false,
        feedback: 'Where they learned from is not the point. The formula needs pCTR on the right scale as well as in the right order, and two models of equal AUC can differ in scale whatever their data.',
      },
    ],
  },
  {
    id: 'bayes',
    question: 'Why can no model beat the Bayes-optimal AUC shown in the ground-truth panel (except by chance on a small test set)?',
    options: [
      { id: 'truth', label: 'It ranks by the true click probability, and a click is still a random draw from it', correct: true, feedback: 'Given everything that drives a click, what is left is chance, and the Bayes-optimal AUC faces that chance too. A model can only approach the truth: its gap to it is estimation error, what it has not learnt from a finite log or cannot express.' },
      { id: 'bigger', label: 'It is a larger neural network, trained longer than the models you can pick here', correct: false, feedback: 'It is no model at all: it uses the simulator’s true probabilities, which a real platform never has.' },
      { id: 'more-data', label: 'It was trained on every impression of the log, including the test rows it is scored on', correct: false, feedback: 'It was not trained: it reads the truth. More data moves a model toward it but never past it on average.' },
    ],
  },
  {
    id: 'time-split',
    question: 'Why are the models tested on the latest impressions instead of a random sample of rows?',
    options: [
      { id: 'speed', label: 'Sorting the rows by time is cheaper to compute than drawing a random sample of them', correct: false, feedback: 'Both splits cost the same. The reason is honesty about what the model will face.' },
      { id: 'labels', label: 'The earliest impressions have no labels yet, because their clicks and watch times arrive later', correct: false, feedback: 'Every logged impression has its labels; the split is about when they happened.' },
      {
        id: 'production',
        label: 'A deployed model only learns from the past, and a random split lets it see later rows',
        correct: true,
        feedback:
          'A model in production only ever has earlier impressions to learn from. This synthetic log keeps every user’s interests fixed (no drift), so here both splits see the same behaviour; in a real feed, where interests and the catalogue change, a random split lets the model learn from later behaviour and overstates the AUC it will reach in production.',
      },
    ],
  },
];
