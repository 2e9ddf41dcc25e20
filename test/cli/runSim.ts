import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `cli/sim.ts` runs. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface SimResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tsx cli/sim.ts` in a child process, as `npm run sim` does, and resolves with its exit code and output. */
export function runSim(argv: string[]): Promise<SimResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'cli/sim.ts', ...argv], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}
