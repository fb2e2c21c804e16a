/**
 * The storage under drafts and the outbox: IndexedDB through idb-keyval, with
 * memory standing in for whatever IndexedDB refuses. The person opening a
 * ticket may be in private mode, in a sandboxed frame, on a full disk or on a
 * browser whose IndexedDB hangs: the widget must still work, so no storage
 * failure ever reaches a caller. It only learns, through `persistent`, that
 * what it saved will not survive a reload, and can say so.
 */
import { createStore, del, entries, get, promisifyRequest, set, type UseStore } from 'idb-keyval';

export interface KeyValueStore {
  /**
   * False while anything lives in memory only (a write or a delete IndexedDB
   * refused) or while IndexedDB is failing: drafts will not survive a reload.
   */
  readonly persistent: boolean;
  /** Calls `listener` each time `persistent` changes; returns the unsubscribe. */
  watchPersistence(listener: (persistent: boolean) => void): () => void;
  get<T>(key: string): Promise<T | undefined>;
  /** Resolves with whether the value reached IndexedDB (false: kept in memory). */
  set(key: string, value: unknown): Promise<boolean>;
  /** Resolves with whether the delete reached IndexedDB (false: hidden in memory). */
  delete(key: string): Promise<boolean>;
  /**
   * Reads, changes and writes one value in a single IndexedDB transaction, so
   * two tabs changing the same entry never both win; `undefined` from `change`
   * deletes. `change` may run twice (again on memory after a refused write):
   * it must only compute. Resolves with the value written.
   */
  update<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined>;
  entries<T>(): Promise<[string, T][]>;
}

export interface KeyValueStoreOptions {
  /** Milliseconds after which an IndexedDB call that has not settled counts as failed. */
  timeout?: number;
}

/** Marks, in memory, a delete that IndexedDB refused, so the old value stays hidden. */
const DELETED = Symbol('deleted');

/**
 * A store in its own IndexedDB database (idb-keyval keeps one object store per
 * database). Nothing is opened before the first call.
 */
export function createKeyValueStore(database: string, options: KeyValueStoreOptions = {}): KeyValueStore {
  const { timeout = 10_000 } = options;
  let idb: UseStore | undefined;
  /** What IndexedDB refused: for this page it wins over IndexedDB's copy. */
  const memory = new Map<string, unknown>();
  const listeners = new Set<(persistent: boolean) => void>();
  let failing = false;
  /** Set once IndexedDB hung: every later call would wait the whole timeout too. */
  let hung = false;
  let announced = true;

  const persistent = () => !failing && memory.size === 0;

  function announce() {
    const now = persistent();
    if (now === announced) return;
    announced = now;
    for (const listener of listeners) listener(now);
  }

  /** Runs one IndexedDB call; `undefined` when it threw, rejected or hung. */
  async function attempt<T>(run: (store: UseStore) => Promise<T>): Promise<{ value: T } | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      if (hung) throw new Error('IndexedDB hung before');
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          hung = true;
          reject(new Error('IndexedDB did not answer'));
        }, timeout);
      });
      // `indexedDB.open` may throw synchronously (sandboxed frame, file:): inside the try.
      const value = await Promise.race([run((idb ??= createStore(database, 'keyval'))), late]);
      failing = false;
      return { value };
    } catch {
      failing = true;
      return undefined;
    } finally {
      clearTimeout(timer);
      announce();
    }
  }

  function remember(key: string, value: unknown) {
    memory.set(key, value === DELETED ? value : copy(value));
    announce();
  }

  function recall<T>(key: string): T | undefined {
    const value = memory.get(key);
    return value === DELETED ? undefined : (copy(value) as T | undefined);
  }

  const store: KeyValueStore = {
    get persistent() {
      return persistent();
    },

    watchPersistence(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async get<T>(key: string) {
      if (memory.has(key)) return recall<T>(key);
      return (await attempt((idbStore) => get<T>(key, idbStore)))?.value;
    },

    async set(key, value) {
      const written = await attempt((idbStore) => set(key, value, idbStore));
      if (!written) {
        remember(key, value);
        return false;
      }
      memory.delete(key);
      announce();
      return true;
    },

    async delete(key) {
      const deleted = await attempt((idbStore) => del(key, idbStore));
      if (!deleted) {
        remember(key, DELETED);
        return false;
      }
      memory.delete(key);
      announce();
      return true;
    },

    async update<T>(key: string, change: (current: T | undefined) => T | undefined) {
      if (memory.has(key)) {
        // IndexedDB's copy is stale or absent: change the one this page knows, then try to persist it.
        const next = change(recall<T>(key));
        await (next === undefined ? store.delete(key) : store.set(key, next));
        return next;
      }
      let next: T | undefined;
      const done = await attempt((idbStore) =>
        idbStore('readwrite', (os) => {
          const request = os.get(key);
          return new Promise<void>((resolve, reject) => {
            request.onsuccess = () => {
              try {
                next = change(request.result as T | undefined);
                if (next === undefined) os.delete(key);
                else os.put(next, key);
                resolve(promisifyRequest(os.transaction));
              } catch (error) {
                reject(error);
              }
            };
            request.onerror = () => reject(request.error);
          });
        }),
      );
      if (done) return next;
      // IndexedDB's value could not be read: change nothing rather than hide it behind a guess.
      next = change(undefined);
      if (next !== undefined) remember(key, next);
      return next;
    },

    async entries<T>() {
      const stored = await attempt((idbStore) => entries<string, T>(idbStore));
      const merged = new Map<string, T>(stored?.value);
      for (const key of memory.keys()) {
        if (memory.get(key) === DELETED) merged.delete(key);
        else merged.set(key, recall<T>(key) as T);
      }
      return [...merged];
    },
  };
  return store;
}

/**
 * Memory keeps copies, like IndexedDB: a caller changing its object after a
 * save must not change what was saved. Blobs are copied by reference, cheaply.
 */
function copy<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}
