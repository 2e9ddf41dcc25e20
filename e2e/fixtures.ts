import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

/** What a page did that a test must not allow: console errors, uncaught exceptions, requests off the page's origin. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  /** URLs requested from another origin; each was aborted before it left the browser. */
  foreignRequests: string[];
}

/**
 * Records the problems of every page and worker in `context` into `problems`:
 * `console.error` calls, uncaught exceptions, and requests to any origin but
 * `origin` (`data:` and `blob:` URLs are allowed). Such requests are aborted,
 * so a test never sends traffic off this machine, and then reported.
 */
export async function guardContext(context: BrowserContext, origin: string, problems: PageProblems): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isAllowedUrl(url, origin)) {
      await route.continue();
    } else {
      recordForeignRequest(problems, url);
      await route.abort('blockedbyclient');
    }
  });

  // Routing may not see every request (service workers, for one), so the request event is checked as well.
  context.on('request', (request) => {
    const url = request.url();
    if (!isAllowedUrl(url, origin)) {
      recordForeignRequest(problems, url);
    }
  });

  context.on('console', (message) => {
    if (message.type() === 'error') {
      const worker = message.worker();
      const source = worker ? `worker ${worker.url()}` : 'page';
      problems.consoleErrors.push(`${source}: ${message.text()}`);
    }
  });

  context.on('weberror', (webError) => {
    const error = webError.error();
    problems.pageErrors.push(`${error.name}: ${error.message}`);
  });
}

/**
 * `test` whose automatic `problems` fixture guards the test's own context
 * (see {@link guardContext}) and fails the test when any problem was recorded.
 * A test that opens more contexts passes them to `guardContext` with the same
 * `problems`, so they are checked too.
 */
export const test = base.extend<{ problems: PageProblems; origin: string }>({
  origin: async ({ baseURL }, use) => {
    if (baseURL === undefined) {
      throw new Error('use.baseURL is not set in playwright.config.ts; the tests need the preview server origin');
    }
    await use(new URL(baseURL).origin);
  },

  problems: [
    async ({ context, origin }, use) => {
      const problems: PageProblems = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
      await guardContext(context, origin, problems);

      await use(problems);

      // Soft assertions, so a failure lists every kind of problem, not only the first.
      expect.soft(problems.consoleErrors, 'console errors').toEqual([]);
      expect.soft(problems.pageErrors, 'uncaught exceptions').toEqual([]);
      expect.soft(problems.foreignRequests, 'requests to another origin').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

function isAllowedUrl(url: string, origin: string): boolean {
  return url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin;
}

function recordForeignRequest(problems: PageProblems, url: string): void {
  if (!problems.foreignRequests.includes(url)) {
    problems.foreignRequests.push(url);
  }
}

interface TraceEvent {
  name: string;
  pid: number;
  tid: number;
  tdur?: number;
  args: { name?: string };
}

/** What {@link watchMainThread} measured between its start and `stop()`. */
export interface MainThreadReport {
  /** Wall-clock durations in ms of the long tasks (over 50 ms) that the Long Tasks API observed. */
  longTasks: number[];
  /** CPU time in ms of each main-thread task over 50 ms of CPU, from a Chromium trace. */
  cpuOver50Ms: number[];
}

/**
 * Starts watching the page's main thread, after the page has loaded (parsing
 * the bundle is itself a long task). It runs a Long Tasks API observer in the
 * page and a Chromium trace at once; `stop()` returns both.
 *
 * The tests assert on the trace's CPU time. The Long Tasks API reports wall
 * time, which also counts time the thread waited for a core: on a loaded
 * 2-core machine, tasks of 1-10 ms of CPU were observed as 50-300 ms long
 * tasks. The wall times are attached to the test as an annotation.
 */
export async function watchMainThread(page: Page): Promise<{ stop(): Promise<MainThreadReport> }> {
  await page.evaluate(() => {
    const scope = window as unknown as { feedLabLongTasks?: number[]; feedLabLongTaskObserver?: PerformanceObserver };
    scope.feedLabLongTaskObserver?.disconnect();
    scope.feedLabLongTasks = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        scope.feedLabLongTasks?.push(Math.round(entry.duration));
      }
    });
    observer.observe({ type: 'longtask' });
    scope.feedLabLongTaskObserver = observer;
  });

  // RunTask events carry their CPU time (tdur) only with the disabled-by-default timeline category.
  const browser = page.context().browser();
  if (browser === null) {
    throw new Error('watchMainThread needs a page of a launched browser, for its trace');
  }
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });

  return {
    async stop() {
      const trace = await browser.stopTracing();
      const longTasks = await page.evaluate(() => (window as unknown as { feedLabLongTasks?: number[] }).feedLabLongTasks ?? []);
      const report = { longTasks, cpuOver50Ms: mainThreadCpuOver50Ms(trace) };
      test.info().annotations.push({ type: 'long tasks (wall ms, Long Tasks API)', description: longTasks.join(', ') || 'none' });
      return report;
    },
  };
}

/** Returns the CPU time in ms of every renderer main-thread task over 50 ms of CPU in a Chromium trace. */
function mainThreadCpuOver50Ms(trace: Buffer): number[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(events.filter((event) => event.name === 'thread_name' && event.args.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`));
  return events
    .filter((event) => event.name === 'RunTask' && mainThreads.has(`${event.pid}:${event.tid}`) && (event.tdur ?? 0) > 50_000)
    .map((event) => Math.round((event.tdur ?? 0) / 1000));
}
