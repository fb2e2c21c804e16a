/** Create, read and update tickets, and read what hangs on them (BACKENDS.md §1.4, §1.6, §1.8). */
import { APPROVAL, type TicketStatusCode } from '../codes.js';
import { changeTicket, documentLinksOf, followupsSeenBy, rightsOf, seesTicket, touch } from '../itil.js';
import { isRecord, PERMISSION, readParameters, toInt } from '../protocol.js';
import { param, type FakeCall, type Route } from '../route.js';
import { addObserversAtCreation } from './observers.js';
import {
  actorRows,
  documentItemRow,
  followupRow,
  linkedDocumentRow,
  rowOptions,
  solutionRow,
  ticketRow,
  type RowOptions,
} from '../rows.js';
import type { FakeSession, FakeTicket, GlpiFakeState } from '../state.js';

export const ticketRoutes: Route[] = [
  { method: 'post', path: 'Ticket', handle: createTickets },
  { method: 'get', path: 'Ticket/:id', handle: readTicket },
  { method: 'put', path: 'Ticket/:id', handle: updateTickets },
  { method: 'get', path: 'Ticket/:id/:itemtype', handle: readSubItems },
];

async function createTickets({ request, state, session, api }: FakeCall): Promise<Response> {
  const read = await readParameters(request, api);
  if (!read.ok) return read.response;
  return api.created('Ticket', read.params.input, (one) => {
    const result = addTicket(state, session, one);
    return typeof result === 'string' ? result : { id: result.id, message: registered(result.id) };
  });
}

const registered = (id: number) => `Your ticket has been registered, it is being handled. (Ticket: ${id})`;

/** Adds one ticket, or says why GLPI would refuse it. */
function addTicket(state: GlpiFakeState, session: FakeSession, input: unknown): FakeTicket | string {
  if (!isRecord(input)) return 'Each input must be an object';
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const content = typeof input.content === 'string' ? input.content.trim() : '';
  const missing = [!name && 'Title', !content && 'Description'].filter(Boolean);
  if (missing.length) return `Mandatory fields are not filled. Please correct: ${missing.join(', ')}`;

  const type = input.type === undefined ? 1 : toInt(input.type);
  if (type !== 1 && type !== 2) return `Unknown ticket type ${JSON.stringify(input.type)}`;
  const urgency = input.urgency === undefined ? 3 : toInt(input.urgency);
  if (urgency === undefined || urgency < 1 || urgency > 5) return `Unknown urgency ${JSON.stringify(input.urgency)}`;

  const categoryId = input.itilcategories_id === undefined ? 0 : toInt(input.itilcategories_id);
  if (categoryId === undefined) return 'The category must be an id';
  if (categoryId) {
    const category = state.categories.find((candidate) => candidate.id === categoryId);
    const allowed = category?.is_helpdeskvisible && (type === 1 ? category.is_incident : category.is_request);
    if (!allowed) return `Category ${categoryId} cannot be used for this ticket`;
  }

  const items = linkedItems(state, session, input.items_id);
  if (typeof items === 'string') return items;
  const requesters = requesterIds(state, input._users_id_requester);
  if (typeof requesters === 'string') return requesters;
  const notification = requesterNotification(input._users_id_requester_notif);
  if (typeof notification === 'string') return notification;

  const now = state.now();
  const ticket: FakeTicket = {
    id: state.nextId(state.tickets, 100),
    name,
    content,
    type,
    urgency,
    status: 1,
    itilcategories_id: categoryId,
    entities_id: state.userOf(session).entities_id ?? 0,
    // The writer is the session's person: `CommonITILObject::prepareInputForAdd` sets
    // users_id_recipient to the logged-in user (`src/CommonITILObject.php` lines 2607-2613 of 10.0.11).
    users_id_recipient: session.userId,
    // No default requester: `CommonITILObject::updateActors` (line 8416 of 10.0.11) adds only the ids
    // given in `_users_id_requester`; `Ticket::getDefaultValues` (`src/Ticket.php` line 4150), which
    // would name the session's person, serves the web form only (CommonITILObject lines 558 and 622).
    // GLPI 11's Ticket::getDefaultValues is the same form-only default.
    requester: requesters[0] ?? 0,
    users_id_lastupdater: session.userId,
    date: now,
    date_mod: now,
    solvedate: null,
    closedate: null,
    items,
    requesterNotification: notification,
    observers: [],
    // GLPI 11 stores what it is given as text. GLPI 10 has no `externalid` column, and
    // `CommonDBTM::add()` copies only the input keys that are columns of the table (`src/CommonDBTM.php`
    // lines 1322-1327 of 10.0.11): the id is silently lost.
    externalid: state.version === 11 && (typeof input.externalid === 'string' || typeof input.externalid === 'number') ? String(input.externalid) : '',
    input,
  };
  state.tickets.push(ticket);
  addObserversAtCreation(state, ticket, input);
  return ticket;
}

/** `items_id: {"Computer": [12]}`: only the person's own assets can be linked. */
function linkedItems(state: GlpiFakeState, session: FakeSession, value: unknown): FakeTicket['items'] | string {
  if (value === undefined) return [];
  if (!isRecord(value)) return 'items_id must map item types to lists of ids';
  const items: FakeTicket['items'] = [];
  for (const [itemtype, ids] of Object.entries(value)) {
    if (!Array.isArray(ids)) return 'items_id must map item types to lists of ids';
    for (const raw of ids) {
      const id = toInt(raw);
      const asset = state.assets.find((candidate) => candidate.itemtype === itemtype && candidate.id === id);
      if (!asset || asset.users_id !== session.userId) return `${itemtype} ${String(raw)} cannot be linked`;
      items.push({ itemtype, items_id: asset.id });
    }
  }
  return items;
}

/**
 * `_users_id_requester`: one user id or a list of them. Unknown users are refused here;
 * what GLPI itself does with an id no user has is unconfirmed (the widget only sends the
 * session's own id).
 */
function requesterIds(state: GlpiFakeState, value: unknown): number[] | string {
  if (value === undefined || value === null || value === '' || value === 0) return [];
  const ids = (Array.isArray(value) ? value : [value]).map(toInt);
  if (!ids.every((id) => id !== undefined && state.user(id))) return `Unknown requester ${JSON.stringify(value)}`;
  return ids as number[];
}

function requesterNotification(value: unknown): FakeTicket['requesterNotification'] | string {
  if (value === undefined) return undefined;
  const use = isRecord(value) && Array.isArray(value.use_notification) ? value.use_notification.map(toInt) : undefined;
  if (!isRecord(value) || !use?.every((flag) => flag === 0 || flag === 1)) {
    return '_users_id_requester_notif.use_notification must be a list of 0 or 1';
  }
  const emails = value.alternative_email;
  if (emails !== undefined && !(Array.isArray(emails) && emails.every((email) => typeof email === 'string'))) {
    return '_users_id_requester_notif.alternative_email must be a list of addresses';
  }
  return { use_notification: use as number[], ...(emails ? { alternative_email: emails as string[] } : {}) };
}

/** The ticket named in the path, if the session's person may see it; the error answer otherwise. */
function visibleTicket(call: FakeCall): FakeTicket | Response {
  const { state, session, api } = call;
  const ticket = state.tickets.find((candidate) => String(candidate.id) === param(call, 'id'));
  if (!ticket) return api.notFound();
  return seesTicket(state.userOf(session), ticket) ? ticket : api.rightMissing();
}

/** `GET Ticket/:id`, with `expand_dropdowns`, `with_documents`, `get_hateoas`. */
function readTicket(call: FakeCall): Response {
  const { state, session, query, api } = call;
  const ticket = visibleTicket(call);
  if (ticket instanceof Response) return ticket;
  const options = rowOptions(query);
  const row = ticketRow(state, api, ticket, options);
  if (['true', '1'].includes(query.get('with_documents') ?? '')) {
    row._documents = documentLinksOf(state, state.userOf(session), ticket)
      .map((link) => linkedDocumentRow(state, api, link, options))
      .filter(Boolean);
  }
  return api.json(row, 200, { 'Last-Modified': new Date(ticket.date_mod.replace(' ', 'T')).toUTCString() });
}

/**
 * `PUT Ticket/:id` (`updateItems`): `{"input": {…}}`, the id from the path. Answers
 * `[{"<id>": true, "message": ""}]`; a refusal is 400 ERROR_GLPI_UPDATE with the reason
 * (a missing right included), and an unknown ticket leaves the reason null, as GLPI does.
 */
async function updateTickets(call: FakeCall): Promise<Response> {
  const { request, state, session, api } = call;
  const read = await readParameters(request, api);
  if (!read.ok) return read.response;
  const { input } = read.params;
  if (!isRecord(input) && !Array.isArray(input)) return api.badArray();
  const single = !Array.isArray(input);
  const id = toInt(param(call, 'id'));
  const objects = (single ? [input] : input).map((one) => (single && isRecord(one) && one.id === undefined ? { ...one, id } : one));
  const user = state.userOf(session);
  const answers: Record<string, unknown>[] = [];
  let failed = 0;
  for (const object of objects) {
    if (!isRecord(object) || object.id === undefined) {
      answers.push({});
      continue;
    }
    const ticket = state.ticket(toInt(object.id) ?? -1);
    if (!ticket) {
      failed++;
      continue;
    }
    const refusal = !seesTicket(user, ticket) || !rightsOf(user).updateTickets ? PERMISSION : updateTicket(state, ticket, object, user.id);
    if (refusal) failed++;
    answers.push({ [ticket.id]: !refusal, message: refusal ?? '' });
  }
  if (single) return failed ? api.error('ERROR_GLPI_UPDATE', 400, (answers[0]?.message as string | undefined) ?? null, false) : api.json(answers);
  if (failed === objects.length) return api.json(['ERROR_GLPI_UPDATE', answers], 400);
  if (failed) return api.json(['ERROR_GLPI_PARTIAL_UPDATE', answers], 207);
  return api.json(answers);
}

/** Applies the fields the fake knows (status, name, content, urgency); others are ignored as GLPI ignores unknown ones. */
function updateTicket(state: GlpiFakeState, ticket: FakeTicket, input: Record<string, unknown>, userId: number): string | undefined {
  const status = input.status === undefined ? undefined : toInt(input.status);
  const known = (code: number) => (code >= 1 && code <= 6) || (code === APPROVAL && state.version === 11);
  if (status !== undefined && !known(status)) return `Status ${String(input.status)} does not exist`;
  if (input.status !== undefined && status === undefined) return `Status ${String(input.status)} does not exist`;
  const urgency = input.urgency === undefined ? undefined : toInt(input.urgency);
  if (input.urgency !== undefined && (urgency === undefined || urgency < 1 || urgency > 5)) return `Unknown urgency ${String(input.urgency)}`;
  let changed = false;
  for (const field of ['name', 'content'] as const) {
    if (typeof input[field] === 'string' && input[field] !== ticket[field]) {
      ticket[field] = input[field];
      changed = true;
    }
  }
  if (urgency !== undefined && urgency !== ticket.urgency) {
    ticket.urgency = urgency;
    changed = true;
  }
  if (status !== undefined && status !== ticket.status) changeTicket(state, ticket, { status: status as TicketStatusCode }, userId);
  else if (changed) touch(state, ticket, userId);
  return undefined;
}

/** `GET Ticket/:id/<itemtype>`: the sub-items the fake keeps; other known ones are empty lists. */
function readSubItems(call: FakeCall): Response {
  const { state, session, query, api } = call;
  const itemtype = param(call, 'itemtype');
  if (!SUB_ITEMTYPES.includes(itemtype)) {
    return api.error('ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', 400, 'resource not found or not an instance of CommonDBTM');
  }
  const ticket = visibleTicket(call);
  if (ticket instanceof Response) return ticket;
  const user = state.userOf(session);
  const options = rowOptions(query);
  switch (itemtype) {
    case 'ITILFollowup':
      return list(call, 'glpi_itilfollowups', followupsSeenBy(state, user, ticket), (one, how) => followupRow(state, api, one, how));
    case 'ITILSolution': {
      const solutions = state.solutions.filter((solution) => solution.items_id === ticket.id);
      return list(call, 'glpi_itilsolutions', solutions, (one, how) => solutionRow(state, api, one, how));
    }
    case 'Document_Item': {
      const links = state.documentItems.filter((link) => link.itemtype === 'Ticket' && link.items_id === ticket.id);
      return list(call, 'glpi_documents_items', links, (one, how) => documentItemRow(state, api, one, how));
    }
    case 'Ticket_User':
      return api.page(call.request, itemtype, actorRows(state, api, ticket, options));
    default:
      return api.page(call.request, itemtype, []);
  }
}

const SUB_ITEMTYPES = ['ITILFollowup', 'ITILSolution', 'Document_Item', 'Ticket_User', 'TicketTask', 'TicketValidation', 'TicketCost'];

/** `getItems` of a parent: `sort` (a field, `id` by default) and `order` checked, then one page. */
function list<T>(call: FakeCall, table: string, items: T[], toRow: (item: T, options: RowOptions) => Record<string, unknown>): Response {
  const { query, api, request } = call;
  const sort = query.get('sort') ?? 'id';
  const order = (query.get('order') ?? 'ASC').toUpperCase();
  if (order !== 'ASC' && order !== 'DESC') return api.badRequest('order must be DESC or ASC');
  const raw = items.map((item) => ({ item, row: toRow(item, { expand: false, hateoas: false }) }));
  if (raw.length && !(sort in raw[0].row)) return api.badRequest(`sort param is not a field of ${table}`);
  const sign = order === 'ASC' ? 1 : -1;
  raw.sort((a, b) => sign * compare(a.row[sort], b.row[sort]));
  const options = rowOptions(query);
  const itemtype = param(call, 'itemtype');
  return api.page(request, itemtype, raw.map(({ item }) => toRow(item, options)));
}

/** SQL's order: NULL first, numbers as numbers, text as text. */
export function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}
