/**
 * The routes of the fake, each in two halves as a real deployment splits them: what the
 * host's relay does (pin the signed-in contact as requester, refuse other people's tickets,
 * let through only the fields a requester may set, drop private notes), then what
 * Freshdesk does with the forwarded request (validate, store, answer). The checks every
 * call goes through (session, Accept, rate limit, failures) are in `fake.ts`.
 */
import { HttpResponse } from 'msw';
import {
  booleanOf,
  conversationJson,
  integerOf,
  invalid,
  missingField,
  notFound,
  page,
  paging,
  readBody,
  refused,
  ticketJson,
  unexpectedField,
  type Body,
  type FieldError,
} from './protocol.js';
import type { FreshdeskFakeContact } from './seed.js';
import { FRESHDESK_SOLUTION_ROUTES } from './solutions.js';
import {
  FRESHDESK_CLOSED,
  FRESHDESK_OPEN,
  FRESHDESK_TICKET_FILES_LIMIT,
  type FreshdeskFakeState,
  type FreshdeskFakeTicket,
} from './state.js';

export interface FreshdeskCall {
  request: Request;
  params: Record<string, string | readonly string[] | undefined>;
  query: URLSearchParams;
  state: FreshdeskFakeState;
  /** The person the host's session names, pinned by the relay. */
  contact: FreshdeskFakeContact;
  /** The relay's absolute URL, for `Location`. */
  baseUrl: string;
}

export interface FreshdeskRoute {
  method: 'get' | 'post' | 'put';
  /** msw path pattern under `/api/v2/`. */
  path: string;
  /** The relay's own route (a download): no Freshdesk Accept rule, no API credit. */
  relayOnly?: boolean;
  handle(call: FreshdeskCall): Response | Promise<Response>;
}

const param = (call: FreshdeskCall, name: string) => {
  const value = call.params[name];
  return typeof value === 'string' ? value : (value?.[0] ?? '');
};

/** The ticket if it is the signed-in person's: the relay's check before forwarding anything about one ticket. */
function ownTicket(call: FreshdeskCall): FreshdeskFakeTicket | Response {
  const id = param(call, 'id');
  const ticket = /^\d+$/.test(id) ? call.state.ticket(Number(id)) : undefined;
  if (!ticket) return notFound();
  if (ticket.requester_id !== call.contact.id) return refused(403, 'access_denied', 'You are not authorized to perform this action.');
  return ticket;
}

/** Query parameters the relay lets through; any other is refused as Freshdesk refuses unknown ones. */
function onlyParams(query: URLSearchParams, allowed: readonly string[]): Response | undefined {
  const unknown = [...query.keys()].find((name) => !allowed.includes(name));
  return unknown === undefined ? undefined : invalid(unexpectedField(unknown));
}

/** Body fields the relay lets through, as Freshdesk words an unexpected field. */
function onlyFields(body: Body, allowed: readonly string[]): Response | undefined {
  const unknown = Object.keys(body.fields).filter((name) => !allowed.includes(name));
  return unknown.length ? invalid(...unknown.map(unexpectedField)) : undefined;
}

/** `include=a,b`: each one of `allowed`, else Freshdesk's invalid_value. */
function includes(query: URLSearchParams, allowed: readonly string[]): string[] | Response {
  const asked = (query.get('include') ?? '').split(',').filter(Boolean);
  return asked.every((one) => allowed.includes(one)) ? asked : invalid({ field: 'include', message: `It should be one of these values: '${allowed.join(',')}'`, code: 'invalid_value' });
}

/** A string field: required or not, never blank. */
function text(fields: Record<string, unknown>, name: string, required: boolean): FieldError | undefined {
  const value = fields[name];
  if (value === undefined) return required ? missingField(name) : undefined;
  if (typeof value !== 'string') return { field: name, message: 'It should be a/an String', code: 'datatype_mismatch' };
  if (!value.trim()) return { field: name, message: 'It should not be blank as this is a mandatory field', code: 'invalid_value' };
  return undefined;
}

/** One of a few integers, JSON or multipart. */
function oneOf(body: Body, name: string, values: readonly number[]): FieldError | undefined {
  const value = body.fields[name];
  if (value === undefined) return undefined;
  const number = integerOf(value, body.multipart);
  if (number === undefined) return { field: name, message: 'It should be a/an Positive Integer', code: 'datatype_mismatch' };
  return values.includes(number) ? undefined : { field: name, message: `It should be one of these values: '${values.join(',')}'`, code: 'invalid_value' };
}

/** Files past 20 MB on the ticket, those already on it included. */
function tooBig(files: readonly File[], already: number): FieldError | undefined {
  const total = files.reduce((sum, file) => sum + file.size, already);
  return total > FRESHDESK_TICKET_FILES_LIMIT
    ? { field: 'attachments', message: 'The cumulative attachment file size should not exceed 20MB', code: 'invalid_value' }
    : undefined;
}

function created(body: unknown, location: string): Response {
  return new HttpResponse(JSON.stringify(body), { status: 201, headers: { 'Content-Type': 'application/json; charset=utf-8', Location: location } });
}

// ---- tickets ----

const listTickets: FreshdeskRoute = {
  method: 'get',
  path: 'tickets',
  handle(call) {
    const { query, state, request } = call;
    // Relay: the list is always the person's own; what would widen it is not let through.
    const refusal = onlyParams(query, ['page', 'per_page', 'updated_since', 'order_by', 'order_type', 'include']);
    if (refusal) return refusal;
    // Freshdesk, with `email=<the person>` added by the relay.
    const paged = paging(query);
    if ('field' in paged) return invalid(paged);
    const include = includes(query, ['requester', 'stats', 'description']);
    if (include instanceof Response) return include;
    const orderBy = query.get('order_by') ?? 'created_at';
    const orderType = query.get('order_type') ?? 'desc';
    const errors: FieldError[] = [];
    if (!['created_at', 'due_by', 'updated_at', 'status'].includes(orderBy)) {
      errors.push({ field: 'order_by', message: "It should be one of these values: 'created_at,due_by,updated_at,status'", code: 'invalid_value' });
    }
    if (!['asc', 'desc'].includes(orderType)) errors.push({ field: 'order_type', message: "It should be one of these values: 'asc,desc'", code: 'invalid_value' });
    const since = query.get('updated_since');
    if (since !== null && (!/^\d{4}-\d\d-\d\d/.test(since) || Number.isNaN(Date.parse(since)))) {
      errors.push({ field: 'updated_since', message: "It should be in the 'valid date time' format", code: 'invalid_value' });
    }
    if (errors.length) return invalid(...errors);
    // Without updated_since, only tickets created in the last 30 days (BACKENDS.md §2.4).
    const after = since === null ? { key: 'created_at' as const, time: state.clock().getTime() - 30 * 86_400_000 } : { key: 'updated_at' as const, time: Date.parse(since) };
    const sign = orderType === 'asc' ? 1 : -1;
    const sortKey = (ticket: FreshdeskFakeTicket) =>
      orderBy === 'status' ? ticket.status : orderBy === 'due_by' ? ticket.created_at.getTime() + 3 * 86_400_000 : ticket[orderBy as 'created_at' | 'updated_at'].getTime();
    const rows = state.tickets
      .filter((ticket) => ticket.requester_id === call.contact.id && !ticket.deleted && !ticket.spam && ticket[after.key].getTime() >= after.time)
      .sort((a, b) => sign * (sortKey(a) - sortKey(b) || a.id - b.id));
    const shown = page(request, rows, paged.page, paged.perPage);
    return new HttpResponse(JSON.stringify(shown.rows.map((ticket) => ticketJson(state, ticket, { include }))), {
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...shown.headers },
    });
  },
};

const createTicket: FreshdeskRoute = {
  method: 'post',
  path: 'tickets',
  async handle(call) {
    const { state, request } = call;
    const body = await readBody(request);
    if (body instanceof Response) return body;
    // Relay: a requester sets these and nothing else; it then adds `email` (the person). `cc_emails`
    // only where the relay's owner allows it (RELAY_ALLOW_CC): each address gets the helpdesk's mail.
    const { allowCc } = state.settings;
    const refusal = onlyFields(body, ['subject', 'description', 'status', 'priority', 'type', 'tags', 'custom_fields', ...(allowCc ? ['cc_emails'] : [])]);
    if (refusal) return refusal;
    const { fields, files, multipart } = body;
    const { types, customFields } = state.settings;
    const errors = [
      text(fields, 'subject', true),
      text(fields, 'description', true),
      // A requester opens a ticket: the relay lets no other status through.
      oneOf(body, 'status', [FRESHDESK_OPEN]),
      oneOf(body, 'priority', [1, 2, 3, 4]),
      text(fields, 'type', false),
      ...(fields.type !== undefined && typeof fields.type === 'string' && !types.includes(fields.type)
        ? [{ field: 'type', message: `It should be one of these values: '${types.join(',')}'`, code: 'invalid_value' }]
        : []),
      ...tagErrors(fields.tags),
      ...ccErrors(fields.cc_emails, allowCc),
      ...customFieldErrors(fields.custom_fields, customFields),
      tooBig(files, 0),
    ].filter((error): error is FieldError => Boolean(error));
    if (errors.length) return invalid(...errors);
    const ticket = state.addTicket({
      subject: fields.subject as string,
      description: fields.description as string,
      requester: call.contact.id,
      status: integerOf(fields.status, multipart) ?? FRESHDESK_OPEN,
      priority: integerOf(fields.priority, multipart) ?? 1,
      type: (fields.type as string | undefined) ?? null,
      tags: (fields.tags as string[] | undefined) ?? [],
      custom_fields: fields.custom_fields as Record<string, string> | undefined,
      cc_emails: (fields.cc_emails as string[] | undefined) ?? [],
      files,
    });
    return created(ticketJson(state, ticket, { full: true }), `${call.baseUrl}/api/v2/tickets/${ticket.id}`);
  },
};

/**
 * `cc_emails` as the relay checks it before Freshdesk sees it (examples/freshdesk-relay.mjs, its
 * POST /api/v2/tickets with RELAY_ALLOW_CC): a list of addresses, as many as its owner allows,
 * anything else refused as the field it lets no requester send. Freshdesk's own checks on the
 * field (its messages for a bad address) are not reached, and stay unconfirmed.
 */
function ccErrors(cc: unknown, allowed: number): FieldError[] {
  if (cc === undefined) return [];
  const addresses = Array.isArray(cc) && cc.every((one) => typeof one === 'string' && /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/.test(one));
  return addresses && cc.length <= allowed ? [] : [unexpectedField('cc_emails')];
}

function tagErrors(tags: unknown): FieldError[] {
  if (tags === undefined) return [];
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) return [{ field: 'tags', message: 'It should be a/an Array', code: 'datatype_mismatch' }];
  return tags.some((tag: string) => tag.length > 32) ? [{ field: 'tags', message: 'It should only contain elements that have maximum of 32 characters', code: 'invalid_value' }] : [];
}

/** Custom fields by name (`cf_…`): an unknown one is an unexpected field, a value must be text (the fake's fields are text fields). */
function customFieldErrors(value: unknown, known: readonly string[]): FieldError[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ field: 'custom_fields', message: 'It should be a/an key/value pair', code: 'datatype_mismatch' }];
  return Object.entries(value).flatMap(([name, item]) =>
    !known.includes(name) ? [unexpectedField(name)] : typeof item !== 'string' && item !== null ? [{ field: name, message: 'It should be a/an String', code: 'datatype_mismatch' }] : [],
  );
}

const viewTicket: FreshdeskRoute = {
  method: 'get',
  path: 'tickets/:id',
  handle(call) {
    const { query, state } = call;
    const refusal = onlyParams(query, ['include']);
    if (refusal) return refusal;
    const ticket = ownTicket(call);
    if (ticket instanceof Response) return ticket;
    const include = includes(query, ['conversations', 'requester', 'company', 'stats']);
    if (include instanceof Response) return include;
    const answer: Record<string, unknown> = ticketJson(state, ticket, { full: true, include });
    if (include.includes('conversations')) answer.conversations = visibleConversations(state, state.conversationsOf(ticket.id).slice(0, 10));
    if (include.includes('company')) answer.company = ticket.company_id === null ? null : { id: ticket.company_id, name: 'Example SARL' };
    return new HttpResponse(JSON.stringify(answer), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  },
};

const updateTicket: FreshdeskRoute = {
  method: 'put',
  path: 'tickets/:id',
  async handle(call) {
    const { state, request } = call;
    const ticket = ownTicket(call);
    if (ticket instanceof Response) return ticket;
    const body = await readBody(request);
    if (body instanceof Response) return body;
    // Relay: a requester closes or reopens, nothing else.
    const refusal = onlyFields(body, ['status']);
    if (refusal) return refusal;
    const error = oneOf(body, 'status', [FRESHDESK_OPEN, FRESHDESK_CLOSED]);
    if (error) return invalid(error);
    const status = integerOf(body.fields.status, body.multipart);
    if (status !== undefined) state.setStatus(ticket.id, status);
    return new HttpResponse(JSON.stringify(ticketJson(state, ticket, { full: true })), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  },
};

// ---- conversations ----

/** What the relay lets the browser see: public conversations only (unless told not to filter, for tests). */
const visibleConversations = (state: FreshdeskFakeState, conversations: ReturnType<FreshdeskFakeState['conversationsOf']>) =>
  conversations.filter((one) => !one.private || !state.settings.relayHidesPrivateNotes).map(conversationJson);

const listConversations: FreshdeskRoute = {
  method: 'get',
  path: 'tickets/:id/conversations',
  handle(call) {
    const { query, state, request } = call;
    const refusal = onlyParams(query, ['page', 'per_page']);
    if (refusal) return refusal;
    const ticket = ownTicket(call);
    if (ticket instanceof Response) return ticket;
    const paged = paging(query);
    if ('field' in paged) return invalid(paged);
    // Freshdesk pages every conversation; the relay then drops the private ones of the page.
    const shown = page(request, state.conversationsOf(ticket.id), paged.page, paged.perPage);
    return new HttpResponse(JSON.stringify(visibleConversations(state, shown.rows)), {
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...shown.headers },
    });
  },
};

const createNote: FreshdeskRoute = {
  method: 'post',
  path: 'tickets/:id/notes',
  async handle(call) {
    const { state, request } = call;
    const ticket = ownTicket(call);
    if (ticket instanceof Response) return ticket;
    const body = await readBody(request);
    if (body instanceof Response) return body;
    // Relay: the person's message is a public incoming note of their contact, whatever was asked.
    const refusal = onlyFields(body, ['body', 'private', 'incoming']);
    if (refusal) return refusal;
    const errors = [
      text(body.fields, 'body', true),
      ...(['private', 'incoming'] as const)
        .filter((name) => body.fields[name] !== undefined && booleanOf(body.fields[name], body.multipart) === undefined)
        .map((field) => ({ field, message: 'It should be a/an Boolean', code: 'datatype_mismatch' })),
      tooBig(body.files, state.filesBytes(ticket.id)),
    ].filter((error): error is FieldError => Boolean(error));
    if (errors.length) return invalid(...errors);
    // Freshdesk: "Create a Note" (developers.freshdesk.com/api) sets no status, and none changes here.
    const seen = ticket.status;
    const note = state.addConversation(ticket.id, {
      body: body.fields.body as string,
      incoming: true,
      private: false,
      user_id: call.contact.id,
      source: 2,
      files: body.files,
    });
    // Relay: a reply on a waiting, resolved or closed ticket reopens it, as the requester's email would.
    if (state.settings.reopenStatuses.includes(seen)) reopenAfterReply(state, ticket);
    return created(conversationJson(note), `${call.baseUrl}/api/v2/conversations/${note.id}`);
  },
};

/**
 * The relay's `reopenAfterReply` (examples/freshdesk-relay.mjs), after the note was stored:
 * `PUT tickets/:id {"status": 2}` to Freshdesk ("Update a Ticket"), one more API credit.
 * Why: Freshdesk leaves a note's ticket in its status, while a customer's reply "always
 * moves back to open" (support.freshdesk.com article 37600), Closed included (training
 * article 3000031729). Whatever happens to that PUT, the person's note stays answered 201:
 * a failure is the relay's to log (its one later retry is not modelled here).
 */
function reopenAfterReply(state: FreshdeskFakeState, ticket: FreshdeskFakeTicket): void {
  const path = `tickets/${ticket.id}`;
  const body = { status: FRESHDESK_OPEN };
  const failure = state.takeFailure('PUT', path, true);
  let status = 200;
  let done = true;
  if (!failure) {
    // Freshdesk counts the relay's call like any other: a spent minute refuses it.
    if (state.spend(1).retryAfter !== undefined) [status, done] = [429, false];
  } else {
    switch (failure.kind) {
      case 'lost-answer':
      case 'timeout':
        // Carried out, but the relay never heard (or gave up waiting).
        status = 0;
        break;
      case 'network':
        [status, done] = [0, false];
        break;
      case 'html':
        done = false;
        break;
      default:
        [status, done] = [Number(failure.kind), false];
    }
  }
  if (done) state.setStatus(ticket.id, FRESHDESK_OPEN);
  state.upstream.push({ method: 'PUT', path, body, status });
}

// ---- the relay's own download route ----

/**
 * `GET /api/v2/tickets/:id/attachments/:attachment`: not Freshdesk's. The relay finds the
 * file on the person's ticket (its own files or a public conversation's), fetches its
 * short-lived `attachment_url` server-side and streams it back.
 */
const download: FreshdeskRoute = {
  method: 'get',
  path: 'tickets/:id/attachments/:attachment',
  relayOnly: true,
  handle(call) {
    const ticket = ownTicket(call);
    if (ticket instanceof Response) return ticket;
    const wanted = Number(param(call, 'attachment'));
    const file = [...ticket.attachments, ...call.state.conversationsOf(ticket.id).filter((one) => !one.private).flatMap((one) => one.attachments)].find(
      (one) => one.id === wanted,
    );
    if (!file) return notFound();
    return new HttpResponse(file.file, {
      headers: {
        'Content-Type': file.content_type,
        'Content-Length': String(file.size),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      },
    });
  },
};

export const FRESHDESK_ROUTES: FreshdeskRoute[] = [listTickets, createTicket, viewTicket, updateTicket, listConversations, createNote, download, ...FRESHDESK_SOLUTION_ROUTES];

