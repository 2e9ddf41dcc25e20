/**
 * A virtualised table: only the rows inside the scroll viewport (plus a few
 * above and below) are in the DOM, so a log of a million rows scrolls as
 * fast as one of twenty. Rows have one fixed height; the body is a
 * scrollable `<div role="table">` whose spacer has the full height.
 *
 * `row(index)` returns the cells of a row, or undefined while its data is
 * still loading (shown as "…"). `onRange` reports the visible rows so the
 * caller can fetch them.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualColumn {
  key: string;
  label: string;
  /** CSS width, for example `5rem`. */
  width: string;
  align?: 'left' | 'right';
}

interface VirtualTableProps {
  columns: readonly VirtualColumn[];
  rowCount: number;
  row: (index: number) => readonly ReactNode[] | undefined;
  /** Called with [first, last) row indices in view (with overscan) whenever they change. */
  onRange?: (first: number, last: number) => void;
  /** Keeps the view at the last row as rows are added. */
  follow?: boolean;
  rowHeight?: number;
  /** Height of the scroll viewport in pixels. */
  height?: number;
  ariaLabel: string;
}

const OVERSCAN = 8;

export function VirtualTable({ columns, rowCount, row, onRange, follow = false, rowHeight = 26, height = 320, ariaLabel }: VirtualTableProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

  // While following, the rows in view follow from the row count alone, so no
  // layout has to be read. The scroll position is written once per frame.
  const followTop = Math.max(0, rowCount * rowHeight - height);
  const top = follow ? followTop : scrollTop;
  useEffect(() => {
    if (!follow) {
      return;
    }
    const frame = requestAnimationFrame(() => {
      if (viewportRef.current) {
        viewportRef.current.scrollTop = followTop;
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [follow, followTop]);

  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((top + height) / rowHeight) + OVERSCAN);

  useEffect(() => {
    onRange?.(first, last);
  }, [first, last, onRange]);

  const template = columns.map((column) => column.width).join(' ');
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index += 1) {
    const cells = row(index);
    rows.push(
      // Keyed by position in the rendered slice, so scrolling rewrites the text of existing rows instead of replacing DOM nodes.
      <div role="row" key={index - first} aria-rowindex={index + 2} className="virtual-row" style={{ top: index * rowHeight, height: rowHeight, gridTemplateColumns: template }}>
        {columns.map((column, c) => (
          <span role="cell" key={column.key} className={column.align === 'right' ? 'virtual-cell numeric' : 'virtual-cell'}>
            {cells === undefined ? '…' : cells[c]}
          </span>
        ))}
      </div>,
    );
  }

  return (
    <div role="table" aria-label={ariaLabel} aria-rowcount={rowCount + 1} className="virtual-table">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="virtual-header" style={{ gridTemplateColumns: template }}>
          {columns.map((column) => (
            <span role="columnheader" key={column.key} className={column.align === 'right' ? 'virtual-cell numeric' : 'virtual-cell'}>
              {column.label}
            </span>
          ))}
        </div>
      </div>
      <div
        role="rowgroup"
        ref={viewportRef}
        className="virtual-viewport"
        tabIndex={0}
        aria-label={`${ariaLabel}, scrollable`}
        style={{ height, overflowY: 'auto', position: 'relative' }}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div style={{ height: rowCount * rowHeight, position: 'relative' }}>{rows}</div>
      </div>
    </div>
  );
}
