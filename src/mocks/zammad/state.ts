/**
 * The fake Zammad's memory and rules: people, groups, states, priorities, tickets with
 * their articles and attachments, the requests it saw, and the failures a test asked
 * for. Routes and the agent-side helpers both go through `createTicket`, `addArticle`
 * and `changeState`, so that a technician's action in a test has the effects the API
 * call it stands for would have (Zammad's `Ticket`, `Ticket::Article` and `TicketPolicy`).
 */
import {
  ZAMMAD_AGENT,
  ZAMMAD_ARTICLE_TYPES,
  ZAMMAD_CUSTOMER,
  zammadDemoSeed,
  type ZammadFakeGroup,
  type ZammadFakeOrganization,
  type ZammadFakePriority,
  type ZammadFakeSeed,
  type ZammadFakeTicketState,
  type ZammadFakeUser,
} from './seed.js';
import { atOrBelow, FaultSwitch, sameMethod, type CommonFailureKind, type CommonFailureOptions } from '../faults.js';

export interface ZammadFakeAttachment {
  id: number;
  filename: string;
  size: number;
  /** `{"Mime-Type": …}` (and `charset` when given), as Store keeps them. */
  preferences: Record<string, string>;
  file: Blob;
}

export type ZammadSender = 'Agent' | 'Customer' | 'System';

export interface ZammadFakeArticle {
  id: number;
  ticket_id: number;
  /** `note`, `email`, `web`, `phone`… (see ZAMMAD_ARTICLE_TYPES). */
  type: string;
  sender: ZammadSender;
  /** Hidden from customers. */
  internal: boolean;
  from: string | null;
  to: string | null;
  subject: string | null;
  body: string;
  content_type: string;
  /** Whatever the caller sent (an email's Message-ID; the widget's submission marker). */
  message_id: string | null;
  created_by_id: number;
  origin_by_id: number | null;
  created_at: string;
  updated_at: string;
  attachments: ZammadFakeAttachment[];
}

export interface ZammadFakeTicket {
  id: number;
  number: string;
  title: string;
  group_id: number;
  priority_id: number;
  state_id: number;
  organization_id: number | null;
  /** 1 ("-") when nobody owns it. */
  owner_id: number;
  customer_id: number;
  /** When a pending state runs out (ISO date), null otherwise. */
  pending_time: string | null;
  created_at: string;
  updated_at: string;
  created_by_id: number;
  updated_by_id: number;
  close_at: string | null;
  last_contact_at: string | null;
  last_contact_agent_at: string | null;
  last_contact_customer_at: string | null;
  create_article_type_id: number | null;
  create_article_sender_id: number | null;
  tags: string[];
}

/** A ticket for `addTicket`: only the title is needed. */
export interface ZammadTicketFixture {
  title: string;
  /** The first article's HTML; `<p>` + the title when not given; none with `article: false`. */
  body?: string;
  article?: boolean;
  /** The customer: ZAMMAD_CUSTOMER by default. */
  customer?: number;
  /** A state name or id; `new` by default. */
  state?: string | number;
  /** A priority name or id; the default priority otherwise. */
  priority?: string | number;
  group?: string | number;
  /** The pending date of a pending state. */
  pendingTime?: Date;
  /** Opening date: now by default. */
  createdAt?: Date;
  /** Last change: the opening date by default. */
  updatedAt?: Date;
  id?: number;
}

export interface ZammadRecordedRequest {
  method: string;
  url: string;
  /** The path after `/api/v1/`, e.g. `tickets/12`. */
  endpoint: string;
  headers: Record<string, string>;
  /** The JSON body of a POST or PUT, when it was JSON. */
  body?: unknown;
}

/**
 * What `failNext` can make go wrong: the failures every fake makes (`CommonFailureKind`),
 * and `token-expired`, 401 "Not authorized (token expired)!". Zammad's 500 is its masked
 * error, `{"error": "Error ID …: Please contact your administrator."}`; the 429 a proxy's
 * rate limit (Zammad has none), `Retry-After` 60 s by default; `html` the 200 page of
 * Zammad's web app, for a proxy path that reaches it instead of `/api/v1`.
 */
export type ZammadFailureKind = CommonFailureKind | 'token-expired';

export interface ZammadFailureOptions extends CommonFailureOptions {
  /** Only requests to this endpoint or below it (`tickets` matches `tickets/12`). */
  endpoint?: string;
  /** Only requests with this method (`POST`). */
  method?: string;
}

/** What the API asks to create: already resolved to ids and checked by the route. */
export interface NewZammadArticle {
  type: string;
  sender: ZammadSender;
  internal: boolean;
  body: string;
  content_type: string;
  subject?: string | null;
  from?: string | null;
  to?: string | null;
  message_id?: string | null;
  attachments?: Omit<ZammadFakeAttachment, 'id'>[];
  date?: Date;
}

/**
 * The knowledge base, as Zammad makes it when an admin turns it on: one knowledge base, here
 * with one locale and one category, which the first published answer creates.
 */
export interface ZammadFakeKnowledgeBase {
  id: number;
  /** `KnowledgeBase.active`: an inactive one is searched by nobody. */
  active: boolean;
  title: string;
  /** The system locale of its one `KnowledgeBase::Locale` (the help center's path segment). */
  locale: string;
  kbLocaleId: number;
  systemLocaleId: number;
  category: { id: number; translationId: number; title: string };
}

/**
 * An answer (`KnowledgeBase::Answer`) with its one translation and the translation's content.
 * The three are rows of three tables, each with its own ids: the fake starts translations and
 * contents at 11, so that an adapter taking one id for another finds nothing.
 */
export interface ZammadFakeKbAnswer {
  id: number;
  category_id: number;
  translation: { id: number; title: string; kb_locale_id: number; content_id: number; created_at: string; updated_at: string };
  content: { id: number; body: string };
  /** CanBePublished: published when this time has come and the answer is not archived. */
  published_at: string | null;
  /** Visible to agents (knowledge_base.reader) only. */
  internal_at: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  created_by_id: number;
}

/** Where an answer stands: `draft` has none of the dates, `internal` is for agents only. */
export type ZammadKbAnswerState = 'published' | 'internal' | 'draft' | 'archived';

export class ZammadFakeState {
  readonly users: ZammadFakeUser[];
  readonly organizations: ZammadFakeOrganization[];
  readonly groups: ZammadFakeGroup[];
  readonly states: ZammadFakeTicketState[];
  readonly priorities: ZammadFakePriority[];
  readonly tickets: ZammadFakeTicket[] = [];
  readonly articles: ZammadFakeArticle[] = [];
  /** None until an answer is published (`publishArticle`): Zammad's search then finds nothing. */
  knowledgeBase: ZammadFakeKnowledgeBase | undefined;
  readonly kbAnswers: ZammadFakeKbAnswer[] = [];
  /** Every request the fake answered, in order. */
  readonly requests: ZammadRecordedRequest[] = [];
  /** Where every date the fake writes comes from; tests may replace it. */
  clock: () => Date = () => new Date();
  readonly #faults = new FaultSwitch<ZammadFailureKind, ZammadFailureOptions>();
  private attachmentIds = 0;
  private kbRowIds = 10;

  constructor(seed: ZammadFakeSeed = zammadDemoSeed()) {
    this.users = seed.users;
    this.organizations = seed.organizations;
    this.groups = seed.groups;
    this.states = seed.states;
    this.priorities = seed.priorities;
  }

  // ---- lookups ----

  user(id: number): ZammadFakeUser | undefined {
    return this.users.find((user) => user.id === id);
  }

  ticket(id: number): ZammadFakeTicket | undefined {
    return this.tickets.find((ticket) => ticket.id === id);
  }

  state(id: number): ZammadFakeTicketState {
    const found = this.states.find((state) => state.id === id);
    if (!found) throw new Error(`fake Zammad: no state ${id}`);
    return found;
  }

  /** A state, priority or group by id or name. */
  find<T extends { id: number; name: string }>(rows: readonly T[], key: string | number): T | undefined {
    return rows.find((row) => (typeof key === 'number' ? row.id === key : row.name === key));
  }

  articlesOf(ticketId: number): ZammadFakeArticle[] {
    return this.articles.filter((article) => article.ticket_id === ticketId);
  }

  /** TicketPolicy's read access: agents see every group's tickets; customers their own and, in a shared organisation, its tickets. */
  seesTicket(user: ZammadFakeUser, ticket: ZammadFakeTicket): boolean {
    if (user.role === 'agent' || ticket.customer_id === user.id) return true;
    const organisation = this.organizations.find((one) => one.id === ticket.organization_id);
    return Boolean(organisation?.shared && user.organization_id === organisation.id);
  }

  /** Articles the person may read: customers never see internal ones. */
  articlesSeenBy(user: ZammadFakeUser, ticket: ZammadFakeTicket): ZammadFakeArticle[] {
    return this.articlesOf(ticket.id).filter((article) => user.role === 'agent' || !article.internal);
  }

  /** Now, as Rails writes times in JSON. */
  now(date: Date = this.clock()): string {
    return date.toISOString();
  }

  nextId(rows: readonly { id: number }[], first = 1): number {
    return rows.reduce((max, row) => Math.max(max, row.id + 1), first);
  }

  // ---- Zammad's rules, shared by the routes and the helpers ----

  /** A stored ticket (the caller checked the fields); its first article follows with `addArticle`. */
  createTicket(by: ZammadFakeUser, fields: Pick<ZammadFakeTicket, 'title' | 'group_id' | 'priority_id' | 'state_id' | 'customer_id'>, date?: Date): ZammadFakeTicket {
    const now = this.now(date);
    const id = this.nextId(this.tickets, 1);
    const ticket: ZammadFakeTicket = {
      ...fields,
      id,
      number: String(31000 + id),
      organization_id: this.user(fields.customer_id)?.organization_id ?? null,
      owner_id: 1,
      pending_time: null,
      created_at: now,
      updated_at: now,
      created_by_id: by.id,
      updated_by_id: by.id,
      close_at: null,
      last_contact_at: null,
      last_contact_agent_at: null,
      last_contact_customer_at: null,
      create_article_type_id: null,
      create_article_sender_id: null,
      tags: [],
    };
    this.tickets.push(ticket);
    return ticket;
  }

  /**
   * An article, with what Zammad does around it: `from` filled for notes and web articles
   * (AddsMetadataGeneral), the first article's type and sender remembered on the ticket, the
   * contact times, and a ticket still `new` opened by an agent's message to the customer.
   */
  addArticle(ticket: ZammadFakeTicket, by: ZammadFakeUser, input: NewZammadArticle): ZammadFakeArticle {
    const now = this.now(input.date);
    const fullname = `${by.firstname} ${by.lastname}`.trim();
    const article: ZammadFakeArticle = {
      id: this.nextId(this.articles, 1),
      ticket_id: ticket.id,
      type: input.type,
      sender: input.sender,
      internal: input.internal,
      from: input.from ?? (input.type === 'email' ? `${fullname} via Support <support@support.example.fr>` : fullname || null),
      to: input.to ?? null,
      subject: input.subject ?? null,
      body: input.body,
      content_type: input.content_type,
      message_id: input.message_id ?? null,
      created_by_id: by.id,
      origin_by_id: null,
      created_at: now,
      updated_at: now,
      attachments: (input.attachments ?? []).map((attachment) => ({ ...attachment, id: ++this.attachmentIds })),
    };
    this.articles.push(article);
    if (ticket.create_article_type_id === null) {
      ticket.create_article_type_id = ZAMMAD_ARTICLE_TYPES[article.type]?.id ?? null;
      ticket.create_article_sender_id = { Agent: 1, Customer: 2, System: 3 }[article.sender];
    }
    if (!article.internal && article.sender !== 'System') {
      ticket.last_contact_at = now;
      if (article.sender === 'Agent') ticket.last_contact_agent_at = now;
      else ticket.last_contact_customer_at = now;
    }
    const communication = ZAMMAD_ARTICLE_TYPES[article.type]?.communication ?? false;
    const followUp = this.states.find((state) => state.default_follow_up);
    if (article.sender === 'Agent' && !article.internal && communication && this.state(ticket.state_id).default_create && followUp) {
      ticket.state_id = followUp.id;
    }
    this.touch(ticket, by, input.date);
    return article;
  }

  /** A state change by `by`; closing stamps `close_at`, leaving a pending state drops its time. */
  changeState(ticket: ZammadFakeTicket, stateId: number, by: ZammadFakeUser, options: { pendingTime?: Date; date?: Date } = {}): void {
    const type = this.state(stateId).state_type;
    ticket.state_id = stateId;
    ticket.pending_time = /^pending/.test(type) ? this.now(options.pendingTime ?? new Date(this.clock().getTime() + 7 * 86_400_000)) : null;
    if (type === 'closed') ticket.close_at = this.now(options.date);
    this.touch(ticket, by, options.date);
  }

  touch(ticket: ZammadFakeTicket, by: ZammadFakeUser, date?: Date): void {
    ticket.updated_at = this.now(date);
    ticket.updated_by_id = by.id;
  }

  // ---- helpers for tests and the demo ----

  /** Adds a person; id, login and access token are made up when not given (`user-<id>-token`). */
  addUser(fields: Partial<ZammadFakeUser> = {}): ZammadFakeUser {
    const id = fields.id ?? this.nextId(this.users, 100);
    const user: ZammadFakeUser = {
      login: `user${id}@example.fr`,
      firstname: 'User',
      lastname: String(id),
      email: `user${id}@example.fr`,
      password: `user-${id}-password`,
      tokens: [`user-${id}-token`],
      role: 'customer',
      organization_id: null,
      active: true,
      ...fields,
      id,
    };
    this.users.push(user);
    return user;
  }

  /** Adds a ticket as Zammad would hold it after its customer created it; see ZammadTicketFixture. */
  addTicket(fixture: ZammadTicketFixture): ZammadFakeTicket {
    const customer = this.user(fixture.customer ?? ZAMMAD_CUSTOMER.id);
    if (!customer) throw new Error(`fake Zammad: no user ${fixture.customer}`);
    const pick = <T extends { id: number; name: string }>(rows: readonly T[], key: string | number | undefined, fallback: (row: T) => boolean, what: string) => {
      const row = key === undefined ? rows.find(fallback) : this.find(rows, key);
      if (!row) throw new Error(`fake Zammad: no ${what} ${String(key)}`);
      return row;
    };
    const created = fixture.createdAt ?? this.clock();
    const ticket = this.createTicket(
      customer,
      {
        title: fixture.title,
        group_id: pick(this.groups, fixture.group, () => true, 'group').id,
        priority_id: pick(this.priorities, fixture.priority, (row) => row.default_create, 'priority').id,
        state_id: pick(this.states, undefined, (row) => row.default_create, 'state').id,
        customer_id: customer.id,
      },
      created,
    );
    if (fixture.id !== undefined) {
      ticket.id = fixture.id;
      ticket.number = String(31000 + fixture.id);
    }
    if (fixture.article !== false) {
      this.addArticle(ticket, customer, {
        type: 'web',
        sender: 'Customer',
        internal: false,
        subject: fixture.title,
        body: fixture.body ?? `<p>${fixture.title}</p>`,
        content_type: 'text/html',
        date: created,
      });
    }
    if (fixture.state !== undefined) {
      this.changeState(ticket, pick(this.states, fixture.state, () => false, 'state').id, agentOf(this), {
        pendingTime: fixture.pendingTime,
        date: fixture.updatedAt ?? created,
      });
    }
    ticket.updated_at = this.now(fixture.updatedAt ?? created);
    return ticket;
  }

  /**
   * Adds `count` tickets of the customer, "<title> 1" … "<title> count" ("Ticket" by default),
   * one hour apart, the first one changed last, so that newest activity first is 1, 2, 3…
   * while Zammad's own order (ids) is the reverse.
   */
  generateTickets(count: number, fixture: Partial<ZammadTicketFixture> = {}): ZammadFakeTicket[] {
    const start = this.clock().getTime();
    const tickets: ZammadFakeTicket[] = [];
    for (let index = count - 1; index >= 0; index--) {
      const updated = new Date(start - index * 3_600_000);
      tickets.unshift(
        this.addTicket({ ...fixture, title: `${fixture.title ?? 'Ticket'} ${index + 1}`, createdAt: new Date(updated.getTime() - 86_400_000), updatedAt: updated }),
      );
    }
    return tickets;
  }

  /**
   * The agent answers the customer: a public email by default (a `new` ticket becomes
   * `open`), or an internal note the customer must never see.
   */
  replyAsAgent(ticketId: number, html: string, options: { internal?: boolean; type?: 'email' | 'note' | 'phone'; date?: Date; files?: File[] } = {}): ZammadFakeArticle {
    const ticket = this.#ticket(ticketId);
    const internal = options.internal ?? false;
    return this.addArticle(ticket, agentOf(this), {
      type: options.type ?? (internal ? 'note' : 'email'),
      sender: 'Agent',
      internal,
      body: html,
      content_type: 'text/html',
      subject: ticket.title,
      to: internal ? null : this.user(ticket.customer_id)?.email ?? null,
      date: options.date,
      attachments: (options.files ?? []).map((file) => attachmentOf(file)),
    });
  }

  /**
   * The agent considers the ticket solved: a public answer, then `pending close` until
   * `closesAt` (in a week by default), when Zammad would close it by itself.
   */
  solve(ticketId: number, html: string, options: { closesAt?: Date; date?: Date } = {}): ZammadFakeTicket {
    const ticket = this.#ticket(ticketId);
    this.replyAsAgent(ticketId, html, { date: options.date });
    const pendingClose = this.states.find((state) => state.state_type === 'pending action' && state.active);
    if (!pendingClose) throw new Error('fake Zammad: no pending close state');
    this.changeState(ticket, pendingClose.id, agentOf(this), { pendingTime: options.closesAt, date: options.date });
    return ticket;
  }

  /** Any state change by the agent, by state name (`pending reminder`, `closed`, `merged`…). */
  setState(ticketId: number, name: string, options: { pendingTime?: Date; date?: Date } = {}): ZammadFakeTicket {
    const ticket = this.#ticket(ticketId);
    const state = this.find(this.states, name);
    if (!state) throw new Error(`fake Zammad: no state ${name}`);
    this.changeState(ticket, state.id, agentOf(this), options);
    return ticket;
  }

  /** Adds a file to an article already there (a screenshot the customer sent with the ticket). */
  attach(articleId: number, file: File): ZammadFakeAttachment {
    const article = this.articles.find((one) => one.id === articleId);
    if (!article) throw new Error(`fake Zammad: no article ${articleId}`);
    const attachment = { ...attachmentOf(file), id: ++this.attachmentIds };
    article.attachments.push(attachment);
    return attachment;
  }

  // ---- the knowledge base ----

  /**
   * An answer in the knowledge base (made on first use, as an admin would), published now
   * unless `state` says otherwise, in its one category, written by the agent.
   */
  publishArticle(title: string, html: string, options: { state?: ZammadKbAnswerState; date?: Date } = {}): ZammadFakeKbAnswer {
    const kb = (this.knowledgeBase ??= {
      id: 1,
      active: true,
      title: 'Aide',
      locale: 'fr-fr',
      kbLocaleId: 1,
      systemLocaleId: 3,
      category: { id: 1, translationId: 1, title: 'Questions fréquentes' },
    });
    const now = this.now(options.date);
    const state = options.state ?? 'published';
    const rowId = ++this.kbRowIds;
    const answer: ZammadFakeKbAnswer = {
      id: this.nextId(this.kbAnswers, 1),
      category_id: kb.category.id,
      translation: { id: rowId, title, kb_locale_id: kb.kbLocaleId, content_id: rowId, created_at: now, updated_at: now },
      content: { id: rowId, body: html },
      published_at: state === 'published' || state === 'archived' ? now : null,
      internal_at: state === 'draft' ? null : now,
      archived_at: state === 'archived' ? now : null,
      created_at: now,
      updated_at: now,
      created_by_id: agentOf(this).id,
    };
    this.kbAnswers.push(answer);
    return answer;
  }

  /**
   * AnswerPolicy#show? and the search's scopes: an agent (knowledge_base.reader) also sees
   * internal answers, anyone else published ones only (CanBePublished `published`:
   * `published_at` past, not archived).
   */
  answerVisible(answer: ZammadFakeKbAnswer, user: ZammadFakeUser | undefined, internalToo = true): boolean {
    const now = this.clock().getTime();
    const reached = (date: string | null) => date !== null && Date.parse(date) <= now;
    if (reached(answer.archived_at)) return false;
    return reached(answer.published_at) || (internalToo && user?.role === 'agent' && reached(answer.internal_at));
  }

  // ---- failures ----

  /** Makes the next matching request(s) fail; see ZammadFailureKind. */
  failNext(kind: ZammadFailureKind, options: ZammadFailureOptions = {}): void {
    this.#faults.failNext(kind, options);
  }

  /** The failure this request must suffer, if a test asked for one; an endpoint filter also matches the same endpoint with a query. */
  takeFailure(method: string, endpoint: string) {
    return this.#faults.take(
      (failure) => sameMethod(method, failure.method) && (atOrBelow(endpoint, failure.endpoint) || endpoint.startsWith(`${failure.endpoint}?`)),
    );
  }

  #ticket(id: number): ZammadFakeTicket {
    const ticket = this.ticket(id);
    if (!ticket) throw new Error(`fake Zammad: no ticket ${id}`);
    return ticket;
  }
}

/** The state's agent (ZAMMAD_AGENT's id), or the first agent a custom seed has. */
function agentOf(state: ZammadFakeState): ZammadFakeUser {
  const agent = state.user(ZAMMAD_AGENT.id) ?? state.users.find((user) => user.role === 'agent');
  if (!agent) throw new Error('fake Zammad: no agent');
  return agent;
}

/** A file as an attachment Zammad stores: its size and `Mime-Type`. */
export function attachmentOf(file: File): Omit<ZammadFakeAttachment, 'id'> {
  return { filename: file.name, size: file.size, preferences: { 'Mime-Type': file.type || 'application/octet-stream' }, file };
}
