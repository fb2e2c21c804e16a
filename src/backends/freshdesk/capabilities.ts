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
  // Freshdesk takes `cc_emails` on a new ticket (BACKENDS.md §2), but the example relay refuses it unless
  // its owner allows it (RELAY_ALLOW_CC): any address would get the helpdesk's mail. `backend.cc` says so.
  // Adding people later is an agent's action (a reply's `cc_emails`): never offered.
  cc: false,
  // Published solution articles of folders every customer may read, through the relay (articles.ts);
  // a relay without these routes answers 404, which finds nothing.
  articles: true,
};

export const freshdesk: BackendDescriptor<FreshdeskBackendConfig> = {
  capabilities: ({ cc }) => (cc ? { ...FRESHDESK_CAPABILITIES, cc } : FRESHDESK_CAPABILITIES),
  // The relay knows the person from the host's session cookie: nothing to ask here.
  signedIn: () => true,
};
