/**
 * The one interface every helpdesk adapter implements. Elements only see this:
 * they read `capabilities` to hide what a backend cannot do, and every method
 * either resolves or rejects with a `HelpdeskError` (src/core/errors.ts).
 * Adapters never touch the DOM.
 */
import type { ArticleSource } from '../core/articles.js';
import type {
  Category,
  CreatedTicket,
  EquipmentItem,
  NewTicket,
  PostedReply,
  TicketDetail,
  TicketDocument,
  TicketPage,
  TicketPageQuery,
  TicketReply,
  TicketType,
} from '../core/ticket.js';

export interface BackendCapabilities {
  /** Categories can be listed and chosen. */
  categories: boolean;
  /** The person's equipment can be listed and linked to the ticket. */
  equipment: boolean;
  /** Files can be attached. */
  attachments: boolean;
  /** The person can sign in with a login and password inside the widget. */
  passwordSignIn: boolean;
  /** Tickets can be listed and read with their thread (`listTickets`, `getTicket`, `downloadDocument`). */
  tickets: boolean;
  /** The list can show the organisation's tickets, not only the person's own. */
  organisationTickets: boolean;
  /** The person can reply on a ticket. */
  reply: boolean;
  /** A proposed solution can be approved or refused by the requester. */
  approval: boolean;
  /** The person can close a ticket, and reopen a closed one (per ticket, see `TicketDetail.actions`). */
  closeReopen: boolean;
  /**
   * People can be kept informed by their email address (Cc): named with a new ticket, and
   * added to an open one where its `actions.addPeople` says the person may (`addPeople`).
   */
  cc: boolean;
  /** The helpdesk's knowledge base can be searched and read (`articles()`). */
  articles: boolean;
}

/** What the person or the host page gives to authenticate. Kept in memory only. */
export type Credentials = { userToken: string } | { login: string; password: string };

/** A host callback that supplies credentials when the adapter needs them. */
export type CredentialsProvider = () => Credentials | undefined | Promise<Credentials | undefined>;

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CreateTicketOptions extends CallOptions {
  /**
   * The submission's id, generated once when the person first submits, written
   * into the ticket (GLPI: `externalid`) so that the ticket can be found again.
   */
  submissionId?: string;
  /**
   * An earlier attempt with this `submissionId` may have reached the helpdesk and
   * lost its answer (timeout, connection cut, bad answer, closed tab): the adapter
   * looks for that ticket first and returns it instead of creating a second one.
   */
  mayExist?: boolean;
}

export interface HelpdeskBackend {
  readonly type: string;
  readonly capabilities: BackendCapabilities;

  /** Whether a call can be made now without asking the person to sign in. */
  hasCredentials(): boolean;
  /** Sets credentials from the host page or the sign-in step; validated on the next call. */
  setCredentials(credentials: Credentials | CredentialsProvider | undefined): void;
  /** Signs in now (used by the sign-in step to report a bad password at once). */
  signIn(credentials?: Credentials, options?: CallOptions): Promise<void>;
  /** Ends the backend session and forgets every credential. */
  signOut(): Promise<void>;

  listCategories(type: TicketType, options?: CallOptions): Promise<Category[]>;
  listEquipment(options?: CallOptions): Promise<EquipmentItem[]>;
  /** Creates the ticket once per `submissionId` (see CreateTicketOptions), then attaches its files. */
  createTicket(ticket: NewTicket, options?: CreateTicketOptions): Promise<CreatedTicket>;
  /**
   * Looks for the ticket an earlier attempt created with this submission id, and creates
   * nothing: what the outbox does while that attempt may still be at work on the helpdesk
   * (a reload or a closed tab during a slow create). Absent where the helpdesk cannot be
   * searched by submission; `undefined` when no such ticket exists (yet).
   */
  findSubmission?(submissionId: string, ticket: NewTicket, options?: CallOptions): Promise<{ id: string } | undefined>;
  /**
   * The helpdesk itself recognises a submission sent again, even while the first request
   * is still being processed (the REST protocol's `Idempotency-Key` with `409 in-progress`):
   * a new attempt never needs to wait for an earlier one.
   */
  readonly recognisesSubmissions?: boolean;

  /** One page of tickets, newest activity first. */
  listTickets(query: TicketPageQuery, options?: CallOptions): Promise<TicketPage>;
  /** One ticket with its public thread and documents ('not-found', 'forbidden' otherwise). */
  getTicket(id: string, options?: CallOptions): Promise<TicketDetail>;
  /** The bytes of a document of that ticket. */
  downloadDocument(ticketId: string, document: TicketDocument, options?: CallOptions): Promise<Blob>;
  /** Adds the person's reply (text and files) to the ticket. */
  reply(ticketId: string, reply: TicketReply, options?: CallOptions): Promise<PostedReply>;
  /** Accepts the proposed solution: the ticket closes. */
  approveSolution(ticketId: string, options?: CallOptions): Promise<void>;
  /** Refuses the proposed solution with the person's reason (required): the ticket reopens. */
  refuseSolution(ticketId: string, reason: string, options?: CallOptions): Promise<void>;
  /** Closes a ticket the person no longer needs. */
  closeTicket(ticketId: string, options?: CallOptions): Promise<void>;
  /** Reopens a closed ticket, saying why (GLPI requires the reason, and the technician needs it). */
  reopenTicket(ticketId: string, reason: string, options?: CallOptions): Promise<void>;
  /**
   * Adds people to keep informed of the ticket (Cc), by their email addresses, keeping those
   * already there; resolves with the ticket's Cc list after the change. Present where
   * `capabilities.cc`; 'forbidden' when the helpdesk refuses it for this ticket.
   */
  addPeople?(ticketId: string, emails: readonly string[], options?: CallOptions): Promise<string[]>;

  /**
   * The knowledge base, where `capabilities.articles`: its code is a piece of its own,
   * loaded by the first call (a page without suggestions never downloads it).
   */
  articles?(): Promise<ArticleSource>;
}
