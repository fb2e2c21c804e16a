/** Create and read tickets (BACKENDS.md §1.4, §1.6). */
import { encodeLikeGlpi, isRecord, readParameters, toInt } from '../protocol.js';
import { param, type FakeCall, type Route } from '../route.js';
import type { FakeSession, FakeTicket, GlpiFakeState } from '../state.js';

export const ticketRoutes: Route[] = [
  { method: 'post', path: 'Ticket', handle: createTickets },
  { method: 'get', path: 'Ticket/:id', handle: readTicket },
];

async function createTickets({ request, state, session, api }: FakeCall): Promise<Response> {
  const read = await readParameters(request, api);
  if (!read.ok) return read.response;
  const { input } = read.params;
  if (!isRecord(input) && !Array.isArray(input)) {
    return api.error('ERROR_BAD_ARRAY', 400, 'The input parameter must be an object or an array of objects');
  }
  const results = (Array.isArray(input) ? input : [input]).map((one) => addTicket(state, session, one));
  const answers = results.map((result) =>
    typeof result === 'string' ? { id: false, message: result } : { id: result.id, message: registered(result.id) },
  );
  const failed = answers.filter((answer) => answer.id === false).length;
  if (!Array.isArray(input)) {
    const [result] = results;
    if (typeof result === 'string') return api.error('ERROR_GLPI_ADD', 400, result, false);
    return api.json(answers[0], 201, { Location: `${api.url}/Ticket/${result.id}` });
  }
  if (failed === answers.length) return api.json(['ERROR_GLPI_ADD', answers], 400);
  if (failed > 0) return api.json(['ERROR_GLPI_PARTIAL_ADD', answers], 207);
  return api.json(answers, 201);
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
  const notification = requesterNotification(input._users_id_requester_notif);
  if (typeof notification === 'string') return notification;

  const ticket: FakeTicket = {
    id: state.nextId(state.tickets, 100),
    name,
    content,
    type,
    urgency,
    status: 1,
    itilcategories_id: categoryId,
    users_id_recipient: session.userId,
    date: new Date().toISOString().slice(0, 19).replace('T', ' '),
    items,
    requesterNotification: notification,
    input,
  };
  state.tickets.push(ticket);
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

function readTicket(call: FakeCall): Response {
  const { state, session, query, api } = call;
  const ticket = state.tickets.find((candidate) => String(candidate.id) === param(call, 'id'));
  if (!ticket) return api.error('ERROR_ITEM_NOT_FOUND', 404, 'Item not found');
  if (ticket.users_id_recipient !== session.userId) return api.error('ERROR_RIGHT_MISSING', 401, 'You are not allowed to do this');
  const category = state.categories.find((candidate) => candidate.id === ticket.itilcategories_id);
  const expand = query.get('expand_dropdowns') === 'true';
  return api.json({
    id: ticket.id,
    entities_id: 0,
    name: encodeLikeGlpi(ticket.name),
    date: ticket.date,
    date_mod: ticket.date,
    status: ticket.status,
    users_id_recipient: ticket.users_id_recipient,
    content: encodeLikeGlpi(ticket.content),
    urgency: ticket.urgency,
    impact: 3,
    priority: ticket.urgency,
    type: ticket.type,
    itilcategories_id: expand ? (category?.completename ?? 0) : ticket.itilcategories_id,
  });
}
