import type { EmailBackendConfig } from './config.js';
import { NOTHING_BUT_CREATE, type BackendDescriptor } from '../descriptor.js';
import type { BackendCapabilities } from '../types.js';

/** Nothing to follow (the helpdesk answers by email); files only through an endpoint, since a mailto: link cannot carry them. */
export const emailCapabilities = ({ endpoint, articles }: EmailBackendConfig): BackendCapabilities => ({
  ...NOTHING_BUT_CREATE,
  attachments: Boolean(endpoint),
  // Help pages the configuration lists, or points to.
  articles: Boolean(articles),
});

export const email: BackendDescriptor<EmailBackendConfig> = {
  capabilities: emailCapabilities,
  // Nobody signs in: the endpoint is the host's, the mail client the person's.
  signedIn: () => true,
};
