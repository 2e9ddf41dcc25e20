/** Number formats of Lab 2's text and tables. */

/** 0.2345 → "23.5%"; "–" for NaN. */
export function percent(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${(100 * value).toFixed(digits)}%` : '–';
}

/** Fixed decimals; "–" for NaN. */
export function fixed(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

/** Index of the largest value (the lower index on ties). */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < values.length; k += 1) {
    if (values[k] > values[best]) {
      best = k;
    }
  }
  return best;
}

/** True when the user has at least one logged impression, so their profile, session and last feed are built from events. */
export function userServed(view: { session: { events: number } }): boolean {
  return view.session.events > 0;
}

/** True when some item has a trend above 0; before that every item ties at 0 and the trending ranks mean nothing. */
export function trendingMeasured(view: { measuredTrending: readonly { trend: number }[] }): boolean {
  return (view.measuredTrending[0]?.trend ?? 0) > 0;
}
