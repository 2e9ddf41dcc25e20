// Entry point of a seed thread. tsx's loader does not reach worker threads on
// Node 20, so this plain module loads the TypeScript entry through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./seedThread.ts', import.meta.url);
