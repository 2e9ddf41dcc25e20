/** Check questions of Lab 1: multiple choice, each option with the feedback shown when it is picked. */

import type { CheckQuestion } from '../../teaching/types';

export const CHECK_QUESTIONS: readonly CheckQuestion[] = [
  {
    id: 'observable',
    question: 'Which of these numbers could a real platform compute from its own logs?',
    options: [
      { id: 'utility', label: 'The true utility each served item gave its user', correct: false, feedback: 'Utility is what the user really gained; no log records it. Only the simulator knows it.' },
      { id: 'interests', label: 'Each user’s true interest in every topic', correct: false, feedback: 'The platform only sees a profile built from what the user watched, which is shaped by what it chose to show.' },
      { id: 'click', label: 'The click rate of the items it served', correct: true, feedback: 'Clicks and impressions are both logged, so the click rate is measured directly.' },
      { id: 'ideal', label: 'The utility of the ideal feed for each user', correct: false, feedback: 'The ideal feed needs the true utility of every unseen item for every user; only the simulator has that.' },
    ],
  },
  {
    id: 'loop',
    question: 'Why can a feed narrow over time even though nobody programmed it to?',
    options: [
      { id: 'users', label: 'Users in this world each like only one topic, and the feed learns which one', correct: false, feedback: 'In this world true interests are spread over several topics; the narrowing comes from the loop, not from the users.' },
      { id: 'random', label: 'Random exploration keeps pushing every user toward the same few popular items', correct: false, feedback: 'Exploration draws uniformly random unseen items; it spreads exposure rather than concentrating it.' },
      {
        id: 'loop',
        label: 'The models retrain on logs of the items they themselves chose to show',
        correct: true,
        feedback: 'Items never shown produce no clicks or watches, so the models learn nothing good about them and keep choosing the familiar ones, while users’ interests drift toward what they watch.',
      },
    ],
  },
  {
    id: 'clickbait',
    question: 'A ranking change raises the click rate by 10%. What can you conclude about users?',
    options: [
      { id: 'better', label: 'They get more value from their feeds, since they choose to click more', correct: false, feedback: 'Not necessarily: clickbait raises clicks while lowering true utility, so clicks and value can move apart.' },
      {
        id: 'unknown',
        label: 'Nothing certain: compare the change with a measure of true utility',
        correct: true,
        feedback: 'Click rate measures engagement. Here the ground-truth panel shows true utility; a real platform needs surveys, long-term retention or experiments to approach it.',
      },
      { id: 'worse', label: 'They are being manipulated by clickbait and are worse off than before', correct: false, feedback: 'Also not certain: better matching raises clicks and utility together. You need the utility measure to tell the cases apart.' },
    ],
  },
  {
    id: 'mmr',
    question: 'With diversity weight λ > 0, what does MMR re-ranking do to the ranking score of an item?',
    options: [
      { id: 'boost', label: 'It adds λ times the item’s popularity, so items that trend rise above the rest', correct: false, feedback: 'Popularity is one of the candidate sources, not part of the re-ranking penalty.' },
      { id: 'random', label: 'It replaces the item, with probability λ, by a random unseen item of another topic', correct: false, feedback: 'That is exploration (ε). MMR keeps the scored candidates and only reorders them.' },
      {
        id: 'penalty',
        label: 'It subtracts λ × the item’s largest topic similarity to the items placed above it',
        correct: true,
        feedback: 'Each slot takes the best score after that penalty, so near-duplicates of items already in the feed sink.',
      },
    ],
  },
  {
    id: 'prior',
    question: 'Before the first retrain, why does the predicted click probability differ from the true one?',
    options: [
      {
        id: 'prior',
        label: 'The ranker has learned nothing yet, so it predicts one starting value for every item',
        correct: true,
        feedback: 'The truth varies with each user–item match and with clickbait; an untrained model cannot see any of that.',
      },
      { id: 'noise', label: 'Users click at random, so no model could ever predict their clicks from features', correct: false, feedback: 'Clicks are random draws, but from probabilities set by the response model; the model could learn them from enough logs.' },
      { id: 'bug', label: 'The true click probability is computed after the prediction, from the user’s response', correct: false, feedback: 'Both are computed for the same served items at the same tick; the difference is what the model does not know.' },
    ],
  },
];
