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
 * page). Newest activity first would need every page on each refresh; instead the list is
 * read newest opened first, only as far as the pages asked for (`TicketWalk`): the first
 * page of the list costs one or two requests for most people, and a few one-row probes for
 * a long list. `<ticket-list>` sorts what it holds by activity. The next pages of one list
 * continue the same walk while they come within a minute of each other.
 *
 * Refusals a person cannot act on by retrying say why (`HelpdeskError.reason`): a password
 * of an account with two-factor authentication (Zammad refuses Basic auth for it: an access
 * token is needed), and a group the customer may not create tickets in (Zammad answers that
 * with a masked 422: the configuration's `backend.group` is named).
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
import type { ZammadBackendConfig } from './config.js';
import type { ArticleSource } from '../../core/articles.js';
import { HelpdeskError, type HelpdeskErrorKind } from '../../core/errors.js';
import { TicketWalk, ZAMMAD_PAGE, ticketProbe } from './ticket-walk.js';
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
import { forCaller, kindForStatus, requestBlob, requestJson, type HttpRequest, type HttpResponse } from '../http.js';
import { buildTicketContent, textToHtml } from '../message.js';
import type { CallOptions, CreateTicketOptions, Credentials, CredentialsProvider, HelpdeskBackend } from '../types.js';
import { ZAMMAD_CAPABILITIES } from './capabilities.js';
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
} from './answers.js';

type Held = Credentials | CredentialsProvider | undefined;

/** The list being read: its walk, when a page of it was last asked for, and the signal of the call reading it now. */
interface ListWalk {
  at: number;
  signal?: AbortSignal;
  walk: Promise<TicketWalk>;
}

/** How long after a page of the list its next page still continues the same walk. */
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
 * Zammad's answer to an unexpected error for anyone but an admin (HandlesErrors#humanize_error,
 * `app/controllers/application_controller/handles_errors.rb`, 6.6.x): the cause stays in its log
 * under this id. A core-workflow refusal (a group, state or priority a customer may not choose)
 * comes this way, as a 422.
 */
export const MASKED_ERROR = /^Error ID [\w-]+: Please contact your administrator\.?$/;

/**
 * `app/controllers/application_controller/authenticates.rb` (6.6.x): Basic auth with the right
 * password of an account that has a two-factor method set up.
 */
const TWO_FACTOR = /^Two-factor authentication is not supported with HTTP BasicAuth/i;

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
  if (status === 401 && TWO_FACTOR.test(message)) {
    const detail = `${message} Zammad takes an access token (Authorization: Token token=…) from an account with two-factor authentication: give one as backend.auth.userToken or element.credentials.`;
    return new HelpdeskError('auth', { status, detail, reason: 'two-factor' });
  }
  return new HelpdeskError(kindOf(status, message), { status, detail: message });
}

/**
 * A 422 to `POST /tickets` that names the group, or is masked: what Zammad answers when the
 * configured group is unknown or not one a customer may create tickets in
 * (`CoreWorkflow::Attributes::Group` offers a customer the active groups of the
 * `customer_ticket_create_group_ids` setting, every active group when it is empty;
 * `ChecksCoreWorkflow#check_restrict_values` refuses any other, masked for a customer).
 */
function groupRefusal(error: unknown, group: string, prioritySent: boolean): HelpdeskError | undefined {
  if (!(error instanceof HelpdeskError) || error.status !== 422 || !error.detail) return undefined;
  const masked = MASKED_ERROR.test(error.detail);
  if (!masked && !/["']group(_id)?["']/i.test(error.detail)) return undefined;
  const also = masked && prioritySent ? ' A core workflow that forbids customers to set the priority is answered the same way: then set backend.priority to false.' : '';
  const detail =
    `Zammad refused a ticket in the group "${group}" (backend.group): ${error.detail.replace(/[.!]?$/, '.')} ` +
    'A customer may create tickets only in the active groups listed in Admin › Channels › Web › "Group selection for Ticket creation" (every active group when none is listed).' +
    also +
    (masked ? " The Error ID finds the cause in Zammad's log." : '');
  return new HelpdeskError('setup', { status: 422, detail, fields: ['backend.group'], reason: 'group-refused', cause: error });
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
  /** The list being read. */
  #walk?: ListWalk;

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

  async findSubmission(submissionId: string, ticket: NewTicket, { signal }: CallOptions = {}): Promise<{ id: string } | undefined> {
    const found = await this.#findSubmission(ticket.title, markerOf(submissionId), signal);
    return found === undefined ? undefined : { id: String(found) };
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
      this.#walk = undefined;
      return { id: String(created.id), url: this.#ticketUrl(String(created.id)), failedAttachments };
    } catch (error) {
      throw groupRefusal(error, this.#config.group, priority !== undefined) ?? this.#slowCreate(error);
    }
  }

  /** The error of a create that timed out, with the wait before the attempt that looks for it. */
  #slowCreate(error: unknown): unknown {
    // A Zammad too slow to answer may still be committing the ticket: the next attempt, which
    // looks for it first, must come after that, so not before twice the time given up on.
    if ((error as HelpdeskError | undefined)?.kind !== 'timeout') return error;
    const retryAfter = Math.ceil((2 * this.#config.timeout) / 1000);
    return new HelpdeskError('timeout', { detail: (error as HelpdeskError).detail, retryAfter, cause: error });
  }

  /**
   * The ticket an earlier attempt created with this marker, among the person's newest tickets
   * of the same title: the list is read back from its newest page until enough of them are found.
   */
  async #findSubmission(title: string, marker: string, signal?: AbortSignal): Promise<number | undefined> {
    const [me, walk] = await Promise.all([this.#whoAmI(signal), this.#openWalk(() => signal)]);
    const candidates = () => walk.tickets.filter((ticket) => ticket.customer_id === me.id && sameTitle(ticket.title, title));
    while (candidates().length < CANDIDATES && !walk.done) await walk.more();
    for (const candidate of candidates().slice(0, CANDIDATES)) {
      const articles = await this.#call(articleList, `ticket_articles/by_ticket/${candidate.id}`, signal);
      if (articles.some((article) => article.message_id === marker)) return candidate.id;
    }
    return undefined;
  }

  async listTickets({ scope, start, limit }: TicketPageQuery, { signal }: CallOptions = {}): Promise<TicketPage> {
    let held = this.#walk;
    if (start === 0 || !held || Date.now() - held.at > SNAPSHOT_MS) {
      const caller: { signal?: AbortSignal } = { signal };
      const fresh: ListWalk = Object.assign(caller, { at: Date.now(), walk: this.#openWalk(() => caller.signal) });
      held = this.#walk = fresh;
      // A walk that could not start is not continued.
      fresh.walk.catch(() => this.#walk === fresh && (this.#walk = undefined));
    }
    // The pages this call reads go with its own signal.
    held.signal = signal;
    const [me, states, priorities, walk] = await Promise.all([this.#whoAmI(signal), this.#stateList(signal), this.#priorityList(signal), held.walk]);
    const mine = scope === 'mine';
    // A customer of a shared organisation also gets its tickets from Zammad.
    const rows = () => (mine ? walk.tickets.filter((ticket) => ticket.customer_id === me.id) : walk.tickets);
    const end = start + Math.max(limit, 0);
    while (rows().length < end && !walk.done) await walk.more();
    held.at = Date.now();
    const all = rows();
    const tickets = all.slice(start, end).map((ticket) => {
      const summary = summaryOf(ticket, states, priorities);
      if (!mine) summary.requester = ticket.customer_id === me.id ? (me.name ?? ticket.customer ?? undefined) : (ticket.customer ?? undefined);
      return summary;
    });
    // Every row's count is known from where the list ends; the person's own, once it was read to page 1.
    const total = walk.done ? all.length : mine ? undefined : walk.count;
    return { tickets, total, more: end < all.length || !walk.done };
  }

  /** A new newest-first reading of `GET /tickets`, its last page found; `signal` gives the current caller's. */
  async #openWalk(signal: () => AbortSignal | undefined): Promise<TicketWalk> {
    const walk = new TicketWalk({
      page: (number) => this.#call(ticketList, `tickets?expand=true&page=${number}&per_page=${ZAMMAD_PAGE}`, signal()),
      probe: (number, perPage) => this.#call(ticketProbe, `tickets?page=${number}&per_page=${perPage}`, signal()),
    });
    await walk.open();
    return walk;
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
    this.#walk = undefined;
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

  /** A change of state (with an article or not); a masked 422 is a core workflow refusing it to customers. */
  async #update(id: number, json: Record<string, unknown>, signal?: AbortSignal): Promise<ZammadTicket> {
    let ticket: ZammadTicket;
    try {
      ticket = await this.#call(ticketRecord, `tickets/${id}`, signal, { method: 'PUT', json });
    } catch (error) {
      if (!(error instanceof HelpdeskError && error.status === 422 && MASKED_ERROR.test(error.detail ?? ''))) throw error;
      const detail = `${error.detail} (a core workflow does not let customers make this change; the Error ID finds the rule in Zammad's log)`;
      throw new HelpdeskError('forbidden', { status: 422, detail, cause: error });
    }
    this.#walk = undefined;
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

  /**
   * The knowledge base (`capabilities.articles`): searched as nobody, as Zammad allows, so
   * that only what its public help center shows is found; read with the person's credentials.
   */
  articles(): Promise<ArticleSource> {
    return import('./articles.js').then(({ zammadArticles }) =>
      zammadArticles({
        search: (schema, path, json, signal) => this.#asNobody(schema, path, json, signal),
        read: (schema, path, signal) => this.#call(schema, path, signal),
        // Where the help center's pages are: Zammad's address when given, else beside the API root (a proxy path included).
        root: new URL(this.#config.webUrl ?? (this.#root() || '/'), new URL(this.#base, location.href)).href.replace(/\/+$/, ''),
      }),
    );
  }

  /** Zammad's web root: the API root without `/api/v1` (a same-origin proxy path such as `/zammad`). */
  #root(): string | undefined {
    return /(.*)\/api\/v1$/.exec(this.#base)?.[1];
  }

  #ticketUrl(id: string): string | undefined {
    const root = this.#root();
    return this.#config.ticketUrl?.replaceAll('{id}', id) ?? (root === undefined ? undefined : `${root}/#ticket/zoom/${id}`);
  }

  /** Who the credentials belong to: their id filters the list, their name labels it. */
  #whoAmI(signal?: AbortSignal): Promise<Me> {
    return forCaller((this.#me ??= this.#cached(
      () => this.#call(userRecord, 'users/me'),
      (user): Me => ({ id: user.id, name: `${user.firstname ?? ''} ${user.lastname ?? ''}`.trim() || user.login || undefined }),
      () => this.#me,
      () => (this.#me = undefined),
    )), signal);
  }

  /** The instance's states with their types; asked again when a ticket shows one not seen yet (an admin added it). */
  async #stateList(signal?: AbortSignal, wanted?: number): Promise<ZammadState[]> {
    const load = () =>
      (this.#states = this.#cached(
        () => this.#call(stateList, 'ticket_states?expand=true'),
        (states) => states,
        () => this.#states,
        () => (this.#states = undefined),
      ));
    const states = await forCaller(this.#states ?? load(), signal);
    return wanted === undefined || states.some((state) => state.id === wanted) ? states : forCaller(load(), signal);
  }

  /** The instance's priorities; without them (a refusal) tickets simply show no urgency and take Zammad's default. */
  #priorityList(signal?: AbortSignal): Promise<ZammadPriority[]> {
    const load = () =>
      this.#call(priorityList, 'ticket_priorities').catch((error: unknown) => {
        if (/forbidden|not-found/.test((error as HelpdeskError | undefined)?.kind ?? '')) return [];
        throw error;
      });
    return forCaller((this.#priorities ??= this.#cached(load, (priorities) => priorities, () => this.#priorities, () => (this.#priorities = undefined))), signal);
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

  /** A POST without any credentials: a refusal forgets nothing, since none were sent. */
  async #asNobody<T extends z.ZodMiniType>(schema: T, path: string, json: unknown, signal?: AbortSignal): Promise<z.infer<T>> {
    const response = await requestJson({ ...this.#request(path, {}, signal), method: 'POST', json });
    return parseAnswer(schema, response.body, path);
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
    this.#walk = undefined;
  }
}
