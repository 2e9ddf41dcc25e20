/** Check questions of Lab 1: multiple choice, each option with the feedback shown when it is picked. */

import type { CheckQuestion } from '../../teaching/types';

export const CHECK_QUESTIONS: readonly CheckQuestion[] = [
  {
    id: 'observable',
    question: 'Which of these numbers could a real platform compute from its own logs?',
    options: [
      { id: 'utility', label: 'True utility per item', correct: false, feedback: 'Utility is what the user really gained; no log records it. Only the simulator knows it.' },
      { id: 'click', label: 'Click rate', correct: true, feedback: 'Right: clicks and impressions are both logged, so the click rate is measured directly.' },
      { id: 'interests', label: 'A user’s true interests', correct: false, feedback: 'The platform only sees a profile built from what the user watched, which is shaped by what it chose to show.' },
      { id: 'ideal', label: 'The utility of the ideal feed', correct: false, feedback: 'The ideal feed needs the true utility of every unseen item for every user; only the simulator has that.' },
    ],
  },
  {
    id: 'loop',
    question: 'Why can a feed narrow over time even though nobody programmed it to?',
    options: [
      {
        id: 'loop',
        label: 'The models retrain on logs of what they themselves chose to show',
        correct: true,
        feedback:
          'Right: items never shown produce no clicks or watches, so the models learn nothing good about them and keep choosing the familiar ones, while users’ interests drift toward what they watch.',
      },
      { id: 'users', label: 'Users only ever like one topic', correct: false, feedback: 'In this world true interests are spread over several topics; the narrowing comes from the loop, not from the users.' },
      { id: 'random', label: 'Random exploration pushes everyone to the same items', correct: false, feedback: 'Exploration draws uniformly random unseen items; it spreads exposure rather than concentrating it.' },
    ],
  },
  {
    id: 'clickbait',
    question: 'A ranking change raises the click rate by 10%. What can you conclude about users?',
    options: [
      { id: 'better', label: 'They are getting more value from their feeds', correct: false, feedback: 'Not necessarily: clickbait raises clicks while lowering true utility, so clicks and value can move apart.' },
      {
        id: 'unknown',
        label: 'Nothing certain about their value; compare with a measure of utility',
        correct: true,
        feedback: 'Right: click rate measures engagement. Here the ground-truth panel shows true utility; a real platform needs surveys, long-term retention or experiments to approach it.',
      },
      { id: 'worse', label: 'They are being manipulated and are worse off', correct: false, feedback: 'Also not certain: better matching raises clicks and utility together. You need the utility measure to tell the cases apart.' },
    ],
  },
  {
    id: 'mmr',
    question: 'With diversity weight λ > 0, what does MMR re-ranking do to the ranking score of an item?',
    options: [
      { id: 'random', label: 'It replaces the item with a random one', correct: false, feedback: 'That is exploration (ε). MMR keeps the scored candidates and only reorders them.' },
      {
        id: 'penalty',
        label: 'It subtracts λ times the item’s largest topic similarity to the items already placed above it',
        correct: true,
        feedback: 'Right: each slot takes the best score after that penalty, so near-duplicates of items already in the feed sink.',
      },
      { id: 'boost', label: 'It adds a bonus for popular items', correct: false, feedback: 'Popularity is one of the candidate sources, not part of the re-ranking penalty.' },
    ],
  },
  {
    id: 'prior',
    question: 'Before the first retrain, why does the predicted click probability differ from the true one?',
    options: [
      {
        id: 'prior',
        label: 'The ranker has not learned from any logs yet, so it predicts the same starting value for every item',
        correct: true,
        feedback: 'Right: the truth varies with each user–item match and with clickbait; an untrained model cannot see any of that.',
      },
      { id: 'noise', label: 'Users click at random', correct: false, feedback: 'Clicks are random draws, but from probabilities set by the response model; the model could learn them from enough logs.' },
      { id: 'bug', label: 'The true click probability is computed after the prediction', correct: false, feedback: 'Both are computed for the same served items at the same tick; the difference is what the model does not know.' },
    ],
  },
];
