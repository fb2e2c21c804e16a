/**
 * The fake Freshdesk's memory: contacts, tickets, conversations and their files, who is
 * signed in on the host (the relay's side), the per-minute API budget, the requests it
 * saw, and the failures a test asked for. Routes read and change it; tests and the demo's
 * "act as the technician" buttons use the agent helpers.
 */
import { htmlToText, wrapHtml } from './protocol.js';
import {
  FRESHDESK_AGENT,
  FRESHDESK_COLLEAGUE,
  FRESHDESK_DEFAULT_CUSTOM_FIELDS,
  FRESHDESK_DEFAULT_TYPES,
  FRESHDESK_REQUESTER,
  type FreshdeskFakeAgent,
  type FreshdeskFakeContact,
} from './seed.js';
import { atOrBelow, FaultSwitch, sameMethod, type CommonFailureKind, type CommonFailureOptions } from '../faults.js';

/** Built-in statuses (BACKENDS.md §2.2); the fake's account adds no custom one unless told. */
export const FRESHDESK_OPEN = 2;
export const FRESHDESK_PENDING = 3;
export const FRESHDESK_RESOLVED = 4;
export const FRESHDESK_CLOSED = 5;

/** Freshdesk's cap on the files of one ticket, conversations included. */
export const FRESHDESK_TICKET_FILES_LIMIT = 20 * 1024 * 1024;

export interface FreshdeskFakeAttachment {
  id: number;
  name: string;
  content_type: string;
  size: number;
  created_at: Date;
  file: Blob;
}

/** Dates are kept to the millisecond (ordering), answered to the second as Freshdesk writes them. */
export interface FreshdeskFakeTicket {
  id: number;
  subject: string;
  /** HTML as Freshdesk stores it (wrapped in a `<div>`). */
  description: string;
  status: number;
  priority: number;
  source: number;
  type: string | null;
  requester_id: number;
  responder_id: number | null;
  company_id: number | null;
  tags: string[];
  custom_fields: Record<string, string | number | boolean | null>;
  /** People copied on the ticket's messages (Freshdesk's `cc_emails`). */
  cc_emails: string[];
  attachments: FreshdeskFakeAttachment[];
  created_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  closed_at: Date | null;
  deleted: boolean;
  spam: boolean;
}

export interface FreshdeskFakeConversation {
  id: number;
  ticket_id: number;
  body: string;
  /** From the requester's side (their email reply, their note) rather than an agent's. */
  incoming: boolean;
  private: boolean;
  user_id: number;
  /** 0 reply, 2 note (BACKENDS.md §2.2). */
  source: number;
  attachments: FreshdeskFakeAttachment[];
  created_at: Date;
  updated_at: Date;
}

/** A ticket to add directly: only the subject is required. */
export interface FreshdeskTicketFixture {
  subject: string;
  cc_emails?: string[];
  /** HTML; `<p>` + the subject when not given. */
  description?: string;
  /** The signed-in requester by default. */
  requester?: number;
  status?: number;
  priority?: number;
  type?: string | null;
  tags?: string[];
  custom_fields?: Record<string, string | number | boolean | null>;
  files?: File[];
  responder?: number;
  created?: Date;
  /** The creation date by default. */
  updated?: Date;
  id?: number;
}

export interface FreshdeskRecordedRequest {
  method: string;
  url: string;
  /** The path after `/api/v2/`, e.g. `tickets/12/notes`. */
  path: string;
  /** The fetch's credentials mode: whether the host's cookie could go along. */
  credentials: RequestCredentials;
  headers: Record<string, string>;
}

/**
 * What `failNext` can make go wrong: the failures every fake makes (`CommonFailureKind`).
 * Freshdesk's 500 is its own error body; its 429 its rate limit, `Retry-After` 30 s by
 * default; `html` the host's login page, where the relay path is behind it.
 */
export type FreshdeskFailureKind = CommonFailureKind;

export interface FreshdeskFailureOptions extends CommonFailureOptions {
  /** Only requests with this method. */
  method?: string;
  /** Only requests to this path (`tickets`) or below it (`tickets/12/notes` matches `tickets/12`). */
  path?: string;
  /**
   * Fails the relay's own call to Freshdesk instead of the browser's request: the reopen
   * after a reply (`PUT tickets/:id`). Such a failure never touches what the browser gets.
   */
  upstream?: boolean;
}

/**
 * A call the relay makes to Freshdesk on its own, beyond forwarding the browser's request
 * (`examples/freshdesk-relay.mjs`, `reopenAfterReply`): what it asked and what Freshdesk
 * answered (0: no answer).
 */
export interface FreshdeskUpstreamCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  status: number;
}

/** Freshdesk's article statuses ("Solutions": 1 draft, 2 published). */
export const FRESHDESK_DRAFT = 1;
export const FRESHDESK_PUBLISHED = 2;

/** A solution folder; its visibility says who may read its articles (1 All Users, 2 Logged In Users, 3 Agents, 4 Selected Companies…). */
export interface FreshdeskFakeSolutionFolder {
  id: number;
  name: string;
  category_id: number;
  visibility: number;
}

/** A solution article as Freshdesk keeps it: HTML `description` and its plain `description_text`. */
export interface FreshdeskFakeSolutionArticle {
  id: number;
  title: string;
  description: string;
  description_text: string;
  /** 1 draft, 2 published. */
  status: number;
  folder_id: number;
  category_id: number;
  agent_id: number;
  created_at: Date;
  updated_at: Date;
}

export interface FreshdeskFakeSettings {
  /** The account's ticket type choices. */
  types: readonly string[];
  /** The account's custom ticket fields (`cf_…`), all text. */
  customFields: readonly string[];
  /** API calls per minute (Enterprise: 700). */
  rateLimit: number;
  /**
   * Whether the relay drops private notes from conversations before they reach the browser
   * (`examples/freshdesk-relay.mjs` does). Off only to test that the adapter drops them too.
   */
  relayHidesPrivateNotes: boolean;
  /**
   * Statuses the relay sets back to Open after the person's note (its RELAY_REOPEN_STATUSES,
   * default Pending, Resolved, Closed), as the requester's email reply would.
   */
  reopenStatuses: readonly number[];
  /** The customer portal the relay knows (its FRESHDESK_PORTAL_URL): articles then carry their link. */
  portalUrl?: string;
  /** Addresses a new ticket may copy (the relay's RELAY_ALLOW_CC); 0, its default, refuses `cc_emails`. */
  allowCc: number;
}

export class FreshdeskFakeState {
  readonly contacts: FreshdeskFakeContact[] = [{ ...FRESHDESK_REQUESTER }, { ...FRESHDESK_COLLEAGUE }];
  readonly agents: FreshdeskFakeAgent[] = [{ ...FRESHDESK_AGENT }];
  readonly tickets: FreshdeskFakeTicket[] = [];
  readonly conversations: FreshdeskFakeConversation[] = [];
  /** Every request the fake answered, in order. */
  readonly requests: FreshdeskRecordedRequest[] = [];
  /** The relay's own calls to Freshdesk (the reopen after a reply), in order. */
  readonly upstream: FreshdeskUpstreamCall[] = [];
  /** The knowledge base: folders (made by `publishArticle`, one per visibility) and their articles. */
  readonly solutionFolders: FreshdeskFakeSolutionFolder[] = [];
  readonly solutionArticles: FreshdeskFakeSolutionArticle[] = [];
  readonly settings: FreshdeskFakeSettings;
  /** The contact the host's session names, as the relay learns it; undefined: nobody is signed in. */
  signedIn: number | undefined = FRESHDESK_REQUESTER.id;
  /** Where every date comes from; tests may replace it. */
  clock: () => Date = () => new Date();
  /** API calls counted in the current minute, and when that minute started. */
  rateUsed = 0;
  rateWindowStart = 0;
  readonly #faults = new FaultSwitch<FreshdeskFailureKind, FreshdeskFailureOptions>();
  private lastId = 0;

  constructor(settings: Partial<FreshdeskFakeSettings> = {}) {
    this.settings = {
      types: settings.types ?? FRESHDESK_DEFAULT_TYPES,
      customFields: settings.customFields ?? FRESHDESK_DEFAULT_CUSTOM_FIELDS,
      rateLimit: settings.rateLimit ?? 700,
      relayHidesPrivateNotes: settings.relayHidesPrivateNotes ?? true,
      reopenStatuses: settings.reopenStatuses ?? [FRESHDESK_PENDING, FRESHDESK_RESOLVED, FRESHDESK_CLOSED],
      portalUrl: settings.portalUrl,
      allowCc: settings.allowCc ?? 0,
    };
  }

  // ---- the host's session, as the relay sees it ----

  /** Signs a person in on the host: an existing contact (by id or email), or a new one made from a name and email. */
  signIn(who: number | string | { name: string; email: string }): FreshdeskFakeContact {
    let contact =
      typeof who === 'number' ? this.contact(who) : this.contactByEmail(typeof who === 'string' ? who : who.email);
    if (!contact && typeof who === 'object') contact = this.addContact(who);
    if (!contact) throw new Error(`fake Freshdesk: no contact ${String(who)}`);
    this.signedIn = contact.id;
    return contact;
  }

  /** The host's session ends: the relay answers 401 until someone signs in again. */
  signOut(): void {
    this.signedIn = undefined;
  }

  addContact(fields: { name: string; email: string; company_id?: number | null }): FreshdeskFakeContact {
    const id = Math.max(...this.contacts.map((one) => one.id), ...this.agents.map((one) => one.id)) + 1;
    const contact = { company_id: null, ...fields, id };
    this.contacts.push(contact);
    return contact;
  }

  contact(id: number): FreshdeskFakeContact | undefined {
    return this.contacts.find((one) => one.id === id);
  }

  contactByEmail(email: string): FreshdeskFakeContact | undefined {
    return this.contacts.find((one) => one.email.toLowerCase() === email.toLowerCase());
  }

  ticket(id: number): FreshdeskFakeTicket | undefined {
    return this.tickets.find((one) => one.id === id && !one.deleted);
  }

  conversationsOf(ticketId: number): FreshdeskFakeConversation[] {
    return this.conversations.filter((one) => one.ticket_id === ticketId).sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id - b.id);
  }

  /** Bytes of every file of a ticket, its conversations' included (the 20 MB limit counts them all). */
  filesBytes(ticketId: number): number {
    const ticket = this.ticket(ticketId);
    return [...(ticket?.attachments ?? []), ...this.conversationsOf(ticketId).flatMap((one) => one.attachments)].reduce((sum, file) => sum + file.size, 0);
  }

  // ---- test and demo controls: adding tickets ----

  /** Adds a ticket as Freshdesk would hold it; see FreshdeskTicketFixture for the defaults. */
  addTicket(fixture: FreshdeskTicketFixture): FreshdeskFakeTicket {
    const created = fixture.created ?? this.clock();
    const requester = fixture.requester ?? this.signedIn ?? FRESHDESK_REQUESTER.id;
    const ticket: FreshdeskFakeTicket = {
      id: fixture.id ?? this.nextId(),
      subject: fixture.subject,
      description: wrapHtml(fixture.description ?? `<p>${fixture.subject}</p>`),
      status: fixture.status ?? FRESHDESK_OPEN,
      priority: fixture.priority ?? 1,
      source: 2,
      type: fixture.type === undefined ? 'Incident' : fixture.type,
      requester_id: requester,
      responder_id: fixture.responder ?? null,
      company_id: this.contact(requester)?.company_id ?? null,
      tags: fixture.tags ?? [],
      custom_fields: Object.fromEntries(this.settings.customFields.map((name) => [name, fixture.custom_fields?.[name] ?? null])),
      cc_emails: fixture.cc_emails ?? [],
      attachments: (fixture.files ?? []).map((file) => this.attachment(file, created)),
      created_at: created,
      updated_at: fixture.updated ?? created,
      resolved_at: null,
      closed_at: null,
      deleted: false,
      spam: false,
    };
    if (fixture.status === FRESHDESK_RESOLVED) ticket.resolved_at = ticket.updated_at;
    if (fixture.status === FRESHDESK_CLOSED) ticket.closed_at = ticket.updated_at;
    this.lastId = Math.max(this.lastId, ticket.id);
    this.tickets.push(ticket);
    return ticket;
  }

  /**
   * Adds `count` tickets of the signed-in requester for paging tests: "<prefix> 1" …
   * "<prefix> count", one hour apart, the first one updated last.
   */
  generateTickets(count: number, prefix = 'Ticket', fixture: Partial<FreshdeskTicketFixture> = {}): FreshdeskFakeTicket[] {
    const now = this.clock().getTime();
    return Array.from({ length: count }, (_, index) => {
      const updated = new Date(now - index * 3_600_000);
      return this.addTicket({ ...fixture, subject: `${prefix} ${index + 1}`, created: new Date(updated.getTime() - 86_400_000), updated });
    });
  }

  /** Tickets with exactly this subject (duplicates show here). */
  ticketsTitled(subject: string): FreshdeskFakeTicket[] {
    return this.tickets.filter((one) => one.subject === subject && !one.deleted);
  }

  // ---- test and demo controls: the agent's side ----

  /** The agent's public email reply to the requester (source 0); `status` changes the ticket's too, as the agent's form allows. */
  reply(ticketId: number, html: string, options: { files?: File[]; status?: number; agentId?: number; date?: Date } = {}): FreshdeskFakeConversation {
    const conversation = this.addConversation(ticketId, {
      body: html,
      incoming: false,
      private: false,
      user_id: options.agentId ?? FRESHDESK_AGENT.id,
      source: 0,
      files: options.files,
      date: options.date,
    });
    if (options.status !== undefined) this.setStatus(ticketId, options.status, options.date);
    return conversation;
  }

  /** A note by the agent: private (agents only) unless said otherwise. */
  note(ticketId: number, html: string, options: { private?: boolean; date?: Date } = {}): FreshdeskFakeConversation {
    return this.addConversation(ticketId, { body: html, incoming: false, private: options.private ?? true, user_id: FRESHDESK_AGENT.id, source: 2, date: options.date });
  }

  /** The agent resolves the ticket, saying how in a public reply when `html` is given. */
  resolve(ticketId: number, html?: string, options: { date?: Date } = {}): FreshdeskFakeTicket {
    if (html) this.reply(ticketId, html, { date: options.date });
    return this.setStatus(ticketId, FRESHDESK_RESOLVED, options.date);
  }

  /** The ticket's status as an agent's update sets it, with the stats Freshdesk keeps. */
  setStatus(ticketId: number, status: number, date: Date = this.clock()): FreshdeskFakeTicket {
    const ticket = this.#ticket(ticketId);
    ticket.status = status;
    ticket.updated_at = date;
    if (status === FRESHDESK_RESOLVED) ticket.resolved_at = date;
    if (status === FRESHDESK_CLOSED) ticket.closed_at = date;
    return ticket;
  }

  /** Any conversation, with its effect on the ticket (a newer `updated_at`). */
  addConversation(
    ticketId: number,
    fields: { body: string; incoming: boolean; private: boolean; user_id: number; source: number; files?: File[]; date?: Date },
  ): FreshdeskFakeConversation {
    const ticket = this.#ticket(ticketId);
    const date = fields.date ?? this.clock();
    const conversation: FreshdeskFakeConversation = {
      id: this.nextId(),
      ticket_id: ticket.id,
      body: wrapHtml(fields.body),
      incoming: fields.incoming,
      private: fields.private,
      user_id: fields.user_id,
      source: fields.source,
      attachments: (fields.files ?? []).map((file) => this.attachment(file, date)),
      created_at: date,
      updated_at: date,
    };
    this.conversations.push(conversation);
    if (date > ticket.updated_at) ticket.updated_at = date;
    return conversation;
  }

  attachment(file: Blob & { name?: string }, date: Date = this.clock()): FreshdeskFakeAttachment {
    return { id: this.nextId(), name: file.name ?? 'file', content_type: file.type || 'application/octet-stream', size: file.size, created_at: date, file };
  }

  /** The ticket as an agent reads it: subject, every public text as plain text, every file name. */
  read(ticketId: number): { title: string; text: string; attachments: string[]; cc: string[] } {
    const ticket = this.#ticket(ticketId);
    const conversations = this.conversationsOf(ticketId).filter((one) => !one.private);
    return {
      title: ticket.subject,
      text: [ticket.description, ...conversations.map((one) => one.body)].map(htmlToText).join('\n\n'),
      attachments: [...ticket.attachments, ...conversations.flatMap((one) => one.attachments)].map((file) => file.name),
      cc: ticket.cc_emails,
    };
  }

  // ---- test and demo controls: the knowledge base ----

  /**
   * A solution article by the agent, published in a folder for all users unless told
   * otherwise (a draft, a folder for agents or some companies only).
   */
  publishArticle(title: string, html: string, options: { status?: number; visibility?: number; date?: Date } = {}): FreshdeskFakeSolutionArticle {
    const visibility = options.visibility ?? 1;
    let folder = this.solutionFolders.find((one) => one.visibility === visibility);
    if (!folder) {
      folder = { id: this.nextId(), name: `Articles (visibility ${visibility})`, category_id: 1, visibility };
      this.solutionFolders.push(folder);
    }
    const date = options.date ?? this.clock();
    const article: FreshdeskFakeSolutionArticle = {
      id: this.nextId(),
      title,
      description: html,
      description_text: htmlToText(html),
      status: options.status ?? FRESHDESK_PUBLISHED,
      folder_id: folder.id,
      category_id: folder.category_id,
      agent_id: FRESHDESK_AGENT.id,
      created_at: date,
      updated_at: date,
    };
    this.solutionArticles.push(article);
    return article;
  }

  solutionFolder(id: number): FreshdeskFakeSolutionFolder | undefined {
    return this.solutionFolders.find((one) => one.id === id);
  }

  // ---- failures and the rate limit ----

  /** Makes the next matching request(s) fail; see FreshdeskFailureKind. */
  failNext(kind: FreshdeskFailureKind, options: FreshdeskFailureOptions = {}): void {
    this.#faults.failNext(kind, options);
  }

  /** The failure this request (the browser's, or the relay's own when `upstream`) must suffer, if a test asked for one. */
  takeFailure(method: string, path: string, upstream = false) {
    return this.#faults.take((failure) => Boolean(failure.upstream) === upstream && sameMethod(method, failure.method) && atOrBelow(path, failure.path));
  }

  /** Uses up the minute's budget: the next call is refused with 429 until the minute ends. */
  exhaustRateLimit(): void {
    this.#window();
    this.rateUsed = this.settings.rateLimit;
  }

  /** Counts a call of `cost` credits: the headers' figures, or the seconds to wait when the budget is spent. */
  spend(cost: number): { total: number; remaining: number; used: number; retryAfter?: number } {
    const start = this.#window();
    const total = this.settings.rateLimit;
    if (this.rateUsed + cost > total) {
      return { total, remaining: Math.max(0, total - this.rateUsed), used: 0, retryAfter: Math.max(1, Math.ceil((start + 60_000 - this.clock().getTime()) / 1000)) };
    }
    this.rateUsed += cost;
    return { total, remaining: total - this.rateUsed, used: cost };
  }

  /** The start of the current minute's window, opening a new one when the last has passed. */
  #window(): number {
    const now = this.clock().getTime();
    if (now - this.rateWindowStart >= 60_000) {
      this.rateWindowStart = now;
      this.rateUsed = 0;
    }
    return this.rateWindowStart;
  }

  /** Ids of every kind share one sequence, from 1001: enough to tell them apart in tests. */
  nextId(): number {
    this.lastId = Math.max(this.lastId, 1000) + 1;
    return this.lastId;
  }

  #ticket(id: number): FreshdeskFakeTicket {
    const ticket = this.ticket(id);
    if (!ticket) throw new Error(`fake Freshdesk: no ticket ${id}`);
    return ticket;
  }
}
