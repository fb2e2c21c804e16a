/**
 * One holder at a time, across the tabs of the origin: two tabs with the same
 * outbox must never send the same ticket at once. Web Locks do that, and free
 * the lock by themselves when a tab crashes or closes. Where they are missing
 * (plain-http intranets: Web Locks need a secure context; older browsers),
 * the lock holds within the page only, and the outbox's lease on each entry
 * is what keeps two tabs apart.
 */

export type LockResult<T> = { acquired: true; value: T } | { acquired: false };

export interface LockOptions {
  /** Wait for the lock instead of giving up when another holder has it. */
  wait?: boolean;
}

/** The last holder or waiter of each name, when Web Locks are missing. */
const localTails = new Map<string, Promise<unknown>>();

/**
 * Runs `run` while holding the lock `name`. Without `wait`, resolves with
 * `{ acquired: false }` at once when another holder has it. `run` learns
 * whether the lock spans every tab (Web Locks) or this page only. Errors of
 * `run` reach the caller; the lock is released either way.
 */
export async function withLock<T>(name: string, run: (acrossTabs: boolean) => Promise<T>, options: LockOptions = {}): Promise<LockResult<T>> {
  const wait = options.wait ?? false;
  const locks = globalThis.navigator?.locks;
  if (locks) {
    let started = false;
    try {
      return await locks.request(name, { ifAvailable: !wait }, async (lock): Promise<LockResult<T>> => {
        if (!lock) return { acquired: false };
        started = true;
        return { acquired: true, value: await run(true) };
      });
    } catch (error) {
      // An opaque origin (sandboxed frame) has `locks` but refuses every request.
      if (started) throw error;
    }
  }
  return withLocalLock(name, run, wait);
}

function withLocalLock<T>(name: string, run: (acrossTabs: boolean) => Promise<T>, wait: boolean): Promise<LockResult<T>> {
  const previous = localTails.get(name);
  if (previous && !wait) return Promise.resolve({ acquired: false });
  const result = (previous ?? Promise.resolve()).then(async (): Promise<LockResult<T>> => ({ acquired: true, value: await run(false) }));
  const tail = result.catch(() => undefined);
  localTails.set(name, tail);
  void tail.then(() => {
    if (localTails.get(name) === tail) localTails.delete(name);
  });
  return result;
}
