import type { RtBackendConfig } from './config.js';
import type { BackendDescriptor } from '../descriptor.js';
import type { BackendCapabilities } from '../types.js';

/**
 * What RT's REST2 lets a requester do. No categories (RT has queues, which the configuration
 * chooses), no equipment, no organisation list (RT has no organisations: a requester sees
 * the tickets they are Requestor of) and no solution to approve (a technician resolves; the
 * person reopens by answering). Closing needs a right the RT admin may not give requesters:
 * each ticket says whether it can be closed (`TicketDetail.actions`, from RT's lifecycle links).
 */
export const RT_CAPABILITIES: BackendCapabilities = {
  categories: false,
  equipment: false,
  attachments: true,
  passwordSignIn: true,
  tickets: true,
  organisationTickets: false,
  reply: true,
  approval: false,
  closeReopen: true,
  // The Cc role (BACKENDS.md §3.2): watchers RT writes to on every correspondence, named with `POST /ticket` and
  // added with `PUT /ticket/:id` where the person holds ModifyTicket (each ticket's `actions.addPeople`).
  cc: true,
  // Articles of the classes the person may read (ShowArticle), their body the "Content" field (SeeCustomField).
  articles: true,
};

export const rt: BackendDescriptor<RtBackendConfig> = {
  capabilities: () => RT_CAPABILITIES,
  // A password is kept in memory only: after a reload the person signs in again.
  signedIn: (config) => Boolean(config.auth),
};
