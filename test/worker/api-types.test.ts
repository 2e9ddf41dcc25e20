/**
 * Compile-time checks of the worker API's type on the page, `Remote<EngineApi>` from comlink.
 * `expectTypeOf` does nothing at run time: `tsc -p tsconfig.json --noEmit`
 * fails when a check fails.
 */
import type { Remote } from 'comlink';
import { describe, expectTypeOf, it } from 'vitest';
import type { EmbeddingMap, UserFeedSnapshot } from '../../src/engine/loop/types';
import type { FeedMachineParams } from '../../src/engine/scenarios/feedMachine';
import type { EngineClient } from '../../src/worker/client';
import type { EngineApi } from '../../src/worker/engine.worker';
import type { InitOptions } from '../../src/worker/engineApi';
import type { AdvanceProgress, AdvanceResult, BackendReport, InitResult } from '../../src/worker/protocol';

type RemoteApi = Remote<EngineApi>;

describe('Remote<EngineApi>', () => {
  it('init takes parameters and options', () => {
    expectTypeOf<RemoteApi['init']>().parameters.toEqualTypeOf<[FeedMachineParams, InitOptions?]>();
    expectTypeOf<RemoteApi['init']>().returns.resolves.toEqualTypeOf<InitResult>();
    expectTypeOf<InitOptions['backend']>().toEqualTypeOf<'webgl' | 'wasm' | 'cpu' | 'auto' | undefined>();
  });

  it('advance returns AdvanceResult', () => {
    expectTypeOf<RemoteApi['advance']>().returns.resolves.toEqualTypeOf<AdvanceResult>();
    expectTypeOf<RemoteApi['advance']>().parameter(0).toEqualTypeOf<number>();
    expectTypeOf<RemoteApi['advance']>().parameter(1).toEqualTypeOf<number>();
  });

  it('advance takes a progress callback', () => {
    type OnProgress = NonNullable<Parameters<RemoteApi['advance']>[2]>;
    expectTypeOf<OnProgress>().parameter(0).toEqualTypeOf<AdvanceProgress>();
  });

  it('other calls return promises of plain data', () => {
    // comlink's Promisify distributes over unions, so a boolean result is typed
    // Promise<true> | Promise<false>, which `resolves` cannot unwrap.
    expectTypeOf<RemoteApi['cancel']>().returns.resolves.toEqualTypeOf<void>();
    expectTypeOf<RemoteApi['snapshot']>().returns.resolves.toEqualTypeOf<UserFeedSnapshot>();
    expectTypeOf<RemoteApi['embeddingMap']>().returns.resolves.toEqualTypeOf<EmbeddingMap>();
    expectTypeOf<RemoteApi['backendReport']>().returns.resolves.toEqualTypeOf<BackendReport>();
    expectTypeOf<ReturnType<RemoteApi['loseWebGLContext']>>().toExtend<Promise<boolean>>();
    expectTypeOf<Awaited<ReturnType<RemoteApi['loseWebGLContext']>>>().toEqualTypeOf<boolean>();
  });

  it('is the type the client exposes', () => {
    expectTypeOf<EngineClient['api']>().toEqualTypeOf<RemoteApi>();
  });
});
