import type { ZammadBackendConfig } from './config.js';
import type { BackendDescriptor } from '../descriptor.js';
import type { BackendCapabilities } from '../types.js';

/**
 * What a Zammad customer can do through the API (BACKENDS.md §4): no categories nor
 * equipment (Zammad has neither for customers); the organisation's tickets are those
 * of a shared organisation (only the person's own otherwise); approval stands for a
 * ticket the agent set to "pending close": approve closes it now, refuse reopens it.
 */
export const ZAMMAD_CAPABILITIES: BackendCapabilities = {
  categories: false,
  equipment: false,
  attachments: true,
  passwordSignIn: true,
  tickets: true,
  organisationTickets: true,
  reply: true,
  approval: true,
  closeReopen: true,
  cc: false,
  // The knowledge base's published answers: searched as anyone may, read as the person (articles.ts).
  articles: true,
};

export const zammad: BackendDescriptor<ZammadBackendConfig> = {
  capabilities: () => ZAMMAD_CAPABILITIES,
  // No server session: a password lives in the adapter's memory only, so after a reload the person signs in again.
  signedIn: (config) => Boolean(config.auth),
};
