/**
 * The example REST server's memory: people, tickets with their thread and files,
 * categories, and the idempotency keys already used. A real host keeps these in
 * its database; what matters for the protocol is which rules apply when (see
 * `example-server.ts`). The technician's side (reply, ask, solve) is here too: the
 * tests and the demo's "act as the technician" buttons call it.
 */

export type RestStatusCode = 'new' | 'in-progress' | 'waiting' | 'solved' | 'closed';

export interface RestPerson {
  id: string;
  name: string;
  organisation: string;
  /** Accepted as `Authorization: Bearer <token>`. */
  token: string;
  /** Accepted as the host's session cookie `support_session=<session>`. */
  session: string;
}

export interface RestDocument {
  id: string;
  file: File;
  date: Date;
}

export interface RestEntry {
  id: string;
  kind: 'description' | 'followup' | 'solution';
  /** A person's id, or undefined for the technician. */
  authorId?: string;
  authorName: string;
  date: Date;
  format: 'text' | 'html';
  body: string;
  approval?: 'waiting' | 'accepted' | 'refused';
  documents: RestDocument[];
}

export interface RestTicket {
  id: string;
  title: string;
  type: 'incident' | 'request';
  urgency: 'very-low' | 'low' | 'medium' | 'high' | 'very-high';
  status: RestStatusCode;
  requesterId: string;
  categoryId?: string;
  callbackPhone?: string;
  followUp?: { byEmail: boolean; email?: string };
  /** The answers to the provider's questions, as received. */
  answers: { id: string; label: string; value: string }[];
  openedAt: Date;
  updatedAt: Date;
  solvedAt?: Date;
  entries: RestEntry[];
}

/** A help page of the application, as the `articles` routes give it. */
export interface RestArticle {
  id: string;
  title: string;
  /** HTML, as an editor saves it. */
  html: string;
}

export interface RestCategory {
  id: string;
  name: string;
  types: ('incident' | 'request')[];
}

/** What the server does with a ticket it created for an Idempotency-Key. */
export interface RestIdempotentCreation {
  /** What identifies the request's content: the same key with another ticket is refused. */
  fingerprint: string;
  ticketId: string;
  rejectedFiles: { name: string; reason: string }[];
}

/** A ticket to add directly: only the title is needed. */
export interface RestTicketFixture {
  title: string;
  /** Plain text; the title when not given. */
  description?: string;
  requesterId?: string;
  status?: RestStatusCode;
  type?: RestTicket['type'];
  urgency?: RestTicket['urgency'];
  categoryId?: string;
  openedAt?: Date;
  updatedAt?: Date;
}

export const REST_DEMO_PERSON: RestPerson = {
  id: 'p-camille',
  name: 'Camille Martin',
  organisation: 'acme',
  token: 'rest-demo-token',
  session: 'rest-demo-session',
};

export const REST_COLLEAGUE: RestPerson = {
  id: 'p-julien',
  name: 'Julien Dupont',
  organisation: 'acme',
  token: 'rest-colleague-token',
  session: 'rest-colleague-session',
};

export const REST_OUTSIDER: RestPerson = {
  id: 'p-outsider',
  name: 'Someone Else',
  organisation: 'other',
  token: 'rest-outsider-token',
  session: 'rest-outsider-session',
};

/** Who answers on the helpdesk side. */
export const REST_TECHNICIAN_NAME = 'Sacha Bernard (support)';

export const REST_STATUS_LABELS: Record<RestStatusCode, { en: string; fr: string }> = {
  new: { en: 'New', fr: 'Nouveau' },
  'in-progress': { en: 'In progress', fr: 'En cours' },
  waiting: { en: 'Waiting for your answer', fr: 'En attente de votre réponse' },
  solved: { en: 'Solved', fr: 'Résolu' },
  closed: { en: 'Closed', fr: 'Clos' },
};

export const REST_CATEGORIES: RestCategory[] = [
  { id: 'access', name: 'Accounts > Access and passwords', types: ['incident', 'request'] },
  { id: 'billing', name: 'Billing', types: ['request'] },
  { id: 'bug', name: 'Application > Something does not work', types: ['incident'] },
  { id: 'export', name: 'Application > Exports', types: ['incident', 'request'] },
];

export class RestStore {
  readonly people: RestPerson[] = [REST_DEMO_PERSON, REST_COLLEAGUE, REST_OUTSIDER];
  readonly categories: RestCategory[] = REST_CATEGORIES.map((category) => ({ ...category, types: [...category.types] }));
  readonly tickets: RestTicket[] = [];
  readonly articles: RestArticle[] = [];
  /** By `<person id> <key>`: keys are the person's own, another person's same key is another request. */
  readonly idempotency = new Map<string, RestIdempotentCreation>();
  /** Where every date the store writes comes from; tests may replace it. */
  clock: () => Date = () => new Date();
  #nextId = 1000;

  /** A new id: tickets, entries and documents share one counter, as many databases do. */
  newId(): string {
    return String(++this.#nextId);
  }

  ticket(id: string): RestTicket | undefined {
    return this.tickets.find((ticket) => ticket.id === id);
  }

  person(id: string): RestPerson | undefined {
    return this.people.find((person) => person.id === id);
  }

  // ---- test and demo controls ----

  /** Adds a ticket as the server would hold it, its description as the first entry. */
  addTicket(fixture: RestTicketFixture): RestTicket {
    const openedAt = fixture.openedAt ?? this.clock();
    const requesterId = fixture.requesterId ?? REST_DEMO_PERSON.id;
    const ticket: RestTicket = {
      id: this.newId(),
      title: fixture.title,
      type: fixture.type ?? 'incident',
      urgency: fixture.urgency ?? 'medium',
      status: fixture.status ?? 'new',
      requesterId,
      categoryId: fixture.categoryId,
      answers: [],
      openedAt,
      updatedAt: fixture.updatedAt ?? openedAt,
      solvedAt: fixture.status === 'solved' || fixture.status === 'closed' ? (fixture.updatedAt ?? openedAt) : undefined,
      entries: [],
    };
    ticket.entries.push(this.#entry(ticket, 'description', fixture.description ?? fixture.title, { authorId: requesterId, date: openedAt }));
    this.tickets.push(ticket);
    return ticket;
  }

  /**
   * Adds `count` tickets of the demo person titled "<prefix> 1" … "<prefix> count", one
   * hour apart, "<prefix> 1" updated last.
   */
  seed(count: number, prefix = 'Ticket'): RestTicket[] {
    const now = this.clock().getTime();
    return Array.from({ length: count }, (_, index) => {
      const updatedAt = new Date(now - (index + 1) * 3_600_000);
      return this.addTicket({ title: `${prefix} ${index + 1}`, openedAt: new Date(updatedAt.getTime() - 86_400_000), updatedAt });
    });
  }

  /** Publishes a help page (the `articles` feature). */
  publishArticle(title: string, html: string): RestArticle {
    const article = { id: this.newId(), title, html };
    this.articles.push(article);
    return article;
  }

  /** How many tickets hold exactly this title (to count duplicates). */
  countTitled(title: string): number {
    return this.tickets.filter((ticket) => ticket.title === title).length;
  }

  /** The technician's public answer; `waiting` when it asks the person something. */
  reply(ticketId: string, text: string, options: { waiting?: boolean; html?: boolean; files?: File[]; date?: Date } = {}): RestEntry {
    const ticket = this.#ticket(ticketId);
    const entry = this.#entry(ticket, 'followup', text, { format: options.html ? 'html' : 'text', files: options.files, date: options.date });
    ticket.entries.push(entry);
    if (ticket.status !== 'closed') ticket.status = options.waiting ? 'waiting' : 'in-progress';
    ticket.updatedAt = entry.date;
    return entry;
  }

  /** The technician proposes a solution: the ticket is solved, the solution waits for the person's approval. */
  solve(ticketId: string, text: string, options: { html?: boolean; date?: Date } = {}): RestEntry {
    const ticket = this.#ticket(ticketId);
    const entry = this.#entry(ticket, 'solution', text, { format: options.html ? 'html' : 'text', date: options.date });
    entry.approval = 'waiting';
    ticket.entries.push(entry);
    ticket.status = 'solved';
    ticket.solvedAt = ticket.updatedAt = entry.date;
    return entry;
  }

  /** Changes a ticket's status as the technician would. */
  setStatus(ticketId: string, status: RestStatusCode): RestTicket {
    const ticket = this.#ticket(ticketId);
    ticket.status = status;
    ticket.updatedAt = this.clock();
    if (status === 'solved') ticket.solvedAt = ticket.updatedAt;
    return ticket;
  }

  /** An entry of the ticket's thread, its files stored as documents. */
  addEntry(
    ticket: RestTicket,
    kind: RestEntry['kind'],
    body: string,
    options: { authorId?: string; format?: 'text' | 'html'; files?: readonly File[]; date?: Date } = {},
  ): RestEntry {
    const entry = this.#entry(ticket, kind, body, options);
    ticket.entries.push(entry);
    ticket.updatedAt = entry.date;
    return entry;
  }

  #entry(
    ticket: RestTicket,
    kind: RestEntry['kind'],
    body: string,
    options: { authorId?: string; format?: 'text' | 'html'; files?: readonly File[]; date?: Date } = {},
  ): RestEntry {
    const date = options.date ?? this.clock();
    // Never before the ticket's last change: the thread stays in order even within one millisecond.
    const last = ticket.entries.at(-1)?.date;
    const when = last && last > date ? last : date;
    return {
      id: this.newId(),
      kind,
      authorId: options.authorId,
      authorName: options.authorId ? (this.person(options.authorId)?.name ?? options.authorId) : REST_TECHNICIAN_NAME,
      date: when,
      format: options.format ?? 'text',
      body,
      documents: (options.files ?? []).map((file) => ({ id: this.newId(), file, date: when })),
    };
  }

  #ticket(id: string): RestTicket {
    const ticket = this.ticket(id);
    if (!ticket) throw new Error(`example REST server: no ticket ${id}`);
    return ticket;
  }
}
