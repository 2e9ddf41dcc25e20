/**
 * A chart legend: a swatch (solid or dashed line) and a label per series, with
 * an optional current value. The data attributes let a chart export redraw it.
 */
export interface LegendItem {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  /**
   * SVG stroke-dasharray of the swatch in px, which overrides `dashed`.
   * NOTE: a PNG export draws any dashed swatch with one pattern, because it reads only `data-dashed`.
   */
  dashArray?: string;
  /** Current value, already formatted, shown after the label. */
  value?: string;
}

export function Legend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="legend">
      {items.map((item) => (
        <li key={item.key} data-label={item.label} data-color={item.color} data-dashed={item.dashed === true || item.dashArray !== undefined ? '1' : undefined}>
          <svg width="28" height="12" aria-hidden="true">
            <line x1="2" x2="26" y1="6" y2="6" stroke={item.color} strokeWidth="3" strokeDasharray={item.dashArray ?? (item.dashed ? '6 3' : undefined)} />
          </svg>
          {item.label}
          {item.value !== undefined && <strong className="legend-value">{item.value}</strong>}
        </li>
      ))}
    </ul>
  );
}
