/**
 * Zammad's REST API (`/api/v1`, BACKENDS.md §4) behind HelpdeskBackend, as the person's
 * own customer account.
 *
 * Auth: every call carries `Authorization`, either `Token token=<access token>` or Basic
 * with the person's login and password. Zammad keeps no API session, so a password stays
 * in this object's memory for as long as the page lives (never in any storage) and is
 * dropped as soon as Zammad refuses it. Zammad's CORS preflight does not allow the
 * `Authorization` header (§4.6): the URL is a same-origin reverse-proxy path.
 *
 * The list: `GET /tickets` gives what the customer may see ordered by id, with no sort
 * parameter and no total (TicketsController#index, `reorder(id: :asc)`, at most 100 a
 * page). Newest activity first therefore needs every page: they are read (100 at a time,
 * until a page comes back short), sorted by `updated_at`, and kept for a minute so that
 * the next pages of the same list come from the same snapshot.
 *
 * Exactly once: the submission id goes into the first article's `message_id`, which a
 * customer may set and Zammad keeps as given (CreatesTicketArticles only forces sender,
 * type and visibility). A retry that may follow a lost answer looks among the customer's
 * tickets with the same title, read from the database through `GET /tickets` (search
 * goes through Elasticsearch, which indexes with a delay and may be absent), and at their
 * articles' message ids. The ticket, its article and its files are created by one request
 * in one transaction, so a ticket found this way has its files.
 */
import * as z from 'zod/mini';
import type { ZammadBackendConfig } from '../../core/config.js';
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
  TicketScope,
  TicketSummary,
} from '../../core/ticket.js';
import { kindForStatus, requestBlob, requestJson, type HttpRequest, type HttpResponse } from '../http.js';
import { buildTicketContent, textToHtml } from '../message.js';
import type { CallOptions, CreateTicketOptions, Credentials, CredentialsProvider, HelpdeskBackend } from '../types.js';
import { ZAMMAD_CAPABILITIES } from './descriptor.js';
import {
  articleList,
  articleRecord,
  errorBody,
  priorityFor,
  priorityList,
  sameTitle,
  stateList,
  stateTypeOf,
  summaryOf,
  threadOf,
  ticketList,
  ticketRecord,
  userRecord,
  type ZammadPriority,
  type ZammadState,
  type ZammadTicket,
} from './tickets.js';

type Held = Credentials | CredentialsProvider | undefined;

/** TicketsController#index gives at most 100 tickets a page. */
const PAGE = 100;
/** 20 000 tickets at most, against a server whose pages never end. */
const MAX_PAGES = 200;
/** How long the next pages of a list come from the snapshot its first page made. */
const SNAPSHOT_MS = 60_000;
/** Same-titled tickets looked at for a submission id, newest first. */
const CANDIDATES = 20;

/** The Message-ID-shaped marker of a submission (`.invalid`: no mail system will ever use it). */
const markerOf = (submissionId: string) => `<${submissionId}@support-widgets.invalid>`;

/** Parses an answer; a wrong shape is a 'bad-response' saying where. */
function parseAnswer<T extends z.ZodMiniType>(schema: T, body: unknown, path: string): z.infer<T> {
  const result = z.safeParse(schema, body);
  if (result.success) return result.data;
  const { path: at, message } = result.error.issues[0];
  throw new HelpdeskError('bad-response', { detail: `${path.split('?')[0]} answer: ${message} at /${at.join('/')}` });
}

/**
 * What a refusal means. 401 is always the credentials; a 403 "Authentication required"
 * means none arrived (a proxy that drops the header); a kind of access the admin turned
 * off, or a group or priority the instance refuses, is the widget's setup; a closed
 * ticket whose group wants a new ticket cannot be reopened.
 */
function kindOf(status: number, message: string): HelpdeskErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) {
    if (/^Authentication required/i.test(message)) return 'auth';
    if (/access disabled/i.test(message)) return 'setup';
    return /maintenance/i.test(message) ? 'server' : 'forbidden';
  }
  if (status === 422) {
    if (/follow-up on a closed ticket/i.test(message)) return 'forbidden';
    if (/["'](group|priority)(_id)?["']/i.test(message)) return 'setup';
    if (/["']state(_id)?["']/i.test(message)) return 'forbidden';
  }
  return kindForStatus(status);
}

/** Zammad's `{error, error_human}` (or, without a JSON body, its X-Failure header) as a HelpdeskError. */
function zammadError({ status, body, headers }: HttpResponse): HelpdeskError | undefined {
  const parsed = z.safeParse(errorBody, body);
  const message = parsed.success ? parsed.data.error_human || parsed.data.error : headers.get('X-Failure');
  if (!message) return undefined;
  return new HelpdeskError(kindOf(status, message), { status, detail: message });
}

/** Basic auth of UTF-8 text (btoa alone only takes Latin-1). */
const basic = (login: string, password: string) => `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${login}:${password}`)))}`;

const authorizationOf = (credentials: Credentials) =>
  'userToken' in credentials ? `Token token=${credentials.userToken}` : basic(credentials.login, credentials.password);

/** A file as Zammad takes it inside an article: base64 in the JSON. */
async function attachmentOf(file: File): Promise<{ filename: string; data: string; 'mime-type': string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return { filename: file.name, data: btoa(binary), 'mime-type': file.type || 'application/octet-stream' };
}

type Attachment = Awaited<ReturnType<typeof attachmentOf>>;

/** A public article from the person: HTML, a note (what customers may write). */
const articleOf = (body: string, attachments: Attachment[] = []) => ({ body, content_type: 'text/html', type: 'note', internal: false, attachments });

/** Ticket ids are integers; anything else cannot be a Zammad ticket. */
function ticketIdOf(value: string): number {
  if (!/^\d+$/.test(value)) throw new HelpdeskError('not-found', { detail: `${value} is not a Zammad ticket id` });
  return Number(value);
}

/** The state a closed ticket gets: the active state of type closed, "closed" by preference. */
function closedState(states: readonly ZammadState[]): ZammadState {
  const closed = states.filter((state) => state.active !== false && stateTypeOf(state) === 'closed');
  const state = closed.find((one) => one.name === 'closed') ?? closed[0];
  if (!state) throw new HelpdeskError('setup', { detail: 'Zammad has no active state of type "closed"' });
  return state;
}

/** The state a follow-up gives (`default_follow_up`, "open" by default). */
function followUpState(states: readonly ZammadState[]): ZammadState {
  const active = states.filter((state) => state.active !== false);
  const state = active.find((one) => one.default_follow_up) ?? active.find((one) => stateTypeOf(one) === 'open');
  if (!state) throw new HelpdeskError('setup', { detail: 'Zammad has no active state of type "open"' });
  return state;
}

interface Me {
  id: number;
  name?: string;
}

export class ZammadBackend implements HelpdeskBackend {
  readonly type = 'zammad';
  readonly capabilities = ZAMMAD_CAPABILITIES;

  #config: ZammadBackendConfig;
  #base: string;
  #held: Held;
  /** What the provider gave, asked once and again after a refusal. */
  #provided?: Promise<Credentials | undefined>;
  #me?: Promise<Me>;
  #states?: Promise<ZammadState[]>;
  #priorities?: Promise<ZammadPriority[]>;
  #snapshot?: { scope: TicketScope; at: number; tickets: TicketSummary[] };

  constructor(config: ZammadBackendConfig) {
    this.#config = config;
    this.#base = config.url.replace(/\/+$/, '');
    this.#held = config.auth;
  }

  hasCredentials(): boolean {
    return Boolean(this.#held);
  }

  setCredentials(credentials: Held): void {
    const held = this.#held as { userToken?: string } | undefined;
    if (credentials === held || (credentials && 'userToken' in credentials && credentials.userToken === held?.userToken)) return;
    this.#hold(credentials);
  }

  async signIn(credentials?: Credentials, { signal }: CallOptions = {}): Promise<void> {
    if (credentials) this.#hold(credentials);
    // Nothing to open: asking who the person is checks the credentials.
    await this.#whoAmI(signal);
  }

  async signOut(): Promise<void> {
    // Zammad keeps no API session: forgetting the credentials is all there is.
    this.#hold(undefined);
  }

  async listCategories(): Promise<Category[]> {
    return [];
  }

  async listEquipment(): Promise<EquipmentItem[]> {
    return [];
  }

  async createTicket(ticket: NewTicket, { signal, submissionId, mayExist }: CreateTicketOptions = {}): Promise<CreatedTicket> {
    const marker = submissionId ? markerOf(submissionId) : undefined;
    if (marker && mayExist) {
      const found = await this.#findSubmission(ticket.title, marker, signal);
      if (found !== undefined) return { id: String(found), url: this.#ticketUrl(String(found)), failedAttachments: [] };
    }
    const priority = this.#config.priority ? priorityFor(ticket.urgency, await this.#priorityList(signal)) : undefined;
    const body = buildTicketContent(ticket);
    try {
      const [created, failedAttachments] = await this.#withFiles(ticket.attachments, (attachments) =>
        this.#call(ticketRecord, 'tickets', signal, {
          method: 'POST',
          json: {
            title: ticket.title,
            group: this.#config.group,
            // Left out of the JSON when undefined: Zammad then uses its default priority.
            priority_id: priority?.id,
            article: { subject: ticket.title, ...articleOf(body, attachments), message_id: marker },
          },
        }),
      );
      this.#snapshot = undefined;
      return { id: String(created.id), url: this.#ticketUrl(String(created.id)), failedAttachments };
    } catch (error) {
      // A Zammad too slow to answer may still be committing the ticket: the next attempt, which
      // looks for it first, must come after that, so not before twice the time given up on.
      if ((error as HelpdeskError | undefined)?.kind !== 'timeout') throw error;
      const retryAfter = Math.ceil((2 * this.#config.timeout) / 1000);
      throw new HelpdeskError('timeout', { detail: (error as HelpdeskError).detail, retryAfter, cause: error });
    }
  }

  /** The ticket an earlier attempt created with this marker, among the person's tickets of the same title. */
  async #findSubmission(title: string, marker: string, signal?: AbortSignal): Promise<number | undefined> {
    const [me, tickets] = await Promise.all([this.#whoAmI(signal), this.#allTickets(signal)]);
    const candidates = tickets
      .filter((ticket) => ticket.customer_id === me.id && sameTitle(ticket.title, title))
      .sort((a, b) => b.id - a.id)
      .slice(0, CANDIDATES);
    for (const candidate of candidates) {
      const articles = await this.#call(articleList, `ticket_articles/by_ticket/${candidate.id}`, signal);
      if (articles.some((article) => article.message_id === marker)) return candidate.id;
    }
    return undefined;
  }

  async listTickets({ scope, start, limit }: TicketPageQuery, { signal }: CallOptions = {}): Promise<TicketPage> {
    let snapshot = this.#snapshot;
    if (start === 0 || !snapshot || snapshot.scope !== scope || Date.now() - snapshot.at > SNAPSHOT_MS) {
      const [me, tickets, states, priorities] = await Promise.all([
        this.#whoAmI(signal),
        this.#allTickets(signal),
        this.#stateList(signal),
        this.#priorityList(signal),
      ]);
      const mine = scope === 'mine';
      const rows = tickets
        // A customer of a shared organisation also gets its tickets from Zammad.
        .filter((ticket) => !mine || ticket.customer_id === me.id)
        .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at) || b.id - a.id)
        .map((ticket) => {
          const summary = summaryOf(ticket, states, priorities);
          if (!mine) summary.requester = ticket.customer_id === me.id ? (me.name ?? ticket.customer ?? undefined) : (ticket.customer ?? undefined);
          return summary;
        });
      snapshot = this.#snapshot = { scope, at: Date.now(), tickets: rows };
    }
    const tickets = snapshot.tickets.slice(start, start + Math.max(limit, 0));
    return { tickets, total: snapshot.tickets.length, more: start + tickets.length < snapshot.tickets.length };
  }

  /** Every ticket the person may see, page after page until one comes back short; ids ascending, as Zammad gives them. */
  async #allTickets(signal?: AbortSignal): Promise<ZammadTicket[]> {
    const rows: ZammadTicket[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const batch = await this.#call(ticketList, `tickets?expand=true&page=${page}&per_page=${PAGE}`, signal);
      rows.push(...batch);
      if (batch.length < PAGE) break;
    }
    // New tickets only append to an id-ordered list; a ticket deleted meanwhile could repeat one.
    return [...new Map(rows.map((row) => [row.id, row])).values()];
  }

  async getTicket(ticketId: string, { signal }: CallOptions = {}): Promise<TicketDetail> {
    const id = ticketIdOf(ticketId);
    const [ticket, articles, priorities] = await Promise.all([
      this.#call(ticketRecord, `tickets/${id}?expand=true`, signal),
      this.#call(articleList, `ticket_articles/by_ticket/${id}`, signal),
      this.#priorityList(signal),
      this.#stateList(signal),
    ]);
    // Known by now, unless the ticket is in a state added since they were read.
    const states = await this.#stateList(signal, ticket.state_id);
    const summary = summaryOf(ticket, states, priorities);
    const { group } = summary.status;
    return {
      ...summary,
      entries: threadOf(articles, group),
      // Zammad attaches every file to an article.
      documents: [],
      closesAt: group === 'solved' && ticket.pending_time ? new Date(ticket.pending_time) : undefined,
      actions: {
        // A customer's article does not reopen a closed ticket: reopening (with the reason) does.
        reply: group !== 'closed',
        approve: group === 'solved',
        close: group !== 'closed',
        // Merged and removed tickets are gone for good.
        reopen: stateTypeOf(states.find((state) => state.id === ticket.state_id)) === 'closed',
      },
      url: this.#ticketUrl(String(id)),
    };
  }

  async downloadDocument(ticketId: string, document: TicketDocument, { signal }: CallOptions = {}): Promise<Blob> {
    const id = ticketIdOf(ticketId);
    const match = /^(\d+)\/(\d+)$/.exec(document.id);
    if (!match) throw new HelpdeskError('not-found', { detail: `${document.id} is not a Zammad attachment` });
    const path = `ticket_attachment/${id}/${match[1]}/${match[2]}`;
    // `*/*`: Rails answers errors as JSON then (an HTML page for a non-JSON Accept).
    const blob = await this.#authorized((authorization) => requestBlob(this.#request(path, { Authorization: authorization, Accept: '*/*' }, signal)));
    const type = blob.type.split(';')[0];
    if (/^(text\/html|application\/json)$/.test(type) && type !== document.mime) {
      throw new HelpdeskError('bad-response', { detail: `${path}: ${type} instead of the file` });
    }
    return blob;
  }

  /**
   * The person's reply, as Zammad's own customer screen sends it: on a new or open ticket
   * an article; on a pending one (waiting or solved) the article with the follow-up state
   * in one update, as a customer's email would, so that the agent sees the answer.
   */
  async reply(ticketId: string, { text, attachments }: TicketReply, { signal }: CallOptions = {}): Promise<PostedReply> {
    const id = ticketIdOf(ticketId);
    const body = textToHtml(text);
    if (!body && !attachments.length) throw new HelpdeskError('validation', { fields: ['text'], detail: 'an empty reply' });
    const [ticket, states] = await Promise.all([this.#call(ticketRecord, `tickets/${id}`, signal), this.#stateList(signal)]);
    const type = stateTypeOf(states.find((state) => state.id === ticket.state_id));
    const [, failedAttachments] = await this.#withFiles<unknown>(attachments, (files) =>
      type === 'new' || type === 'open'
        ? this.#call(articleRecord, 'ticket_articles', signal, { method: 'POST', json: { ticket_id: id, ...articleOf(body, files) } })
        : this.#update(id, { state_id: followUpState(states).id, article: articleOf(body, files) }, signal),
    );
    this.#snapshot = undefined;
    return { failedAttachments };
  }

  /** Approving a pending close: the ticket closes now rather than on its date. */
  async approveSolution(ticketId: string, options?: CallOptions): Promise<void> {
    await this.closeTicket(ticketId, options);
  }

  async refuseSolution(ticketId: string, reason: string, options?: CallOptions): Promise<void> {
    await this.reopenTicket(ticketId, reason, options);
  }

  async closeTicket(ticketId: string, { signal }: CallOptions = {}): Promise<void> {
    const id = ticketIdOf(ticketId);
    await this.#update(id, { state_id: closedState(await this.#stateList(signal)).id }, signal);
  }

  /** Back to the follow-up state with the reason as a public article, in one update. */
  async reopenTicket(ticketId: string, reason: string, { signal }: CallOptions = {}): Promise<void> {
    const id = ticketIdOf(ticketId);
    const body = textToHtml(reason);
    if (!body) throw new HelpdeskError('validation', { fields: ['reason'], detail: 'a reason is needed' });
    await this.#update(id, { state_id: followUpState(await this.#stateList(signal)).id, article: articleOf(body) }, signal);
  }

  async #update(id: number, json: Record<string, unknown>, signal?: AbortSignal): Promise<ZammadTicket> {
    const ticket = await this.#call(ticketRecord, `tickets/${id}`, signal, { method: 'PUT', json });
    this.#snapshot = undefined;
    return ticket;
  }

  /**
   * Sends with the files inline; when the reverse proxy refuses the body as too large (413,
   * before Zammad saw anything), sends again without them and reports them as refused.
   */
  async #withFiles<T>(files: readonly File[], send: (attachments: Attachment[]) => Promise<T>): Promise<[T, PostedReply['failedAttachments']]> {
    try {
      return [await send(await Promise.all(files.map(attachmentOf))), []];
    } catch (error) {
      if (!files.length || (error as HelpdeskError | undefined)?.status !== 413) throw error;
      const reason = 'too large for the server (HTTP 413)';
      return [await send([]), files.map((file) => ({ name: file.name, reason }))];
    }
  }

  #ticketUrl(id: string): string | undefined {
    const root = /(.*)\/api\/v1$/.exec(this.#base)?.[1];
    return this.#config.ticketUrl?.replaceAll('{id}', id) ?? (root === undefined ? undefined : `${root}/#ticket/zoom/${id}`);
  }

  /** Who the credentials belong to: their id filters the list, their name labels it. */
  #whoAmI(signal?: AbortSignal): Promise<Me> {
    return (this.#me ??= this.#cached(
      () => this.#call(userRecord, 'users/me', signal),
      (user): Me => ({ id: user.id, name: `${user.firstname ?? ''} ${user.lastname ?? ''}`.trim() || user.login || undefined }),
      () => this.#me,
      () => (this.#me = undefined),
    ));
  }

  /** The instance's states with their types; asked again when a ticket shows one not seen yet (an admin added it). */
  async #stateList(signal?: AbortSignal, wanted?: number): Promise<ZammadState[]> {
    const load = () =>
      (this.#states = this.#cached(
        () => this.#call(stateList, 'ticket_states?expand=true', signal),
        (states) => states,
        () => this.#states,
        () => (this.#states = undefined),
      ));
    const states = await (this.#states ?? load());
    return wanted === undefined || states.some((state) => state.id === wanted) ? states : load();
  }

  /** The instance's priorities; without them (a refusal) tickets simply show no urgency and take Zammad's default. */
  #priorityList(signal?: AbortSignal): Promise<ZammadPriority[]> {
    const load = () =>
      this.#call(priorityList, 'ticket_priorities', signal).catch((error: unknown) => {
        if (/forbidden|not-found/.test((error as HelpdeskError | undefined)?.kind ?? '')) return [];
        throw error;
      });
    return (this.#priorities ??= this.#cached(load, (priorities) => priorities, () => this.#priorities, () => (this.#priorities = undefined)));
  }

  /** A promise kept by the caller, dropped when it fails unless something newer replaced it already. */
  #cached<A, T>(load: () => Promise<A>, map: (answer: A) => T, current: () => Promise<T> | undefined, drop: () => void): Promise<T> {
    const promise = load().then(map);
    promise.catch(() => current() === promise && drop());
    return promise;
  }

  /** One JSON call, its answer checked against `schema`. */
  #call<T extends z.ZodMiniType>(schema: T, path: string, signal?: AbortSignal, body?: { method: 'POST' | 'PUT'; json: unknown }): Promise<z.infer<T>> {
    return this.#authorized(async (authorization) => {
      const response = await requestJson({ ...this.#request(path, { Authorization: authorization }, signal), ...body });
      return parseAnswer(schema, response.body, path);
    });
  }

  /** Runs `send` with the Authorization header; credentials Zammad refuses are forgotten (a password, what a provider gave). */
  async #authorized<T>(send: (authorization: string) => Promise<T>): Promise<T> {
    const provided = typeof this.#held === 'function' ? (this.#provided ??= Promise.resolve(this.#held())) : undefined;
    const credentials = provided ? await provided : this.#held;
    if (!credentials || typeof credentials === 'function') {
      if (provided && this.#provided === provided) this.#provided = undefined;
      throw new HelpdeskError('auth', { detail: 'no credentials' });
    }
    try {
      return await send(authorizationOf(credentials));
    } catch (error) {
      if ((error as HelpdeskError | undefined)?.kind === 'auth') {
        if (credentials === this.#held && 'password' in credentials) this.#hold(undefined);
        // Only if nothing newer was asked of the provider meanwhile.
        if (provided && this.#provided === provided) this.#provided = undefined;
        // Calls made together with this one are refused too: the next call must not wait for them.
        this.#me = this.#states = this.#priorities = undefined;
      }
      throw error;
    }
  }

  /** What every request shares: the URL, the timeout, Zammad's error bodies. */
  #request(path: string, headers: Record<string, string>, signal?: AbortSignal): HttpRequest {
    return { url: `${this.#base}/${path}`, headers, timeout: this.#config.timeout, signal, endpointName: "Zammad's /api/v1", toError: zammadError };
  }

  #hold(credentials: Held): void {
    this.#held = credentials;
    this.#provided = undefined;
    // Other credentials are another person: another list.
    this.#me = undefined;
    this.#snapshot = undefined;
  }
}
