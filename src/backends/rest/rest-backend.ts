/**
 * The host application's own endpoint speaking our REST protocol
 * (docs/rest-protocol.md, schema/rest-protocol.schema.json) behind HelpdeskBackend.
 *
 * Auth is the host's: its session cookie (same origin by default) or a bearer token.
 * There is nothing to open or keep, so a refused call is 'auth' and the host decides
 * what signing in means. Every call carries `X-Requested-With`, which a form on
 * another site cannot send: the server's CSRF check for cookie-authenticated changes.
 *
 * Exactly once: a new ticket is sent with `Idempotency-Key` = the submission id, and the
 * server answers the same ticket for the same key, so an attempt that may follow a lost
 * answer is simply sent again — no search, and the files went in the same request.
 */
import type { RestBackendConfig } from './config.js';
import type { ArticleSource } from '../../core/articles.js';
import { HelpdeskError, toHelpdeskError, type HelpdeskErrorKind } from '../../core/errors.js';
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
  TicketType,
} from '../../core/ticket.js';
import { buildTicketContent, buildTicketText } from '../message.js';
import { kindForStatus, parseRetryAfter, requestBlob, requestJson, type HttpRequest, type HttpResponse } from '../http.js';
import type { BackendCapabilities, CallOptions, CreateTicketOptions, Credentials, CredentialsProvider, HelpdeskBackend } from '../types.js';
import { restCapabilities } from './capabilities.js';
import {
  categoriesAnswer,
  categoryOf,
  createdAnswer,
  detailAnswer,
  detailOf,
  pageAnswer,
  parseAnswer,
  postedAnswer,
  problemAnswer,
  summaryAnswer,
  summaryOf,
} from './answers.js';
import * as z from 'zod/mini';

type Held = Credentials | CredentialsProvider | undefined;
type Transition = 'close' | 'reopen' | 'approve' | 'refuse';

/** The problem codes whose status alone would say less (docs/rest-protocol.md, "Errors"). */
const KIND_BY_CODE: Record<string, HelpdeskErrorKind> = {
  unauthenticated: 'auth',
  forbidden: 'forbidden',
  'not-found': 'not-found',
  invalid: 'validation',
  'not-allowed': 'validation',
  'key-reused': 'validation',
  'too-large': 'validation',
  // The same Idempotency-Key is still being processed: the ticket will exist, ask again later.
  'in-progress': 'server',
  'rate-limited': 'rate-limited',
  'server-error': 'server',
};

/** The HelpdeskError a problem answer means; a body that is not a problem falls back to the status. */
function restError({ status, headers, body }: HttpResponse): HelpdeskError {
  const parsed = z.safeParse(problemAnswer, body);
  const problem = parsed.success ? parsed.data : {};
  return new HelpdeskError((problem.code && KIND_BY_CODE[problem.code]) || kindForStatus(status), {
    status,
    code: problem.code,
    detail: problem.detail || problem.title || `HTTP ${status}`,
    fields: problem.fields,
    retryAfter: parseRetryAfter(headers.get('Retry-After')),
  });
}

/** Files refused by the server, or not sent at all when the host declared no attachments. */
const failed = (files: readonly { name: string; reason: string }[] | undefined) => (files ?? []).map(({ name, reason }) => ({ name, reason }));

export class RestBackend implements HelpdeskBackend {
  readonly type = 'rest';
  readonly capabilities: BackendCapabilities;
  /** The protocol answers a repeated `Idempotency-Key` with the same ticket, and `409 in-progress` while the first is processed. */
  readonly recognisesSubmissions = true;

  #config: RestBackendConfig;
  #base: string;
  #held: Held;

  constructor(config: RestBackendConfig) {
    this.#config = config;
    this.#base = config.url.replace(/\/+$/, '');
    this.capabilities = restCapabilities(config);
    this.#held = config.auth;
  }

  /** The host's session cookie may always be there: whether it is valid, only the server says. */
  hasCredentials(): boolean {
    return true;
  }

  setCredentials(credentials: Held): void {
    this.#held = credentials ?? this.#config.auth;
  }

  /** Holds a token given by the host and checks it with the cheapest call; a login and password mean nothing here. */
  async signIn(credentials?: Credentials, { signal }: CallOptions = {}): Promise<void> {
    if (credentials && !('userToken' in credentials)) {
      throw new HelpdeskError('setup', { detail: 'the REST protocol takes a bearer token or the host session, not a password' });
    }
    if (credentials) this.#held = credentials;
    await this.listTickets({ scope: 'mine', start: 0, limit: 1 }, { signal });
  }

  async signOut(): Promise<void> {
    // The host's session is the host's to end.
    this.#held = this.#config.auth;
  }

  async listCategories(type: TicketType, { signal }: CallOptions = {}): Promise<Category[]> {
    if (!this.capabilities.categories) return [];
    const answer = await this.#get(categoriesAnswer, `categories?type=${type}`, signal);
    return answer.categories.map(categoryOf).filter((category) => category.types.includes(type));
  }

  async listEquipment(): Promise<EquipmentItem[]> {
    return [];
  }

  async createTicket(ticket: NewTicket, { signal, submissionId }: CreateTicketOptions = {}): Promise<CreatedTicket> {
    const body = {
      type: ticket.type,
      urgency: ticket.urgency,
      title: ticket.title,
      description: ticket.description,
      content: { text: buildTicketText(ticket), html: buildTicketContent(ticket) },
      answers: ticket.answers.map(({ id, label, value }) => ({ id, label, value })),
      categoryId: this.capabilities.categories ? ticket.categoryId : undefined,
      callbackPhone: ticket.callbackPhone,
      followUp: ticket.followUp && { byEmail: ticket.followUp.byEmail, email: ticket.followUp.email },
      lang: navigator.language,
    };
    // `mayExist` needs nothing more: the server answers the ticket it already made for this key.
    const headers: Record<string, string> = submissionId ? { 'Idempotency-Key': submissionId } : {};
    const { files, refused } = this.#files(ticket.attachments);
    const answer = await this.#post(createdAnswer, 'tickets', headers, signal, this.#body(body, 'ticket', files));
    const id = String(answer.id);
    return {
      id,
      url: answer.url ?? this.#config.ticketUrl?.replaceAll('{id}', encodeURIComponent(id)),
      failedAttachments: [...refused, ...failed(answer.rejectedFiles)],
    };
  }

  async listTickets({ scope, start, limit }: TicketPageQuery, { signal }: CallOptions = {}): Promise<TicketPage> {
    if (scope === 'organisation' && !this.capabilities.organisationTickets) {
      throw new HelpdeskError('setup', { detail: 'features.organisationTickets is off' });
    }
    const answer = await this.#get(pageAnswer, `tickets?scope=${scope}&start=${start}&limit=${Math.max(limit, 1)}`, signal);
    return { tickets: answer.tickets.map(summaryOf), total: answer.total, more: answer.more };
  }

  async getTicket(id: string, { signal }: CallOptions = {}): Promise<TicketDetail> {
    const detail = detailOf(await this.#get(detailAnswer, `tickets/${this.#segment(id)}`, signal), this.capabilities.approval);
    detail.url ??= this.#config.ticketUrl?.replaceAll('{id}', encodeURIComponent(detail.id));
    return detail;
  }

  async downloadDocument(ticketId: string, document: TicketDocument, { signal }: CallOptions = {}): Promise<Blob> {
    const path = `tickets/${this.#segment(ticketId)}/documents/${this.#segment(document.id)}`;
    const blob = await requestBlob(await this.#request(path, signal));
    // A page or an error body instead of the file: the URL does not reach the protocol's route.
    const type = blob.type.split(';')[0];
    if (/^(text\/html|application\/(problem\+)?json)$/.test(type) && type !== document.mime) {
      throw new HelpdeskError('bad-response', { detail: `${path}: ${type} instead of the file` });
    }
    return blob;
  }

  async reply(ticketId: string, { text, attachments }: TicketReply, { signal }: CallOptions = {}): Promise<PostedReply> {
    const { files, refused } = this.#files(attachments);
    if (!text.trim() && !files.length) throw new HelpdeskError('validation', { fields: ['text'], detail: 'an empty reply' });
    const answer = await this.#post(postedAnswer, `tickets/${this.#segment(ticketId)}/replies`, {}, signal, this.#body({ text: text.trim() }, 'text', files));
    return { failedAttachments: [...refused, ...failed(answer.rejectedFiles)] };
  }

  async approveSolution(ticketId: string, options?: CallOptions): Promise<void> {
    await this.#transition(ticketId, 'approve', undefined, options);
  }

  async refuseSolution(ticketId: string, reason: string, options?: CallOptions): Promise<void> {
    await this.#transition(ticketId, 'refuse', reason, options);
  }

  async closeTicket(ticketId: string, options?: CallOptions): Promise<void> {
    await this.#transition(ticketId, 'close', undefined, options);
  }

  async reopenTicket(ticketId: string, reason: string, options?: CallOptions): Promise<void> {
    await this.#transition(ticketId, 'reopen', reason, options);
  }

  articles(): Promise<ArticleSource> {
    return import('./articles.js').then(({ restArticles }) => restArticles((schema, path, signal) => this.#get(schema, path, signal)));
  }

  async #transition(ticketId: string, action: Transition, reason: string | undefined, { signal }: CallOptions = {}): Promise<void> {
    if (reason !== undefined && !reason.trim()) throw new HelpdeskError('validation', { fields: ['reason'], detail: 'a reason is needed' });
    if ((action === 'approve' || action === 'refuse') && !this.capabilities.approval) {
      throw new HelpdeskError('setup', { detail: 'features.approval is off' });
    }
    await this.#post(summaryAnswer, `tickets/${this.#segment(ticketId)}/transitions`, {}, signal, { json: { action, reason: reason?.trim() } });
  }

  /** The files that may go: all when the host declared attachments, none otherwise (each said refused). */
  #files(files: readonly File[]): { files: readonly File[]; refused: PostedReply['failedAttachments'] } {
    if (this.capabilities.attachments) return { files, refused: [] };
    return { files: [], refused: files.map((file) => ({ name: file.name, reason: 'this helpdesk takes no files' })) };
  }

  /** JSON alone, or a multipart form with the JSON (or the reply's text) in `field` and each file as `files`. */
  #body(json: Record<string, unknown>, field: 'ticket' | 'text', files: readonly File[]): Pick<HttpRequest, 'json' | 'form'> {
    if (!files.length) return { json };
    const form = new FormData();
    form.append(field, field === 'text' ? String(json.text) : JSON.stringify(json));
    for (const file of files) form.append('files', file, file.name);
    return { form };
  }

  /** A path segment from an id: whatever the server chose, it stays one segment. */
  #segment(id: string): string {
    if (!id) throw new HelpdeskError('not-found', { detail: 'an empty id' });
    return encodeURIComponent(id);
  }

  async #get<T extends z.ZodMiniType>(schema: T, path: string, signal?: AbortSignal): Promise<z.infer<T>> {
    const response = await requestJson(await this.#request(path, signal));
    return parseAnswer(schema, response.body, path.split('?')[0]);
  }

  /** A POST, sent once: the adapter never repeats a call that may have changed something. */
  async #post<T extends z.ZodMiniType>(
    schema: T,
    path: string,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
    body: Pick<HttpRequest, 'json' | 'form'>,
  ): Promise<z.infer<T>> {
    const request = await this.#request(path, signal);
    const response = await requestJson({ ...request, ...body, method: 'POST', headers: { ...request.headers, ...headers } });
    return parseAnswer(schema, response.body, path);
  }

  /** What every call shares: URL, auth, the CSRF header, cookies as configured, the timeout, the problem bodies. */
  async #request(path: string, signal?: AbortSignal): Promise<HttpRequest> {
    const { timeout, cookies } = this.#config;
    const held = this.#held;
    let credentials: Credentials | undefined;
    try {
      credentials = typeof held === 'function' ? await held() : held;
    } catch (error) {
      throw new HelpdeskError('auth', { detail: 'the host could not give a token', cause: toHelpdeskError(error) });
    }
    const headers: Record<string, string> = { ...this.#config.headers, 'X-Requested-With': 'support-widgets' };
    if (credentials && 'userToken' in credentials) headers.Authorization = `Bearer ${credentials.userToken}`;
    return { url: `${this.#base}/${path}`, headers, timeout, signal, credentials: cookies, endpointName: 'the support API', toError: restError };
  }
}
