/** Check questions of Lab 4: multiple choice, each option with the feedback shown when it is picked. */
import type { CheckQuestion } from '../../teaching/types';

export const CHECK_QUESTIONS: readonly CheckQuestion[] = [
  {
    id: 'ranking-stage',
    question: 'What does the ranking stage of a feed do?',
    options: [
      { id: 'retrieve', label: 'Finds a few hundred candidates among millions of items', correct: false, feedback: 'That is retrieval (Lab 3). Ranking comes after it and scores only those candidates.' },
      {
        id: 'score',
        label: 'Predicts each candidate’s click, conversion and watch time for this user and context, and orders them by a utility of those predictions',
        correct: true,
        feedback: 'A heavier model scores a few hundred candidates with every feature available, and a utility formula turns several predictions into one score.',
      },
      { id: 'serve', label: 'Picks items at random to learn about them', correct: false, feedback: 'That is exploration (Lab 5). Ranking exploits what the models predict.' },
    ],
  },
  {
    id: 'fm-gain',
    question: 'What does a factorisation machine add to logistic regression?',
    options: [
      { id: 'depth', label: 'Hidden layers', correct: false, feedback: 'FM has no hidden layers. Wide & Deep and DeepFM add an MLP.' },
      {
        id: 'pairs',
        label: 'A term ⟨v_i, v_j⟩ x_i x_j for every pair of features, with one learned vector per feature value',
        correct: true,
        feedback: 'The pairwise interactions are factorised, so a user–topic pair never seen together still gets a weight from the two vectors.',
      },
      { id: 'crosses', label: 'Hand-made cross features', correct: false, feedback: 'Crosses are what the wide part of Wide & Deep (and LR) use; FM learns every pair without choosing them by hand.' },
    ],
  },
  {
    id: 'auc-calibration',
    question: 'Two models have the same AUC. Can ranking by watch × 10 + pCTR × pCVR × 50 still order items differently?',
    options: [
      { id: 'no', label: 'No: the same AUC means the same order', correct: false, feedback: 'The same AUC means the same ability to order by pCTR alone. Once pCTR is added to other terms, its scale matters too.' },
      { id: 'yes', label: 'Yes: if one of them is badly calibrated, its pCTR term has the wrong weight against the watch term', correct: true, feedback: 'AUC measures order only; calibration (predicted equals observed) decides how the terms of a utility formula trade off.' },
    ],
  },
  {
    id: 'bayes',
    question: 'Why can no model beat the Bayes-optimal AUC shown in the ground-truth panel (except by chance on a small test set)?',
    options: [
      { id: 'truth', label: 'It ranks by the true click probability, and a click is still a random draw from it', correct: true, feedback: 'Given everything that drives a click, what is left is chance, and the Bayes-optimal AUC faces that chance too. A model can only approach the truth: its gap to it is estimation error, what it has not learnt from a finite log or cannot express.' },
      { id: 'bigger', label: 'It is a bigger neural network', correct: false, feedback: 'It is no model at all: it uses the simulator’s true probabilities, which a real platform never has.' },
      { id: 'more-data', label: 'It was trained on more data', correct: false, feedback: 'It was not trained: it reads the truth. More data moves a model toward it but never past it on average.' },
    ],
  },
  {
    id: 'time-split',
    question: 'Why are the models tested on the latest impressions instead of a random sample of rows?',
    options: [
      { id: 'production', label: 'A deployed model always predicts the future from the past; a random split lets it peek at later behaviour', correct: true, feedback:
          'A model in production only ever has earlier impressions to learn from. This synthetic log keeps every user’s interests fixed (no drift), so here both splits see the same behaviour; in a real feed, where interests and the catalogue change, a random split lets the model learn from later behaviour and overstates the AUC it will reach in production.' },
      { id: 'speed', label: 'It is faster to compute', correct: false, feedback: 'Both splits cost the same. The reason is honesty about what the model will face.' },
      { id: 'labels', label: 'The early impressions have no labels', correct: false, feedback: 'Every logged impression has its labels; the split is about when they happened.' },
    ],
  },
];
