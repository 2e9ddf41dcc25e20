/**
 * The page component of each built lab, by route id. Each page is its own
 * chunk, loaded when its route is first opened, so one lab's code (and its
 * worker) never slows another's start.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export const LAB_PAGES: Readonly<Record<string, LazyExoticComponent<ComponentType>>> = {
  'feed-machine': lazy(() => import('../labs/feedMachine/FeedMachinePage').then((module) => ({ default: module.FeedMachinePage }))),
  'events-features': lazy(() => import('../labs/eventsFeatures/EventsFeaturesPage').then((module) => ({ default: module.EventsFeaturesPage }))),
  'embeddings-retrieval': lazy(() => import('../labs/retrieval/RetrievalPage').then((module) => ({ default: module.RetrievalPage }))),
  ranking: lazy(() => import('../labs/ranking/RankingPage').then((module) => ({ default: module.RankingPage }))),
  'feedback-loops': lazy(() => import('../labs/filterBubble/FilterBubblePage').then((module) => ({ default: module.FilterBubblePage }))),
  creators: lazy(() => import('../labs/creators/CreatorsPage').then((module) => ({ default: module.CreatorsPage }))),
};
