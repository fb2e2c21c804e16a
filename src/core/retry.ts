/**
 * When to try again after a transient failure. Exponential growth keeps a dead
 * helpdesk from being hammered; full jitter (a random delay between 0 and the
 * ceiling) keeps the tabs and offices that lost the same server from coming
 * back in step; the cap keeps a ticket from waiting hours once the server is
 * back. The random source is injected so tests and the fault suite replay.
 */

export interface BackoffOptions {
  /** Ceiling of the first retry, in milliseconds. */
  base?: number;
  /** Largest ceiling, in milliseconds, whatever the attempt. */
  cap?: number;
  /** The backend's `Retry-After`, in seconds: the delay is never shorter. */
  retryAfter?: number;
  /** A number in [0, 1); `Math.random` unless a test or the fault suite seeds one. */
  random?: () => number;
}

/**
 * Milliseconds to wait after `attempt` failed attempts (1 after the first):
 * a random share of `min(cap, base × 2^(attempt − 1))`, and at least `retryAfter`.
 */
export function retryDelay(attempt: number, options: BackoffOptions = {}): number {
  const { base = 2000, cap = 5 * 60_000, retryAfter = 0, random = Math.random } = options;
  // Past ~40 doublings the power is astronomically over any cap: clamp before it reaches Infinity.
  const ceiling = Math.min(cap, base * 2 ** Math.min(Math.max(attempt - 1, 0), 40));
  return Math.max(Math.floor(random() * ceiling), retryAfter * 1000);
}

/**
 * A small seeded generator (mulberry32): the same seed gives the same numbers,
 * so a failing randomised run can be replayed from the seed it prints.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
