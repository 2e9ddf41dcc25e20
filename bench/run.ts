/**
 * Benchmark runner: `npm run bench` runs every benchmark, `npm run bench -- loop`
 * only the named ones. Each benchmark prints its own table; record results in
 * bench/RESULTS.md with the command and the machine.
 */

/** Benchmarks by name. Each module exports `run()`, loaded only when it is chosen. */
const BENCHMARKS: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  loop: () => import('./loop'),
  ann: () => import('./ann'),
  'worker-training': () => import('./worker-training'),
  ranking: () => import('./ranking'),
  'embedding-map': () => import('./embedding-map'),
  bubble: () => import('./bubble'),
};

async function main(names: string[]): Promise<number> {
  const chosen = names.length === 0 ? Object.keys(BENCHMARKS) : names;
  const unknown = chosen.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(`error: unknown benchmark ${unknown.join(', ')}; expected one of ${Object.keys(BENCHMARKS).join(', ')}`);
    return 2;
  }

  for (const name of chosen) {
    console.log(`## ${name}`);
    const benchmark = await BENCHMARKS[name]();
    await benchmark.run();
    console.log('');
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

// Makes this file a module, which top-level await requires.
export {};
