/**
 * The fake RT's memory: tickets, their transactions and the MIME parts of each message
 * (one attachment row per part, as RT stores them), the rights that decide who sees and
 * does what, the requests it saw and the failures a test asked for. Routes read and
 * change it; tests and the demo's "act as the technician" buttons use its agent helpers.
 */
import {
  RT_AGENT,
  RT_ARTICLE_CLASS,
  RT_CONTENT_FIELD,
  RT_REQUESTER,
  RT_SUPPORT_QUEUE,
  RT_SYSTEM,
  rtDemoSeed,
  type RtFakeArticleClass,
  type RtFakeArticleField,
  type RtFakeCustomField,
  type RtFakeQueue,
  type RtFakeSeed,
  type RtFakeUser,
} from './seed.js';
import { atOrBelow, FaultSwitch, sameMethod, type CommonFailureKind, type CommonFailureOptions } from '../faults.js';

/** RT's default lifecycle: `new` is initial, `open` and `stalled` active, the rest inactive. */
export const RT_STATUSES = ['new', 'open', 'stalled', 'resolved', 'rejected', 'deleted'] as const;
export type RtStatus = (typeof RT_STATUSES)[number];
export const RT_ACTIVE: readonly RtStatus[] = ['open', 'stalled'];

export interface RtFakeTicket {
  id: number;
  queue: number;
  subject: string;
  status: RtStatus;
  priority: number;
  requestors: number[];
  /** The Cc role's members: people kept informed. */
  cc: number[];
  owner: number;
  creator: number;
  created: Date;
  lastUpdated: Date;
  lastUpdatedBy: number;
  /** When it was last resolved (RT keeps it after a reopening). */
  resolved?: Date;
  /** Custom field values by field id. */
  customFields: Map<number, string[]>;
}

/**
 * RT's transaction types the fake makes: the creation, the correspondence (public), the
 * comments (internal), status changes, and the records of the mails RT sent (autoreplies),
 * which only staff allowed to see outgoing mail may read.
 */
export type RtTransactionType = 'Create' | 'Correspond' | 'Comment' | 'Status' | 'Set' | 'EmailRecord';

export interface RtFakeTransaction {
  id: number;
  ticket: number;
  type: RtTransactionType;
  creator: number;
  created: Date;
  field: string;
  oldValue: string;
  newValue: string;
  /** RT's short description: the subject of a message ("No Subject" when none). */
  data: string;
}

export interface RtFakeAttachment {
  id: number;
  transaction: number;
  /** The enclosing multipart part, 0 for the top of a message. */
  parent: number;
  contentType: string;
  filename: string;
  subject: string;
  headers: string;
  content: Uint8Array;
  creator: number;
  created: Date;
}

/** A file of a message, as an agent helper or a route gives it. */
export interface RtFakeFile {
  name: string;
  type: string;
  content: Uint8Array;
}

/** A message: its text (HTML or plain) and its files. */
export interface RtFakeMessage {
  content?: string;
  contentType?: 'text/html' | 'text/plain';
  files?: readonly RtFakeFile[];
}

export interface RtTicketFixture extends RtFakeMessage {
  subject: string;
  /** RT_REQUESTER by default. */
  requestor?: number;
  /** All the requesters, possibly none (a ticket created through REST2 without `Requestor`); overrides `requestor`. */
  requestors?: number[];
  /** Members of the Cc role. */
  cc?: number[];
  /** Who created it: the requester by default. */
  creator?: number;
  status?: RtStatus;
  priority?: number;
  queue?: number;
  created?: Date;
  /** Last update: the creation date by default. */
  lastUpdated?: Date;
  /** Values by custom field name. */
  customFields?: Record<string, string>;
}

/** An article (lib/RT/Article.pm): its body is the value of the Content field. */
export interface RtFakeArticle {
  id: number;
  classId: number;
  name: string;
  summary: string;
  /** The Content field's value, as the editor saved it; none when unset. */
  content?: string;
  sortOrder: number;
  creator: number;
  created: Date;
}

export interface RtRecordedRequest {
  method: string;
  url: string;
  /** The path after `REST/2.0/`, e.g. `ticket/12/history`. */
  endpoint: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * What `failNext` can make go wrong: the failures every fake makes (`CommonFailureKind`)
 * and `truncated`, the real answer cut in half. RT's own: the 500 is RT's
 * `{"message":"Internal Server Error"}`; the 429 a proxy's rate limit (RT has none),
 * `Retry-After` 120 s by default; `html` RT's login page, for a URL that reaches RT's web
 * interface rather than REST2.
 */
export type RtFailureKind = CommonFailureKind | 'truncated';

export interface RtFailureOptions extends CommonFailureOptions {
  /** Only requests to this path or below it (`ticket` matches `ticket/12/history` but not `tickets`). */
  endpoint?: string;
  /** Only requests with this method. */
  method?: 'GET' | 'POST' | 'PUT';
}

/** Settings of the fake RT that an admin decides. */
export interface RtFakeSettings {
  /** RT's "On Correspond Open Inactive Tickets" scrip: a message on a new or inactive ticket opens it (default on). */
  openOnCorrespond: boolean;
  /**
   * RT's $UseSQLForACLChecks (default on): ticket searches count what the person may see. Off, a
   * requester's searches come without `total`/`pages`, and rows they may not see are dropped per page.
   */
  aclChecksInSql: boolean;
}

const encoder = new TextEncoder();

export class RtFakeState {
  readonly users: RtFakeUser[];
  readonly queues: RtFakeQueue[];
  readonly customFields: RtFakeCustomField[];
  readonly articleClasses: RtFakeArticleClass[];
  readonly articleField: RtFakeArticleField;
  readonly articles: RtFakeArticle[] = [];
  readonly tickets: RtFakeTicket[] = [];
  readonly transactions: RtFakeTransaction[] = [];
  readonly attachments: RtFakeAttachment[] = [];
  /** Every request the fake answered, in order. */
  readonly requests: RtRecordedRequest[] = [];
  readonly settings: RtFakeSettings;
  /** Where every date the fake writes comes from; tests may replace it. */
  clock: () => Date = () => new Date();
  /** When the seed's people and queues were made. */
  readonly born = new Date();
  readonly #faults = new FaultSwitch<RtFailureKind, RtFailureOptions>();

  constructor(seed: RtFakeSeed = rtDemoSeed(), settings: Partial<RtFakeSettings> = {}) {
    this.users = seed.users;
    this.queues = seed.queues;
    this.customFields = seed.customFields;
    this.articleClasses = seed.articleClasses ?? [{ ...RT_ARTICLE_CLASS }];
    this.articleField = seed.articleField ?? { ...RT_CONTENT_FIELD };
    this.settings = { openOnCorrespond: settings.openOnCorrespond ?? true, aclChecksInSql: settings.aclChecksInSql ?? true };
  }

  // ---- lookups ----

  /** A user by id, login or email, as RT's `Load` finds them. */
  user(key: number | string): RtFakeUser | undefined {
    const text = String(key).toLowerCase();
    return this.users.find((user) => String(user.id) === text || user.name.toLowerCase() === text || (user.email && user.email.toLowerCase() === text));
  }

  /**
   * A user by address as RT::User::LoadOrCreateByEmail finds them (lib/RT/User.pm:695-720): by
   * address, then by login; with `create`, an unknown address becomes an unprivileged user
   * named by it.
   */
  userByEmail(email: string, { create = false } = {}): RtFakeUser | undefined {
    const text = email.toLowerCase();
    const found = this.users.find((one) => one.email && one.email.toLowerCase() === text) ?? this.users.find((one) => one.name.toLowerCase() === text);
    if (found || !create) return found;
    const user: RtFakeUser = { id: this.#next(this.users), name: email, realName: '', email, password: '', privileged: false };
    this.users.push(user);
    return user;
  }

  queue(key: number | string): RtFakeQueue | undefined {
    return this.queues.find((queue) => String(queue.id) === String(key) || queue.name.toLowerCase() === String(key).toLowerCase());
  }

  ticket(id: number): RtFakeTicket | undefined {
    return this.tickets.find((ticket) => ticket.id === id);
  }

  /** A custom field applied to the queue, by id or name. */
  customField(key: number | string, queue: number): RtFakeCustomField | undefined {
    return this.customFields.find(
      (field) => field.queues.includes(queue) && (String(field.id) === String(key) || field.name.toLowerCase() === String(key).toLowerCase()),
    );
  }

  /** An article class by id or name, as RT::Class->Load finds it. */
  articleClass(key: number | string): RtFakeArticleClass | undefined {
    return this.articleClasses.find((one) => String(one.id) === String(key) || one.name.toLowerCase() === String(key).toLowerCase());
  }

  /** The public text of a ticket as plain text, its file names: what a technician reads. */
  textOf(ticketId: number): { text: string; files: string[] } {
    const shown = new Set(this.transactions.filter((one) => one.ticket === ticketId && (one.type === 'Create' || one.type === 'Correspond')).map((one) => one.id));
    const parts = this.attachments.filter((part) => shown.has(part.transaction));
    const decoder = new TextDecoder();
    return {
      text: parts
        .filter((part) => !part.filename && /^text\/(plain|html)$/.test(part.contentType))
        .map((part) => decoder.decode(part.content).replace(/<[^>]*>/g, ' '))
        .join('\n'),
      files: parts.filter((part) => part.filename).map((part) => part.filename),
    };
  }

  // ---- rights (what RT's ACLs give the seed's people) ----

  isRequestor(user: RtFakeUser, ticket: RtFakeTicket): boolean {
    return ticket.requestors.includes(user.id);
  }

  canSee(user: RtFakeUser, ticket: RtFakeTicket): boolean {
    return user.privileged || this.isRequestor(user, ticket);
  }

  /** ModifyTicket: staff, or the requester where the queue gives the Requestor role that right. */
  canModify(user: RtFakeUser, ticket: RtFakeTicket): boolean {
    return user.privileged || (this.isRequestor(user, ticket) && Boolean(this.queue(ticket.queue)?.requestersModify));
  }

  /** ReplyToTicket (or ModifyTicket, which RT also accepts). */
  canReply(user: RtFakeUser, ticket: RtFakeTicket): boolean {
    return this.canSee(user, ticket);
  }

  /** CommentOnTicket (or ModifyTicket, which RT also accepts). */
  canComment(user: RtFakeUser, ticket: RtFakeTicket): boolean {
    return this.canModify(user, ticket);
  }

  canCreateIn(user: RtFakeUser, queue: RtFakeQueue): boolean {
    return user.privileged || queue.requestersCreate;
  }

  /** ShowArticle on the article's class (lib/RT/Article.pm:580-588, the class's rights). */
  canSeeArticle(user: RtFakeUser, article: RtFakeArticle): boolean {
    const readers = this.articleClass(article.classId)?.readers;
    return readers === 'everyone' || (readers === 'staff' && user.privileged);
  }

  /** SeeCustomField on the Content field: its values show, and a `CF.{Content}` condition applies. */
  canSeeArticleContent(): boolean {
    return this.articleField.everyoneSees;
  }

  /** CreateArticle on the class, with SetInitialCustomField on Content: staff, as the test RT's agent. */
  canCreateArticle(user: RtFakeUser, articleClass: RtFakeArticleClass): boolean {
    return user.privileged && articleClass.readers !== 'nobody';
  }

  /** Whether a transaction shows to this user: comments and mail records only to staff. */
  canSeeTransaction(user: RtFakeUser, transaction: RtFakeTransaction): boolean {
    const ticket = this.ticket(transaction.ticket);
    if (!ticket || !this.canSee(user, ticket)) return false;
    return user.privileged || !['Comment', 'EmailRecord'].includes(transaction.type);
  }

  // ---- what RT does ----

  /** Creates a ticket with its creation message, as `RT::Ticket::Create` and its scrips do. */
  createTicket(fixture: RtTicketFixture): RtFakeTicket {
    const created = fixture.created ?? this.clock();
    const creator = fixture.creator ?? fixture.requestor ?? RT_REQUESTER.id;
    const queue = fixture.queue ?? RT_SUPPORT_QUEUE.id;
    const ticket: RtFakeTicket = {
      id: this.#next(this.tickets),
      queue,
      subject: fixture.subject,
      status: 'new',
      priority: fixture.priority ?? 0,
      requestors: fixture.requestors ?? [fixture.requestor ?? RT_REQUESTER.id],
      cc: fixture.cc ?? [],
      owner: 6,
      creator,
      created,
      lastUpdated: created,
      lastUpdatedBy: creator,
      customFields: new Map(),
    };
    for (const [name, value] of Object.entries(fixture.customFields ?? {})) {
      const field = this.customField(name, queue);
      if (field) ticket.customFields.set(field.id, [value]);
    }
    this.tickets.push(ticket);
    const transaction = this.#transaction(ticket, 'Create', creator, created, { data: 'Ticket created' });
    this.#message(transaction, fixture, fixture.subject);
    // RT's "On Create Autoreply To Requestors": the mail it sends is recorded, for staff eyes only.
    const autoreply = this.#transaction(ticket, 'EmailRecord', RT_SYSTEM.id, created, { data: `<rt-${ticket.id}-autoreply@example>` });
    this.#message(autoreply, { content: `Greetings,\n\nThis message has been automatically generated in response to the creation of a trouble ticket regarding:\n\t"${fixture.subject}"`, contentType: 'text/plain' }, `[fake-rt #${ticket.id}] AutoReply: ${fixture.subject}`);
    if (fixture.status && fixture.status !== 'new') this.changeStatus(ticket, fixture.status, creator, created);
    if (fixture.lastUpdated) ticket.lastUpdated = fixture.lastUpdated;
    return ticket;
  }

  /**
   * A correspondence (public) or a comment (internal). RT's "On Correspond Open Inactive
   * Tickets" scrip then opens a new or inactive ticket, as RT_System.
   */
  addMessage(ticket: RtFakeTicket, type: 'Correspond' | 'Comment', userId: number, message: RtFakeMessage, date = this.clock()): RtFakeTransaction {
    const transaction = this.#transaction(ticket, type, userId, date, { data: 'No Subject' });
    this.#message(transaction, message, '');
    this.#touch(ticket, userId, date);
    if (type === 'Correspond' && this.settings.openOnCorrespond && !RT_ACTIVE.includes(ticket.status)) {
      this.changeStatus(ticket, 'open', RT_SYSTEM.id, date);
    }
    return transaction;
  }

  /** A status change, recorded as RT records it. */
  changeStatus(ticket: RtFakeTicket, status: RtStatus, userId: number, date = this.clock()): void {
    if (ticket.status === status) return;
    this.#transaction(ticket, 'Status', userId, date, { field: 'Status', oldValue: ticket.status, newValue: status, data: '' });
    ticket.status = status;
    if (status === 'resolved') ticket.resolved = date;
    this.#touch(ticket, userId, date);
  }

  /** Creates an article as RT::Article->Create does; a name already in its class is refused (lib/RT/Article.pm:125-126). */
  createArticle(fields: { classId: number; name: string; summary?: string; content?: string; creator?: number; created?: Date }): RtFakeArticle | undefined {
    if (!fields.name || this.articles.some((one) => one.classId === fields.classId && one.name === fields.name)) return undefined;
    const article: RtFakeArticle = {
      id: this.#next(this.articles),
      classId: fields.classId,
      name: fields.name,
      summary: fields.summary ?? '',
      content: fields.content || undefined,
      sortOrder: 0,
      creator: fields.creator ?? RT_AGENT.id,
      created: fields.created ?? this.clock(),
    };
    this.articles.push(article);
    return article;
  }

  // ---- test and demo controls: the technician's side ----

  /** The technician publishes an article everyone may read (the first class everyone reads), its body HTML. */
  publishArticle(title: string, html: string, options: { summary?: string; classId?: number } = {}): RtFakeArticle {
    const classId = options.classId ?? this.articleClasses.find((one) => one.readers === 'everyone')?.id ?? RT_ARTICLE_CLASS.id;
    const article = this.createArticle({ classId, name: title, summary: options.summary, content: html });
    if (!article) throw new Error(`fake RT: an article named ${title} is already in class ${classId}`);
    return article;
  }

  /** Adds a ticket as RT would hold it after creating it; see RtTicketFixture for the defaults. */
  addTicket(fixture: RtTicketFixture): RtFakeTicket {
    return this.createTicket({ content: `<p>${fixture.subject}</p>`, contentType: 'text/html', ...fixture });
  }

  /**
   * Adds `count` tickets of the requester for paging tests: "<prefix> 1" … "<prefix> count",
   * one hour apart, the first one updated last.
   */
  generateTickets(count: number, prefix = 'Ticket', fixture: Partial<RtTicketFixture> = {}): RtFakeTicket[] {
    const start = this.clock().getTime();
    return Array.from({ length: count }, (_, index) => {
      const updated = new Date(start - index * 3_600_000);
      return this.addTicket({ ...fixture, subject: `${prefix} ${index + 1}`, created: new Date(updated.getTime() - 86_400_000), lastUpdated: updated });
    });
  }

  /** The technician answers the requester (HTML unless `contentType` says otherwise). */
  reply(ticketId: number, content: string, options: Omit<RtFakeMessage, 'content'> & { userId?: number; date?: Date } = {}): RtFakeTransaction {
    return this.addMessage(this.#ticket(ticketId), 'Correspond', options.userId ?? RT_AGENT.id, { contentType: 'text/html', ...options, content }, options.date);
  }

  /** The technician writes an internal comment, which the requester must never see. */
  comment(ticketId: number, content: string, options: { userId?: number; date?: Date } = {}): RtFakeTransaction {
    return this.addMessage(this.#ticket(ticketId), 'Comment', options.userId ?? RT_AGENT.id, { content, contentType: 'text/plain' }, options.date);
  }

  /** The technician resolves the ticket, with an answer first when given (RT's "Resolve" with a reply). */
  resolve(ticketId: number, answer?: string, options: { userId?: number; date?: Date } = {}): RtFakeTicket {
    const ticket = this.#ticket(ticketId);
    if (answer) this.reply(ticketId, answer, options);
    this.changeStatus(ticket, 'resolved', options.userId ?? RT_AGENT.id, options.date);
    return ticket;
  }

  /** Changes a ticket's status as the technician (or `userId`) would. */
  setStatus(ticketId: number, status: RtStatus, options: { userId?: number; date?: Date } = {}): RtFakeTicket {
    const ticket = this.#ticket(ticketId);
    this.changeStatus(ticket, status, options.userId ?? RT_AGENT.id, options.date);
    return ticket;
  }

  // ---- failures ----

  /** Makes the next matching request(s) fail; see RtFailureKind. */
  failNext(kind: RtFailureKind, options: RtFailureOptions = {}): void {
    this.#faults.failNext(kind, options);
  }

  /** The failure this request must suffer, if a test asked for one. */
  takeFailure(method: string, endpoint: string) {
    return this.#faults.take((failure) => atOrBelow(endpoint, failure.endpoint) && sameMethod(method, failure.method));
  }

  // ---- storage ----

  #ticket(id: number): RtFakeTicket {
    const ticket = this.ticket(id);
    if (!ticket) throw new Error(`fake RT: no ticket ${id}`);
    return ticket;
  }

  #next(rows: readonly { id: number }[]): number {
    return rows.reduce((max, row) => Math.max(max, row.id + 1), 1);
  }

  #touch(ticket: RtFakeTicket, userId: number, date: Date): void {
    ticket.lastUpdated = date;
    ticket.lastUpdatedBy = userId;
  }

  #transaction(ticket: RtFakeTicket, type: RtTransactionType, creator: number, created: Date, fields: Partial<RtFakeTransaction>): RtFakeTransaction {
    // Transactions and attachments share nothing but order: both count from their own 1, as RT's tables do.
    const transaction: RtFakeTransaction = { id: this.#next(this.transactions), ticket: ticket.id, type, creator, created, field: '', oldValue: '', newValue: '', data: '', ...fields };
    this.transactions.push(transaction);
    return transaction;
  }

  /** A message's MIME tree, one row per part: alone when it is only text, under a multipart/mixed with files. */
  #message(transaction: RtFakeTransaction, { content, contentType = 'text/plain', files = [] }: RtFakeMessage, subject: string): void {
    const part = (fields: Pick<RtFakeAttachment, 'parent' | 'contentType' | 'filename' | 'content' | 'subject'>, headers: string): RtFakeAttachment => {
      const row = { id: this.#next(this.attachments), transaction: transaction.id, creator: transaction.creator, created: transaction.created, headers, ...fields };
      this.attachments.push(row);
      return row;
    };
    const text = content === undefined ? undefined : encoder.encode(content);
    const textHeaders = (bytes: Uint8Array) =>
      `Content-Type: ${contentType}; charset="utf-8"\nContent-Transfer-Encoding: binary\nContent-Disposition: inline\nX-RT-Original-Encoding: utf-8\nContent-Length: ${bytes.length}`;
    if (!files.length) {
      part({ parent: 0, contentType, filename: '', content: text ?? new Uint8Array(), subject }, `${textHeaders(text ?? new Uint8Array())}\nSubject: ${subject}\nX-RT-Interface: REST`);
      return;
    }
    const top = part({ parent: 0, contentType: 'multipart/mixed', filename: '', content: new Uint8Array(), subject }, `Content-Type: multipart/mixed\nSubject: ${subject}\nX-RT-Interface: REST`);
    if (text) part({ parent: top.id, contentType, filename: '', content: text, subject: '' }, textHeaders(text));
    for (const file of files) {
      part(
        { parent: top.id, contentType: file.type || 'application/octet-stream', filename: file.name, content: file.content, subject: '' },
        `Content-Type: ${file.type}; name="${file.name}"\nContent-Disposition: inline; filename="${file.name}"\nContent-Transfer-Encoding: base64\nContent-Length: ${file.content.length}`,
      );
    }
  }
}
