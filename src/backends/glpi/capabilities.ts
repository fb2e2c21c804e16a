import type { GlpiBackendConfig } from './config.js';
import { personKey, sessionTokenStore } from '../../store/session-token.js';
import type { BackendDescriptor } from '../descriptor.js';
import type { BackendCapabilities } from '../types.js';

/**
 * Where this GLPI's sessions are kept in the tab (shared with the adapter): one per person,
 * `glpi:<url>#<personKey>`, so that other credentials never reuse someone else's session; and
 * under `glpi:<url>` itself, the person key of the last session opened (no token there), which
 * finds a password session again after a reload, when only the session is left.
 */
export const glpiSessionKey = (config: GlpiBackendConfig, person?: string): string =>
  `glpi:${config.url.replace(/\/+$/, '')}${person === undefined ? '' : `#${person}`}`;

/** Whose session the tab holds for this GLPI: the person key of a configured user token, else the last one opened. */
export function glpiPersonOf(config: GlpiBackendConfig, tokens = sessionTokenStore()): string | undefined {
  const token = config.auth?.userToken;
  return token ? personKey(`token:${token}`) : tokens.get(glpiSessionKey(config));
}

/** GLPI does everything the elements offer. */
export const GLPI_CAPABILITIES: BackendCapabilities = {
  categories: true,
  equipment: true,
  attachments: true,
  passwordSignIn: true,
  tickets: true,
  organisationTickets: true,
  reply: true,
  approval: true,
  closeReopen: true,
  // Observers by address (observers.ts), at creation and on an open ticket.
  cc: true,
  // The FAQ (articles.ts).
  articles: true,
};

export const glpi: BackendDescriptor<GlpiBackendConfig> = {
  capabilities: () => GLPI_CAPABILITIES,
  signedIn: (config) => {
    const person = glpiPersonOf(config);
    return Boolean(config.auth || (person && sessionTokenStore().get(glpiSessionKey(config, person))));
  },
};
