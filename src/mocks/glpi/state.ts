/**
 * The fake GLPI's memory: its data, the open sessions, the requests it saw,
 * and the failures a test asked for. Route modules read and change it; tests
 * inspect it.
 */
import { ASSIGNED, NEW, SOLUTION_WAITING, SOLVED, type SolutionStatusCode, type TicketStatusCode } from './codes.js';
import { addDocument, addFollowupTo, changeTicket, glpiDate, touch } from './itil.js';
import { DEMO_USER, demoSeed, TECHNICIAN, type FakeAsset, type FakeCategory, type FakeSeed, type FakeUser } from './seed.js';
import { atOrBelow, FaultSwitch, type CommonFailureKind, type CommonFailureOptions } from '../faults.js';

/** The GLPI major version a fake behaves as: 10 (10.0.x) or 11 (11.0.x). */
export type GlpiVersion = 10 | 11;

export interface FakeSession {
  token: string;
  userId: number;
  openedAt: Date;
}

export * from './codes.js';

/**
 * Text is stored as written (the person's or the technician's HTML, any string at all)
 * and answered entity-encoded, as GLPI ≤ 10 does (`encodeLikeGlpi`). Dates are GLPI's
 * "YYYY-MM-DD HH:MM:SS" in the server's local time, which for the fake is the browser's.
 */
export interface FakeTicket {
  id: number;
  name: string;
  content: string;
  type: 1 | 2;
  urgency: number;
  status: TicketStatusCode;
  itilcategories_id: number;
  entities_id: number;
  /** Who typed the ticket in ("writer"). */
  users_id_recipient: number;
  /**
   * Who asked (the requester actor, Ticket_User type 1), 0 when nobody: GLPI gives an API-created
   * ticket no default requester, only the ids of `_users_id_requester` (see routes/tickets.ts).
   */
  requester: number;
  /** The assigned technician (Ticket_User type 2), when there is one. */
  technician?: number;
  users_id_lastupdater: number;
  date: string;
  date_mod: string;
  solvedate: string | null;
  closedate: string | null;
  /** Linked assets, from `items_id`. */
  items: { itemtype: string; items_id: number }[];
  /** `_users_id_requester_notif` as sent, when it was. */
  requesterNotification?: { use_notification: number[]; alternative_email?: string[] };
  /** The observers (watchers, Ticket_User type 3): people or, with `users_id` 0, email addresses only. */
  observers: FakeObserver[];
  /**
   * An id given by the system that opened the ticket ('' when none): the widget's submission id.
   * GLPI 11 only: on 10 there is no such column and GLPI drops the key (routes/tickets.ts).
   */
  externalid: string;
  /** The whole `input` object as received (empty for fixtures), for tests. */
  input: Record<string, unknown>;
}

/**
 * One observer of a ticket, a `glpi_tickets_users` row of type 3 (`install/mysql/glpi-empty.sql` lines
 * 7233-7243 of 10.0.17): a user, or nobody (`users_id` 0) and an address, which GLPI accepts only with
 * a non-empty `alternative_email` (`CommonITILActor::isAttach2Valid`, `src/CommonITILActor.php` lines
 * 73-92). `use_notification` defaults to 1 in that table.
 */
export interface FakeObserver {
  id: number;
  users_id: number;
  alternative_email: string;
  use_notification: 0 | 1;
}

/**
 * A notification GLPI would send about a ticket, as far as its observers go: the event, and the
 * addresses of its email-only observers with `use_notification` that the "Watcher" target reaches
 * (`NotificationTargetCommonITILObject::addLinkedUserByType`, `src/NotificationTargetCommonITILObject.php`
 * lines 218-238 of 10.0.17: rows with `users_id` 0, `use_notification` 1, mailed to `alternative_email`).
 * `new` when a ticket is created (observers given with it are added with `_disablenotif`,
 * `CommonITILObject::updateActors(true)`, `src/CommonITILObject.php` lines 2885 and 8457-8467, and reached
 * by the ticket's own event, line 8230); `observer_user` when one is added later
 * (`CommonITILActor::post_addItem`, `src/CommonITILActor.php` lines 424-466). Whether mail leaves
 * depends on the server's notification setup, which the fake does not model.
 */
export interface FakeNotification {
  event: 'new' | 'observer_user';
  tickets_id: number;
  observers: string[];
}

/**
 * A knowledge base article (`glpi_knowbaseitems`, `install/mysql/glpi-empty.sql` lines 3898-3919 of
 * 10.0.17), its text stored as written. `targets` stand for `Entity_KnowbaseItem` (recursive) and
 * `KnowbaseItem_User`: an article without any target is seen by its author and KB admins only.
 */
export interface FakeArticle {
  id: number;
  name: string;
  /** HTML, as GLPI's editor saves it. */
  answer: string;
  is_faq: 0 | 1;
  /** The author. */
  users_id: number;
  view: number;
  date_creation: string;
  date_mod: string;
  /** Visibility dates ("YYYY-MM-DD HH:MM:SS", the server's local time), null when open. */
  begin_date: string | null;
  end_date: string | null;
  targets: { entities: number[]; users: number[] };
}

/** An article to add with `publishArticle`'s options. */
export interface ArticleOptions {
  /** In the FAQ (the default), or in the knowledge base only. */
  faq?: boolean;
  /** The author: the technician by default. */
  author?: number;
  /** Who may read it: the root entity and its children by default (everyone). */
  targets?: { entities?: number[]; users?: number[] };
  begin?: Date | string | null;
  end?: Date | string | null;
  date?: Date | string;
}

export interface FakeFollowup {
  id: number;
  itemtype: 'Ticket';
  items_id: number;
  users_id: number;
  content: string;
  is_private: 0 | 1;
  requesttypes_id: number;
  date: string;
  date_mod: string;
  date_creation: string;
}

export interface FakeSolution {
  id: number;
  itemtype: 'Ticket';
  items_id: number;
  users_id: number;
  content: string;
  status: SolutionStatusCode;
  solutiontypes_id: number;
  users_id_approval: number;
  date_creation: string;
  date_mod: string;
  date_approval: string | null;
}

export interface FakeDocument {
  id: number;
  /** The document's name in GLPI (the manifest's `name`, else the file's). */
  name: string;
  /** The uploaded file's own name. */
  filename: string;
  mime: string;
  size: number;
  users_id: number;
  /** The ticket it was added from, 0 otherwise. */
  tickets_id: number;
  entities_id: number;
  date_creation: string;
  date_mod: string;
  file: File;
}

export interface FakeDocumentItem {
  id: number;
  documents_id: number;
  /** `Ticket`, or `ITILFollowup` / `ITILSolution` for a file added with a message. */
  itemtype: string;
  items_id: number;
  users_id: number;
  date_creation: string;
}

/** A ticket to add with `addTicket`: only the title is required. */
export interface TicketFixture {
  name: string;
  /** HTML; `<p>` + the title when not given. */
  content?: string;
  /** Who asked: DEMO_USER's id by default. */
  requester?: number;
  /** Who typed it in: the requester by default. */
  writer?: number;
  /** NEW by default, ASSIGNED when a technician is given. */
  status?: TicketStatusCode;
  technician?: number;
  type?: 1 | 2;
  urgency?: number;
  category?: number;
  /** The requester's entity by default. */
  entity?: number;
  /** Opening date: now by default. */
  date?: Date | string;
  /** Last update: the opening date by default. */
  dateMod?: Date | string;
  /** Another id than the next free one. */
  id?: number;
  /** The external id ('' by default). */
  externalid?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** The path after `apirest.php/`, e.g. `Ticket` or `User/7/Computer`. */
  endpoint: string;
  headers: Record<string, string>;
}

/**
 * What `failNext` can make go wrong: the failures every fake makes (`CommonFailureKind`),
 * and GLPI's own:
 * - `php-notice`: PHP notice text printed before the real JSON;
 * - `truncated`: the real answer cut in half;
 * - `expire-session`: every session dies before the request is read.
 * GLPI's 500 is `ERROR_SQL`; the 429 a proxy's rate limit, `Retry-After` 120 s by default;
 * `html` GLPI's login page, for a URL that does not reach apirest.php. A `timeout` is
 * carried out: a caller that gave up earlier has lost the answer of what was done.
 */
export type FailureKind = CommonFailureKind | 'php-notice' | 'truncated' | 'expire-session';

export interface FailureOptions extends CommonFailureOptions {
  /** Only requests to this endpoint (`Document`) or below it (`User` matches `User/7/Computer`). */
  endpoint?: string;
}

export class GlpiFakeState {
  readonly users: FakeUser[];
  readonly categories: FakeCategory[];
  readonly assets: FakeAsset[];
  readonly tickets: FakeTicket[] = [];
  readonly followups: FakeFollowup[] = [];
  readonly solutions: FakeSolution[] = [];
  readonly documents: FakeDocument[] = [];
  readonly documentItems: FakeDocumentItem[] = [];
  /** The knowledge base. */
  readonly articles: FakeArticle[] = [];
  /** What GLPI would notify observers of, in order (see FakeNotification). */
  readonly notifications: FakeNotification[] = [];
  readonly sessions = new Map<string, FakeSession>();
  /** Every request the fake answered, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Where every date the fake writes comes from; tests may replace it. */
  clock: () => Date = () => new Date();
  readonly #faults = new FaultSwitch<FailureKind, FailureOptions>();

  /** The GLPI version the fake behaves as (see GlpiFakeOptions.version). */
  readonly version: GlpiVersion;
  /** The server's time zone (IANA name) its dates are written in; the browser's when undefined. */
  readonly timeZone?: string;

  constructor(seed: FakeSeed = demoSeed(), { version = 11, timeZone }: { version?: GlpiVersion; timeZone?: string } = {}) {
    this.version = version;
    this.timeZone = timeZone;
    this.users = seed.users;
    this.categories = seed.categories;
    this.assets = seed.assets;
  }

  // ---- test and demo controls ----

  /** Adds a person; `id`, login and user token are made up when not given (`user-<id>-token`). */
  addUser(fields: Partial<FakeUser> = {}): FakeUser {
    const id = fields.id ?? this.nextId(this.users, 100);
    const user: FakeUser = {
      name: `user${id}`,
      password: `user-${id}-password`,
      userToken: `user-${id}-token`,
      firstname: '',
      realname: '',
      email: '',
      ...fields,
      id,
    };
    this.users.push(user);
    return user;
  }

  /** Adds a ticket as it would be after GLPI stored it; see TicketFixture for the defaults. */
  addTicket(fixture: TicketFixture): FakeTicket {
    const requester = fixture.requester ?? DEMO_USER.id;
    const date = this.#date(fixture.date);
    const ticket: FakeTicket = {
      id: fixture.id ?? this.nextId(this.tickets, 100),
      name: fixture.name,
      content: fixture.content ?? `<p>${fixture.name}</p>`,
      type: fixture.type ?? 1,
      urgency: fixture.urgency ?? 3,
      status: NEW,
      itilcategories_id: fixture.category ?? 0,
      entities_id: fixture.entity ?? this.user(requester)?.entities_id ?? 0,
      users_id_recipient: fixture.writer ?? requester,
      requester,
      technician: fixture.technician,
      users_id_lastupdater: fixture.writer ?? requester,
      date,
      date_mod: date,
      solvedate: null,
      closedate: null,
      items: [],
      observers: [],
      externalid: fixture.externalid ?? '',
      input: {},
    };
    this.tickets.push(ticket);
    const status = fixture.status ?? (fixture.technician ? ASSIGNED : NEW);
    if (status !== NEW) changeTicket(this, ticket, { status }, ticket.users_id_lastupdater, fixture.dateMod ?? date);
    ticket.date_mod = this.#date(fixture.dateMod ?? date);
    return ticket;
  }

  /**
   * Adds `count` tickets for paging tests: "<name> 1" … "<name> count" (name "Ticket" by
   * default), one hour apart, the first one updated last; statuses cycle through all six
   * unless the fixture gives one.
   */
  generateTickets(count: number, fixture: Partial<TicketFixture> = {}): FakeTicket[] {
    const start = this.clock().getTime();
    return Array.from({ length: count }, (_, index) => {
      const updated = new Date(start - index * 3_600_000);
      return this.addTicket({
        ...fixture,
        name: `${fixture.name ?? 'Ticket'} ${index + 1}`,
        status: fixture.status ?? (((index % 6) + 1) as TicketStatusCode),
        technician: fixture.technician ?? (index % 6 === 0 ? undefined : TECHNICIAN.id),
        date: fixture.date ?? new Date(updated.getTime() - 86_400_000),
        dateMod: fixture.dateMod ?? updated,
      });
    });
  }

  /**
   * A follow-up, by the technician unless `userId` says otherwise, with GLPI's effects on
   * the ticket: `pending` puts it on hold (the technician asks a question); a follow-up
   * on a pending ticket puts it back to processing.
   */
  addFollowup(
    ticketId: number,
    options: { content: string; isPrivate?: boolean; userId?: number; pending?: boolean; date?: Date | string },
  ): FakeFollowup {
    return addFollowupTo(this, this.#ticket(ticketId), {
      users_id: options.userId ?? TECHNICIAN.id,
      content: options.content,
      is_private: options.isPrivate ? 1 : 0,
      pending: options.pending,
      date: options.date,
    });
  }

  /** The technician proposes a solution: the ticket is solved and the solution waits for the requester's approval. */
  proposeSolution(ticketId: number, content: string, options: { userId?: number; date?: Date | string } = {}): FakeSolution {
    const ticket = this.#ticket(ticketId);
    // ITILSolution refuses a second solution while one waits.
    if (this.solutions.some((one) => one.items_id === ticket.id && one.status === SOLUTION_WAITING)) {
      throw new Error(`fake GLPI: ticket ${ticketId} already has a solution waiting for approval`);
    }
    const date = this.#date(options.date);
    const solution: FakeSolution = {
      id: this.nextId(this.solutions),
      itemtype: 'Ticket',
      items_id: ticket.id,
      users_id: options.userId ?? TECHNICIAN.id,
      content,
      status: SOLUTION_WAITING,
      solutiontypes_id: 0,
      users_id_approval: 0,
      date_creation: date,
      date_mod: date,
      date_approval: null,
    };
    this.solutions.push(solution);
    changeTicket(this, ticket, { status: SOLVED }, solution.users_id, options.date);
    return solution;
  }

  /** The requester approves the waiting solution, as `add_close` does: the ticket closes. */
  approveSolution(ticketId: number, options: { userId?: number; content?: string; date?: Date | string } = {}): FakeFollowup {
    const ticket = this.#ticket(ticketId);
    const content = options.content ?? 'Solution approved';
    return addFollowupTo(this, ticket, { users_id: options.userId ?? ticket.requester, content, is_private: 0, close: true, date: options.date });
  }

  /** The requester refuses the solution, or reopens a closed ticket, with a reason, as `add_reopen` does. */
  refuseSolution(ticketId: number, reason: string, options: { userId?: number; date?: Date | string } = {}): FakeFollowup {
    const ticket = this.#ticket(ticketId);
    return addFollowupTo(this, ticket, { users_id: options.userId ?? ticket.requester, content: reason, is_private: 0, reopen: true, date: options.date });
  }

  /** Changes a ticket's status as an update by `userId` (the technician by default) would. */
  setStatus(ticketId: number, status: TicketStatusCode, options: { userId?: number; date?: Date | string } = {}): FakeTicket {
    const ticket = this.#ticket(ticketId);
    changeTicket(this, ticket, { status }, options.userId ?? TECHNICIAN.id, options.date);
    return ticket;
  }

  /** Assigns a technician; a new ticket becomes "processing (assigned)". */
  assign(ticketId: number, technicianId: number = TECHNICIAN.id): FakeTicket {
    const ticket = this.#ticket(ticketId);
    ticket.technician = technicianId;
    if (ticket.status === NEW) changeTicket(this, ticket, { status: ASSIGNED }, technicianId);
    else touch(this, ticket, technicianId);
    return ticket;
  }

  /**
   * Attaches a file to a ticket, or to one of its follow-ups or solutions (`to`), as
   * uploaded by `userId` (the requester by default).
   */
  attachDocument(
    ticketId: number,
    file: File,
    options: { userId?: number; name?: string; to?: { itemtype: 'ITILFollowup' | 'ITILSolution'; id: number }; date?: Date | string } = {},
  ): FakeDocument {
    const ticket = this.#ticket(ticketId);
    return addDocument(this, {
      file,
      name: options.name,
      users_id: options.userId ?? ticket.requester,
      link: options.to ? { itemtype: options.to.itemtype, items_id: options.to.id } : { itemtype: 'Ticket', items_id: ticket.id },
      tickets_id: ticket.id,
      date: options.date,
    });
  }

  /**
   * Publishes an article, as a technician writing it in GLPI's knowledge base does: in the FAQ and
   * visible to everyone (a recursive root entity target) unless `options` say otherwise.
   */
  publishArticle(title: string, html: string, options: ArticleOptions = {}): FakeArticle {
    const date = this.#date(options.date);
    const optional = (value: Date | string | null | undefined) => (value === undefined || value === null ? null : this.#date(value));
    const article: FakeArticle = {
      id: this.nextId(this.articles),
      name: title,
      answer: html,
      is_faq: options.faq === false ? 0 : 1,
      users_id: options.author ?? TECHNICIAN.id,
      view: 0,
      date_creation: date,
      date_mod: date,
      begin_date: optional(options.begin),
      end_date: optional(options.end),
      targets: { entities: options.targets?.entities ?? (options.targets ? [] : [0]), users: options.targets?.users ?? [] },
    };
    this.articles.push(article);
    return article;
  }

  /** Adds an observer by address only (users_id 0), as a technician would; GLPI's checks are the route's. */
  addObserver(ticketId: number, email: string, useNotification: 0 | 1 = 1): FakeObserver {
    const observer: FakeObserver = { id: this.nextObserverId(), users_id: 0, alternative_email: email, use_notification: useNotification };
    this.#ticket(ticketId).observers.push(observer);
    return observer;
  }

  /** The next `glpi_tickets_users` id of an observer (far above the requester's and technician's row ids). */
  nextObserverId(): number {
    return this.nextId(this.tickets.flatMap((ticket) => ticket.observers), 1_000_000);
  }

  // ---- failures and sessions ----

  /** Makes the next matching request(s) fail; see FailureKind. */
  failNext(kind: FailureKind, options: FailureOptions = {}): void {
    this.#faults.failNext(kind, options);
  }

  /** Ends every session, as a server-side expiry or a restart does. */
  expireSessions(): void {
    this.sessions.clear();
  }

  expireSession(token: string): void {
    this.sessions.delete(token);
  }

  openSession(user: FakeUser): FakeSession {
    const bytes = crypto.getRandomValues(new Uint8Array(13));
    const token = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    const session = { token, userId: user.id, openedAt: new Date() };
    this.sessions.set(token, session);
    return session;
  }

  userOf(session: FakeSession): FakeUser {
    const user = this.user(session.userId);
    if (!user) throw new Error(`fake GLPI: session of unknown user ${session.userId}`);
    return user;
  }

  user(id: number): FakeUser | undefined {
    return this.users.find((candidate) => candidate.id === id);
  }

  ticket(id: number): FakeTicket | undefined {
    return this.tickets.find((candidate) => candidate.id === id);
  }

  /** Now, as GLPI writes dates. */
  now(): string {
    return glpiDate(this.clock(), this.timeZone);
  }

  /** The next id of a table: one more than the largest so far, from `first`. */
  nextId(rows: readonly { id: number }[], first = 1): number {
    return rows.reduce((max, row) => Math.max(max, row.id + 1), first);
  }

  /** The failure this request must suffer, if a test asked for one. `expire-session` waits for a request with a session. */
  takeFailure(endpoint: string, hasSessionToken: boolean) {
    return this.#faults.take((failure) => atOrBelow(endpoint, failure.endpoint) && (failure.kind !== 'expire-session' || hasSessionToken));
  }

  #ticket(id: number): FakeTicket {
    const ticket = this.ticket(id);
    if (!ticket) throw new Error(`fake GLPI: no ticket ${id}`);
    return ticket;
  }

  #date(date: Date | string | undefined): string {
    return date === undefined ? this.now() : typeof date === 'string' ? date : glpiDate(date, this.timeZone);
  }
}
