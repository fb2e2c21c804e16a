/**
 * GLPI's rules for tickets and what hangs on them, shared by the routes and the
 * state's controls so that a technician's action in a test has the same effects
 * as the API call it stands for. From GLPI's `CommonITILObject`, `ITILFollowup`
 * (`canCreateItem`, `prepareInputForAdd`), the `ParentStatus` trait and the
 * search engine's default restrictions, reduced to tickets.
 */
import { SELF_SERVICE, type FakeRights, type FakeUser } from './seed.js';
import { ASSIGNED, CLOSED, NEW, PENDING, SOLUTION_ACCEPTED, SOLUTION_REFUSED, SOLVED, type TicketStatusCode } from './codes.js';
import type { FakeArticle, FakeDocument, FakeFollowup, FakeTicket, GlpiFakeState } from './state.js';

/**
 * GLPI's date format, "YYYY-MM-DD HH:MM:SS", in the server's local time and without a zone:
 * `$_SESSION['glpi_currenttime'] = date("Y-m-d H:i:s")` (`src/Session.php` line 109 of 10.0.11),
 * with PHP's and MySQL's zone set to the person's `glpi_tz` (`DBmysql::setTimezone`, line 1874).
 * `timeZone` is the fake server's zone (IANA name); the browser's when not given.
 */
export function glpiDate(date: Date, timeZone?: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  if (timeZone) {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(date)
        .map((part) => [part.type, part.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  }
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  );
}

const when = (state: GlpiFakeState, date: Date | string | undefined): string =>
  date === undefined ? state.now() : typeof date === 'string' ? date : glpiDate(date, state.timeZone);

export const rightsOf = (user: FakeUser): FakeRights => ({ ...SELF_SERVICE, ...user.rights });

/** How GLPI names a person by default ("Realname Firstname", the login when both are empty), as stored. */
export function displayName(user: FakeUser): string {
  return `${user.realname} ${user.firstname}`.trim() || user.name;
}

/** Whether the person asked for the ticket or typed it in. */
const isOwn = (user: FakeUser, ticket: FakeTicket) => ticket.requester === user.id || ticket.users_id_recipient === user.id;

/**
 * Ticket::canViewItem, as the search engine's default restriction applies it too. READMY covers the
 * tickets one wrote, asked for or observes (`src/Ticket.php` lines 251-270 of 10.0.17).
 */
export function seesTicket(user: FakeUser, ticket: FakeTicket): boolean {
  if (isOwn(user, ticket) || ticket.technician === user.id) return true;
  if (ticket.observers.some((observer) => observer.users_id === user.id)) return true;
  return rightsOf(user).entityTickets && ticket.entities_id === (user.entities_id ?? 0);
}

/**
 * ITILFollowup::canCreateItem: the ticket must be visible; a closed one only takes
 * follow-ups from someone who may reopen it; and the person must be its requester
 * (followup ADDMYTICKET), its technician, or allowed on every ticket.
 */
export function mayAddFollowup(user: FakeUser, ticket: FakeTicket): boolean {
  const rights = rightsOf(user);
  // ITILFollowup::canCreateItem (`src/ITILFollowup.php` lines 177-183 of 10.0.11) with Ticket::canReopen:
  // followup CREATE (4, ADDMYTICKET) and a status matrix allowing Closed → New or Processing.
  const mayReopen = rights.followupOwn && rights.reopenClosed;
  if (!seesTicket(user, ticket) || (ticket.status === CLOSED && !mayReopen)) return false;
  return (rights.followupOwn && isOwn(user, ticket)) || rights.followupAll || ticket.technician === user.id;
}

/** The follow-ups of a ticket the person may read: public ones, their own private ones, all with SEEPRIVATE. */
export function followupsSeenBy(state: GlpiFakeState, user: FakeUser, ticket: FakeTicket): FakeFollowup[] {
  const seePrivate = rightsOf(user).seePrivate;
  return state.followups.filter(
    (followup) => followup.items_id === ticket.id && (!followup.is_private || seePrivate || followup.users_id === user.id),
  );
}

/** The documents of a ticket as `with_documents` lists them: the ticket's, and those of the messages the person sees. */
export function documentLinksOf(state: GlpiFakeState, user: FakeUser, ticket: FakeTicket) {
  const followups = new Set(followupsSeenBy(state, user, ticket).map((followup) => followup.id));
  const solutions = new Set(state.solutions.filter((solution) => solution.items_id === ticket.id).map((solution) => solution.id));
  return state.documentItems.filter(
    (link) =>
      (link.itemtype === 'Ticket' && link.items_id === ticket.id) ||
      (link.itemtype === 'ITILFollowup' && followups.has(link.items_id)) ||
      (link.itemtype === 'ITILSolution' && solutions.has(link.items_id)),
  );
}

/** Document::canViewFile, reduced: the uploader, or anyone who sees a ticket the document belongs to. */
export function seesDocument(state: GlpiFakeState, user: FakeUser, document: FakeDocument): boolean {
  if (document.users_id === user.id) return true;
  return state.tickets.some(
    (ticket) => seesTicket(user, ticket) && documentLinksOf(state, user, ticket).some((link) => link.documents_id === document.id),
  );
}

/** The ticket changed: `date_mod` and its last updater (CommonITILObject::updateDateMod). */
export function touch(state: GlpiFakeState, ticket: FakeTicket, userId: number, date?: Date | string): void {
  ticket.date_mod = when(state, date);
  ticket.users_id_lastupdater = userId;
}

/**
 * An update of the ticket's status, with what CommonITILObject does around it: dates
 * of solving and closing, the last solution marked accepted (`accepted`, from an
 * approval) or refused (whenever the ticket leaves solved/closed).
 */
export function changeTicket(
  state: GlpiFakeState,
  ticket: FakeTicket,
  { status, accepted = false }: { status: TicketStatusCode; accepted?: boolean },
  userId: number,
  date?: Date | string,
): void {
  const now = when(state, date);
  const before = ticket.status;
  const done = (code: number) => code === SOLVED || code === CLOSED;
  ticket.status = status;
  if (status === SOLVED && before !== SOLVED) ticket.solvedate = now;
  if (status === CLOSED && before !== CLOSED) {
    ticket.closedate = now;
    ticket.solvedate ??= now;
  }
  if (!done(status)) {
    ticket.solvedate = null;
    ticket.closedate = null;
  }
  const last = state.solutions
    .filter((solution) => solution.items_id === ticket.id)
    .sort((a, b) => b.date_creation.localeCompare(a.date_creation) || b.id - a.id)[0];
  if (last && (accepted || (done(before) && !done(status)))) {
    last.status = accepted ? SOLUTION_ACCEPTED : SOLUTION_REFUSED;
    last.users_id_approval = userId;
    last.date_approval = now;
    last.date_mod = now;
  }
  touch(state, ticket, userId, date);
}

export interface FollowupInput {
  users_id: number;
  content: string;
  is_private: 0 | 1;
  /** `add_close`: approves a solved ticket's solution; the ticket closes. */
  close?: boolean;
  /** `add_reopen`: refuses the solution of a solved ticket, or reopens a closed one. */
  reopen?: boolean;
  /** `pending`: puts the ticket on hold, waiting for the requester. */
  pending?: boolean;
  date?: Date | string;
}

/** Adds a follow-up already checked, then moves the ticket as ParentStatus::updateParentStatus does. */
export function addFollowupTo(state: GlpiFakeState, ticket: FakeTicket, input: FollowupInput): FakeFollowup {
  const date = when(state, input.date);
  const followup: FakeFollowup = {
    id: state.nextId(state.followups),
    itemtype: 'Ticket',
    items_id: ticket.id,
    users_id: input.users_id,
    content: input.content,
    is_private: input.is_private,
    requesttypes_id: 1,
    date,
    date_mod: date,
    date_creation: date,
  };
  state.followups.push(followup);
  touch(state, ticket, input.users_id, input.date);

  if (input.close && ticket.status === SOLVED) {
    changeTicket(state, ticket, { status: CLOSED, accepted: true }, input.users_id, input.date);
  }
  // A follow-up on a pending ticket reopens it, unless it approves a solution or asks to wait.
  const reopen = input.reopen || (!input.close && !input.pending && ticket.status === PENDING);
  if (input.pending) {
    if (ticket.status !== PENDING) changeTicket(state, ticket, { status: PENDING }, input.users_id, input.date);
  } else if (reopen && [CLOSED, SOLVED, PENDING].includes(ticket.status)) {
    changeTicket(state, ticket, { status: ticket.technician ? ASSIGNED : NEW }, input.users_id, input.date);
  }
  return followup;
}

/** Stores an uploaded file and links it where it was sent. */
export function addDocument(
  state: GlpiFakeState,
  upload: {
    file: File;
    name?: string;
    users_id: number;
    link?: { itemtype: string; items_id: number };
    tickets_id?: number;
    date?: Date | string;
  },
): FakeDocument {
  const date = when(state, upload.date);
  const document: FakeDocument = {
    id: state.nextId(state.documents),
    name: upload.name || upload.file.name,
    filename: upload.file.name,
    mime: upload.file.type || 'application/octet-stream',
    size: upload.file.size,
    users_id: upload.users_id,
    tickets_id: upload.tickets_id ?? 0,
    entities_id: 0,
    date_creation: date,
    date_mod: date,
    file: upload.file,
  };
  state.documents.push(document);
  // A file added to a ticket (or one of its messages) is a change of the ticket.
  const ticket = upload.tickets_id === undefined ? undefined : state.ticket(upload.tickets_id);
  if (ticket) touch(state, ticket, upload.users_id, upload.date);
  if (upload.link) {
    state.documentItems.push({
      id: state.nextId(state.documentItems),
      documents_id: document.id,
      ...upload.link,
      users_id: upload.users_id,
      date_creation: date,
    });
  }
  return document;
}

/**
 * Whether the person may add a Ticket_User (an actor) to the ticket through the API: `API::createItems`
 * asks `can(-1, CREATE, $input)` (`src/Api/API.php` line 1875 of 10.0.17). `Ticket_User::canCreate` is
 * `canRelation('canUpdate')`, i.e. `Ticket::canUpdate()`: the ticket CREATE right on the helpdesk
 * interface, UPDATE (or ASSIGN, STEAL, OWN, CHANGEPRIORITY) on the central one (`src/Ticket.php` lines
 * 213-230; `src/CommonDBRelation.php` lines 397-450, 587-594). `canCreateItem` then reduces, for an
 * email-only actor (`users_id` 0, no user to check: `CommonITILActor::$checkItem_2_Rights`,
 * `src/CommonITILActor.php` line 42), to `Ticket::canViewItem()` ("one write is enough",
 * `src/CommonDBRelation.php` lines 465-580): seeing the ticket is enough, whatever its status. The
 * fake's profiles all have ticket CREATE.
 */
export function mayAddActor(user: FakeUser, ticket: FakeTicket): boolean {
  const rights = rightsOf(user);
  return (!rights.central || rights.updateTickets) && seesTicket(user, ticket);
}

/**
 * `KnowbaseItem::canViewItem` (`src/KnowbaseItem.php` lines 151-166 of 10.0.17; the same in 11): the
 * author and KB admins always; a FAQ article with READFAQ or READ, another one with READ only, and in
 * both cases a target that includes the person (`haveVisibilityAccess`, lines 501-514, and
 * `CommonDBVisible::haveVisibilityAccess`, `src/CommonDBVisible.php` lines 119-164: a user target, or
 * an entity target the person has access to; the fake's root entity is recursive). Dates are not checked.
 */
export function seesArticle(user: FakeUser, article: FakeArticle): boolean {
  const rights = rightsOf(user);
  if (article.users_id === user.id || rights.knowbaseAdmin) return true;
  const allowed = article.is_faq ? rights.readFaq || rights.readKnowbase : rights.readKnowbase;
  return allowed && isTargeted(user, article);
}

/** A target of the article includes the person: a user target, or an entity target covering theirs. */
export function isTargeted(user: FakeUser, article: FakeArticle): boolean {
  const entity = user.entities_id ?? 0;
  return article.targets.users.includes(user.id) || article.targets.entities.some((target) => target === 0 || target === entity);
}
