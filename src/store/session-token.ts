/**
 * Where a backend's session token is kept between page loads of one tab.
 * Only session tokens go here: never a user token, login or password, and
 * nothing of it ever reaches IndexedDB, localStorage or a URL.
 */
export interface TokenStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** A Map is a TokenStore. */
export const memoryTokenStore = (): TokenStore => new Map<string, string>();

/**
 * sessionStorage (survives a reload, dies with the tab), falling back to
 * memory when the browser refuses it: blocked storage, sandboxed frame, quota.
 */
export function sessionTokenStore(): TokenStore {
  const fallback = new Map<string, string>();
  const named = (key: string) => `support-widgets:session:${key}`;
  return {
    get(key) {
      try {
        return fallback.get(key) ?? sessionStorage.getItem(named(key)) ?? undefined;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      try {
        sessionStorage.setItem(named(key), value);
        fallback.delete(key);
      } catch {
        fallback.set(key, value);
      }
    },
    delete(key) {
      fallback.delete(key);
      try {
        sessionStorage.removeItem(named(key));
      } catch {
        // nothing was stored there
      }
    },
  };
}
