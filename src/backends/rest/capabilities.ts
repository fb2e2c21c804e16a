import type { RestBackendConfig } from './config.js';
import type { BackendDescriptor } from '../descriptor.js';
import type { BackendCapabilities } from '../types.js';

/**
 * The protocol's required routes (list, thread, reply, close and reopen) and the optional
 * parts the host declared in `features`: known before any call, as the elements need.
 */
export const restCapabilities = ({ features }: RestBackendConfig): BackendCapabilities => ({
  categories: features.categories,
  equipment: false,
  attachments: features.attachments,
  passwordSignIn: false,
  tickets: true,
  organisationTickets: features.organisationTickets,
  reply: true,
  approval: features.approval,
  closeReopen: true,
  // Not in the protocol (docs/rest-protocol.md): an application keeps others informed its own way.
  cc: false,
  articles: features.articles,
});

export const rest: BackendDescriptor<RestBackendConfig> = {
  capabilities: restCapabilities,
  // The host's session cookie or its token: there is never a sign-in step in the widget.
  signedIn: () => true,
};
