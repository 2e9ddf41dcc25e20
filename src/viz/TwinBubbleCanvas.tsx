/**
 * Two scatter plots side by side on one canvas: every user of twin A and of
 * twin B as a point on the same fixed 2-D map of the topic space. When new
 * points arrive, each point glides from its old place to the new one, so a
 * class can watch clusters form.
 */
import { useEffect, useRef } from 'react';
import { BACKGROUND_COLOR, GRID_COLOR, TEXT_COLOR } from './palette';
import { TWIN_COLORS } from './TwinChart';
import { useElementWidth } from './useElementWidth';

interface TwinBubbleCanvasProps {
  /** Points [users, 2] row-major per twin. */
  a: Float32Array;
  b: Float32Array;
  /** Map coordinates shown: [xMin, xMax, yMin, yMax], fixed for a run so points move only when interests move. */
  domain: readonly [number, number, number, number];
  titles: { a: string; b: string };
  /** Axis names drawn inside each panel, e.g. "PC1 (15%)" and "PC2 (14%)". */
  axes?: { x: string; y: string };
  ariaLabel: string;
  height?: number;
}

/** Time one move between two point sets takes, in milliseconds. */
const GLIDE_MS = 300;

/** Returns a fixed map window around tick-0 points: their range plus 25% on each side, so drift toward a corner stays in view. */
export function bubbleDomain(points: Float32Array): [number, number, number, number] {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let index = 0; index + 1 < points.length; index += 2) {
    xMin = Math.min(xMin, points[index]);
    xMax = Math.max(xMax, points[index]);
    yMin = Math.min(yMin, points[index + 1]);
    yMax = Math.max(yMax, points[index + 1]);
  }
  if (!Number.isFinite(xMin)) {
    return [-1, 1, -1, 1];
  }
  const padX = Math.max((xMax - xMin) * 0.25, 1e-3);
  const padY = Math.max((yMax - yMin) * 0.25, 1e-3);
  return [xMin - padX, xMax + padX, yMin - padY, yMax + padY];
}

export function TwinBubbleCanvas({ a, b, domain, titles, axes, ariaLabel, height = 300 }: TwinBubbleCanvasProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>(640);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  /** Points drawn last, per twin, where the next move starts. */
  const shownRef = useRef<{ a: Float32Array; b: Float32Array } | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) {
      return;
    }
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const from = shownRef.current !== null && shownRef.current.a.length === a.length && shownRef.current.b.length === b.length ? shownRef.current : { a, b };
    // Text follows the page's font size, which presentation mode enlarges.
    const fontPx = Number.parseFloat(getComputedStyle(canvas).fontSize) || 13;
    const start = performance.now();
    let frame = 0;

    const draw = (now: number) => {
      const t = Math.min(1, (now - start) / GLIDE_MS);
      const current = { a: blend(from.a, a, t), b: blend(from.b, b, t) };
      shownRef.current = current;
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawPanels(context, { width, height, fontPx }, current, domain, titles, axes);
      if (t < 1) {
        frame = requestAnimationFrame(draw);
      }
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [a, b, domain, titles, axes, width, height]);

  return (
    <div ref={containerRef}>
      <canvas ref={canvasRef} className="chart-canvas" role="img" aria-label={ariaLabel} style={{ width: `${width}px`, height: `${height}px` }} />
    </div>
  );
}

function blend(from: Float32Array, to: Float32Array, t: number): Float32Array {
  if (t >= 1 || from === to) {
    return to;
  }
  const out = new Float32Array(to.length);
  for (let index = 0; index < to.length; index += 1) {
    out[index] = from[index] + (to[index] - from[index]) * t;
  }
  return out;
}

function drawPanels(
  context: CanvasRenderingContext2D,
  { width, height, fontPx }: { width: number; height: number; fontPx: number },
  points: { a: Float32Array; b: Float32Array },
  domain: readonly [number, number, number, number],
  titles: { a: string; b: string },
  axes: { x: string; y: string } | undefined,
): void {
  const [xMin, xMax, yMin, yMax] = domain;
  const gap = 16;
  const panelWidth = (width - gap) / 2;
  const top = Math.round(fontPx * 1.8);
  const panelHeight = height - top - 4;
  context.fillStyle = BACKGROUND_COLOR;
  context.fillRect(0, 0, width, height);
  context.font = `${fontPx}px system-ui, sans-serif`;

  (['a', 'b'] as const).forEach((twin, panel) => {
    const left = panel * (panelWidth + gap);
    context.strokeStyle = GRID_COLOR;
    context.strokeRect(left + 0.5, top + 0.5, panelWidth - 1, panelHeight - 1);
    context.fillStyle = TEXT_COLOR;
    context.textAlign = 'left';
    context.fillText(titles[twin], left + 4, Math.round(fontPx * 1.25));
    if (axes !== undefined) {
      context.fillText(`↑ ${axes.y}`, left + 6, top + fontPx + 4);
      context.textAlign = 'right';
      context.fillText(`${axes.x} →`, left + panelWidth - 6, top + panelHeight - 6);
      context.textAlign = 'left';
    }
    context.fillStyle = TWIN_COLORS[twin];
    context.globalAlpha = 0.55;
    const values = points[twin];
    for (let index = 0; index + 1 < values.length; index += 2) {
      const px = left + ((values[index] - xMin) / (xMax - xMin)) * panelWidth;
      const py = top + (1 - (values[index + 1] - yMin) / (yMax - yMin)) * panelHeight;
      context.beginPath();
      context.arc(px, py, 2.5, 0, 2 * Math.PI);
      context.fill();
    }
    context.globalAlpha = 1;
  });
}
