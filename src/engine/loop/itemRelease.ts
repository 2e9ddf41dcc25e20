import type { World } from '../world/types';

/**
 * Item releases of Lab 9: an item with release tick r > 1 counts as seen by
 * every user until the start of tick r. Retrieval, trending, exploration and
 * the ideal feed all skip seen items, so nothing serves it early.
 * `seen` is the simulation's [users, items] mask.
 *
 * @throws Error when `releaseTick` does not have one entry per item.
 */
export function hideUnreleasedItems(seen: Uint8Array, world: World, releaseTick: Uint32Array): void {
  if (releaseTick.length !== world.items) {
    throw new Error(`releaseTick has ${releaseTick.length} entries for ${world.items} items; give one release tick per item.`);
  }
  for (let item = 0; item < releaseTick.length; item += 1) {
    if (releaseTick[item] > 1) {
      setSeenForAll(seen, world, item, 1);
    }
  }
}

/** Makes the items released at `tick` servable. No user can have been served them before. */
export function releaseItems(seen: Uint8Array, world: World, releaseTick: Uint32Array, tick: number): void {
  if (tick <= 1) {
    return;
  }
  for (let item = 0; item < releaseTick.length; item += 1) {
    if (releaseTick[item] === tick) {
      setSeenForAll(seen, world, item, 0);
    }
  }
}

function setSeenForAll(seen: Uint8Array, world: World, item: number, value: 0 | 1): void {
  for (let user = 0; user < world.users; user += 1) {
    seen[user * world.items + item] = value;
  }
}
