/**
 * How the fake Zammad talks, as its Rails controllers do (BACKENDS.md §4): JSON records
 * with ids (`attributes_with_association_ids`) and, with `expand=true`, the names of
 * what they point to (`attributes_with_association_names`: a user by login, the rest by
 * name); errors as `{error, error_human}` (ApplicationController::HandlesErrors), with
 * `X-Failure` on 401 and 403, unexpected ones masked for non-admins; the CORS headers of
 * SetsHeaders, whose allowed headers do not include `Authorization`.
 */
import { HttpResponse } from 'msw';
import { ZAMMAD_ARTICLE_TYPES, type ZammadFakePriority, type ZammadFakeTicketState, type ZammadFakeUser } from './seed.js';
import type { ZammadFakeArticle, ZammadFakeState, ZammadFakeTicket } from './state.js';

/** SetsHeaders: the same on preflights and on answers to token or Basic auth. */
const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, GET, PUT, DELETE, PATCH, OPTIONS',
  'Access-Control-Max-Age': '1728000',
  'Access-Control-Allow-Headers': 'Content-Type, Depth, User-Agent, X-File-Size, X-Requested-With, If-Modified-Since, X-File-Name, Cache-Control, Accept-Language',
};

/** A preflight, answered before anything else: an empty text/plain 200. */
export const preflight = (): Response => new HttpResponse('', { status: 200, headers: { 'Content-Type': 'text/plain', ...CORS } });

/** Adds the CORS headers Zammad sends after a token or Basic authentication (and only then). */
export function withCors(response: Response): Response {
  if (response.type === 'error') return response;
  for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);
  return response;
}

/** `public/<status>.html`, which Rails renders when the request does not accept JSON. */
const errorPage = (status: number, message: string) =>
  `<!DOCTYPE html>\n<html><head><title>Zammad - ${status}</title></head><body><div class="error-message"><h1>${status}</h1><p>${message.replace(/[<&]/g, ' ')}</p></div></body></html>`;

/** Answers of one fake for one request (the request decides between JSON and HTML errors). */
export class ZammadApi {
  constructor(
    readonly state: ZammadFakeState,
    private readonly request: Request,
  ) {}

  json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
    return new HttpResponse(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } });
  }

  /**
   * `respond_to_exception`: `{error, error_human}` when a human message exists; JSON for
   * requests that accept it (no Accept, `*\/*` or JSON), Rails' HTML error page otherwise.
   */
  error(status: number, error: string, human: string | null = error, headers: Record<string, string> = {}): Response {
    const accept = this.request.headers.get('Accept') ?? '';
    if (accept && !/json|\*\/\*/.test(accept)) {
      return new HttpResponse(errorPage(status, human ?? error), { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers } });
    }
    return this.json(human === null ? { error } : { error, error_human: human }, status, headers);
  }

  /** An unexpected error as a customer sees it: the cause stays in the server's log. */
  masked(status = 500): Response {
    const id = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(6)))).replace(/\+/g, '-').replace(/\//g, '_');
    return this.error(status, `Error ID ${id}: Please contact your administrator.`, null);
  }

  /** Exceptions::NotAuthorized: 401 with X-Failure. */
  unauthorized(message: string): Response {
    return this.error(401, message, message, { 'X-Failure': message });
  }

  /** Exceptions::Forbidden and Pundit refusals: 403 with X-Failure. */
  forbidden(message = 'Not authorized'): Response {
    return this.error(403, message, message, { 'X-Failure': message });
  }

  /** ActiveRecord::RecordNotFound, in Rails' words. */
  notFound(model: string, id: string): Response {
    return this.error(404, `Couldn't find ${model} with 'id'=${id}`);
  }

  /** Exceptions::UnprocessableEntity and validation failures. */
  unprocessable(message: string): Response {
    return this.error(422, message);
  }

  // ---- records ----

  login(id: number): string | undefined {
    return this.state.user(id)?.login;
  }

  ticket(ticket: ZammadFakeTicket, expand: boolean): Record<string, unknown> {
    const { state } = this;
    const record: Record<string, unknown> = {
      ...ticket,
      note: null,
      first_response_at: null,
      escalation_at: null,
      type: null,
      time_unit: null,
      preferences: {},
      article_count: state.articlesOf(ticket.id).length,
      article_ids: state.articlesOf(ticket.id).map((article) => article.id),
      ticket_time_accounting_ids: [],
    };
    // Tags are not a column: `GET /tags?object=Ticket&o_id=…` lists them.
    delete record.tags;
    if (!expand) return record;
    const typeName = Object.entries(ZAMMAD_ARTICLE_TYPES).find(([, type]) => type.id === ticket.create_article_type_id)?.[0];
    const names: Record<string, unknown> = {
      group: state.find(state.groups, ticket.group_id)?.name,
      priority: state.find(state.priorities, ticket.priority_id)?.name,
      state: state.state(ticket.state_id).name,
      organization: state.organizations.find((one) => one.id === ticket.organization_id)?.name,
      owner: this.login(ticket.owner_id),
      customer: this.login(ticket.customer_id),
      created_by: this.login(ticket.created_by_id),
      updated_by: this.login(ticket.updated_by_id),
      create_article_type: typeName,
      create_article_sender: ['Agent', 'Customer', 'System'][(ticket.create_article_sender_id ?? 0) - 1],
    };
    // Rails leaves out the association when there is nothing to name.
    for (const [key, value] of Object.entries(names)) if (value !== undefined) record[key] = value;
    return record;
  }

  /** Articles always come with names (TicketArticlesController renders attributes_with_association_names). */
  article(article: ZammadFakeArticle): Record<string, unknown> {
    const { attachments, type, sender, ...columns } = article;
    return {
      ...columns,
      type_id: ZAMMAD_ARTICLE_TYPES[type]?.id ?? null,
      sender_id: { Agent: 1, Customer: 2, System: 3 }[sender],
      cc: null,
      reply_to: null,
      in_reply_to: null,
      references: null,
      message_id_md5: null,
      preferences: {},
      updated_by_id: article.created_by_id,
      // Store#attributes_for_display; the size is a string column.
      attachments: attachments.map(({ id, filename, size, preferences }) => ({ id, filename, size: String(size), preferences })),
      type,
      sender,
      created_by: this.login(article.created_by_id),
      updated_by: this.login(article.created_by_id),
      time_unit: null,
    };
  }

  ticketState(row: ZammadFakeTicketState, expand: boolean): Record<string, unknown> {
    const { state_type, ...columns } = row;
    const typeId = ['new', 'open', 'pending reminder', 'pending action', 'closed', 'merged', 'removed'].indexOf(state_type) + 1;
    const record: Record<string, unknown> = { ...columns, state_type_id: typeId, note: null, created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z' };
    if (!expand) return record;
    record.state_type = state_type;
    const next = row.next_state_id === null ? undefined : this.state.states.find((one) => one.id === row.next_state_id);
    if (next) record.next_state = next.name;
    return record;
  }

  priority(row: ZammadFakePriority): Record<string, unknown> {
    return { ...row, note: null, created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z' };
  }

  user(user: ZammadFakeUser): Record<string, unknown> {
    const { id, login, firstname, lastname, email, organization_id, active, role } = user;
    return { id, login, firstname, lastname, email, organization_id, active, role_ids: [role === 'agent' ? 2 : 3], organization_ids: [], group_ids: {}, verified: false, vip: false, preferences: { locale: 'fr-fr' } };
  }
}

/** Rails' params of a JSON body: an object, or none when the body is not JSON. */
export async function readJsonParams(request: Request): Promise<{ ok: true; params: Record<string, unknown> } | { ok: false }> {
  const text = await request.text();
  if (!(request.headers.get('Content-Type') ?? '').includes('json') || !text.trim()) return { ok: true, params: {} };
  try {
    const params: unknown = JSON.parse(text);
    return { ok: true, params: isRecord(params) ? params : {} };
  } catch {
    // ActionDispatch::Http::Parameters::ParseError, rendered as a 400 by Rails itself.
    return { ok: false };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A whole number from a JSON number or a numeric string, as Rails' `to_i` of an id would take it. */
export function toId(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
