/**
 * The embedding map on a canvas: users and items as points in the 2-D PCA
 * projection the engine computes, coloured by dominant true topic. A canvas,
 * not SVG, because the map has up to users + items points (6,000 by default).
 * Items are small squares drawn first; users are circles on top; the chosen
 * user gets a ring. Clicking a user point chooses that user.
 */
import { scaleLinear } from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import type { EmbeddingMap } from '../engine/loop/types';
import { BACKGROUND_COLOR, TEXT_COLOR, topicColor } from './palette';
import { useElementWidth } from './useElementWidth';

interface EmbeddingScatterProps {
  map: EmbeddingMap;
  /** Chosen user (dense index), drawn with a ring. */
  highlightUser: number;
  /** Called with the user nearest a click, within 12 CSS pixels. */
  onPickUser?: (user: number) => void;
  ariaLabel: string;
  height?: number;
}

const PADDING = 12;
const PICK_RADIUS = 12;

/** Canvas-pixel scales of a map, fitted to the points' extent. */
function fitScales(map: EmbeddingMap, width: number, height: number) {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let index = 0; index < map.users + map.items; index++) {
    const x = map.points[index * 2];
    const y = map.points[index * 2 + 1];
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  if (!Number.isFinite(minX)) {
    minX = minY = -1;
    maxX = maxY = 1;
  }
  const xScale = scaleLinear().domain([minX, maxX === minX ? minX + 1 : maxX]).range([PADDING, width - PADDING]);
  const yScale = scaleLinear().domain([minY, maxY === minY ? minY + 1 : maxY]).range([height - PADDING, PADDING]);
  return { xScale, yScale };
}

/** Point indices per dominant topic, users and items apart: `users[topic]` lists indices into `map.points`. */
function groupByTopic(map: EmbeddingMap): { users: number[][]; items: number[][] } {
  const users: number[][] = [];
  const items: number[][] = [];
  for (let index = 0; index < map.users + map.items; index++) {
    const groups = index < map.users ? users : items;
    const topic = map.topic[index];
    (groups[topic] ??= []).push(index);
  }
  return { users, items };
}

export function EmbeddingScatter({ map, highlightUser, onPickUser, ariaLabel, height = 420 }: EmbeddingScatterProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scales = useMemo(() => fitScales(map, width, height), [map, width, height]);
  const groups = useMemo(() => groupByTopic(map), [map]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) {
      return;
    }
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = BACKGROUND_COLOR;
    context.fillRect(0, 0, width, height);

    // One path and one fill per topic rather than per point keeps a redraw of thousands of points short.
    const { xScale, yScale } = scales;
    const { points } = map;

    context.globalAlpha = 0.45;
    groups.items.forEach((members, topic) => {
      context.fillStyle = topicColor(topic);
      context.beginPath();
      for (const index of members) {
        context.rect(xScale(points[index * 2]) - 1.5, yScale(points[index * 2 + 1]) - 1.5, 3, 3);
      }
      context.fill();
    });

    context.globalAlpha = 0.9;
    groups.users.forEach((members, topic) => {
      context.fillStyle = topicColor(topic);
      context.beginPath();
      for (const index of members) {
        const x = xScale(points[index * 2]);
        const y = yScale(points[index * 2 + 1]);
        context.moveTo(x + 3, y);
        context.arc(x, y, 3, 0, Math.PI * 2);
      }
      context.fill();
    });

    context.globalAlpha = 1;
    if (highlightUser >= 0 && highlightUser < map.users) {
      const x = xScale(points[highlightUser * 2]);
      const y = yScale(points[highlightUser * 2 + 1]);
      context.lineWidth = 3;
      context.strokeStyle = BACKGROUND_COLOR;
      context.beginPath();
      context.arc(x, y, 10, 0, Math.PI * 2);
      context.stroke();
      context.lineWidth = 2;
      context.strokeStyle = TEXT_COLOR;
      context.stroke();
      context.fillStyle = TEXT_COLOR;
      context.font = '600 14px system-ui, sans-serif';
      context.fillText(`user ${highlightUser}`, x + 13, y - 8);
    }
  }, [map, groups, scales, highlightUser, width, height]);

  const pickUser = (event: React.MouseEvent<HTMLCanvasElement>) => {
    if (!onPickUser) {
      return;
    }
    const bounds = event.currentTarget.getBoundingClientRect();
    const clickX = event.clientX - bounds.left;
    const clickY = event.clientY - bounds.top;
    let nearest = -1;
    let nearestDistance = PICK_RADIUS * PICK_RADIUS;
    for (let user = 0; user < map.users; user++) {
      const dx = scales.xScale(map.points[user * 2]) - clickX;
      const dy = scales.yScale(map.points[user * 2 + 1]) - clickY;
      const distance = dx * dx + dy * dy;
      if (distance < nearestDistance) {
        nearest = user;
        nearestDistance = distance;
      }
    }
    if (nearest >= 0) {
      onPickUser(nearest);
    }
  };

  return (
    <div ref={containerRef}>
      <canvas
        ref={canvasRef}
        className="chart-canvas"
        style={{ width: `${width}px`, height: `${height}px` }}
        role="img"
        aria-label={ariaLabel}
        onClick={pickUser}
      />
    </div>
  );
}
