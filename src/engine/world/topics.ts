/** Labels for synthetic topics, in order; worlds with more topics number the rest. */
const TOPIC_LABELS = [
  'comedy', 'dance', 'cooking', 'pets', 'gaming', 'beauty', 'fitness', 'travel',
  'music', 'DIY', 'fashion', 'sports', 'science', 'news', 'cars', 'art',
  'education', 'parenting', 'finance', 'tech', 'nature', 'film', 'books', 'history',
  'gardening', 'magic', 'language', 'dating', 'motivation', 'pranks', 'ASMR', 'anime',
];

/** Names for `count` topics: the labels above, then "topic 33", "topic 34", ... */
export function topicNames(count: number): string[] {
  const names: string[] = [];
  for (let t = 0; t < count; t += 1) {
    names.push(TOPIC_LABELS[t] ?? `topic ${t + 1}`);
  }
  return names;
}
