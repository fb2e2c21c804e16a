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

/**
 * A short, stable name for a person in storage keys: a 53-bit hash (cyrb53) of what identifies
 * them (a user token, a login), so that sessions are kept per person without the token or the
 * login ever appearing in a key. Not a secret's protection (the hash is of a long random token or
 * of a login), only a name that says nothing.
 */
export function personKey(identity: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < identity.length; i++) {
    const code = identity.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
