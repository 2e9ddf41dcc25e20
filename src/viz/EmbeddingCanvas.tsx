/**
 * A pannable, zoomable canvas scatter for large embedding maps (10,000+
 * points). Points are drawn as 3-pixel squares batched by colour, so a frame
 * is one fillStyle change per group; redraws are coalesced into one
 * requestAnimationFrame. Drag or the arrow keys pan, the wheel or +/- zoom,
 * 0 resets. Hovering reports the nearest item within 10 CSS pixels.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import { BACKGROUND_COLOR, TEXT_COLOR } from './palette';
import { useElementWidth } from './useElementWidth';

export interface EmbeddingCanvasProps {
  /** Positions, [count, 2]; the first `items` rows are items, the rest users. */
  points: Float32Array;
  items: number;
  /** Colour group of each item, [items]. */
  group: ArrayLike<number>;
  colorOf: (group: number) => string;
  /** Index of the chosen user among the users (0-based), drawn as a ringed dot. */
  user?: number;
  /** Items to ring (retrieved candidates). */
  highlighted?: readonly number[];
  /** Items to mark with a cross (hover neighbours). */
  marked?: readonly number[];
  /** Extra labelled markers, in map coordinates. */
  markers?: readonly { x: number; y: number; label: string; color: string }[];
  /** Line segments between items, [edges, 2] of item ids (index structure). */
  edges?: Uint32Array;
  onHover?: (item: number | null) => void;
  ariaLabel: string;
  height?: number;
}

const HOVER_RADIUS = 10;

interface View {
  scale: number;
  dx: number;
  dy: number;
}

/** Packs a `#rrggbb` colour into one RGBA pixel of a Uint32Array view, assuming a little-endian platform (bytes R, G, B, A). */
function packColor(hex: string): number {
  const value = Number.parseInt(hex.slice(1, 7), 16);
  const red = (value >> 16) & 255;
  const green = (value >> 8) & 255;
  const blue = value & 255;
  return ((255 << 24) | (blue << 16) | (green << 8) | red) >>> 0;
}

function EmbeddingCanvasInner({ points, items, group, colorOf, user, highlighted = [], marked = [], markers = [], edges, onHover, ariaLabel, height = 460 }: EmbeddingCanvasProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [view, setView] = useState<View>({ scale: 1, dx: 0, dy: 0 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  const imageRef = useRef<ImageData | null>(null);

  /** Fit of map coordinates to pixels at zoom 1: x' = ax·x + bx. */
  const fit = useMemo(() => {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let index = 0; index < points.length / 2; index += 1) {
      minX = Math.min(minX, points[index * 2]);
      maxX = Math.max(maxX, points[index * 2]);
      minY = Math.min(minY, points[index * 2 + 1]);
      maxY = Math.max(maxY, points[index * 2 + 1]);
    }
    const pad = 16;
    const ax = (width - 2 * pad) / Math.max(1e-9, maxX - minX);
    const ay = (height - 2 * pad) / Math.max(1e-9, maxY - minY);
    return { ax, bx: pad - minX * ax, ay: -ay, by: height - pad + minY * ay };
  }, [points, width, height]);

  const toScreen = useCallback((x: number, y: number): [number, number] => [(fit.ax * x + fit.bx) * view.scale + view.dx, (fit.ay * y + fit.by) * view.scale + view.dy], [fit, view]);

  const groups = useMemo(() => {
    const byGroup = new Map<number, number[]>();
    for (let item = 0; item < items; item += 1) {
      const key = group[item] ?? 0;
      let list = byGroup.get(key);
      if (list === undefined) {
        list = [];
        byGroup.set(key, list);
      }
      list.push(item);
    }
    return [...byGroup.entries()];
  }, [group, items]);

  useEffect(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const canvas = canvasRef.current;
      const context = canvas?.getContext('2d');
      if (!canvas || !context) {
        return;
      }
      const ratio = window.devicePixelRatio || 1;
      const pixelWidth = Math.round(width * ratio);
      const pixelHeight = Math.round(height * ratio);
      // Resizing a canvas clears and reallocates it, so only do it when the size changed.
      if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
        canvas.width = pixelWidth;
        canvas.height = pixelHeight;
      }
      context.setTransform(ratio, 0, 0, ratio, 0, 0);

      // Points go straight into a reused pixel buffer: one putImageData instead of 10,000 fillRect
      // calls, and no allocation per frame, keeps a frame to a few ms.
      let image = imageRef.current;
      if (image === null || image.width !== pixelWidth || image.height !== pixelHeight) {
        image = context.createImageData(pixelWidth, pixelHeight);
        imageRef.current = image;
      }
      const pixels = new Uint32Array(image.data.buffer);
      pixels.fill(packColor(BACKGROUND_COLOR));
      const size = Math.max(1, Math.round(3 * ratio));
      const ax = fit.ax * view.scale * ratio;
      const bx = (fit.bx * view.scale + view.dx) * ratio - size / 2;
      const ay = fit.ay * view.scale * ratio;
      const by = (fit.by * view.scale + view.dy) * ratio - size / 2;
      for (const [key, members] of groups) {
        const color = packColor(colorOf(key));
        for (const item of members) {
          const left = Math.round(ax * points[item * 2] + bx);
          const top = Math.round(ay * points[item * 2 + 1] + by);
          if (left < 0 || top < 0 || left + size > pixelWidth || top + size > pixelHeight) {
            continue;
          }
          for (let row = 0; row < size; row += 1) {
            const start = (top + row) * pixelWidth + left;
            pixels.fill(color, start, start + size);
          }
        }
      }
      context.putImageData(image, 0, 0);

      if (edges !== undefined && edges.length > 0) {
        context.strokeStyle = 'rgba(60, 60, 60, 0.25)';
        context.lineWidth = 0.6;
        context.beginPath();
        for (let edge = 0; edge < edges.length; edge += 2) {
          const [x1, y1] = toScreen(points[edges[edge] * 2], points[edges[edge] * 2 + 1]);
          const [x2, y2] = toScreen(points[edges[edge + 1] * 2], points[edges[edge + 1] * 2 + 1]);
          context.moveTo(x1, y1);
          context.lineTo(x2, y2);
        }
        context.stroke();
      }

      context.lineWidth = 2;
      context.strokeStyle = TEXT_COLOR;
      for (const item of highlighted) {
        const [x, y] = toScreen(points[item * 2], points[item * 2 + 1]);
        context.beginPath();
        context.arc(x, y, 5, 0, 2 * Math.PI);
        context.stroke();
      }
      for (const item of marked) {
        const [x, y] = toScreen(points[item * 2], points[item * 2 + 1]);
        context.beginPath();
        context.moveTo(x - 5, y - 5);
        context.lineTo(x + 5, y + 5);
        context.moveTo(x + 5, y - 5);
        context.lineTo(x - 5, y + 5);
        context.stroke();
      }
      const labelled = [...markers];
      if (user !== undefined && (items + user) * 2 < points.length) {
        labelled.push({ x: points[(items + user) * 2], y: points[(items + user) * 2 + 1], label: `user ${user}`, color: TEXT_COLOR });
      }
      context.font = '13px system-ui, sans-serif';
      for (const marker of labelled) {
        const [x, y] = toScreen(marker.x, marker.y);
        context.fillStyle = marker.color;
        context.beginPath();
        context.arc(x, y, 7, 0, 2 * Math.PI);
        context.fill();
        context.strokeStyle = BACKGROUND_COLOR;
        context.stroke();
        context.fillStyle = TEXT_COLOR;
        context.fillText(marker.label, x + 10, y - 8);
      }
    });
    return () => cancelAnimationFrame(frame.current);
  }, [points, items, groups, colorOf, user, highlighted, marked, markers, edges, toScreen, fit, view, width, height]);

  const nearestItem = (clientX: number, clientY: number): number | null => {
    const rect = canvasRef.current?.getBoundingClientRect();
    if (!rect) {
      return null;
    }
    const px = clientX - rect.left;
    const py = clientY - rect.top;
    let best: number | null = null;
    let bestDistance = HOVER_RADIUS * HOVER_RADIUS;
    for (let item = 0; item < items; item += 1) {
      const [x, y] = toScreen(points[item * 2], points[item * 2 + 1]);
      const distance = (x - px) ** 2 + (y - py) ** 2;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = item;
      }
    }
    return best;
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (drag.current !== null) {
      const dx = event.clientX - drag.current.x;
      const dy = event.clientY - drag.current.y;
      drag.current = { x: event.clientX, y: event.clientY };
      setView((current) => ({ ...current, dx: current.dx + dx, dy: current.dy + dy }));
      return;
    }
    onHover?.(nearestItem(event.clientX, event.clientY));
  };

  const zoom = (factor: number, cx = width / 2, cy = height / 2) => {
    setView((current) => {
      const scale = Math.min(50, Math.max(0.5, current.scale * factor));
      const applied = scale / current.scale;
      return { scale, dx: cx - (cx - current.dx) * applied, dy: cy - (cy - current.dy) * applied };
    });
  };

  const onWheel = (event: WheelEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, event.clientX - rect.left, event.clientY - rect.top);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const step = 40;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (event.key in moves) {
      const [dx, dy] = moves[event.key];
      setView((current) => ({ ...current, dx: current.dx + dx, dy: current.dy + dy }));
    } else if (event.key === '+' || event.key === '=') {
      zoom(1.2);
    } else if (event.key === '-') {
      zoom(1 / 1.2);
    } else if (event.key === '0') {
      setView({ scale: 1, dx: 0, dy: 0 });
    } else {
      return;
    }
    event.preventDefault();
  };

  return (
    <div ref={containerRef} className="embedding-canvas">
      <canvas
        ref={canvasRef}
        className="chart-canvas"
        style={{ width: `${width}px`, height: `${height}px`, touchAction: 'none', cursor: drag.current ? 'grabbing' : 'grab' }}
        role="img"
        aria-label={ariaLabel}
        tabIndex={0}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          drag.current = { x: event.clientX, y: event.clientY };
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onPointerLeave={() => onHover?.(null)}
        onPointerMove={onPointerMove}
        onWheel={onWheel}
        onKeyDown={onKeyDown}
      />
      <p className="help">Drag or use the arrow keys to pan, the wheel or + and − to zoom, 0 to reset. Hover an item to see its nearest neighbours.</p>
    </div>
  );
}

export const EmbeddingCanvas = memo(EmbeddingCanvasInner);
