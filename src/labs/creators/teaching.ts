/**
 * Lab 9's teaching material: objectives and check questions. The guided
 * steps are in steps.ts.
 */
import type { CheckQuestion } from '../../teaching/types';

export const OBJECTIVES: readonly string[] = [
  'Compare a follow-graph feed with an algorithmic feed by how closely each creator’s reach follows its follower count, using a rank correlation.',
  'Measure how long a creator without followers takes to reach an audience, with and without exploration, and explain why more exploration need not be faster.',
  'Read share cascades: how many start, how large they grow and why most stay small.',
  'Quantify a creator’s or advertiser’s dependency on one platform decision, an objective change, and how traffic from channels the platform does not control cushions it.',
];

export const CHECK_QUESTIONS: readonly CheckQuestion[] = [
  {
    id: 'rank-correlation',
    question: 'In one feed, Spearman’s ρ between creators’ followers and the users they reached is 0.9; in another it is 0.3. What does that say?',
    options: [
      { id: 'a', label: 'The first feed reaches about three times as many users in total as the second', correct: false, feedback: 'ρ compares orderings of creators, not totals; a feed can reach fewer users with a higher ρ.' },
      { id: 'b', label: 'In the second feed, follower counts predict the order of reach less well', correct: true, feedback: 'A low ρ means creators with few followers often out-reach those with many, so reach depends on more than the follow graph.' },
      { id: 'c', label: 'In the second feed, micro creators reach nobody', correct: false, feedback: 'A low ρ points the other way: some small creators reach more users than their follower counts predict.' },
    ],
  },
  {
    id: 'log-scale',
    question: 'Why does the reach scatter plot followers + 1 and reach + 1 on log scales?',
    options: [
      { id: 'a', label: 'Follower counts are heavy-tailed, and + 1 keeps creators with 0 on the chart', correct: true, feedback: 'A log axis spreads counts from 1 to thousands evenly, and log 0 is undefined, so every count is shifted by one.' },
      { id: 'b', label: 'The platform stores follower counts and reach counts as logarithms internally', correct: false, feedback: 'The engine stores whole counts; the scale is only a way to draw them.' },
      { id: 'c', label: 'It makes the rank correlation larger', correct: false, feedback: 'Ranks do not change under a monotone transform such as log(x + 1), so ρ stays the same.' },
      { id: 'd', label: 'Log scales hide the new creator', correct: false, feedback: 'The + 1 exists to show creators with 0 followers, like the new creator, at the left edge.' },
    ],
  },
  {
    id: 'cold-start',
    question: 'Why can a new creator reach almost nobody in an algorithmic feed without exploration, even with items as good as the catalogue’s average?',
    options: [
      { id: 'b', label: 'Its items are worse than the rest of the catalogue, so users skip them whenever they are shown', correct: false, feedback: 'The ground-truth panel shows its true quality; the platform ranks it low before it has seen any reaction, whatever that quality.' },
      { id: 'c', label: 'The follow graph blocks creators without followers', correct: false, feedback: 'In an algorithmic feed no slot is reserved for followed creators: the ranking decides, and the follow graph only routes shares. (In a follow feed, having no followers would indeed keep the creator out.)' },
      { id: 'a', label: 'The models have no logged reactions to its items, so they rank them below items with history', correct: true, feedback: 'This is the cold start: without impressions there is no data, and without data no impressions. Exploration or a boost for new items breaks the loop.' },
    ],
  },
  {
    id: 'cascade-size',
    question: 'Most share cascades in the histogram have size 0 or 1. What does a cascade of size 0 mean?',
    options: [
      { id: 'a', label: 'The item was shared, but the share started no cascade because nobody shared it again', correct: false, feedback: 'Every share of an item that no share delivered starts a cascade, re-shared or not; size counts the impressions it delivered.' },
      { id: 'b', label: 'The item was shared, but none of its recipients opened the app in the next tick', correct: true, feedback: 'A shared item waits one tick at the top of each recipient’s feed and lapses if the recipient does not open the app then. Each user opens the app in a tick with their own probability, 0.4 on average, so a share to a few recipients often delivers nothing. Size 1 is common too: a viewer shares again only with a small probability.' },
      { id: 'c', label: 'Every recipient saw the item and skipped it', correct: false, feedback: 'Size counts impressions delivered through the cascade, skipped or not: a skipped delivery still counts 1.' },
    ],
  },
  {
    id: 'dependency',
    question: 'A creator gets 100 platform impressions and 50 off-platform views per tick. A change halves the platform impressions. By how much does total traffic drop?',
    options: [
      { id: 'a', label: 'By 50%, as much as the platform impressions', correct: false, feedback: 'That is the drop of platform impressions alone. Total traffic goes from 150 to 100.' },
      { id: 'b', label: 'By 25%, half the drop of the platform impressions', correct: false, feedback: 'A drop of 50 out of a total of 150 is a third, not a quarter.' },
      { id: 'c', label: 'By about 33%', correct: true, feedback: 'Total traffic goes from 150 to 100 per tick: the off-platform views do not move, so they soften the loss.' },
    ],
  },
];
