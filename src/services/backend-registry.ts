/**
 * One adapter per backend configuration for the whole page, so that the form and
 * the list share a session and sign in once.
 */
import type { BackendConfig } from '../config/index.js';
import type { HelpdeskBackend } from '../backends/types.js';
import { createBackend } from '../backends/index.js';

const adapters = new Map<string, HelpdeskBackend>();

export function backendFor(config: BackendConfig): HelpdeskBackend {
  const key = JSON.stringify(config);
  let backend = adapters.get(key);
  if (!backend) {
    backend = createBackend(config);
    adapters.set(key, backend);
  }
  return backend;
}

/** Signs out of every helpdesk session the page opened and forgets the adapters (a host's "log out"). */
export async function signOutEverywhere(): Promise<void> {
  const all = [...adapters.values()];
  adapters.clear();
  await Promise.all(all.map((backend) => backend.signOut()));
}
