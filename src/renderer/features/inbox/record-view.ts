import type { Map as PersistentMap } from 'immutable';

/**
 * A read-only record over a persistent map: an update costs the map's `set`, not a copy of every
 * key, while readers keep `byId[id]`, `id in byId` and `Object.values(byId)`. Writes through it
 * fail, so a store cannot mutate it in place.
 */
export function recordView<T>(map: PersistentMap<string, T>): Readonly<Record<string, T>> {
  return new Proxy(Object.create(null) as Record<string, T>, {
    get: (_target, key) => (typeof key === 'string' ? map.get(key) : undefined),
    has: (_target, key) => typeof key === 'string' && map.has(key),
    ownKeys: () => [...map.keys()],
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === 'string' && map.has(key)
        ? { value: map.get(key), enumerable: true, configurable: true, writable: false }
        : undefined,
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false,
  });
}
