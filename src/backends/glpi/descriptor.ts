import type { GlpiBackendConfig } from '../../core/config.js';
import { sessionTokenStore } from '../../store/session-token.js';
import type { BackendDescriptor } from '../descriptor.js';
import type { BackendCapabilities } from '../types.js';

/** The key of the session token kept for this GLPI in the tab (shared with the adapter). */
export const glpiSessionKey = (config: GlpiBackendConfig): string => `glpi:${config.url.replace(/\/+$/, '')}`;

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
};

export const glpi: BackendDescriptor<GlpiBackendConfig> = {
  capabilities: () => GLPI_CAPABILITIES,
  signedIn: (config) => Boolean(config.auth || sessionTokenStore().get(glpiSessionKey(config))),
  load: () => import('./glpi-backend.js').then(({ GlpiBackend }) => (config) => new GlpiBackend(config)),
};
