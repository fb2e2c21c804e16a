/**
 * Credentials never reach IndexedDB (DESIGN: they live in memory or
 * sessionStorage only). Drafts and the outbox are given values the form built,
 * which should hold none; this strips them anyway, at every depth, in case a
 * caller passes a configuration or a credentials object along by mistake.
 */

/** Key names that hold a secret in a configuration, a credentials object or a form. */
const CREDENTIAL_KEY = /^(auth|authorization|credentials?|passw(or)?d|secret|(access|api|app|refresh|session|user)?_?token)$/i;

export const isCredentialKey = (key: string): boolean => CREDENTIAL_KEY.test(key);

/**
 * A copy of `value` without any key that names a credential. Arrays and plain
 * objects are copied; Blobs, Files, Dates and binary data are kept as they are
 * (IndexedDB stores them natively). Meant for plain data: no cycles.
 */
export function withoutCredentials<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutCredentials) as T;
  if (
    value === null ||
    typeof value !== 'object' ||
    value instanceof Blob ||
    value instanceof Date ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value)
  ) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !isCredentialKey(key))
      .map(([key, inner]) => [key, withoutCredentials(inner)]),
  ) as T;
}
