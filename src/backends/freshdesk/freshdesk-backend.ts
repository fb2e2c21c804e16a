/**
 * Freshdesk API v2 (BACKENDS.md §2) behind HelpdeskBackend, through the host's relay.
 *
 * The relay (`examples/freshdesk-relay.mjs`) holds the agent API key and forwards
 * `{url}/api/v2/…` to `https://<account>.freshdesk.com/api/v2/…`. It knows the person
 * from the host's session cookie and pins them: it sets the requester on a new ticket and
 * on the list's filter, makes notes public notes of that contact, and refuses other
 * people's tickets. So this adapter holds no credentials; the cookie goes along
 * (`cookies`: `same-origin` by default) and a 401 means the host's session ended.
 *
 * - Create: `POST /tickets`, JSON, or multipart with `attachments[]` (≤ 20 MB per ticket,
 *   checked first); a tag `sw-…` carries the submission id, found again in the person's
 *   latest tickets (the list, not `/search`, whose index lags by minutes).
 * - List: `GET /tickets` by `updated_at` desc, `page`/`per_page` from start/limit, `link:
 *   rel="next"` for more; `updated_since` far back, else only 30 days are listed.
 * - Thread: the ticket with its requester, then every page of its conversations.
 * - Reply: a public incoming note (`POST /tickets/:id/notes`), the requester's side. A note
 *   sets no status in Freshdesk, while the requester's email reply would reopen the ticket;
 *   the relay does that (a Pending, Resolved or Closed ticket back to Open, `reopenAfterReply`
 *   in the example) within the same call, and the note counts as posted even when that fails.
 * - Close / reopen: `PUT /tickets/:id` with status 5 / 2.
 * - Articles: the relay's `search/solutions` and `solutions/articles/:id` (articles.ts).
 * Nothing is retried here: a 429 carries its Retry-After to the caller (the outbox waits).
 */
import * as z from 'zod/mini';
import type { FreshdeskBackendConfig } from './config.js';
import type { ArticleSource } from '../../core/articles.js';
import { HelpdeskError, type HelpdeskErrorKind } from '../../core/errors.js';
import type {
  Category,
  CreatedTicket,
  EquipmentItem,
  NewTicket,
  PostedReply,
  TicketDetail,
  TicketDocument,
  TicketPage,
  TicketPageQuery,
  TicketReply,
} from '../../core/ticket.js';
import { buildTicketContent, textToHtml } from '../message.js';
import { kindForStatus, requestBlob, requestJson, type HttpRequest, type HttpResponse } from '../http.js';
import type { BackendCapabilities, CallOptions, CreateTicketOptions, HelpdeskBackend } from '../types.js';
import { freshdesk } from './capabilities.js';
import {
  bytesOf,
  conversationAnswer,
  conversationRows,
  PRIORITY_OF,
  summaryOf,
  threadOf,
  ticketAnswer,
  ticketRows,
  ticketStatus,
  type ticketRow,
} from './answers.js';

/** Freshdesk's limit for all the files of one ticket, its conversations' included (`20.megabytes` in Rails). */
export const FRESHDESK_MAX_TICKET_BYTES = 20 * 1024 * 1024;
/** Freshdesk's largest page. */
const MAX_PER_PAGE = 100;
/** Freshdesk lists only the last 30 days of tickets unless told a date: one before any ticket. */
const SINCE_EVER = '2000-01-01T00:00:00Z';
/** Statuses the person sets (BACKENDS.md §2.2). */
const OPEN = 2;
const CLOSED = 5;

/**
 * The tag that carries a submission id. Freshdesk caps tags at 32 characters and compares
 * them without case, so a UUID (36 characters) is written as its 128 bits in base 36
 * (≤ 25 characters); another id is used as is when it fits, else hashed.
 */
export function submissionTag(submissionId: string): string {
  const hex = submissionId.replace(/-/g, '');
  if (/^[\da-f]{32}$/i.test(hex)) return `sw-${BigInt(`0x${hex}`).toString(36)}`;
  if (/^[\w-]{1,29}$/.test(submissionId)) return `sw-${submissionId.toLowerCase()}`;
  // Two 53-bit FNV-style hashes: ids outside the widget's own UUIDs are rare, their collisions rarer.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const char of submissionId) {
    a = Math.imul(a ^ char.codePointAt(0)!, 0x01000193) >>> 0;
    b = Math.imul(b ^ char.codePointAt(0)!, 0x5bd1e995) >>> 0;
  }
  return `sw-h${a.toString(36)}${b.toString(36)}`;
}

// ---- Freshdesk's error bodies (BACKENDS.md §2.7) ----

const validationBody = z.looseObject({
  description: z.optional(z.string()),
  errors: z.array(z.looseObject({ field: z.optional(z.string()), message: z.optional(z.string()), code: z.optional(z.string()) })),
});
const codeBody = z.looseObject({ code: z.string(), message: z.optional(z.string()) });

/** Freshdesk's fields the person filled in, by the model's names; custom fields are added per configuration. */
const PERSON_FIELDS: Record<string, string> = { subject: 'title', description: 'description', body: 'text', attachments: 'attachments' };

/** Codes whose status alone says the wrong thing or too little. */
const KIND_BY_CODE: Record<string, HelpdeskErrorKind> = {
  invalid_credentials: 'auth',
  access_denied: 'forbidden',
  password_lockout: 'forbidden',
  require_feature: 'setup',
  account_suspended: 'setup',
  ssl_required: 'setup',
  password_expired: 'setup',
};

/** Parses an answer; a wrong shape is a 'bad-response' saying where. */
function parseAnswer<T extends z.ZodMiniType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = z.safeParse(schema, body);
  if (result.success) return result.data;
  const { path, message } = result.error.issues[0];
  throw new HelpdeskError('bad-response', { detail: `${what} answer: ${message} at /${path.join('/')}` });
}

/** A ticket id from the model, refused as 'not-found' before any call when Freshdesk could not have made it. */
function idOf(value: string): string {
  if (!/^\d+$/.test(value)) throw new HelpdeskError('not-found', { detail: `${value} is not a Freshdesk ticket id` });
  return value;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Refuses files that would take the ticket past 20 MB, before anything is sent: Freshdesk would refuse the whole request. */
function checkTicketBytes(files: readonly File[], already = 0): void {
  const total = files.reduce((sum, file) => sum + file.size, already);
  if (total <= FRESHDESK_MAX_TICKET_BYTES) return;
  throw new HelpdeskError('validation', {
    fields: ['attachments'],
    detail: `the files come to ${megabytes(total)} on this ticket; Freshdesk takes 20 MB per ticket`,
  });
}

type Fields = Record<string, string | number | boolean | string[] | Record<string, string>>;

/** The fields as a multipart form as Freshdesk reads it: `tags[]`, `custom_fields[cf_x]`, then the files as `attachments[]`. */
function formOf(fields: Fields, files: readonly File[]): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) value.forEach((item) => form.append(`${name}[]`, item));
    else if (typeof value === 'object') Object.entries(value).forEach(([key, item]) => form.append(`${name}[${key}]`, item));
    else form.append(name, String(value));
  }
  files.forEach((file) => form.append('attachments[]', file, file.name));
  return form;
}

export class FreshdeskBackend implements HelpdeskBackend {
  readonly type = 'freshdesk';
  readonly capabilities: BackendCapabilities;

  #config: FreshdeskBackendConfig;
  #base: string;
  /** Question id by custom field name, to name the person's field in a refusal. */
  #questionOf: Map<string, string>;
  /** Bytes of files each ticket holds, as last read: a reply's files are checked against what is left. */
  #bytes = new Map<string, number>();

  constructor(config: FreshdeskBackendConfig) {
    this.#config = config;
    this.capabilities = freshdesk.capabilities(config);
    this.#base = config.url.replace(/\/+$/, '');
    this.#questionOf = new Map(Object.entries(config.customFields).map(([question, field]) => [field, question]));
  }

  /** The host's session is the credential, and only the relay can tell whether it is still valid. */
  hasCredentials(): boolean {
    return true;
  }

  /** Nothing to hold: the relay adds the API key, the browser sends the host's cookie. */
  setCredentials(): void {}

  /** The person signs in on the host's page, not here (`passwordSignIn` is false). */
  async signIn(): Promise<void> {}

  /** The host's session belongs to the host: only what was learnt of tickets is forgotten. */
  async signOut(): Promise<void> {
    this.#bytes.clear();
  }

  /** Freshdesk has no categories for customers. */
  async listCategories(): Promise<Category[]> {
    return [];
  }

  async listEquipment(): Promise<EquipmentItem[]> {
    return [];
  }

  async findSubmission(submissionId: string, ticket: NewTicket, { signal }: CallOptions = {}): Promise<{ id: string } | undefined> {
    const found = await this.#findTagged(submissionTag(submissionId), ticket.title, signal);
    return found === undefined ? undefined : { id: String(found) };
  }

  async createTicket(ticket: NewTicket, { signal, submissionId, mayExist }: CreateTicketOptions = {}): Promise<CreatedTicket> {
    checkTicketBytes(ticket.attachments);
    const tag = submissionId && submissionTag(submissionId);
    if (tag && mayExist) {
      // The files went in the same request as the ticket: a ticket found has them all.
      const found = await this.#findTagged(tag, ticket.title, signal);
      if (found) return this.#created(found);
    }
    const fields: Fields = {
      subject: ticket.title,
      description: buildTicketContent(ticket),
      status: OPEN,
      priority: PRIORITY_OF[ticket.urgency],
      type: this.#config.types[ticket.type],
    };
    if (tag) fields.tags = [tag];
    // People copied on the helpdesk's messages, where the relay lets a new ticket name them (`backend.cc`).
    if (this.capabilities.cc && ticket.cc?.length) fields.cc_emails = [...ticket.cc];
    // Answers stay in the description too: the custom field may be hidden from the agent's view.
    const { customFields } = this.#config;
    const custom = Object.fromEntries(
      // Own keys only: a question may be called "constructor".
      ticket.answers.filter(({ id, value }) => Object.hasOwn(customFields, id) && value.trim()).map(({ id, value }) => [customFields[id], value.trim()]),
    );
    if (Object.keys(custom).length) fields.custom_fields = custom;
    let created: z.infer<typeof ticketAnswer>;
    try {
      created = await this.#send(ticketAnswer, 'POST', 'tickets', fields, ticket.attachments, signal);
    } catch (error) {
      // A slow upload may still become a ticket: the next attempt, which looks for it first,
      // must come once Freshdesk is done, so not before twice the time given up on.
      if ((error as HelpdeskError | undefined)?.kind !== 'timeout') throw error;
      throw new HelpdeskError('timeout', { detail: (error as HelpdeskError).detail, retryAfter: Math.ceil((2 * this.#config.timeout) / 1000), cause: error });
    }
    return this.#created(created.id);
  }

  #created(id: number): CreatedTicket {
    return { id: String(id), url: this.#ticketUrl(String(id)), failedAttachments: [] };
  }

  /**
   * The person's ticket carrying `tag`, among their latest 100 created. Rows list their tags;
   * should a Freshdesk leave them out of lists, the few rows with the same subject are read one by one.
   */
  async #findTagged(tag: string, title: string, signal?: AbortSignal): Promise<number | undefined> {
    const query = `tickets?updated_since=${SINCE_EVER}&order_by=created_at&order_type=desc&per_page=${MAX_PER_PAGE}&page=1`;
    const [rows] = await this.#get(ticketRows, query, signal);
    const tagged = (tags: string[] | undefined) => tags?.some((one) => one.toLowerCase() === tag);
    const found = rows.find((row) => tagged(row.tags));
    if (found) return found.id;
    for (const row of rows.filter((one) => !one.tags && one.subject === title).slice(0, 3)) {
      if (tagged((await this.#get(ticketAnswer, `tickets/${row.id}`, signal))[0].tags)) return row.id;
    }
    return undefined;
  }

  async listTickets({ start, limit }: TicketPageQuery, { signal }: CallOptions = {}): Promise<TicketPage> {
    // Freshdesk's pages are `per_page` rows long from the first: the pages covering [start, start + limit).
    limit = Math.max(1, limit);
    const perPage = Math.min(limit, MAX_PER_PAGE);
    const first = Math.floor(start / perPage) + 1;
    const last = Math.floor((start + limit - 1) / perPage) + 1;
    const rows: z.infer<typeof ticketRow>[] = [];
    let next = false;
    for (let page = first; page <= last; page++) {
      const [data, headers] = await this.#get(
        ticketRows,
        `tickets?updated_since=${SINCE_EVER}&order_by=updated_at&order_type=desc&per_page=${perPage}&page=${page}`,
        signal,
      );
      rows.push(...data);
      // `link: <…&page=3>; rel="next"` while more pages exist (a cross-origin relay must expose it).
      next = /rel="?next"?/i.test(headers.get('link') ?? '');
      if (!next) break;
    }
    const offset = start - (first - 1) * perPage;
    const shown = rows.slice(offset, offset + limit);
    return { tickets: shown.map((row) => summaryOf(row, this.#config)), more: next || rows.length > offset + limit };
  }

  async getTicket(ticketId: string, { signal }: CallOptions = {}): Promise<TicketDetail> {
    const id = idOf(ticketId);
    const [[ticket], conversations] = await Promise.all([
      this.#get(ticketAnswer, `tickets/${id}?include=requester`, signal),
      this.#everyConversation(id, signal),
    ]);
    this.#bytes.set(id, bytesOf(ticket, conversations));
    const status = ticketStatus(ticket.status, this.#config);
    const closed = status.group === 'closed';
    return {
      ...summaryOf(ticket, this.#config),
      entries: threadOf(ticket, conversations),
      // Freshdesk's ticket files are the description's: they are listed with it.
      documents: [],
      actions: { reply: !closed, approve: false, close: !closed, reopen: closed || status.group === 'solved' },
      url: this.#ticketUrl(id),
    };
  }

  /** Every page of a ticket's conversations, 100 at a time. */
  async #everyConversation(id: string, signal?: AbortSignal): Promise<z.infer<typeof conversationRows>> {
    const all: z.infer<typeof conversationRows> = [];
    // Freshdesk serves no page past 300; a thread that long is cut rather than walked forever.
    for (let page = 1; page <= 300; page++) {
      const [rows, headers] = await this.#get(conversationRows, `tickets/${id}/conversations?per_page=${MAX_PER_PAGE}&page=${page}`, signal);
      all.push(...rows);
      if (!rows.length || !/rel="?next"?/i.test(headers.get('link') ?? '')) break;
    }
    return all;
  }

  /**
   * The relay's own route: it checks the file belongs to one of the person's tickets, then
   * streams it from Freshdesk's short-lived `attachment_url`, which a browser could not
   * fetch itself (another origin, no CORS) nor keep (it expires).
   */
  async downloadDocument(ticketId: string, document: TicketDocument, { signal }: CallOptions = {}): Promise<Blob> {
    if (!/^\d+$/.test(document.id)) throw new HelpdeskError('not-found', { detail: `${document.id} is not a Freshdesk attachment id` });
    return requestBlob(this.#request(`tickets/${idOf(ticketId)}/attachments/${document.id}`, signal));
  }

  async reply(ticketId: string, { text, attachments }: TicketReply, { signal }: CallOptions = {}): Promise<PostedReply> {
    const id = idOf(ticketId);
    // Freshdesk wants a body: files alone are introduced by their names.
    const body = textToHtml(text) || textToHtml(attachments.map((file) => file.name).join('\n'));
    if (!body) throw new HelpdeskError('validation', { fields: ['text'], detail: 'an empty reply' });
    const held = this.#bytes.get(id) ?? 0;
    checkTicketBytes(attachments, held);
    await this.#note(id, body, attachments, signal);
    this.#bytes.set(id, attachments.reduce((sum, file) => sum + file.size, held));
    // Files go in the note's own request: they are all accepted, or the note is refused.
    return { failedAttachments: [] };
  }

  /** No approval on Freshdesk (`approval` is false); for direct callers, approving closes the ticket. */
  async approveSolution(ticketId: string, options?: CallOptions): Promise<void> {
    await this.closeTicket(ticketId, options);
  }

  /** And refusing reopens it with the reason, as reopening does. */
  async refuseSolution(ticketId: string, reason: string, options?: CallOptions): Promise<void> {
    await this.reopenTicket(ticketId, reason, options);
  }

  async closeTicket(ticketId: string, { signal }: CallOptions = {}): Promise<void> {
    await this.#send(ticketAnswer, 'PUT', `tickets/${idOf(ticketId)}`, { status: CLOSED }, [], signal);
  }

  /**
   * Status back to open, then the reason as the person's note. In that order: setting a
   * status twice does no harm, so after a failure the whole can be done again, and the
   * reason is not posted for a ticket that stayed closed.
   */
  async reopenTicket(ticketId: string, reason: string, { signal }: CallOptions = {}): Promise<void> {
    const id = idOf(ticketId);
    await this.#send(ticketAnswer, 'PUT', `tickets/${id}`, { status: OPEN }, [], signal);
    const body = textToHtml(reason);
    if (body) await this.#note(id, body, [], signal);
  }

  /** A public note from the requester's side; the relay makes it the signed-in contact's (`user_id`). */
  async #note(id: string, body: string, files: readonly File[], signal?: AbortSignal): Promise<void> {
    await this.#send(conversationAnswer, 'POST', `tickets/${id}/notes`, { body, private: false, incoming: true }, files, signal);
  }

  /** The solution articles, through the relay's articles routes (`capabilities.articles`). */
  articles(): Promise<ArticleSource> {
    return import('./articles.js').then(({ freshdeskArticles }) => freshdeskArticles(async (schema, path, signal) => (await this.#get(schema, path, signal))[0]));
  }

  #ticketUrl(id: string): string | undefined {
    return this.#config.ticketUrl?.replaceAll('{id}', id);
  }

  /** A GET, its answer checked against `schema`, with the headers (`link`). */
  async #get<T extends z.ZodMiniType>(schema: T, path: string, signal?: AbortSignal): Promise<[z.infer<T>, Headers]> {
    const response = await requestJson(this.#request(path, signal));
    return [parseAnswer(schema, response.body, path.split('?')[0]), response.headers];
  }

  /** A POST or PUT: JSON, or multipart when there are files. Sent once, never again here. */
  async #send<T extends z.ZodMiniType>(schema: T, method: 'POST' | 'PUT', path: string, fields: Fields, files: readonly File[], signal?: AbortSignal): Promise<z.infer<T>> {
    const body = files.length ? { form: formOf(fields, files) } : { json: fields };
    const response = await requestJson({ ...this.#request(path, signal), ...body, method });
    return parseAnswer(schema, response.body, `${method} ${path}`);
  }

  /** What every call to the relay shares: the URL, the host's cookie and headers, the timeout, Freshdesk's error bodies. */
  #request(path: string, signal?: AbortSignal): HttpRequest {
    const { cookies, headers, timeout } = this.#config;
    return {
      url: `${this.#base}/api/v2/${path}`,
      headers: { ...headers },
      credentials: cookies,
      timeout,
      signal,
      endpointName: 'the Freshdesk relay',
      toError: (response) => this.#error(response),
    };
  }

  /**
   * Freshdesk's error bodies as typed errors. A 400 names its fields: when they are all
   * the person's (title, description, reply, files, a configured question's custom field)
   * the person can fix it ('validation'); otherwise the configuration or the account's
   * ticket form is at fault (a type that is not a choice, a required field no question
   * fills), which the person cannot fix ('setup').
   */
  #error({ status, body }: HttpResponse): HelpdeskError | undefined {
    const validation = z.safeParse(validationBody, body);
    if (validation.success) {
      const { description = 'Validation failed', errors } = validation.data;
      const personal = (field: string) => (Object.hasOwn(PERSON_FIELDS, field) ? PERSON_FIELDS[field] : this.#questionOf.get(field.replace(/^custom_fields\./, '')));
      const fields = errors.map(({ field = '' }) => personal(field) ?? field);
      const theirs = errors.every(({ field = '' }) => personal(field) !== undefined);
      return new HelpdeskError(status === 400 && !theirs ? 'setup' : kindForStatus(status), {
        status,
        code: errors[0]?.code,
        fields,
        detail: [description, ...errors.map(({ field, message }) => `${field ?? ''}: ${message ?? ''}`)].join('; '),
      });
    }
    const coded = z.safeParse(codeBody, body);
    if (coded.success) {
      const { code, message } = coded.data;
      return new HelpdeskError(KIND_BY_CODE[code] ?? kindForStatus(status), { status, code, detail: message || code });
    }
    // A wrong verb, Accept or Content-Type: the relay or this adapter does not speak Freshdesk's way.
    if ([405, 406, 415].includes(status)) return new HelpdeskError('setup', { status, detail: `HTTP ${status} from the Freshdesk relay` });
    if (status === 401) return new HelpdeskError('auth', { status, detail: 'the relay found no signed-in person (host session ended?)' });
    return undefined;
  }
}
