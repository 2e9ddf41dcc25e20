/**
 * Selectors of the FeedLab store, defined once at module level so components
 * share stable function identities. A selector returns one stored value; none
 * builds a new object, which would re-render its component on every change.
 */
import type { FeedLabState } from './store';

export const selectRoute = (state: FeedLabState) => state.route;
export const selectPresent = (state: FeedLabState) => state.present;
export const selectParams = (state: FeedLabState) => state.params;
export const selectChanges = (state: FeedLabState) => state.changes;
export const selectView = (state: FeedLabState) => state.view;
export const selectChosenUser = (state: FeedLabState) => state.view.user;
export const selectSpeed = (state: FeedLabState) => state.view.speed;
export const selectMeasuredSpeed = (state: FeedLabState) => state.measuredSpeed;
export const selectMode = (state: FeedLabState) => state.view.mode;
export const selectUrlMessages = (state: FeedLabState) => state.urlMessages;

export const selectPhase = (state: FeedLabState) => state.phase;
export const selectPlaying = (state: FeedLabState) => state.playing;
export const selectTick = (state: FeedLabState) => state.tick;
export const selectProgress = (state: FeedLabState) => state.progress;
export const selectBackend = (state: FeedLabState) => state.backend;
export const selectWorld = (state: FeedLabState) => state.world;
export const selectRatingsFileName = (state: FeedLabState) => state.ratingsFileName;
export const selectNotice = (state: FeedLabState) => state.notice;
export const selectRunError = (state: FeedLabState) => state.runError;
export const selectImportError = (state: FeedLabState) => state.importError;

/** Changes whenever `metrics`, `topicMix` or `retrainedAt` grow; select it to redraw. */
export const selectResultsVersion = (state: FeedLabState) => state.resultsVersion;
export const selectMetrics = (state: FeedLabState) => state.metrics;
export const selectTopicMix = (state: FeedLabState) => state.topicMix;
export const selectRetrainedAt = (state: FeedLabState) => state.retrainedAt;
export const selectSnapshot = (state: FeedLabState) => state.snapshot;
export const selectEmbeddingMap = (state: FeedLabState) => state.embeddingMap;

/** Users of the world on screen: the world's count once built, else the parameter. */
export const selectWorldUsers = (state: FeedLabState) => state.world?.users ?? state.params.users;
/** Topics of the world on screen. */
export const selectWorldTopics = (state: FeedLabState) => state.world?.topics ?? state.params.topics;
/** Topic labels of the world on screen, [topics]; null until a world is built. */
export const selectTopicNames = (state: FeedLabState) => state.world?.topicNames ?? null;
