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

export function memoryTokenStore(): TokenStore {
  const tokens = new Map<string, string>();
  return {
    get: (key) => tokens.get(key),
    set: (key, value) => void tokens.set(key, value),
    delete: (key) => void tokens.delete(key),
  };
}

const PREFIX = 'support-widgets:session:';

/**
 * sessionStorage (survives a reload, dies with the tab), falling back to
 * memory when the browser refuses it: blocked storage, sandboxed frame, quota.
 */
export function sessionTokenStore(): TokenStore {
  const fallback = new Map<string, string>();
  const storage = (): Storage => globalThis.sessionStorage;
  return {
    get(key) {
      if (fallback.has(key)) return fallback.get(key);
      try {
        return storage().getItem(PREFIX + key) ?? undefined;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      try {
        storage().setItem(PREFIX + key, value);
        fallback.delete(key);
      } catch {
        fallback.set(key, value);
      }
    },
    delete(key) {
      fallback.delete(key);
      try {
        storage().removeItem(PREFIX + key);
      } catch {
        // nothing was stored there
      }
    },
  };
}
