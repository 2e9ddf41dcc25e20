/**
 * The embedding map's colouring. "Colour by" requests topic, creator
 * or IVF cell, and {@link mapColouring} returns the colouring the map can
 * show, so the caption, the legend and the data table name the same thing.
 */
import type { DatasetSummary } from '../../worker/retrievalApi';
import type { RetrievalSettings } from './settings';

export type ColourKind = 'topic' | 'popularity' | 'creator' | 'cell';

export interface MapColouring {
  kind: ColourKind;
  /** Colour group of each item, [items]. */
  group: Uint32Array;
  /** Name of the groups, as the caption and the table column show it. */
  label: string;
  /** Reason the requested colouring is not shown; undefined when it is shown. */
  fallback?: string;
}

/** Reasons a "Colour by" option cannot be chosen now, keyed by option. */
export function unavailableColourings(dataset: DatasetSummary | undefined, cells: Uint32Array | undefined): Partial<Record<RetrievalSettings['colour'], string>> {
  const reasons: Partial<Record<RetrievalSettings['colour'], string>> = {};
  if (dataset !== undefined && dataset.itemCreator.length === 0) {
    reasons.creator = 'imported data has no creators';
  }
  if (cells === undefined) {
    reasons.cell = 'needs an IVF index of the drawn model';
  }
  return reasons;
}

/**
 * Chooses the map's colouring: the requested one when its data exists, else
 * the dataset's own groups (true topic for a synthetic world, popularity
 * bucket for imported ratings) with the reason in `fallback`.
 */
export function mapColouring(choice: RetrievalSettings['colour'], dataset: DatasetSummary | undefined, cells: Uint32Array | undefined): MapColouring {
  const base: MapColouring =
    dataset?.source === 'movielens'
      ? { kind: 'popularity', group: dataset.itemGroup, label: 'popularity (number of ratings)' }
      : { kind: 'topic', group: dataset?.itemGroup ?? new Uint32Array(0), label: 'true dominant topic' };
  const reason = unavailableColourings(dataset, cells)[choice];
  if (reason !== undefined) {
    return { ...base, fallback: `Colouring by ${base.label}: "${choice}" ${reason}.` };
  }
  if (choice === 'creator' && dataset !== undefined) {
    return { kind: 'creator', group: dataset.itemCreator, label: 'creator' };
  }
  if (choice === 'cell' && cells !== undefined) {
    return { kind: 'cell', group: cells, label: 'IVF cell' };
  }
  return base;
}
