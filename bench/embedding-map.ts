/**
 * Frames per second of Lab 3's embedding map with 10,000 items while
 * panning, measured in Chromium on the built site.
 *
 * Run with `npm run bench -- embedding-map`. It builds the site into
 * bench/out/embedding-map-site and serves it with `vite preview` on
 * 127.0.0.1:$BENCH_PORT (default 4182). It opens the lab, trains BPR
 * briefly, draws the PCA map, and then pans it with one pointermove per
 * animation frame for 3 s. The moves are dispatched inside the page, so
 * Playwright's round trips do not limit the rate. Each move changes the view, so every frame redraws all
 * points. Results are recorded in bench/RESULTS.md.
 */
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

const PORT = Number(process.env.BENCH_PORT ?? 4182);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('./out/embedding-map-site/', import.meta.url));
const LAB = '#/lab/embeddings-retrieval?mode=sandbox&seed=5&users=300&items=10000&watches=30&epochs=2';
const PAN_MS = 3_000;
const REPEATS = 3;

/** Frame statistics of one panning run in the page. */
interface PanRun {
  frames: number;
  seconds: number;
  /** Frame intervals in ms, from requestAnimationFrame timestamps. */
  medianFrameMs: number;
  p95FrameMs: number;
  /** Main-thread tasks over 50 ms during the run. */
  longTasks: number[];
}

export async function run(): Promise<void> {
  await build({ root: ROOT, logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: true } });
  const server = await preview({ root: ROOT, logLevel: 'warn', build: { outDir: OUT_DIR }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      // tsx compiles with esbuild's keepNames, which wraps named functions in __name(); define it for panInPage.
      await page.addInitScript('window.__name = (target) => target;');
      await page.goto(`http://127.0.0.1:${PORT}/${LAB}`);
      await page.getByText(/Data: synthetic/).waitFor({ timeout: 120_000 });
      await page.getByRole('button', { name: 'Train bpr' }).click();
      await page.locator('button:has-text("Draw the map of bpr"):enabled').waitFor({ timeout: 180_000 });
      await page.getByRole('button', { name: 'Draw the map of bpr' }).click();
      await page.getByTestId('retrieval-result').waitFor({ timeout: 120_000 });
      const points = await page.evaluate(() => document.querySelector('canvas.chart-canvas')?.getAttribute('aria-label') ?? '');

      const runs: PanRun[] = [];
      for (let repeat = 0; repeat < REPEATS; repeat += 1) {
        runs.push(await page.evaluate(panInPage, PAN_MS));
      }
      console.log(`map: ${points}; viewport 1280x900, device pixel ratio 1`);
      console.log('run  frames  seconds   fps  median frame ms  p95 frame ms  long tasks (ms)');
      runs.forEach((result, index) => {
        const fps = result.frames / result.seconds;
        console.log(
          `${String(index + 1).padStart(3)}  ${String(result.frames).padStart(6)}  ${result.seconds.toFixed(2).padStart(7)}  ${fps.toFixed(1).padStart(4)}  ${result.medianFrameMs.toFixed(1).padStart(15)}  ${result.p95FrameMs.toFixed(1).padStart(12)}  ${result.longTasks.join(', ') || 'none'}`,
        );
      });
    } finally {
      await browser.close();
    }
  } finally {
    await new Promise<void>((resolve, reject) => server.httpServer.close((error) => (error ? reject(error) : resolve())));
  }
}

/** Runs in the page: pans the map once per frame for `durationMs` and returns the frame statistics. */
async function panInPage(durationMs: number): Promise<PanRun> {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas.chart-canvas');
  if (canvas === null) {
    throw new Error('No map canvas on the page');
  }
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks.push(Math.round(entry.duration));
    }
  });
  observer.observe({ type: 'longtask' });
  const rect = canvas.getBoundingClientRect();
  const options = (x: number): PointerEventInit => ({ bubbles: true, pointerId: 1, clientX: rect.left + x, clientY: rect.top + rect.height / 2, isPrimary: true });
  canvas.dispatchEvent(new PointerEvent('pointerdown', options(rect.width / 2)));

  const stamps: number[] = [];
  await new Promise<void>((resolve) => {
    const start = performance.now();
    const frame = (time: number) => {
      stamps.push(time);
      const phase = (time - start) / 500;
      canvas.dispatchEvent(new PointerEvent('pointermove', options(rect.width / 2 + 200 * Math.sin(phase))));
      if (time - start < durationMs) {
        requestAnimationFrame(frame);
      } else {
        resolve();
      }
    };
    requestAnimationFrame(frame);
  });
  canvas.dispatchEvent(new PointerEvent('pointerup', options(rect.width / 2)));
  observer.disconnect();

  const intervals = stamps.slice(1).map((time, index) => time - stamps[index]).sort((a, b) => a - b);
  const pick = (share: number) => intervals[Math.min(intervals.length - 1, Math.floor(share * intervals.length))] ?? Number.NaN;
  return { frames: stamps.length - 1, seconds: (stamps[stamps.length - 1] - stamps[0]) / 1000, medianFrameMs: pick(0.5), p95FrameMs: pick(0.95), longTasks };
}
