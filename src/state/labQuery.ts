/**
 * URL state of the labs after Lab 1. Each lab keeps its settings in the
 * hash's query (`#/lab/ranking?model=deepfm&epochs=5`) through one field
 * table, so a copied address reopens the lab as it was.
 */
import { useCallback, useEffect, useMemo } from 'react';
import { readQuery, unknownParameters, writeQuery, type UrlFieldTable } from './urlFields';
import { feedLabStore, useFeedLab } from './store';

const selectLabQuery = (state: { labQuery: string }) => state.labQuery;

/**
 * Returns the lab's values read from the URL on top of `defaults`, and a
 * setter that writes every field back to the URL. Rejected values and
 * unknown parameters become messages at the top of the page (with the value
 * used instead), and the URL is rewritten without them.
 *
 * `table` and `defaults` must be constants (module-level), not new objects
 * on each render.
 */
export function useLabQuery<T extends object>(table: UrlFieldTable<T>, defaults: T): [T, (next: Partial<T>) => void] {
  const raw = useFeedLab(selectLabQuery);
  const reading = useMemo(() => {
    const query = new URLSearchParams(raw);
    const result = readQuery(table, query, defaults);
    const unknown = unknownParameters(query, [table]).map((name) => `${name} is not a setting of this lab; it was ignored`);
    return { values: result.values, messages: [...result.messages, ...unknown], canonical: writeQuery(table, result.values).toString() };
  }, [raw, table, defaults]);

  useEffect(() => {
    const store = feedLabStore.getState();
    store.addUrlMessages(reading.messages);
    store.setLabQuery(reading.canonical);
  }, [reading]);

  const setValues = useCallback(
    (next: Partial<T>) => {
      feedLabStore.getState().setLabQuery(writeQuery(table, { ...reading.values, ...next }).toString());
    },
    [reading, table],
  );

  return [reading.values, setValues];
}
