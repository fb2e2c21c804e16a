/**
 * The endpoints the fake Zammad answers, with the rules of the controllers behind
 * them (TicketsController, TicketArticlesController, CreatesTicketArticles,
 * TicketPolicy, the customer's core-workflow screens). Authentication, failures and
 * CORS are applied around them by `createZammadFake`.
 */
import { HttpResponse } from 'msw';
import { zammadKnowledgeBaseRoutes } from './knowledge-base.js';
import { isRecord, readJsonParams, toId, type ZammadApi } from './protocol.js';
import type { ZammadFakeGroup, ZammadFakeUser, ZammadStateType } from './seed.js';
import type { NewZammadArticle, ZammadFakeAttachment, ZammadFakeState, ZammadFakeTicket, ZammadSender } from './state.js';

export interface ZammadFakeSettings {
  /** `api_token_access`: access tokens are accepted. */
  tokenAccess: boolean;
  /** `api_password_access`: Basic auth with login/email and password is accepted. */
  passwordAccess: boolean;
  /** Customers may set a ticket's priority (true in Zammad unless a core workflow restricts it, zammad#3288). */
  customerPriority: boolean;
  /** `tag_new`: tags given on create may be new ones. */
  tagNew: boolean;
}

export interface ZammadCall {
  request: Request;
  params: Record<string, string | readonly string[] | undefined>;
  query: URLSearchParams;
  state: ZammadFakeState;
  settings: ZammadFakeSettings;
  api: ZammadApi;
  user: ZammadFakeUser;
}

/** A call to a route anyone may call: `user` is undefined when the request carried no credentials. */
export interface ZammadGuestCall extends Omit<ZammadCall, 'user'> {
  user: ZammadFakeUser | undefined;
}

interface RouteBase {
  method: 'get' | 'post' | 'put';
  /** msw path pattern under `/api/v1/`. */
  path: string;
}

/**
 * A route of the API. Most controllers run `authentication_check` (no credentials: 403
 * "Authentication required"); a `guest` one runs `authentication_check_only`, which lets a
 * request without credentials through and still refuses wrong ones.
 */
export type ZammadRoute =
  | (RouteBase & { guest?: false; handle(call: ZammadCall): Response | Promise<Response> })
  | (RouteBase & { guest: true; handle(call: ZammadGuestCall): Response | Promise<Response> });

const param = (call: ZammadCall, name: string): string => {
  const value = call.params[name];
  return typeof value === 'string' ? value : (value?.[0] ?? '');
};

/** `response_expand?`: `expand=true` (Rails takes "true" and "1"). */
const expanded = (query: URLSearchParams) => /^(true|1)$/.test(query.get('expand') ?? '');

/** The customer's core-workflow screens: which state types they may pick on create and on edit. */
const CUSTOMER_STATE_TYPES: Record<'create' | 'edit', ZammadStateType[]> = { create: ['new', 'closed'], edit: ['open', 'closed'] };

export const zammadRoutes: ZammadRoute[] = [
  { method: 'get', path: 'users/me', handle: ({ api, user }) => api.json(api.user(user)) },
  // model_index_render: readable by customers, 500 a page by default.
  { method: 'get', path: 'ticket_states', handle: (call) => index(call, call.state.states, (row) => call.api.ticketState(row, expanded(call.query))) },
  { method: 'get', path: 'ticket_priorities', handle: (call) => index(call, call.state.priorities, (row) => call.api.priority(row)) },
  { method: 'get', path: 'tickets', handle: listTickets },
  { method: 'post', path: 'tickets', handle: createTicket },
  { method: 'get', path: 'tickets/:id', handle: showTicket },
  { method: 'put', path: 'tickets/:id', handle: updateTicket },
  { method: 'get', path: 'ticket_articles/by_ticket/:id', handle: articlesByTicket },
  { method: 'post', path: 'ticket_articles', handle: createArticle },
  { method: 'get', path: 'ticket_attachment/:ticket/:article/:id', handle: downloadAttachment },
  ...zammadKnowledgeBaseRoutes,
];

/**
 * CanPaginate: `page` from 1, `per_page` (or `limit`) capped at `max`. A page below 1 makes
 * a negative SQL offset, which PostgreSQL refuses: undefined, answered as a masked 422.
 */
function page<T>(query: URLSearchParams, fallback: number, max: number, rows: readonly T[]): T[] | undefined {
  const limit = Math.min(Number.parseInt(query.get('per_page') ?? query.get('limit') ?? String(fallback), 10) || 0, max);
  const number = query.has('page') ? Number.parseInt(query.get('page')!, 10) || 0 : 1;
  const offset = (number - 1) * limit;
  if (offset < 0 || limit < 0) return undefined;
  return rows.slice(offset, offset + limit);
}

function index<T>({ api, query }: ZammadCall, rows: readonly T[], render: (row: T) => unknown): Response {
  const rowsOfPage = page(query, 500, 1000, rows);
  return rowsOfPage ? api.json(rowsOfPage.map(render)) : api.masked(422);
}

/** `GET /tickets`: what TicketPolicy::ReadScope lets the person see, by id ascending (there is no sort parameter). */
function listTickets({ api, state, user, query }: ZammadCall): Response {
  const visible = state.tickets.filter((ticket) => state.seesTicket(user, ticket)).sort((a, b) => a.id - b.id);
  const rows = page(query, 100, 100, visible);
  if (!rows) return api.masked(422);
  return api.json(rows.map((ticket) => api.ticket(ticket, expanded(query))));
}

/** Ticket.find + authorize!: 404 for an unknown id, 403 "Not authorized" for someone else's ticket. */
function findTicket(call: ZammadCall, id: string): ZammadFakeTicket | Response {
  const { api, state, user } = call;
  const ticket = /^\d+$/.test(id) ? state.ticket(Number(id)) : undefined;
  if (!ticket) return api.notFound('Ticket', id);
  return state.seesTicket(user, ticket) ? ticket : api.forbidden();
}

function showTicket(call: ZammadCall): Response {
  const ticket = findTicket(call, param(call, 'id'));
  if (ticket instanceof Response) return ticket;
  return call.api.json(call.api.ticket(ticket, expanded(call.query)));
}

/** `association_name_to_id_convert`: `group: "Users"` becomes `group_id`; an unknown name is refused. */
function lookup<T extends { id: number; name: string }>(
  api: ZammadApi,
  params: Record<string, unknown>,
  key: string,
  rows: readonly T[],
): { ok: true; row?: T } | { ok: false; response: Response } {
  if (params[key] !== undefined && params[key] !== null) {
    const row = rows.find((one) => one.name === params[key]);
    if (!row) return { ok: false, response: api.unprocessable(`No lookup value found for '${key}': ${JSON.stringify(params[key])}`) };
    return { ok: true, row };
  }
  const id = params[`${key}_id`];
  if (id === undefined || id === null || id === '') return { ok: true };
  const row = rows.find((one) => one.id === toId(id));
  // CanCleanupParam checks every `_id` against its table.
  if (!row) return { ok: false, response: api.unprocessable(`Invalid value for param '${key}_id': ${JSON.stringify(id)}`) };
  return { ok: true, row };
}

/**
 * The core workflow's refusal of a value the person may not choose, as a customer gets it:
 * a masked 422. Zammad 6.6.x (develop at bfa96f03, `VERSION` 6.6.x), read in
 * `app/models/concerns/checks_core_workflow.rb`: `check_restrict_values` raises
 * `Exceptions::ApplicationModel` "Invalid value '<id>' for field '<field>_id'!" (the same in
 * its 2023 version, commit 36484d09); `app/controllers/application_controller/handles_errors.rb`
 * rescues it as an UnprocessableEntity (422), but `humanize_error` gives an `error_human` only
 * to the classes it lists by equality, and `Exceptions::ApplicationModel` is a subclass that is
 * not listed: for anyone but an admin (`ExceptionsPolicy#view_details?`) the message goes to
 * the log and the answer is `{"error": "Error ID <8 chars>: Please contact your administrator."}`.
 */
const workflowRefusal = (api: ZammadApi) => api.masked(422);

/**
 * `CoreWorkflow::Attributes::Group` (same version): on the customer's create screen the
 * groups offered are the active ones listed in `customer_ticket_create_group_ids`, or every
 * active group when that setting is empty.
 */
function customerMayCreateIn(group: ZammadFakeGroup, groups: readonly ZammadFakeGroup[]): boolean {
  const setting = groups.filter((one) => one.customerCreate);
  return group.active && (!setting.length || group.customerCreate);
}

/**
 * An article as CreatesTicketArticles reads it, checked before anything is stored (the
 * request runs in one transaction): a body is required (may be empty); customers always
 * write public `note`s (or `web`) as Customer; attachments need filename, mime-type and
 * strict base64 data.
 */
function articleInput(api: ZammadApi, user: ZammadFakeUser, params: Record<string, unknown>): NewZammadArticle | Response {
  if (params.body === undefined || params.body === null) return api.unprocessable("Need at least an 'article body' field.");
  const agent = user.role === 'agent';
  const requestedType = typeof params.type === 'string' ? params.type : 'note';
  const type = agent ? requestedType : /^(note|web)$/.test(requestedType) ? requestedType : 'note';
  const sender: ZammadSender = agent ? (params.sender === 'Customer' || params.sender === 'System' ? params.sender : 'Agent') : 'Customer';
  const attachments: Omit<ZammadFakeAttachment, 'id'>[] = [];
  const given = params.attachments === undefined || params.attachments === null ? [] : params.attachments;
  if (!Array.isArray(given)) return api.masked(422);
  for (const [index, attachment] of given.entries()) {
    const entry = isRecord(attachment) ? attachment : {};
    for (const key of ['mime-type', 'filename', 'data']) {
      if (!entry[key]) return api.unprocessable(`Attachment needs '${key}' param for attachment with index '${index}'`);
    }
    const data = String(entry.data).replace(/[\r\n]/g, '');
    if (data.length % 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return api.unprocessable(`Invalid base64 for attachment with index '${index}'`);
    const bytes = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
    const preferences: Record<string, string> = { 'Mime-Type': String(entry['mime-type']) };
    if (entry.charset) preferences.Charset = String(entry.charset);
    attachments.push({ filename: String(entry.filename), size: bytes.length, preferences, file: new Blob([bytes], { type: String(entry['mime-type']) }) });
  }
  return {
    type,
    sender,
    internal: agent ? params.internal === true || params.internal === 'true' : false,
    body: String(params.body),
    content_type: typeof params.content_type === 'string' ? params.content_type : 'text/plain',
    subject: typeof params.subject === 'string' ? params.subject : null,
    to: typeof params.to === 'string' ? params.to : null,
    from: typeof params.from === 'string' ? params.from : undefined,
    message_id: typeof params.message_id === 'string' ? params.message_id : null,
    attachments,
  };
}

/** Zammad replaces line breaks and tabs of a title with spaces. */
const cleanTitle = (title: string) => title.replace(/[\t\r\n]/g, ' ');

/** `POST /tickets`: a customer creates for themselves, in a group they may use; the article comes in the same transaction. */
async function createTicket({ request, api, state, user, settings, query }: ZammadCall): Promise<Response> {
  const read = await readJsonParams(request);
  if (!read.ok) return api.error(400, 'Invalid JSON body');
  const params = { ...read.params };
  const customer = user.role !== 'agent';
  if (customer) for (const key of ['owner', 'owner_id', 'customer', 'customer_id', 'preferences']) delete params[key];

  const group = lookup(api, params, 'group', state.groups);
  if (!group.ok) return group.response;
  const priority = lookup(api, params, 'priority', state.priorities);
  if (!priority.ok) return priority.response;
  const ticketState = lookup(api, params, 'state', state.states);
  if (!ticketState.ok) return ticketState.response;

  // TicketPolicy#ensure_group?
  if (!group.row) return api.unprocessable("The required value 'group_id' is missing.");
  if (customer && !customerMayCreateIn(group.row, state.groups)) return workflowRefusal(api);
  const title = typeof params.title === 'string' ? cleanTitle(params.title) : '';
  if (!title.trim()) return api.unprocessable("Missing required value for field 'title'!");
  if (customer && priority.row && !settings.customerPriority) return workflowRefusal(api);
  if (customer && ticketState.row && !CUSTOMER_STATE_TYPES.create.includes(ticketState.row.state_type)) return workflowRefusal(api);
  let customerId = user.id;
  if (!customer) {
    const given = toId(params.customer_id);
    if (given === undefined || !state.user(given)) return api.unprocessable("Missing required value for field 'customer_id'!");
    customerId = given;
  }
  let article: NewZammadArticle | undefined;
  if (params.article !== undefined && params.article !== null) {
    if (!isRecord(params.article)) return api.masked(422);
    const input = articleInput(api, user, params.article);
    if (input instanceof Response) return input;
    article = input;
  }

  const ticket = state.createTicket(user, {
    title,
    group_id: group.row.id,
    priority_id: (priority.row ?? state.priorities.find((row) => row.default_create) ?? state.priorities[0]).id,
    state_id: (ticketState.row ?? state.states.find((row) => row.default_create) ?? state.states[0]).id,
    customer_id: customerId,
  });
  if (typeof params.tags === 'string') {
    const known = new Set(state.tickets.flatMap((one) => one.tags));
    ticket.tags = params.tags.split(',').map((tag) => tag.trim()).filter((tag) => tag && (settings.tagNew || known.has(tag)));
  }
  if (article) state.addArticle(ticket, user, article);
  return api.json(api.ticket(ticket, expanded(query)), 201);
}

/**
 * `PUT /tickets/:id`: TicketPolicy#follow_up? (a closed ticket of a `new_ticket` group
 * refuses customers), then the fields a customer may change (title, and a state of type
 * open or closed), and an optional article, all or nothing.
 */
async function updateTicket(call: ZammadCall): Promise<Response> {
  const { request, api, state, user, settings, query } = call;
  const ticket = findTicket(call, param(call, 'id'));
  if (ticket instanceof Response) return ticket;
  const customer = user.role !== 'agent';
  const group = state.find<ZammadFakeGroup>(state.groups, ticket.group_id);
  if (customer && state.state(ticket.state_id).state_type === 'closed' && group?.follow_up_possible === 'new_ticket') {
    return api.unprocessable('Cannot follow-up on a closed ticket. Please create a new ticket.');
  }
  const read = await readJsonParams(request);
  if (!read.ok) return api.error(400, 'Invalid JSON body');
  const params = { ...read.params };
  if (customer) for (const key of ['owner', 'owner_id', 'customer', 'customer_id', 'organization', 'organization_id', 'preferences']) delete params[key];

  const priority = lookup(api, params, 'priority', state.priorities);
  if (!priority.ok) return priority.response;
  const ticketState = lookup(api, params, 'state', state.states);
  if (!ticketState.ok) return ticketState.response;
  if (customer && priority.row && priority.row.id !== ticket.priority_id && !settings.customerPriority) return workflowRefusal(api);
  if (customer && ticketState.row && !CUSTOMER_STATE_TYPES.edit.includes(ticketState.row.state_type)) return workflowRefusal(api);
  if (params.title !== undefined && !(typeof params.title === 'string' && params.title.trim())) return api.unprocessable("Missing required value for field 'title'!");
  let article: NewZammadArticle | undefined;
  if (isRecord(params.article)) {
    const input = articleInput(api, user, params.article);
    if (input instanceof Response) return input;
    article = input;
  }

  let changed = false;
  if (typeof params.title === 'string' && cleanTitle(params.title) !== ticket.title) {
    ticket.title = cleanTitle(params.title);
    changed = true;
  }
  if (priority.row && priority.row.id !== ticket.priority_id) {
    ticket.priority_id = priority.row.id;
    changed = true;
  }
  if (ticketState.row && ticketState.row.id !== ticket.state_id) state.changeState(ticket, ticketState.row.id, user);
  else if (changed) state.touch(ticket, user);
  if (article) state.addArticle(ticket, user, article);
  return api.json(api.ticket(ticket, expanded(query)));
}

/** `GET /ticket_articles/by_ticket/:id`: the articles the person may read, oldest first. */
function articlesByTicket(call: ZammadCall): Response {
  const ticket = findTicket(call, param(call, 'id'));
  if (ticket instanceof Response) return ticket;
  return call.api.json(call.state.articlesSeenBy(call.user, ticket).map((article) => call.api.article(article)));
}

/** `POST /ticket_articles`: TicketPolicy#create? on the ticket (a group, read access), then the article. */
async function createArticle(call: ZammadCall): Promise<Response> {
  const { request, api, state, user } = call;
  const read = await readJsonParams(request);
  if (!read.ok) return api.error(400, 'Invalid JSON body');
  const { ticket_id: ticketId } = read.params;
  if (ticketId === undefined || ticketId === null || ticketId === '') return api.error(404, "Couldn't find Ticket without an ID");
  const ticket = findTicket(call, String(ticketId));
  if (ticket instanceof Response) return ticket;
  const input = articleInput(api, user, read.params);
  if (input instanceof Response) return input;
  return api.json(api.article(state.addArticle(ticket, user, input)), 201);
}

/**
 * `GET /ticket_attachment/:ticket_id/:article_id/:id`: the ticket must be readable, the
 * article must belong to it and the file to the article; the file comes as a download.
 */
function downloadAttachment(call: ZammadCall): Response {
  const { api, state } = call;
  const ticket = findTicket(call, param(call, 'ticket'));
  if (ticket instanceof Response) return ticket;
  const articleId = param(call, 'article');
  const article = state.articles.find((one) => String(one.id) === articleId);
  if (!article) return api.notFound('Ticket::Article', articleId);
  if (article.ticket_id !== ticket.id) return api.forbidden('The article does not belong to the specified ticket.');
  const file = article.attachments.find((one) => String(one.id) === param(call, 'id'));
  if (!file) return api.forbidden('The file does not belong to the specified article.');
  const name = file.filename.replace(/["\\\r\n]/g, '_');
  return new HttpResponse(file.file, {
    status: 200,
    headers: {
      'Content-Type': file.preferences['Mime-Type'] ?? 'application/octet-stream',
      'Content-Length': String(file.size),
      'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    },
  });
}
