import type { FreshdeskBackendConfig } from './config.js';
import type { BackendDescriptor } from '../descriptor.js';
import type { BackendCapabilities } from '../types.js';

/**
 * What a requester can do on Freshdesk through the relay. No categories nor equipment
 * (Freshdesk has neither for customers), no approval (a resolved ticket is closed or
 * reopened instead), no organisation list (the relay pins the person), no password
 * sign-in (the host's session is the sign-in).
 */
export const FRESHDESK_CAPABILITIES: BackendCapabilities = {
  categories: false,
  equipment: false,
  attachments: true,
  passwordSignIn: false,
  tickets: true,
  organisationTickets: false,
  reply: true,
  approval: false,
  closeReopen: true,
};

export const freshdesk: BackendDescriptor<FreshdeskBackendConfig> = {
  capabilities: () => FRESHDESK_CAPABILITIES,
  // The relay knows the person from the host's session cookie: nothing to ask here.
  signedIn: () => true,
};
