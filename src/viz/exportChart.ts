/**
 * "Export as SVG/PNG" for charts, done in the page. An SVG chart is
 * serialised with its computed text styles inlined, and a PNG is drawn on a
 * canvas at twice the CSS size. Both get the chart's title and legend on top.
 * Files are made as object URLs and never leave the browser.
 */
import { BACKGROUND_COLOR, TEXT_COLOR } from './palette';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A title and legend drawn above an exported chart, since the page shows them in HTML around it. */
export interface ExportHeader {
  title: string;
  legend: { label: string; color: string; dashed: boolean }[];
}

const HEADER_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const TITLE_LINE = 24;
const LEGEND_LINE = 20;

/** Position of each legend entry in a header `width` pixels wide, wrapping to new rows. */
function layoutHeader(header: ExportHeader, width: number): { height: number; entries: { x: number; y: number; label: string; color: string; dashed: boolean }[] } {
  const entries = [];
  let x = 8;
  let y = TITLE_LINE + 14;
  for (const item of header.legend) {
    // Estimated text width: 7 px per character of 12 px text.
    const entryWidth = 34 + item.label.length * 7 + 16;
    if (x + entryWidth > width && x > 8) {
      x = 8;
      y += LEGEND_LINE;
    }
    entries.push({ x, y, ...item });
    x += entryWidth;
  }
  const height = header.legend.length > 0 ? y + 10 : TITLE_LINE + 8;
  return { height, entries };
}

/** Starts a download of `blob` under `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download synchronously, so the URL is revoked on the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Serialises an SVG element as a standalone file: namespace, size, a white
 * background, and the font of every text element copied from the page's
 * computed style (the page sets chart fonts with CSS).
 */
export function svgToString(svg: SVGSVGElement, header?: ExportHeader): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.getBoundingClientRect();
  const layout = header ? layoutHeader(header, width) : { height: 0, entries: [] };
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height + layout.height)));

  const sourceTexts = svg.querySelectorAll('text');
  const cloneTexts = clone.querySelectorAll('text');
  sourceTexts.forEach((text, index) => {
    const style = getComputedStyle(text);
    cloneTexts[index].setAttribute('font-family', style.fontFamily);
    cloneTexts[index].setAttribute('font-size', style.fontSize);
  });

  // Move the chart down below the header.
  const body = document.createElementNS(SVG_NS, 'g');
  body.setAttribute('transform', `translate(0,${layout.height})`);
  while (clone.firstChild) {
    body.appendChild(clone.firstChild);
  }
  clone.appendChild(body);

  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', BACKGROUND_COLOR);
  clone.insertBefore(background, clone.firstChild);

  if (header) {
    clone.appendChild(svgText(header.title, 8, 18, 15, '700'));
    for (const entry of layout.entries) {
      const line = document.createElementNS(SVG_NS, 'line');
      line.setAttribute('x1', String(entry.x));
      line.setAttribute('x2', String(entry.x + 26));
      line.setAttribute('y1', String(entry.y - 4));
      line.setAttribute('y2', String(entry.y - 4));
      line.setAttribute('stroke', entry.color);
      line.setAttribute('stroke-width', '3');
      if (entry.dashed) {
        line.setAttribute('stroke-dasharray', '6 3');
      }
      clone.appendChild(line);
      clone.appendChild(svgText(entry.label, entry.x + 32, entry.y, 12, '400'));
    }
  }

  return new XMLSerializer().serializeToString(clone);
}

function svgText(content: string, x: number, y: number, size: number, weight: string): SVGTextElement {
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', String(x));
  text.setAttribute('y', String(y));
  text.setAttribute('font-family', HEADER_FONT);
  text.setAttribute('font-size', `${size}px`);
  text.setAttribute('font-weight', weight);
  text.setAttribute('fill', TEXT_COLOR);
  text.textContent = content;
  return text;
}

export function downloadSvg(svg: SVGSVGElement, fileName: string, header?: ExportHeader): void {
  downloadBlob(new Blob([svgToString(svg, header)], { type: 'image/svg+xml' }), fileName);
}

function canvasToPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the chart as PNG.'))), 'image/png');
  });
}

/** Renders an SVG chart to a PNG at `scale` times its CSS size. */
async function svgToPngBlob(svg: SVGSVGElement, scale: number, header?: ExportHeader): Promise<Blob> {
  const { width } = svg.getBoundingClientRect();
  const height = svg.getBoundingClientRect().height + (header ? layoutHeader(header, width).height : 0);
  const url = URL.createObjectURL(new Blob([svgToString(svg, header)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) {
      throw new Error('The browser has no 2D canvas to draw the PNG on.');
    }
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await canvasToPngBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Copies a canvas chart below a title, at the canvas's own pixel size. */
function canvasWithTitle(chart: HTMLCanvasElement, title: string): HTMLCanvasElement {
  const scale = chart.width / Math.max(1, chart.getBoundingClientRect().width);
  const headerHeight = Math.round((TITLE_LINE + 8) * scale);
  const canvas = document.createElement('canvas');
  canvas.width = chart.width;
  canvas.height = chart.height + headerHeight;
  const context = canvas.getContext('2d');
  if (!context) {
    throw new Error('The browser has no 2D canvas to draw the PNG on.');
  }
  context.fillStyle = BACKGROUND_COLOR;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = TEXT_COLOR;
  context.font = `700 ${Math.round(15 * scale)}px ${HEADER_FONT}`;
  context.fillText(title, 8 * scale, 18 * scale);
  context.drawImage(chart, 0, headerHeight);
  return canvas;
}

/** Downloads a chart element (an SVG, or a canvas as drawn) as PNG, with the header above it. */
export async function downloadPng(chart: SVGSVGElement | HTMLCanvasElement, fileName: string, header?: ExportHeader): Promise<void> {
  let blob: Blob;
  if (chart instanceof HTMLCanvasElement) {
    blob = await canvasToPngBlob(header ? canvasWithTitle(chart, header.title) : chart);
  } else {
    blob = await svgToPngBlob(chart, 2, header);
  }
  downloadBlob(blob, fileName);
}
