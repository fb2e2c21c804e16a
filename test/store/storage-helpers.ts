/** A fresh name per test: idb-keyval keeps its connections open, so databases are not deleted between tests. */
export const uniqueName = (prefix: string) => `support-widgets-test-${prefix}-${crypto.randomUUID()}`;

/** Swaps `target[name]` for `value` (a method or a plain property) and returns what puts it back. */
export function replace<T extends object, K extends keyof T>(target: T, name: K, value: unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { value, configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(target, name, own);
    else delete target[name];
  };
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
