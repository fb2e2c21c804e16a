/**
 * What the elements must know of a backend before its adapter's code is loaded:
 * what it can do, and whether calls can start without asking the person to sign
 * in. Each helpdesk's `capabilities.ts` says it, small and free of the adapter, so
 * that the registry (`index.ts`) imports it at once and the adapter's module only
 * when it is used (`load`, an `import()`); the adapter imports the same file.
 */
import type { BackendConfig, BackendType } from './config.js';
import type { BackendCapabilities, HelpdeskBackend } from './types.js';

export interface BackendDescriptor<C extends BackendConfig = BackendConfig> {
  capabilities(config: C): BackendCapabilities;
  /**
   * Whether calls can be made now though the host set no credentials: a token in the
   * configuration, a session kept from before a reload, or a backend that needs none
   * (a relay, the host's own session cookie, email).
   */
  signedIn(config: C): boolean;
}

/** A descriptor and the way to its adapter. */
export interface LoadableBackend<C extends BackendConfig = BackendConfig> extends BackendDescriptor<C> {
  /** The adapter's module, loaded on first use. */
  load(): Promise<(config: C) => HelpdeskBackend>;
}

export type Descriptors = { [T in BackendType]: LoadableBackend<Extract<BackendConfig, { type: T }>> };

/** Nothing the person can do beyond creating a ticket (email): the elements explain instead of offering buttons. */
export const NOTHING_BUT_CREATE: BackendCapabilities = {
  categories: false,
  equipment: false,
  attachments: false,
  passwordSignIn: false,
  tickets: false,
  organisationTickets: false,
  reply: false,
  approval: false,
  closeReopen: false,
  cc: false,
  articles: false,
};
