/**
 * Compile-time checks of Lab 2's worker API in the page's view, `Remote<EventsFeaturesApi>`.
 * `expectTypeOf` does nothing at run time: `tsc -p tsconfig.json --noEmit` fails when a check fails.
 */
import type { Remote } from 'comlink';
import { describe, expectTypeOf, it } from 'vitest';
import type { EventWindow } from '../../src/engine/events/window';
import type { BingeProbeResult } from '../../src/engine/features/bingeProbe';
import type { UserFeatureView } from '../../src/engine/features/userView';
import type { EventsFeaturesApi } from '../../src/worker/eventsFeatures.worker';
import type { EventsFeaturesInit, EventsFeaturesSetup, FreshnessComparison, FreshnessProgress, StreamProgress, StreamResult } from '../../src/worker/eventsFeaturesApi';

type RemoteApi = Remote<EventsFeaturesApi>;

describe('Remote<EventsFeaturesApi>', () => {
  it('init takes a setup', () => {
    expectTypeOf<RemoteApi['init']>().parameters.toEqualTypeOf<[EventsFeaturesSetup]>();
    expectTypeOf<RemoteApi['init']>().returns.resolves.toEqualTypeOf<EventsFeaturesInit>();
  });

  it('advance streams progress', () => {
    expectTypeOf<RemoteApi['advance']>().returns.resolves.toEqualTypeOf<StreamResult>();
    expectTypeOf<NonNullable<Parameters<RemoteApi['advance']>[2]>>().parameter(0).toEqualTypeOf<StreamProgress>();
  });

  it('compareFreshness streams progress', () => {
    expectTypeOf<RemoteApi['compareFreshness']>().returns.resolves.toEqualTypeOf<FreshnessComparison>();
    expectTypeOf<NonNullable<Parameters<RemoteApi['compareFreshness']>[3]>>().parameter(0).toEqualTypeOf<FreshnessProgress>();
  });

  it('reads return plain data', () => {
    expectTypeOf<RemoteApi['events']>().returns.resolves.toEqualTypeOf<EventWindow>();
    expectTypeOf<RemoteApi['userView']>().returns.resolves.toEqualTypeOf<UserFeatureView>();
    expectTypeOf<RemoteApi['bingeProbe']>().returns.resolves.toEqualTypeOf<BingeProbeResult>();
    expectTypeOf<RemoteApi['cancel']>().returns.resolves.toEqualTypeOf<void>();
  });
});
